package aws

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// The Site-to-Site VPN tunnel activity log, as AWS documents it in
// "Contents of Site-to-Site VPN logs" (docs.aws.amazon.com/vpn/latest/
// s2svpn/log-contents.html and monitoring-logs.html): each event has
// event_timestamp (epoch), timestamp (readable), dpd_enabled,
// nat_t_detected, ike_phase1_state and ike_phase2_state (Established |
// Rekeying | Negotiating | Down) and details (verbose IPsec, IKE and DPD
// messages). The log stream is named from the connection id and the
// tunnel's outside IP.

// TunnelLogEntry is one event of a tunnel's activity log.
type TunnelLogEntry struct {
	Time       time.Time
	Stream     string
	Detail     string
	Phase1     string // Established, Rekeying, Negotiating, Down; "" when the line does not say
	Phase2     string
	DPDEnabled string // "true", "false", or ""
	NATT       string
}

// ParseTunnelLog reads one event. A JSON event (output format json) gives
// its fields; anything else (output format text, or a line we cannot
// read) is kept whole as the detail, so nothing is lost.
func ParseTunnelLog(stream string, at time.Time, message string) TunnelLogEntry {
	e := TunnelLogEntry{Time: at, Stream: stream, Detail: strings.TrimSpace(message)}
	var raw map[string]any
	if json.Unmarshal([]byte(message), &raw) != nil {
		return api.Scrubbed(e) // outside text, safe for the terminal
	}
	str := func(k string) string {
		switch v := raw[k].(type) {
		case string:
			return v
		case bool:
			return strconv.FormatBool(v)
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return ""
	}
	if d := str("details"); d != "" {
		e.Detail = d
	}
	e.Phase1, e.Phase2 = phaseState(str("ike_phase1_state")), phaseState(str("ike_phase2_state"))
	e.DPDEnabled, e.NATT = strings.ToLower(str("dpd_enabled")), strings.ToLower(str("nat_t_detected"))
	if v, ok := raw["event_timestamp"].(float64); ok && v > 0 {
		e.Time = time.Unix(int64(v), 0).UTC()
	}
	return api.Scrubbed(e)
}

// phaseState spells a state the way the documentation does.
func phaseState(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "established":
		return "Established"
	case "rekeying":
		return "Rekeying"
	case "negotiating":
		return "Negotiating"
	case "down":
		return "Down"
	case "":
		return ""
	}
	return s
}

// Annotation says what a documented log message means and what to check.
type Annotation struct {
	Phase   string // phase 1, phase 2, DPD, info
	Failure bool   // the message reports a failure, not routine negotiation
	Meaning string // AWS's explanation, in short
	Check   string // what to do about it; "" for routine messages
}

// tunnelMessages are the messages of "Contents of Site-to-Site VPN logs"
// (its IKEv1 Error Messages, IKEv2 Error Messages and IKEv2 Negotiation
// Messages tables), matched by a lower-case substring; the first match
// wins. "No proposal chosen" is not here: its phase depends on the event
// (noProposalChosen).
var tunnelMessages = []struct {
	match string
	Annotation
}{
	{"peer is not responsive", Annotation{"DPD", true,
		"The peer has not answered DPD messages: AWS enforced the DPD timeout action (IKEv1).",
		"the device is up and reachable from AWS (UDP 500, ESP; UDP 4500 with NAT-T), and answers DPD"}},
	{"dpd timed out after", Annotation{"DPD", true,
		"The peer has not answered DPD messages: AWS enforced the DPD timeout action (IKEv2).",
		"the device is up and reachable from AWS (UDP 500, ESP; UDP 4500 with NAT-T), and answers DPD"}},
	{"decryption was unsuccessful due to invalid pre-shared key", Annotation{"phase 1", true,
		"The pre-shared keys differ: AWS could not decrypt the peer's payload (IKEv1).",
		"configure the same pre-shared key on both IKE peers"}},
	{"pre-shared key mismatch", Annotation{"phase 1", true,
		"The pre-shared keys differ (IKEv2).",
		"configure the same pre-shared key on both IKE peers"}},
	{"authentication_failed", Annotation{"phase 1", true,
		"AWS could not authenticate the peer from its IKE_AUTH message.",
		"the pre-shared key or certificate, and the identity the device sends"}},
	{"no proposal match found by aws", Annotation{"phase 1", true,
		"The peer proposed encryption, integrity or DH groups AWS does not accept (for example 3DES).",
		"propose values from the tunnel's phase 1 options (and phase 2 with IKEv2)"}},
	{"phase 2 was unable to establish while keeping phase 1", Annotation{"phase 2", true,
		"Phase 1 is up, but the CHILD_SA could not be negotiated (for example an incorrect proposal).",
		"the device's phase 2 proposal and traffic selectors"}},
	{"ts_unacceptable", Annotation{"phase 2", true,
		"The traffic selectors (encryption domain) do not match.",
		"identical, correct CIDRs on both peers: the connection's local and remote IPv4 network CIDRs"}},
	{"deleting un-established phase 1 ike_sa", Annotation{"phase 1", true,
		"The peer stopped negotiating: AWS deleted the half-open IKE SA.",
		"the device's own log for why it gave up (proposal, key, identity), and the path for UDP 500/4500"}},
	{"received delete for ike_sa", Annotation{"phase 1", true,
		"The customer gateway sent a Delete for the IKE SA (phase 1).",
		"the device's log: why it tore the tunnel down (a reboot, a change, its own DPD)"}},
	{"received delete for phase 2 sa", Annotation{"phase 2", true,
		"The customer gateway sent a Delete for the phase 2 (CHILD) SA.",
		"the device's log; equal phase 2 lifetimes on both ends"}},
	{"(child_rekey) collision as child_delete", Annotation{"phase 2", false,
		"The customer gateway deleted the active SA while it was being rekeyed.",
		"harmless once; if it repeats, align the lifetimes and rekey settings"}},
	{"redundant sa is being deleted", Annotation{"phase 2", false,
		"A rekey collision made a redundant SA, which the peers close (per the RFC).", ""}},
	{"for create_child_sa", Annotation{"info", false,
		"A CREATE_CHILD_SA exchange: an SA being created or rekeyed.", ""}},
}

// noProposalChosen is `No Proposal Match Found. Notifying with "No
// proposal chosen"`. log-contents.html gives it under IKEv1 for phase 2,
// and under IKEv2 with no phase: IKEv2 sends NO_PROPOSAL_CHOSEN in
// IKE_SA_INIT (phase 1) as in CREATE_CHILD_SA or IKE_AUTH (phase 2), RFC
// 7296. The event's own phase states say which exchange it was; the first
// row that holds wins.
const noProposalChosen = `notifying with "no proposal chosen"`

var noProposalExchanges = []struct {
	when func(e TunnelLogEntry, ikev1Only bool) bool
	Annotation
}{
	{func(e TunnelLogEntry, _ bool) bool { return e.Phase1 == "Established" || e.Phase1 == "Rekeying" }, Annotation{"phase 2", true,
		"No proposal chosen with phase 1 up: the peers' phase 2 proposals do not match (IKEv1 quick mode, IKEv2 CREATE_CHILD_SA or IKE_AUTH).",
		"the device's phase 2 encryption, integrity and DH group against the tunnel's phase 2 options"}},
	{func(e TunnelLogEntry, ikev1Only bool) bool { return ikev1Only }, Annotation{"phase 2", true,
		"No proposal chosen: the peers' phase 2 proposals do not match (IKEv1 reports it for phase 2).",
		"the device's phase 2 encryption, integrity and DH group against the tunnel's phase 2 options"}},
	{func(e TunnelLogEntry, _ bool) bool { return e.Phase1 == "Down" || e.Phase1 == "Negotiating" }, Annotation{"phase 1", true,
		"No proposal chosen with phase 1 not established: IKEv2's IKE_SA_INIT, the peers' phase 1 proposals do not match.",
		"the device's phase 1 encryption, integrity and DH group against the tunnel's phase 1 options"}},
	{func(TunnelLogEntry, bool) bool { return true }, Annotation{"phase 1 or 2", true,
		"No proposal chosen: the peers' proposals do not match; the event gives no phase states to say whether in phase 1 (IKEv2 IKE_SA_INIT) or phase 2.",
		"the device's phase 1 and phase 2 proposals against the tunnel's options"}},
}

// AnnotateTunnelLog recognises a documented message in an event's detail.
func AnnotateTunnelLog(e TunnelLogEntry) (Annotation, bool) { return annotate(e, false) }

func annotate(e TunnelLogEntry, ikev1Only bool) (Annotation, bool) {
	d := strings.ToLower(e.Detail)
	if strings.Contains(d, noProposalChosen) {
		for _, x := range noProposalExchanges {
			if x.when(e, ikev1Only) {
				return x.Annotation, true
			}
		}
	}
	for _, m := range tunnelMessages {
		if strings.Contains(d, m.match) {
			return m.Annotation, true
		}
	}
	return Annotation{}, false
}

// AnnotateForTunnel is AnnotateTunnelLog with the check made specific to
// the tunnel's own options and its connection's traffic selectors: which
// proposals it allows, what its DPD does, which CIDRs it expects.
func AnnotateForTunnel(e TunnelLogEntry, c VPNConnection, t Tunnel) (Annotation, bool) {
	a, ok := annotate(e, onlyIKEv1(t))
	if !ok {
		return a, false
	}
	d := strings.ToLower(e.Detail)
	phase1 := "phase 1 encryption " + list(t.Phase1Encryption) + "; integrity " + list(t.Phase1Integrity) + "; DH groups " + ints(t.Phase1DHGroups)
	phase2 := "phase 2 encryption " + list(t.Phase2Encryption) + "; integrity " + list(t.Phase2Integrity) + "; PFS DH groups " + ints(t.Phase2DHGroups)
	switch {
	case strings.Contains(d, "no proposal match found by aws"), strings.Contains(d, noProposalChosen) && a.Phase == "phase 1":
		a.Check = "propose one of: " + phase1
	case strings.Contains(d, noProposalChosen) && a.Phase == "phase 2", strings.Contains(d, "phase 2 was unable to establish"):
		a.Check = "propose one of: " + phase2
	case strings.Contains(d, noProposalChosen):
		a.Check = "propose one of: " + phase1 + "; and " + phase2
	case strings.Contains(d, "ts_unacceptable"):
		a.Check = "the device's selectors must be its side " + firstNonEmpty(c.LocalCIDR, "0.0.0.0/0") + " and AWS's side " +
			firstNonEmpty(c.RemoteCIDR, "0.0.0.0/0") + ", exactly; " + oneSAPair
	case a.Phase == "DPD":
		action := map[string]string{"restart": "AWS restarts IKE", "none": "AWS does nothing"}[t.DPDTimeoutAction]
		if action == "" {
			action = "AWS clears the session and waits for the device to initiate"
		}
		a.Check += "; after " + seconds(t.DPDTimeout, DefaultDPDTimeout) + " without an answer " + action
	case strings.Contains(d, "pre-shared key"):
		a.Check += " (this tunnel's key: 8 to 64 characters, letters, digits, . and _, not starting with 0)"
	}
	return a, true
}
