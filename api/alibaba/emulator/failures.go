package emulator

// failureLogs are the negotiation log texts the emulator writes for each
// kind of failure, as the service's IKE daemon prints them. Index 0 is the
// healthy case. Phase 1 failures come first, then phase 2.
var failureLogs = []struct {
	phase int // 0 healthy, 1 IKE, 2 IPsec
	lines []string
	// The service's diagnosis of this failure: code, reason, and the
	// mismatched parameters, local then remote.
	code, reason, local, remote string
}{
	{0, []string{
		"[PROTO_NOTIFY]: isakmp.c:3002:isakmp_ph1expire(): ISAKMP-SA expired %s[500]-%s[500] spi:7a4f1c2d0e9b8a76:5c3d2e1f0a9b8c7d",
		"[PROTO_NOTIFY]: isakmp.c:1203:isakmp_ph1begin_i(): initiate new phase 1 negotiation: %s[500]<=>%s[500]",
		"[PROTO_NOTIFY]: isakmp.c:2912:isakmp_ph1established(): ISAKMP-SA established %s[500]-%s[500] spi:8b5e2d3c1f0a9b87:6d4e3f2a1b0c9d8e",
		"[PROTO_NOTIFY]: pfkey.c:1283:pk_recvupdate(): IPsec-SA established: ESP/Tunnel %s[500]->%s[500] spi=3281723521(0xc39b4a81)",
	}, "", "", "", ""},
	{1, []string{
		"[PROTO_ERR]: ikev1.c:1433:isakmp_ph1resend(): phase1 negotiation failed due to time up. %s[500]<=>%s[500] 7a4f1c2d0e9b8a76:0000000000000000",
		"[PROTO_NOTIFY]: isakmp.c:2233:isakmp_ph1resend(): retransmit phase1 packet to %s[500]->%s[500]",
	}, "IkePeerNoResponse", "The peer did not answer IKE negotiation requests.", "", ""},
	{1, []string{
		"[PROTO_ERR]: ikev1.c:2417:ikev1_ph1recv_psk(): couldn't find the pskey for %s. mismatch of preshared secrets between %s",
		"[PROTO_ERR]: oakley.c:2980:oakley_validate_auth(): could not decrypt payloads, probably a mismatch of preshared secrets",
	}, "IkePskMismatch", "The pre-shared keys of the two ends are different.", "Psk", "Psk"},
	{1, []string{
		"[PROTO_ERR]: ikev2.c:1322:ikev2_ph1recv(): unknown ikev2 peer %s, drop packet from %s[500]",
	}, "IkeVersionMismatch", "The IKE versions of the two ends are different.", "IkeVersion=ikev2", "IkeVersion=ikev1"},
	{1, []string{
		"[PROTO_ERR]: isakmp.c:1091:isakmp_ph1begin_r(): not acceptable Identity Protection mode from %s[500] to %s[500]",
	}, "IkeModeMismatch", "The IKE negotiation modes of the two ends are different.", "IkeMode=main", "IkeMode=aggressive"},
	{1, []string{
		"[PROTO_ERR]: ipsec_doi.c:1213:get_ph1approvalx(): rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = AES-CBC:3DES-CBC; peer %s local %s",
		"[PROTO_ERR]: ipsec_doi.c:1254:get_ph1approval(): no suitable proposal found. %s[500]<=>%s[500]",
	}, "IkeAlgorithmMismatch", "The IKE encryption algorithms of the two ends are different.", "IkeEncAlg=aes", "IkeEncAlg=3des"},
	{1, []string{
		"[PROTO_ERR]: isakmp_ident.c:1120:ident_r3recv(): remote id does not match peers id %s, expected %s",
	}, "IkeIdMismatch", "The identifiers of the two ends do not match.", "RemoteId", "LocalId"},
	{2, []string{
		"[PROTO_ERR]: ipsec_doi.c:1689:get_ph2approvalx(): pfs group mismatched: my:2 peer:5 (%s -> %s)",
		"[PROTO_ERR]: isakmp_quick.c:2059:quick_r1recv(): no suitable proposal found. %s[500]<=>%s[500]",
	}, "IpsecPfsMismatch", "The IPsec PFS groups of the two ends are different.", "IpsecPfs=group2", "IpsecPfs=group5"},
	{2, []string{
		"[PROTO_ERR]: policy.c:311:getsp_r(): traffic selector mismatch: no policy found for %s/24[0] <-> %s/24[0]",
		"[PROTO_ERR]: isakmp_quick.c:2096:quick_r1recv(): INVALID_ID_INFORMATION notify sent to %s from %s",
	}, "IpsecTrafficSelectorMismatch", "The local and remote CIDR blocks do not mirror each other.", "LocalSubnet", "RemoteSubnet"},
	{2, []string{
		"[PROTO_ERR]: isakmp_quick.c:1712:quick_i1recv(): long lifetime proposed: my:86400 peer:3600 (%s <-> %s)",
	}, "IpsecLifetimeMismatch", "The IPsec SA lifetimes of the two ends are different.", "IpsecLifetime=86400", "IpsecLifetime=3600"},
	{2, []string{
		"[PROTO_ERR]: isakmp_quick.c:1201:quick_i1send(): phase2 negotiation failed due to time up waiting for phase1. ESP %s[0]->%s[0]",
	}, "IkeSaNotEstablished", "Phase 2 waited for phase 1, which did not complete.", "", ""},
	{2, []string{
		"[PROTO_ERR]: isakmp.c:2786:isakmp_info_recv_d(): DPD: remote seems to be dead. %s[4500]-%s[4500]",
		"[PROTO_NOTIFY]: isakmp_inf.c:903:purge_isakmp_spi(): purging ISAKMP-SA %s <-> %s",
	}, "DpdTimeout", "The peer stopped answering dead peer detection.", "", ""},
}

// failuresOfPhase lists the indexes of failureLogs for phase 1 or 2.
func failuresOfPhase(phase int) []int {
	var out []int
	for i, f := range failureLogs {
		if f.phase == phase {
			out = append(out, i)
		}
	}
	return out
}
