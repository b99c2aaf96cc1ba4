package aws_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// Every message of AWS's "Contents of Site-to-Site VPN logs" tables, as
// the page spells it, is recognised with the phase the page gives it.
func TestAnnotateTunnelLogDocumentedMessages(t *testing.T) {
	cases := []struct {
		message string
		phase   string
		failure bool
	}{
		{"Peer is not responsive - Declaring peer dead", "DPD", true},
		{"AWS tunnel payload decryption was unsuccessful due to invalid Pre-shared Key", "phase 1", true},
		{"No Proposal Match Found by AWS", "phase 1", true},
		// IKEv1's table says phase 2, IKEv2's no phase: with no phase states
		// in the event, either (TestNoProposalChosenSaysWhichExchange).
		{`No Proposal Match Found. Notifying with "No proposal chosen"`, "phase 1 or 2", true},
		{"AWS tunnel received DELETE for Phase 2 SA with SPI: c3a1f2d4", "phase 2", true},
		{"AWS tunnel received DELETE for IKE_SA from CGW", "phase 1", true},
		{"AWS tunnel DPD timed out after 3 retransmits", "DPD", true},
		{"AWS tunnel detected a (CHILD_REKEY) collision as CHILD_DELETE", "phase 2", false},
		{"AWS tunnel (CHILD_SA) redundant SA is being deleted due to detected collision", "phase 2", false},
		{"AWS tunnel Phase 2 was unable to establish while keeping Phase 1", "phase 2", true},
		{"AWS: Traffic Selector: TS_UNACCEPTABLE: received from responder", "phase 2", true},
		{"AWS tunnel is sending AUTHENTICATION_FAILED as the response", "phase 1", true},
		{"AWS tunnel detected a pre-shared key mismatch with cgw: 198.51.100.7", "phase 1", true},
		{"AWS tunnel Timeout: deleting un-established Phase 1 IKE_SA with cgw: 198.51.100.7", "phase 1", true},
		{"AWS tunnel processed request (id=12) for CREATE_CHILD_SA", "info", false},
		{"AWS tunnel is sending response (id=12) for CREATE_CHILD_SA", "info", false},
	}
	for _, c := range cases {
		a, ok := aws.AnnotateTunnelLog(aws.TunnelLogEntry{Detail: c.message})
		if !ok || a.Phase != c.phase || a.Failure != c.failure || a.Meaning == "" {
			t.Errorf("%q: got %+v, %v; want phase %q failure %v", c.message, a, ok, c.phase, c.failure)
		}
		if c.failure && a.Check == "" {
			t.Errorf("%q: a failure with nothing to check", c.message)
		}
	}
	if a, ok := aws.AnnotateTunnelLog(aws.TunnelLogEntry{Detail: "something AWS never documented"}); ok {
		t.Errorf("an unknown message was annotated: %+v", a)
	}
}

func TestParseTunnelLog(t *testing.T) {
	at := time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC)
	e := aws.ParseTunnelLog("vpn-1-203.0.113.10", at,
		`{"event_timestamp":1795172400,"timestamp":"2026-11-20 10:20:00","details":"AWS tunnel DPD timed out after 3 retransmits","dpd_enabled":true,"nat_t_detected":false,"ike_phase1_state":"down","ike_phase2_state":"Down"}`)
	if e.Detail != "AWS tunnel DPD timed out after 3 retransmits" || e.Phase1 != "Down" || e.Phase2 != "Down" ||
		e.DPDEnabled != "true" || e.NATT != "false" || !e.Time.Equal(time.Unix(1795172400, 0)) {
		t.Errorf("json event: %+v", e)
	}
	text := aws.ParseTunnelLog("s", at, "2026-11-20 10:20:00 AWS tunnel received DELETE for IKE_SA from CGW\n")
	if text.Detail != "2026-11-20 10:20:00 AWS tunnel received DELETE for IKE_SA from CGW" || !text.Time.Equal(at) || text.Phase1 != "" {
		t.Errorf("text event: %+v", text)
	}
	if _, ok := aws.AnnotateTunnelLog(text); !ok {
		t.Error("a text event's message is not recognised")
	}
}

func tunnel(up bool) aws.Tunnel {
	status := "DOWN"
	if up {
		status = "UP"
	}
	return aws.Tunnel{OutsideIP: "203.0.113.10", Status: status, StatusMessage: "IPSEC IS DOWN", AcceptedRoutes: aws.Known(3),
		LastStatusChange: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), InsideCIDR: "169.254.10.0/30",
		PreSharedKey: api.NewSecret("k3y.one_for_tunnel1"), IKEVersions: []string{"ikev2"},
		Phase1Encryption: []string{"AES256"}, Phase1Integrity: []string{"SHA2-256"}, Phase1DHGroups: []int{14},
		DPDTimeout: 30, DPDTimeoutAction: "clear", StartupAction: "add"}
}

// The advice for a down tunnel follows its own options: who initiates,
// what DPD does, which IKE versions, whether its log can be read.
func TestExplainTunnelFollowsItsOptions(t *testing.T) {
	lastChange := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	cgw := aws.CustomerGateway{IP: "198.51.100.7", ASN: "65010"}
	conn := aws.VPNConnection{StaticRoutesOnly: true, LocalCIDR: "10.1.0.0/16", RemoteCIDR: "10.0.0.0/16"}
	has := func(a aws.TunnelAdvice, want string) bool {
		return strings.Contains(strings.Join(a.Checks, "\n"), want)
	}
	cases := []struct {
		name   string
		tweak  func(*aws.Tunnel)
		want   []string
		absent []string
	}{
		{"defaults", func(*aws.Tunnel) {}, []string{"AWS does not initiate (startup action add): the device at 198.51.100.7",
			"action clear", "AES256", "same pre-shared key", "its side 10.1.0.0/16, AWS's side 10.0.0.0/16", "turn on the tunnel activity log"}, []string{"k3y"}},
		{"AWS starts", func(x *aws.Tunnel) { x.StartupAction = "start" }, []string{"AWS initiates IKE"}, []string{"AWS does not initiate"}},
		{"DPD restarts", func(x *aws.Tunnel) { x.DPDTimeoutAction = "restart"; x.DPDTimeout = 40 }, []string{"(40 s) AWS restarts IKE"}, []string{"action clear"}},
		{"IKEv1 only", func(x *aws.Tunnel) { x.IKEVersions = []string{"ikev1"} }, []string{"main mode"}, nil},
		{"logged", func(x *aws.Tunnel) {
			x.Logging, x.LogGroupARN = true, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/vpn/corp:*"
		}, []string{"read the tunnel activity log (l) in /aws/vendedlogs/vpn/corp"}, []string{"turn on"}},
	}
	for _, c := range cases {
		tu := tunnel(false)
		c.tweak(&tu)
		a, ok := aws.ExplainTunnel(conn, cgw, tu)
		if !ok || a.Since != (api.Onset{At: lastChange, Source: api.OnsetLastChange}) || !strings.Contains(a.Meaning, "IPsec") {
			t.Errorf("%s: %+v %v", c.name, a, ok)
		}
		for _, w := range c.want {
			if !has(a, w) {
				t.Errorf("%s: no %q in\n%s", c.name, w, strings.Join(a.Checks, "\n"))
			}
		}
		for _, w := range c.absent {
			if has(a, w) || strings.Contains(fmt.Sprint(a), w) {
				t.Errorf("%s: %q should not be in %+v", c.name, w, a)
			}
		}
	}
	bgp := aws.VPNConnection{}
	quiet := tunnel(true)
	quiet.AcceptedRoutes, quiet.StatusMessage = aws.Known(0), "0 BGP ROUTES"
	if a, ok := aws.ExplainTunnel(bgp, cgw, quiet); !ok || !strings.Contains(a.Problem, "BGP accepts no routes") || !has(a, "advertises") {
		t.Errorf("BGP with no routes: %+v %v", a, ok)
	}
	if a, ok := aws.ExplainTunnel(bgp, cgw, tunnel(true)); ok {
		t.Errorf("a working tunnel got advice: %+v", a)
	}
	if a, ok := aws.ExplainTunnel(conn, cgw, quiet); ok {
		t.Errorf("a static tunnel needs no BGP routes: %+v", a)
	}
}

// The pre-shared key never prints, yet two different keys are a ≠.
func TestTunnelSettingsMaskTheKeyButCompareIt(t *testing.T) {
	a, b := tunnel(true), tunnel(false)
	for _, s := range aws.TunnelSettings(a) {
		if strings.Contains(s.Value, "k3y") {
			t.Fatalf("%s shows the key: %q", s.Name, s.Value)
		}
	}
	differs := func(x, y aws.Tunnel) []string {
		var out []string
		for i, d := range aws.SettingDiffers(x, y) {
			if d {
				out = append(out, aws.TunnelSettings(x)[i].Name)
			}
		}
		return out
	}
	if d := differs(a, b); len(d) != 0 {
		t.Errorf("identical options differ: %v", d)
	}
	b.PreSharedKey, b.DPDTimeout = api.NewSecret("another.key_2"), 45
	if d := differs(a, b); strings.Join(d, ",") != "authentication,DPD timeout" {
		t.Errorf("differences: %v", d)
	}
}

func TestLogGroupName(t *testing.T) {
	for in, want := range map[string]string{
		"arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/vpn:*": "/aws/vendedlogs/vpn",
		"arn:aws:logs:us-east-1:123456789012:log-group:plain":                 "plain",
		"/already/a/name": "/already/a/name",
	} {
		if got := aws.LogGroupName(in); got != want {
			t.Errorf("%s: %q", in, got)
		}
	}
}

// The documentation's own example entries read back whole.
func TestParseConnectionLog(t *testing.T) {
	at := time.Date(2026, 9, 25, 17, 14, 11, 0, time.UTC)
	ok1, ok := aws.ParseConnectionLog(at, `{"connection-log-type":"connection-attempt","connection-attempt-status":"successful","connection-reset-status":"NA","connection-attempt-failure-reason":"NA","connection-id":"cvpn-connection-abc123abc123abc12","client-vpn-endpoint-id":"cvpn-endpoint-aaa111bbb222ccc33","transport-protocol":"udp","connection-start-time":"2020-03-26 20:37:15","connection-last-update-time":"2020-03-26 20:37:15","client-ip":"10.0.1.2","common-name":"client1","device-type":"mac","device-ip":"98.247.202.82","port":"50096","ingress-bytes":"0","egress-bytes":"0","ingress-packets":"0","egress-packets":"0","connection-end-time":"NA","username":"joe"}`)
	if !ok || ok1.Failed() || ok1.Who() != "joe" || ok1.ClientIP != "10.0.1.2" || ok1.FailureReason != "" || !ok1.Ended.IsZero() ||
		ok1.Started != time.Date(2020, 3, 26, 20, 37, 15, 0, time.UTC) {
		t.Errorf("successful attempt: %+v", ok1)
	}
	denied, ok := aws.ParseConnectionLog(at, `{"connection-log-type":"connection-attempt","connection-attempt-status":"failed","connection-attempt-failure-reason":"authorization-policy-deny","connection-id":"cvpn-connection-0a39f1b3b7082abbb","client-ip":"NA","common-name":"client1.domain.tld","authorization-policy-evaluation":{"result":"error","reason":"policy-deny"},"connection-start-time":"NA"}`)
	if !ok || !denied.Failed() || denied.Who() != "client1.domain.tld" || denied.ClientIP != "" || denied.PolicyResult != "error" {
		t.Errorf("denied attempt: %+v", denied)
	}
	if m, c, ok := aws.ExplainFailureReason(denied.FailureReason); !ok || m == "" || c == "" {
		t.Error("authorization-policy-deny is documented")
	}
	if _, _, ok := aws.ExplainFailureReason("made-up-reason"); ok {
		t.Error("an undocumented reason was explained")
	}
	if _, ok := aws.ParseConnectionLog(at, "not json"); ok {
		t.Error("a non-JSON line parsed")
	}
}

// The log view's advice names the tunnel's own options.
func TestAnnotateForTunnelNamesItsOptions(t *testing.T) {
	c := aws.VPNConnection{LocalCIDR: "192.168.50.0/24", RemoteCIDR: "172.31.0.0/16"}
	tu := tunnel(false)
	tu.Phase2Encryption, tu.DPDTimeoutAction, tu.DPDTimeout = []string{"AES256-GCM-16"}, "restart", 40
	for msg, want := range map[string]string{
		"No Proposal Match Found by AWS":                                    "phase 1 encryption AES256",
		`No Proposal Match Found. Notifying with "No proposal chosen"`:      "; and phase 2 encryption AES256-GCM-16",
		"AWS: Traffic Selector: TS_UNACCEPTABLE: received from responder":   "its side 192.168.50.0/24 and AWS's side 172.31.0.0/16",
		"AWS tunnel DPD timed out after 3 retransmits":                      "after 40 s without an answer AWS restarts IKE",
		"AWS tunnel detected a pre-shared key mismatch with cgw: 192.0.2.1": "not starting with 0",
	} {
		a, ok := aws.AnnotateForTunnel(aws.TunnelLogEntry{Detail: msg}, c, tu)
		if !ok || !strings.Contains(a.Check, want) {
			t.Errorf("%q: check %q, want %q", msg, a.Check, want)
		}
	}
}

// A log line is outside text: no control sequence reaches the terminal.
func TestLogEntriesArePrintable(t *testing.T) {
	e := aws.ParseTunnelLog("s", time.Now(), `{"details":"AWS tunnel \u001b]2;PWNED\u0007 received DELETE for IKE_SA from CGW"}`)
	if strings.ContainsAny(e.Detail, "\x1b\x07") || !strings.Contains(e.Detail, "PWNED") {
		t.Errorf("tunnel log detail %q", e.Detail)
	}
	c, ok := aws.ParseConnectionLog(time.Now(), `{"connection-log-type":"connection-attempt","username":"eve\u001b[5m"}`)
	if !ok || strings.ContainsRune(c.Username, 0x1b) {
		t.Errorf("connection log username %q", c.Username)
	}
}

// An option the service leaves out is AWS's documented default
// (VPNTunnels.html), said as such, never "-"; a rekey fuzz of 0 is a
// value, not the default.
func TestTunnelSettingsShowTheDocumentedDefaults(t *testing.T) {
	want := map[string]string{
		"DPD timeout": "30 s (default)", "phase 1 lifetime": "28800 s (default)", "phase 2 lifetime": "3600 s (default)",
		"rekey margin": "540 s (default)", "rekey fuzz": "100 % (default)", "replay window": "1024 (default)",
		"DPD timeout action": "clear (default)", "startup action": "add (default)",
	}
	got := map[string]string{}
	for _, s := range aws.TunnelSettings(aws.Tunnel{}) {
		got[s.Name] = s.Value
	}
	for name, v := range want {
		if got[name] != v {
			t.Errorf("%s: %q, want %q", name, got[name], v)
		}
	}
	given := aws.Tunnel{DPDTimeout: 40, RekeyFuzz: aws.Known(0), StartupAction: "start"}
	for _, s := range aws.TunnelSettings(given) {
		if v := map[string]string{"DPD timeout": "40 s", "rekey fuzz": "0 %", "startup action": "start"}[s.Name]; v != "" && s.Value != v {
			t.Errorf("%s given: %q, want %q", s.Name, s.Value, v)
		}
	}
	// The advice uses the default too.
	a, _ := aws.ExplainTunnel(aws.VPNConnection{}, aws.CustomerGateway{}, aws.Tunnel{Status: "DOWN"})
	if !strings.Contains(strings.Join(a.Checks, "\n"), "after a DPD timeout (30 s (default))") {
		t.Errorf("checks: %v", a.Checks)
	}
}

// "No proposal chosen" is phase 2 in log-contents.html's IKEv1 table and
// has no phase in its IKEv2 table: IKEv2 sends it in IKE_SA_INIT too. The
// event's phase states, then the tunnel's IKE version, say which.
func TestNoProposalChosenSaysWhichExchange(t *testing.T) {
	const msg = `No Proposal Match Found. Notifying with "No proposal chosen"`
	v2, v1 := tunnel(false), tunnel(false)
	v1.IKEVersions = []string{"ikev1"}
	v2.Phase2Encryption = []string{"AES256-GCM-16"}
	cases := []struct {
		name   string
		p1, p2 string
		tu     aws.Tunnel
		phase  string
		check  string
	}{
		{"IKEv2, phase 1 down: IKE_SA_INIT", "Down", "Down", v2, "phase 1", "phase 1 encryption AES256"},
		{"IKEv2, phase 1 negotiating: IKE_SA_INIT", "Negotiating", "Down", v2, "phase 1", "phase 1 encryption"},
		{"IKEv2, phase 1 established: CHILD_SA", "Established", "Down", v2, "phase 2", "phase 2 encryption AES256-GCM-16"},
		{"IKEv1, phase 1 established", "Established", "Down", v1, "phase 2", "phase 2 encryption"},
		{"IKEv1, no states: IKEv1 says phase 2", "", "", v1, "phase 2", "phase 2 encryption"},
		{"IKEv2, no states (text format)", "", "", v2, "phase 1 or 2", "; and phase 2"},
	}
	for _, tc := range cases {
		e := aws.TunnelLogEntry{Detail: msg, Phase1: tc.p1, Phase2: tc.p2}
		a, ok := aws.AnnotateForTunnel(e, aws.VPNConnection{}, tc.tu)
		if !ok || a.Phase != tc.phase || !strings.Contains(a.Check, tc.check) || !a.Failure {
			t.Errorf("%s: %+v", tc.name, a)
		}
		if tc.phase == "phase 1" && (!strings.Contains(a.Meaning, "IKE_SA_INIT") || strings.Contains(a.Check, "phase 2")) {
			t.Errorf("%s: %+v", tc.name, a)
		}
	}
}

// connection-logging.html's own example of a session the authorization
// policy's periodic re-evaluation ended: a connection-reset whose attempt
// status is NA, yet a failure; in shadow mode the same decision is only
// recorded, so nothing failed.
func TestAPeriodicPolicyResetIsAFailure(t *testing.T) {
	const reset = `{"connection-log-type":"connection-reset","connection-attempt-status":"NA","connection-attempt-failure-reason":"NA","connection-id":"cvpn-connection-01f248f0e3084e4f2","client-vpn-endpoint-id":"cvpn-endpoint-0f2d58d4869ece501","transport-protocol":"udp","connection-start-time":"2026-09-24 22:22:25","connection-last-update-time":"2026-09-24 22:27:43","client-ip":"172.1.0.162","common-name":"client1.domain.tld","device-type":"linux","device-ip":"72.21.198.66","port":"5567","ingress-bytes":"21017","egress-bytes":"16438","authorization-policy-evaluation":{"result":"deny","evaluation-type":"periodic","shadow-mode":"disabled","reason":"policy-deny","device-token-status":{"crowdstrike":{"status":"validated"}}},"connection-end-time":"2026-09-24 22:27:43","connection-reset-status":"NA","connection-duration-seconds":"318"}`
	e, ok := aws.ParseConnectionLog(time.Now(), reset)
	if !ok || !e.Failed() || !e.PolicyReset() || e.Reason() != "authorization-policy-deny (periodic)" {
		t.Fatalf("the reset: failed %v, reason %q (%+v)", e.Failed(), e.Reason(), e)
	}
	if m, check, ok := aws.ExplainEntry(e); !ok || !strings.Contains(m, "periodic evaluation said deny") || check == "" {
		t.Errorf("explained as %q, %q, %v", m, check, ok)
	}
	shadow, _ := aws.ParseConnectionLog(time.Now(), strings.Replace(reset, `"shadow-mode":"disabled"`, `"shadow-mode":"enabled"`, 1))
	if shadow.Failed() {
		t.Error("a decision in shadow mode is not enforced, so nothing failed")
	}
	permit, _ := aws.ParseConnectionLog(time.Now(), strings.Replace(reset, `"result":"deny"`, `"result":"permit"`, 1))
	if permit.Failed() {
		t.Error("a permit is no failure")
	}
}

// What connection-authorization.html and troubleshooting.html say, where
// the log view says it: the handler's 30 s limit cannot be changed; an
// expired revocation list fails every TLS handshake.
func TestTheClientVPNLimitsAreTheDocumentedOnes(t *testing.T) {
	m, check, ok := aws.ExplainFailureReason("client-connect-handler-timed-out")
	if !ok || !strings.Contains(m, "30 seconds") || !strings.Contains(m, "cannot be changed") || strings.Contains(check, "timeout") {
		t.Errorf("timed out: %q / %q", m, check)
	}
	if !strings.Contains(aws.MutualAuthNotLogged, "revocation list") || !strings.Contains(aws.MutualAuthNotLogged, "CrlDaysToExpiry") {
		t.Errorf("%q", aws.MutualAuthNotLogged)
	}
}
