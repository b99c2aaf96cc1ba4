package alibaba

import "strings"

// LogPattern is a known failure text of the IKE daemon's negotiation log:
// what it most likely means and what to check. The table is the team's
// API notes on those texts (kept outside this repository) and the log
// keywords of Alibaba's error-code table (refErrorCodes), as data; Ref
// names each row's sources.
type LogPattern struct {
	Match []string // any of these substrings, matched case-sensitively as logged
	// AnyCase matches the substrings (written in lower case) in any case:
	// a keyword the service documents without saying how the daemon
	// capitalises it.
	AnyCase bool
	Phase   int // 1 (IKE), 2 (IPsec), or 0 when either
	Cause   string
	Check   string
	Ref     string // where the explanation comes from
}

// LogPatterns is ordered from the most specific text to the most general,
// so the first match is the best explanation.
var LogPatterns = []LogPattern{
	{Match: []string{"phase2 negotiation failed due to time up waiting for phase1"}, Phase: 2,
		Cause: "phase 1 never completed", Check: "fix phase 1 first, then reset the negotiation",
		Ref: "api-notes; phase 2 is negotiated under the IKE SA (RFC 7296 §1.3)"},
	{Match: []string{"UNSUPPORTED_CRITICAL_PAYLOAD"}, Phase: 1,
		Cause: "peer IP mismatch", Check: "the customer gateway IP equals the device's source IP",
		Ref: "api-notes"},
	{Match: []string{"mismatch of preshared secrets", "could not decrypt payloads", "invalid HASH_V1 payload length", "authentication failure"}, Phase: 1,
		Cause: "the pre-shared key differs", Check: "an identical PSK on both ends, with no stray spaces",
		Ref: "api-notes; " + refErrorCodes + " (authentication failure); RFC 2409 §5.4 (IKEv1 PSK auth), RFC 7296 §2.15 (IKEv2 AUTH)"},
	{Match: []string{"unknown ikev2 peer"}, Phase: 1,
		Cause: "the IKE version differs", Check: "the same IKE version on both ends (IKEv2 preferred)",
		Ref: "api-notes"},
	{Match: []string{"not acceptable Identity Protection mode", "not acceptable Aggressive mode"}, Phase: 1,
		Cause: "the IKEv1 negotiation mode differs", Check: "IKEv1 only: the same mode, main or aggressive, on both ends (main preferred); IKEv2 has no modes",
		Ref: "api-notes; RFC 2409 §5 (main and aggressive are IKEv1's); RFC 7296 has none"},
	{Match: []string{"does not match peers id", "lacks IDr payload", "Expecting IP address type in main mode", "Unknow peer id", "Parse PEERID failed"}, Phase: 1,
		Cause: "identifier mismatch", Check: "LocalId on one side equals RemoteId on the other; IKEv1 main mode takes IP addresses only",
		Ref: "api-notes; " + refErrorCodes + " (Unknow peer id, Parse PEERID failed); RFC 2409 §5.4"},
	{Match: []string{"proto_id mismatched"}, Phase: 2,
		Cause: "the IPsec protocol differs (ESP or AH)", Check: "the peer proposes ESP for phase 2, as the VPN gateway does",
		Ref: refErrorCodes + " (proto_id mismatched); RFC 2407 §4.4.1 (the protocol ids of a phase 2 proposal)"},
	{Match: []string{"encmode mismatched"}, Phase: 2,
		Cause: "the encapsulation mode differs (tunnel or transport)", Check: "the peer uses tunnel (not transport) encapsulation for phase 2, as the VPN gateway does",
		Ref: refErrorCodes + " (encmode mismatched); RFC 2407 §4.5 (Encapsulation Mode)"},
	{Match: []string{"message has no hash payload"}, Phase: 0,
		Cause: "a dead peer detection message came without the hash that protects it: the ends disagree on DPD",
		Check: "DPD set the same on both ends (on at both, or off at both)",
		Ref:   refErrorCodes + " (message has no hash payload: DPD); RFC 2409 §5.7 (informational messages carry HASH(1)), RFC 3706"},
	{Match: []string{"pfs group mismatched", "lacks KE payload"}, Phase: 2,
		Cause: "phase 2 PFS differs", Check: "the same DH group, or PFS disabled on both ends",
		Ref: "api-notes; RFC 7296 §1.3 (KE in CREATE_CHILD_SA)"},
	{Match: []string{"HASH mismatched", "trns_id mismatched", "rejected enctype", "authtype mismatched", "rejected hashtype",
		"received KE type", "rejected dh_group", "invalid encryption algorithm", "failed to compute dh value"}, Phase: 0,
		Cause: "an algorithm or DH group differs", Check: "one matching value per parameter on the peer",
		Ref: "api-notes; " + refErrorCodes + " (invalid encryption algorithm; failed to compute dh value: the DH group)"},
	{Match: []string{"traffic selector mismatch", "invalid_id_information", "invalid-id-information", "ts_unacceptable",
		"traffic selector unacceptable", "can't find matching selector"}, AnyCase: true, Phase: 2,
		Cause: "the subnets do not mirror", Check: "local and remote subnets mirror each other; IKEv1 allows one CIDR per side",
		Ref: "api-notes; " + refErrorCodes + " (traffic selector unacceptable; invalid-id-information, in any case); RFC 7296 §2.9 (traffic selectors)"},
	{Match: []string{"long lifetime proposed"}, Phase: 2,
		Cause: "the SA lifetimes differ", Check: "equal SA lifetimes on both ends (an IKEv1 peer refuses a longer one)",
		Ref: "api-notes; IKEv2 does not negotiate lifetimes (RFC 7296 §2.8)"},
	{Match: []string{"unexpecting payload type 130"}, Phase: 1,
		Cause: "NAT traversal is on at one end only", Check: "NAT-T on both ends or on neither",
		Ref: "api-notes; 130 is the NAT-D payload of the NAT-T drafts, 20 in RFC 3947"},
	{Match: []string{"DPD: remote seems to be dead"}, Phase: 0,
		Cause: "the peer stopped answering", Check: "the peer device and the network path; DPD on both ends",
		Ref: "api-notes; RFC 3706"},
	{Match: []string{"received DELETE IKE_SA"}, Phase: 0,
		Cause: "the peer tore the tunnel down", Check: "the peer device's own log",
		Ref: "api-notes; RFC 7296 §1.4.1 (Delete)"},
	{Match: []string{"no proposal chosen", "NO_PROPOSAL_CHOSEN", "no suitable proposal", "proposal mismatch",
		"failed to get valid proposal", "none of my proposal matched"}, Phase: 0,
		Cause: "proposal mismatch", Check: "the whole IKE and IPsec configuration on both ends",
		Ref: "api-notes; " + refErrorCodes + " (proposal mismatch, failed to get valid proposal, none of my proposal matched); RFC 7296 §3.10.1 (NO_PROPOSAL_CHOSEN)"},
	{Match: []string{"retransmit", "phase1 negotiation failed due to time up", "ISAKMP-SA has not been established"}, Phase: 1,
		Cause: "no answer from the peer", Check: "the peer is up and reachable; the customer gateway IP is the device's (or its NAT's) public IP; UDP 500 is open (and 4500 with NAT-T)",
		Ref: "api-notes; RFC 3947 §4 (UDP 4500 once a NAT is found)"},
}

// MatchLog returns the pattern that explains a log line, or nil.
func MatchLog(line string) *LogPattern {
	lower := "" // the line in lower case, made once, for AnyCase rows
	for i := range LogPatterns {
		p := &LogPatterns[i]
		in := line
		if p.AnyCase {
			if lower == "" {
				lower = strings.ToLower(line)
			}
			in = lower
		}
		for _, m := range p.Match {
			if strings.Contains(in, m) {
				return p
			}
		}
	}
	return nil
}
