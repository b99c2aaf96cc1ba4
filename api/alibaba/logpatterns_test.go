package alibaba

import (
	"strings"
	"testing"
)

func TestMatchLogExplainsEachKnownFailure(t *testing.T) {
	const prefix = "2022-12-14 15:52:28 vco-bp1abc "
	for _, tc := range []struct{ line, cause string }{
		{"[PROTO_ERR]: ikev1.c:1433:isakmp_ph1resend(): phase1 negotiation failed due to time up. 1.2.3.4[500]<=>5.6.7.8[500]", "no answer from the peer"},
		{"[PROTO_NOTIFY]: isakmp.c:2233:isakmp_ph1resend(): retransmit phase1 packet to 5.6.7.8[500]", "no answer from the peer"},
		{"[PROTO_ERR]: isakmp.c:1093:isakmp_main(): ISAKMP-SA has not been established yet", "no answer from the peer"},
		{"[PROTO_ERR]: ikev2.c:2211:ikev2_recv(): UNSUPPORTED_CRITICAL_PAYLOAD from 5.6.7.8", "peer IP mismatch"},
		{"[PROTO_ERR]: ikev1.c:2417: mismatch of preshared secrets between 1.2.3.4 and 5.6.7.8", "the pre-shared key differs"},
		{"[PROTO_ERR]: oakley.c:2980:oakley_validate_auth(): could not decrypt payloads", "the pre-shared key differs"},
		{"[PROTO_ERR]: isakmp.c:1290: invalid HASH_V1 payload length, decryption failed?", "the pre-shared key differs"},
		{"[PROTO_ERR]: ikev2.c:1322:ikev2_ph1recv(): unknown ikev2 peer 5.6.7.8", "the IKE version differs"},
		{"[PROTO_ERR]: isakmp.c:1091: not acceptable Identity Protection mode", "the IKEv1 negotiation mode differs"},
		{"[PROTO_ERR]: isakmp.c:1091: not acceptable Aggressive mode", "the IKEv1 negotiation mode differs"},
		{"[PROTO_ERR]: isakmp_ident.c:1120: remote id does not match peers id 5.6.7.8", "identifier mismatch"},
		{"[PROTO_ERR]: ikev2.c:900: lacks IDr payload", "identifier mismatch"},
		{"[PROTO_ERR]: Expecting IP address type in main mode, but FQDN.", "identifier mismatch"},
		{"[PROTO_ERR]: ipsec_doi.c:1213: HASH mismatched", "an algorithm or DH group differs"},
		{"[PROTO_ERR]: trns_id mismatched: my:AES peer:3DES", "an algorithm or DH group differs"},
		{"[PROTO_ERR]: rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = AES-CBC:3DES-CBC", "an algorithm or DH group differs"},
		{"[PROTO_ERR]: authtype mismatched: my:hmac-sha1 peer:hmac-md5", "an algorithm or DH group differs"},
		{"[PROTO_ERR]: rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA:MD5", "an algorithm or DH group differs"},
		{"[PROTO_ERR]: received KE type 14, expected 2", "an algorithm or DH group differs"},
		{"[PROTO_ERR]: rejected dh_group: DB(prop#1:trns#1):Peer(prop#1:trns#1) = 1024-bit MODP group:2048-bit MODP group", "an algorithm or DH group differs"},
		{"[PROTO_ERR]: no proposal chosen", "proposal mismatch"},
		{"[PROTO_ERR]: notify NO_PROPOSAL_CHOSEN received", "proposal mismatch"},
		{"[PROTO_ERR]: ipsec_doi.c:1254: no suitable proposal found.", "proposal mismatch"},
		{"[PROTO_ERR]: policy.c:311: traffic selector mismatch", "the subnets do not mirror"},
		{"[PROTO_ERR]: INVALID_ID_INFORMATION notify sent", "the subnets do not mirror"},
		{"[PROTO_ERR]: TS_UNACCEPTABLE", "the subnets do not mirror"},
		{"[PROTO_ERR]: can't find matching selector", "the subnets do not mirror"},
		{"[PROTO_ERR]: pfs group mismatched: my:2 peer:5", "phase 2 PFS differs"},
		{"[PROTO_ERR]: quick_r1recv(): lacks KE payload", "phase 2 PFS differs"},
		{"[PROTO_ERR]: long lifetime proposed: my:86400 peer:3600", "the SA lifetimes differ"},
		{"[PROTO_ERR]: unexpecting payload type 130", "NAT traversal is on at one end only"},
		{"[PROTO_ERR]: DPD: remote seems to be dead.", "the peer stopped answering"},
		{"[PROTO_NOTIFY]: received DELETE IKE_SA from 5.6.7.8", "the peer tore the tunnel down"},
		{"[PROTO_ERR]: phase2 negotiation failed due to time up waiting for phase1. ESP 1.2.3.4[0]->5.6.7.8[0]", "phase 1 never completed"},
		// The keywords of Alibaba's error-code table (refErrorCodes).
		{"[PROTO_ERR]: ikev2.c:1544:ikev2_auth_recv(): authentication failure from 5.6.7.8", "the pre-shared key differs"},
		{"[PROTO_ERR]: isakmp_inf.c:302:isakmp_info_recv(): message has no hash payload.", "a dead peer detection message came without the hash that protects it: the ends disagree on DPD"},
		{"[PROTO_ERR]: ipsec_doi.c:1641:cmp_aproppair_i(): proto_id mismatched: my:ESP peer:AH", "the IPsec protocol differs (ESP or AH)"},
		{"[PROTO_ERR]: ipsec_doi.c:1662:cmp_aproppair_i(): encmode mismatched: my:Tunnel peer:Transport", "the encapsulation mode differs (tunnel or transport)"},
		{"[PROTO_ERR]: ikev2.c:811:ikev2_check_id(): Unknow peer id 5.6.7.8", "identifier mismatch"},
		{"[PROTO_ERR]: ikev2.c:790:ikev2_parse_id(): Parse PEERID failed", "identifier mismatch"},
		{"[PROTO_ERR]: oakley.c:412:oakley_check_enc(): invalid encryption algorithm 7", "an algorithm or DH group differs"},
		{"[PROTO_ERR]: oakley.c:530:oakley_dh_compute(): failed to compute dh value", "an algorithm or DH group differs"},
		{"[PROTO_ERR]: ikev2.c:1210:ikev2_sa_select(): proposal mismatch", "proposal mismatch"},
		{"[PROTO_ERR]: ikev2.c:1214:ikev2_sa_select(): failed to get valid proposal", "proposal mismatch"},
		{"[PROTO_ERR]: ipsec_doi.c:1280:get_ph2approval(): none of my proposal matched", "proposal mismatch"},
		{"[PROTO_ERR]: ikev2.c:2288:ikev2_ts_check(): traffic selector unacceptable", "the subnets do not mirror"},
		{"[PROTO_NOTIFY]: isakmp_inf.c:1120: notification invalid-id-information received", "the subnets do not mirror"},
		{"[PROTO_NOTIFY]: isakmp_inf.c:1120: notification Invalid-Id-Information received", "the subnets do not mirror"},
		{"[PROTO_ERR]: quick_r1recv(): invalid_id_information notify sent", "the subnets do not mirror"},
	} {
		p := MatchLog(prefix + tc.line)
		if p == nil || p.Cause != tc.cause {
			t.Errorf("%q: got %+v, want %q", tc.line, p, tc.cause)
		}
	}
	for _, healthy := range []string{
		"[PROTO_NOTIFY]: isakmp.c:2912:isakmp_ph1established(): ISAKMP-SA established 1.2.3.4[500]-5.6.7.8[500]",
		"[PROTO_NOTIFY]: pfkey.c:1283:pk_recvupdate(): IPsec-SA established: ESP/Tunnel 1.2.3.4[500]->5.6.7.8[500]",
		"[PROTO_NOTIFY]: isakmp.c:1203: initiate new phase 1 negotiation",
		"",
	} {
		if p := MatchLog(prefix + healthy); p != nil {
			t.Errorf("%q should not be annotated, got %q", healthy, p.Cause)
		}
	}
}

// Every explanation says where it comes from, and none gives IKEv2 a mode
// or blames NAT-T for what it does not break.
func TestLogPatternsReviewed(t *testing.T) {
	for _, p := range LogPatterns {
		if p.Ref == "" || p.Cause == "" || p.Check == "" || len(p.Match) == 0 {
			t.Errorf("%q: incomplete %+v", p.Match, p)
		}
		if strings.Contains(p.Check, "mode") && !strings.Contains(p.Check, "IKEv1") {
			t.Errorf("%q: a mode without saying it is IKEv1's: %q", p.Match, p.Check)
		}
		if m := MatchLog("2022-12-14 15:52:28 vco-x [PROTO_ERR]: " + p.Match[0]); m == nil || m.Cause != p.Cause {
			t.Errorf("%q does not explain its own text (got %+v)", p.Match[0], m)
		}
	}
}
