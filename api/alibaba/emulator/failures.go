package emulator

import (
	"hash/fnv"
	"strings"
)

// failureLogs are the negotiation log texts the emulator writes for each
// kind of failure, as the service's IKE daemon prints them. Index 0 is the
// healthy case. Phase 1 failures come first, then phase 2; then the ones
// given to fixture connections by name (byName), after the drawn ones so
// the drawn world stays what it was.
var failureLogs = []struct {
	phase int // 0 healthy, 1 IKE, 2 IPsec
	lines []string
	// The service's diagnosis of this failure: code, reason, and the
	// mismatched parameters, local then remote.
	code, reason, local, remote string
	// byName: never drawn at random (failuresOfPhase skips it); a fixture
	// names it (failureNamed).
	byName bool
}{
	{0, []string{
		"[PROTO_NOTIFY]: isakmp.c:3002:isakmp_ph1expire(): ISAKMP-SA expired %s[500]-%s[500] spi:7a4f1c2d0e9b8a76:5c3d2e1f0a9b8c7d",
		"[PROTO_NOTIFY]: isakmp.c:1203:isakmp_ph1begin_i(): initiate new phase 1 negotiation: %s[500]<=>%s[500]",
		"[PROTO_NOTIFY]: isakmp.c:2912:isakmp_ph1established(): ISAKMP-SA established %s[500]-%s[500] spi:8b5e2d3c1f0a9b87:6d4e3f2a1b0c9d8e",
		"[PROTO_NOTIFY]: pfkey.c:1283:pk_recvupdate(): IPsec-SA established: ESP/Tunnel %s[500]->%s[500] spi=3281723521(0xc39b4a81)",
	}, "", "", "", "", false},
	{1, []string{
		"[PROTO_ERR]: ikev1.c:1433:isakmp_ph1resend(): phase1 negotiation failed due to time up. %s[500]<=>%s[500] 7a4f1c2d0e9b8a76:0000000000000000",
		"[PROTO_NOTIFY]: isakmp.c:2233:isakmp_ph1resend(): retransmit phase1 packet to %s[500]->%s[500]",
	}, "IkePeerNoResponse", "The peer did not answer IKE negotiation requests.", "", "", false},
	{1, []string{
		"[PROTO_ERR]: ikev1.c:2417:ikev1_ph1recv_psk(): couldn't find the pskey for %s. mismatch of preshared secrets between %s",
		"[PROTO_ERR]: oakley.c:2980:oakley_validate_auth(): could not decrypt payloads, probably a mismatch of preshared secrets",
	}, "IkePskMismatch", "The pre-shared keys of the two ends are different.", "Psk", "Psk", false},
	{1, []string{
		"[PROTO_ERR]: ikev2.c:1322:ikev2_ph1recv(): unknown ikev2 peer %s, drop packet from %s[500]",
	}, "IkeVersionMismatch", "The IKE versions of the two ends are different.", "IkeVersion=ikev2", "IkeVersion=ikev1", false},
	{1, []string{
		"[PROTO_ERR]: isakmp.c:1091:isakmp_ph1begin_r(): not acceptable Identity Protection mode from %s[500] to %s[500]",
	}, "IkeModeMismatch", "The IKE negotiation modes of the two ends are different.", "IkeMode=main", "IkeMode=aggressive", false},
	{1, []string{
		"[PROTO_ERR]: ipsec_doi.c:1213:get_ph1approvalx(): rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = AES-CBC:3DES-CBC; peer %s local %s",
		"[PROTO_ERR]: ipsec_doi.c:1254:get_ph1approval(): no suitable proposal found. %s[500]<=>%s[500]",
	}, "IkeAlgorithmMismatch", "The IKE encryption algorithms of the two ends are different.", "IkeEncAlg=aes", "IkeEncAlg=3des", false},
	{1, []string{
		"[PROTO_ERR]: isakmp_ident.c:1120:ident_r3recv(): remote id does not match peers id %s, expected %s",
	}, "IkeIdMismatch", "The identifiers of the two ends do not match.", "RemoteId", "LocalId", false},
	{2, []string{
		"[PROTO_ERR]: ipsec_doi.c:1689:get_ph2approvalx(): pfs group mismatched: my:2 peer:5 (%s -> %s)",
		"[PROTO_ERR]: isakmp_quick.c:2059:quick_r1recv(): no suitable proposal found. %s[500]<=>%s[500]",
	}, "IpsecPfsMismatch", "The IPsec PFS groups of the two ends are different.", "IpsecPfs=group2", "IpsecPfs=group5", false},
	{2, []string{
		"[PROTO_ERR]: policy.c:311:getsp_r(): traffic selector mismatch: no policy found for %s/24[0] <-> %s/24[0]",
		"[PROTO_ERR]: isakmp_quick.c:2096:quick_r1recv(): INVALID_ID_INFORMATION notify sent to %s from %s",
	}, "IpsecTrafficSelectorMismatch", "The local and remote CIDR blocks do not mirror each other.", "LocalSubnet", "RemoteSubnet", false},
	{2, []string{
		"[PROTO_ERR]: isakmp_quick.c:1712:quick_i1recv(): long lifetime proposed: my:86400 peer:3600 (%s <-> %s)",
	}, "IpsecLifetimeMismatch", "The IPsec SA lifetimes of the two ends are different.", "IpsecLifetime=86400", "IpsecLifetime=3600", false},
	{2, []string{
		"[PROTO_ERR]: isakmp_quick.c:1201:quick_i1send(): phase2 negotiation failed due to time up waiting for phase1. ESP %s[0]->%s[0]",
	}, "IkeSaNotEstablished", "Phase 2 waited for phase 1, which did not complete.", "", "", false},
	{2, []string{
		"[PROTO_ERR]: isakmp.c:2786:isakmp_info_recv_d(): DPD: remote seems to be dead. %s[4500]-%s[4500]",
		"[PROTO_NOTIFY]: isakmp_inf.c:903:purge_isakmp_spi(): purging ISAKMP-SA %s <-> %s",
	}, "DpdTimeout", "The peer stopped answering dead peer detection.", "", "", false},

	// The log keywords of Alibaba's error-code table (IPsec-VPN error codes
	// and log keywords, doc-detail/477862) that the drawn failures above
	// do not show, one fixture connection each (transitRouterConnections).
	{1, []string{
		"[PROTO_ERR]: ikev2.c:1544:ikev2_auth_recv(): authentication failure: AUTH payload of %s does not verify, peer %s",
	}, "IkePskMismatch", "The pre-shared keys of the two ends are different.", "Psk", "Psk", true},
	{1, []string{
		"[PROTO_ERR]: isakmp_inf.c:302:isakmp_info_recv(): message has no hash payload. %s[500]<=>%s[500] R_U_THERE dropped",
	}, "DpdMismatch", "The dead peer detection settings of the two ends are different.", "EnableDpd=true", "EnableDpd=false", true},
	{1, []string{
		"[PROTO_ERR]: ikev2.c:811:ikev2_check_id(): Unknow peer id, local %s peer %s",
		"[PROTO_ERR]: ikev2.c:790:ikev2_parse_id(): Parse PEERID failed. %s[500]<=>%s[500]",
	}, "IkeIdMismatch", "The identifiers of the two ends do not match.", "RemoteId", "LocalId", true},
	{1, []string{
		"[PROTO_ERR]: oakley.c:412:oakley_check_enc(): invalid encryption algorithm 7 proposed by %s to %s",
	}, "IkeAlgorithmMismatch", "The IKE encryption algorithms of the two ends are different.", "IkeEncAlg=aes", "IkeEncAlg=sm4", true},
	{1, []string{
		"[PROTO_ERR]: oakley.c:530:oakley_dh_compute(): failed to compute dh value. %s[500]<=>%s[500]",
	}, "IkeDhGroupMismatch", "The IKE DH groups of the two ends are different.", "IkePfs=group2", "IkePfs=group14", true},
	{1, []string{
		"[PROTO_ERR]: ikev2.c:1210:ikev2_sa_select(): proposal mismatch. %s[500]<=>%s[500]",
		"[PROTO_ERR]: ikev2.c:1214:ikev2_sa_select(): failed to get valid proposal. %s[500]<=>%s[500]",
		"[PROTO_ERR]: ikev2.c:1220:ikev2_sa_select(): none of my proposal matched. %s[500]<=>%s[500]",
	}, "IkeProposalMismatch", "No IKE proposal of the two ends matches.", "", "", true},
	{2, []string{
		"[PROTO_ERR]: ipsec_doi.c:1641:cmp_aproppair_i(): proto_id mismatched: my:ESP peer:AH (%s -> %s)",
	}, "IpsecProtocolMismatch", "The IPsec protocols of the two ends are different.", "ESP", "AH", true},
	{2, []string{
		"[PROTO_ERR]: ipsec_doi.c:1662:cmp_aproppair_i(): encmode mismatched: my:Tunnel peer:Transport (%s -> %s)",
	}, "IpsecModeMismatch", "The IPsec encapsulation modes of the two ends are different.", "Tunnel", "Transport", true},
	{2, []string{
		"[PROTO_ERR]: ikev2.c:2288:ikev2_ts_check(): traffic selector unacceptable: %s/24 <-> %s/24",
		"[PROTO_NOTIFY]: isakmp_inf.c:1120:isakmp_info_send_n(): notify invalid-id-information sent to %s from %s",
	}, "IpsecTrafficSelectorMismatch", "The local and remote CIDR blocks do not mirror each other.", "LocalSubnet", "RemoteSubnet", true},
}

// failuresOfPhase lists the indexes of failureLogs for phase 1 or 2.
func failuresOfPhase(phase int) []int {
	var out []int
	for i, f := range failureLogs {
		if f.phase == phase && !f.byName {
			out = append(out, i)
		}
	}
	return out
}

// failureNamed is the by-name failure whose log has keyword in it (a
// fixture naming its case), or 0.
func failureNamed(keyword string) int {
	for i, f := range failureLogs {
		for _, l := range f.lines {
			if f.byName && strings.Contains(l, keyword) {
				return i
			}
		}
	}
	return 0
}

// phase2Stall is the failure of a connection whose phase 1 is up and
// phase 2 is not (ike_sa_established: "Phase 1 negotiations succeeded",
// DescribeVpnConnections): the two ends disagree on the IPsec SA, so its
// log and the service's diagnosis show why, as for a phase 2 failure. Not
// "waiting for phase1" (phase 1 is up) nor a dead peer (which takes phase
// 1 down too); a PFS mismatch only where the text's "my:2" is its group.
// Chosen by the connection's id, so the same connection always shows the
// same one.
func phase2Stall(c *connection) int {
	var kinds []int
	for _, i := range failuresOfPhase(2) {
		switch failureLogs[i].code {
		case "IpsecTrafficSelectorMismatch", "IpsecLifetimeMismatch":
			kinds = append(kinds, i)
		case "IpsecPfsMismatch":
			if c.IpsecConfig.IpsecPfs == "group2" {
				kinds = append(kinds, i)
			}
		}
	}
	h := fnv.New32a()
	h.Write([]byte(c.VpnConnectionId))
	return kinds[int(h.Sum32()%uint32(len(kinds)))]
}

// phase1Up is what a tunnel with phase 1 up logs now and then beside its
// phase 2 failure.
var phase1Up = failureLogs[0].lines[2]
