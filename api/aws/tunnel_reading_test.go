package aws_test

import (
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

var readNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// tel is a tunnel with only its telemetry set: status, message, routes.
func tel(ip, status, message string, routes *int) aws.Tunnel {
	return aws.Tunnel{OutsideIP: ip, Status: status, StatusMessage: message, AcceptedRoutes: routes,
		LastStatusChange: readNow.Add(-3 * time.Hour), IKEVersions: []string{"ikev2"}, StartupAction: "add", Logging: true}
}

// Every documented case of a tunnel's telemetry, with the page that says
// what it means: what it is read as, and what must (and must not) be said.
func TestEachTunnelTelemetryIsReadAsItsDocumentSays(t *testing.T) {
	bgp, static := aws.VPNConnection{GatewayKind: aws.KindVGW}, aws.VPNConnection{StaticRoutesOnly: true}
	cgw := aws.CustomerGateway{IP: "198.51.100.7", ASN: "65010"}
	cases := []struct {
		source       string
		c            aws.VPNConnection
		t            aws.Tunnel
		reading      string
		carries, unk bool
		phase        string
		say, never   []string // in the problem, meaning and checks
	}{
		{"monitoring-cloudwatch-vpn.html: on BGP, 1 is ESTABLISHED, 0 every other state",
			bgp, tel("a", "DOWN", "IPSEC IS UP", aws.Known(0)), "bgp not established", false, false, "bgp",
			[]string{"BGP is not established", "TCP 179", "65010", "ping AWS's inside address", "1399"},
			[]string{"pre-shared key", "initiate", "phase 1 proposal"}},
		{"EC2 CLI describe-vpn-connections: IPSEC IS DOWN",
			bgp, tel("a", "DOWN", "IPSEC IS DOWN", aws.Known(0)), "ipsec down", false, false, "tunnel",
			[]string{"phase 1 (IKE) or phase 2 (IPsec)", "pre-shared key", "stays DOWN until the device initiates"}, []string{"TCP 179"}},
		{"monitoring-cloudwatch-vpn.html: static, 0 is DOWN",
			static, tel("a", "DOWN", "", nil), "down, no reason, static", false, false, "tunnel",
			[]string{"phase 1 (IKE) or phase 2 (IPsec)", "one SA pair per tunnel"}, []string{"TCP 179"}},
		{"monitoring-cloudwatch-vpn.html: BGP, 0 is any state but ESTABLISHED",
			bgp, tel("a", "DOWN", "", nil), "down, no reason, bgp", false, false, "tunnel",
			[]string{"IKE, IPsec or BGP", "pre-shared key", "TCP 179"}, nil},
		{"API_VgwTelemetry: statusMessage if an error occurs",
			bgp, tel("a", "DOWN", "SOMETHING NEW", nil), "down, a message no document explains", false, false, "tunnel",
			[]string{`"SOMETHING NEW"`}, nil},
		{"API_VgwTelemetry: status UP | DOWN",
			bgp, tel("a", "IMPAIRED", "", aws.Known(5)), "status unknown", false, true, "tunnel",
			[]string{`"IMPAIRED"`, "unknown"}, []string{"is down"}},
		{"API_VgwTelemetry: status missing",
			bgp, tel("a", "", "", nil), "status unknown", false, true, "tunnel", []string{"unknown"}, []string{"is down"}},
		{"monitoring-cloudwatch-vpn.html: an UP BGP tunnel has BGP established; vpn-limits.html",
			bgp, tel("a", "UP", "0 BGP ROUTES", aws.Known(0)), "bgp accepts no routes", false, false, "bgp",
			[]string{"BGP established", "advertises", "100 dynamic routes"}, []string{"TCP 179", "Connect or Active", "is down"}},
		{"vpn-limits.html: 1,000 routes to a transit gateway",
			aws.VPNConnection{GatewayKind: aws.KindTGW}, tel("a", "UP", "", aws.Known(0)), "bgp accepts no routes", false, false, "bgp",
			[]string{"1,000 dynamic routes"}, nil},
		{"API_VgwTelemetry: acceptedRouteCount is optional",
			bgp, tel("a", "UP", "", nil), "bgp routes unknown", false, true, "bgp", []string{"unknown"}, []string{"accepts no routes"}},
		{"API_VgwTelemetry: UP on BGP with routes", bgp, tel("a", "UP", "3 BGP ROUTES", aws.Known(3)), "carries", true, false, "", nil, nil},
		{"API_VgwTelemetry: UP on a static connection, no count", static, tel("a", "UP", "", nil), "carries", true, false, "", nil, nil},
	}
	for _, tc := range cases {
		r := aws.ReadTunnel(tc.c, tc.t)
		if r.Name != tc.reading || r.Carries != tc.carries || r.Unknown != tc.unk || r.Phase != tc.phase || r.Source == "" {
			t.Errorf("%s: read as %q (carries %v, unknown %v, phase %q, source %q)", tc.source, r.Name, r.Carries, r.Unknown, r.Phase, r.Source)
			continue
		}
		a, ok := aws.ExplainTunnel(tc.c, cgw, tc.t)
		if ok == tc.carries {
			t.Errorf("%s: advice %v for a tunnel that carries %v", tc.source, ok, tc.carries)
		}
		text := a.Problem + "\n" + a.Meaning + "\n" + strings.Join(a.Checks, "\n")
		for _, w := range tc.say {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in\n%s", tc.source, w, text)
			}
		}
		for _, w := range tc.never {
			if strings.Contains(text, w) {
				t.Errorf("%s: %q should not be said:\n%s", tc.source, w, text)
			}
		}
	}
}

// LastStatusChange moves on any IKE, IPsec or BGP change
// (API_VgwTelemetry): it is said as the last change, the tunnel down at
// least since then, never "down since".
func TestTheLastStatusChangeIsNotDownSince(t *testing.T) {
	tu := tel("203.0.113.10", "DOWN", "IPSEC IS DOWN", nil)
	a, _ := aws.ExplainTunnel(aws.VPNConnection{}, aws.CustomerGateway{}, tu)
	if a.Since != (api.Onset{At: tu.LastStatusChange, Source: api.OnsetLastChange}) || strings.Contains(a.Problem, "since") {
		t.Errorf("problem: %q, since %+v", a.Problem, a.Since)
	}
	f := aws.ConnectionFinding("us-east-1", aws.VPNGateway{}, aws.CustomerGateway{},
		aws.VPNConnection{ID: "vpn-1", State: "available", Tunnels: []aws.Tunnel{tu, tel("203.0.113.11", "DOWN", "IPSEC IS DOWN", nil)}}, readNow)
	if f == nil || strings.Contains(f.Message, "down for") || !strings.Contains(f.Message, "last status change 3h00m ago") ||
		f.SinceSource != api.SinceLastChange || f.Since == nil || !f.Since.Equal(tu.LastStatusChange) {
		t.Errorf("finding: %+v", f)
	}
	if d := f.Details(); !strings.Contains(details(d), "at least since") {
		t.Errorf("details: %v", d)
	}
}

func details(ds []api.Detail) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Label+": "+d.Value)
	}
	return strings.Join(out, "\n")
}

// A connection's two tunnels, by what api.Impact defines: nothing carries
// is traffic down (a tunnel up with no BGP routes carries nothing), the
// last path left is redundancy lost, what cannot be told is unknown.
func TestConnectionVerdictsFollowWhatTheTunnelsCarry(t *testing.T) {
	up := func(ip string) aws.Tunnel { return tel(ip, "UP", "3 BGP ROUTES", aws.Known(3)) }
	quiet := func(ip string) aws.Tunnel { return tel(ip, "UP", "0 BGP ROUTES", aws.Known(0)) }
	ipsecDown := func(ip string) aws.Tunnel { return tel(ip, "DOWN", "IPSEC IS DOWN", nil) }
	bgpDown := func(ip string) aws.Tunnel { return tel(ip, "DOWN", "IPSEC IS UP", aws.Known(0)) }
	cases := []struct {
		name     string
		t1, t2   aws.Tunnel
		healthy  bool
		impact   api.Impact
		resource string
		phase    string
		has      []string
		never    []string
		bgpAfter bool // BGP down as a consequence
	}{
		{"both carry", up("a"), up("b"), true, 0, "", "", nil, nil, false},
		{"both IPsec down", ipsecDown("a"), ipsecDown("b"), false, api.TrafficDown, "connection", "tunnel",
			[]string{"no tunnel carries traffic"}, nil, true},
		{"both DOWN with IPsec up: BGP behind IPsec", bgpDown("a"), bgpDown("b"), false, api.TrafficDown, "connection", "bgp",
			[]string{"BGP is not established", "TCP 179"}, []string{"initiate", "phase 1"}, false},
		{"one down, the survivor accepts no routes", ipsecDown("a"), quiet("b"), false, api.TrafficDown, "connection", "tunnel",
			[]string{"no tunnel carries traffic", "tunnel b: BGP is established but accepts no routes"}, []string{"redundancy", "alone"}, false},
		{"the survivor accepts no routes, the other BGP down", quiet("a"), bgpDown("b"), false, api.TrafficDown, "connection", "bgp",
			[]string{"tunnel b", "accepts no routes"}, nil, false},
		{"both up, no routes: nothing reachable", quiet("a"), quiet("b"), false, api.TrafficDown, "connection", "bgp",
			[]string{"accepts no routes"}, nil, false},
		{"one down, the other carries", ipsecDown("a"), up("b"), false, api.RedundancyLost, "tunnel", "tunnel",
			[]string{"tunnel b carries the traffic alone"}, nil, false},
		{"one BGP down behind IPsec, the other carries", up("a"), bgpDown("b"), false, api.RedundancyLost, "tunnel", "bgp",
			[]string{"BGP is not established"}, nil, false},
		{"one accepts no routes, the other carries", quiet("a"), up("b"), false, api.RedundancyLost, "tunnel", "bgp", nil, nil, false},
		{"one down, the survivor's routes not given", ipsecDown("a"), tel("b", "UP", "", nil), false, api.Unknown, "connection", "unchecked",
			[]string{"could not tell whether any tunnel carries traffic"}, nil, false},
		{"one carries, the other's status undocumented", up("a"), tel("b", "WEIRD", "", nil), false, api.Unknown, "connection", "unchecked",
			[]string{`"WEIRD"`}, nil, false},
		{"one down, the other's status undocumented", ipsecDown("a"), tel("b", "WEIRD", "", nil), false, api.Unknown, "connection", "unchecked",
			nil, []string{"is down"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := aws.VPNConnection{ID: "vpn-1", State: "available", GatewayKind: aws.KindVGW, Tunnels: []aws.Tunnel{tc.t1, tc.t2}}
			f := aws.ConnectionFinding("us-east-1", aws.VPNGateway{}, aws.CustomerGateway{IP: "198.51.100.7", ASN: "65010"}, c, readNow)
			if tc.healthy {
				if f != nil {
					t.Fatalf("healthy, got %+v", f.Finding)
				}
				return
			}
			if f == nil {
				t.Fatal("no finding")
			}
			text := f.Summary() + "\n" + details(f.Details())
			if f.Impact != tc.impact || f.Resource != tc.resource || f.Phase != tc.phase {
				t.Errorf("got %s %s %s, want %s %s %s\n%s", f.Impact, f.Resource, f.Phase, tc.impact, tc.resource, tc.phase, text)
			}
			for _, w := range tc.has {
				if !strings.Contains(text, w) {
					t.Errorf("no %q in\n%s", w, text)
				}
			}
			for _, w := range tc.never {
				if strings.Contains(text, w) {
					t.Errorf("%q should not be said:\n%s", w, text)
				}
			}
			if got := len(f.Consequences) > 0; got != tc.bgpAfter {
				t.Errorf("BGP down as a consequence: %v, want %v (%+v)", got, tc.bgpAfter, f.Consequences)
			}
		})
	}
}

// Every input a connection's verdict rests on, missing or unknown in turn:
// none is taken as healthy, and none ranks below unknown.
func TestNoMissingOrUnknownInputReadsAsHealthy(t *testing.T) {
	healthy := func() aws.VPNConnection {
		return aws.VPNConnection{ID: "vpn-1", State: "available", Tunnels: []aws.Tunnel{
			tel("a", "UP", "3 BGP ROUTES", aws.Known(3)), tel("b", "UP", "4 BGP ROUTES", aws.Known(4))}}
	}
	if f := aws.ConnectionFinding("r", aws.VPNGateway{}, aws.CustomerGateway{}, healthy(), readNow); f != nil {
		t.Fatalf("the healthy connection: %+v", f.Finding)
	}
	for name, spoil := range map[string]func(*aws.VPNConnection){
		"state missing":                  func(c *aws.VPNConnection) { c.State = "" },
		"state no document names":        func(c *aws.VPNConnection) { c.State = "recovering" },
		"no tunnels listed":              func(c *aws.VPNConnection) { c.Tunnels = nil },
		"a tunnel's status missing":      func(c *aws.VPNConnection) { c.Tunnels[0].Status = "" },
		"a tunnel's status undocumented": func(c *aws.VPNConnection) { c.Tunnels[1].Status = "DEGRADED" },
		"a tunnel's route count missing": func(c *aws.VPNConnection) { c.Tunnels[0].AcceptedRoutes = nil },
		"both route counts missing": func(c *aws.VPNConnection) {
			c.Tunnels[0].AcceptedRoutes, c.Tunnels[1].AcceptedRoutes = nil, nil
		},
	} {
		c := healthy()
		spoil(&c)
		f := aws.ConnectionFinding("r", aws.VPNGateway{}, aws.CustomerGateway{}, c, readNow)
		if f == nil {
			t.Errorf("%s: read as healthy", name)
			continue
		}
		if f.Impact != api.Unknown || len(f.Unchecked) == 0 {
			t.Errorf("%s: %s, unchecked %v (%s)", name, f.Impact, f.Unchecked, f.Message)
		}
	}
	// The journal's tunnel states say the same.
	c := healthy()
	c.Tunnels[0].AcceptedRoutes = nil
	for _, s := range aws.TunnelStates("r", c) {
		if strings.HasSuffix(s.Key, "/a") && s.State != "unknown" {
			t.Errorf("a tunnel whose routes are not given is %q in the journal", s.State)
		}
	}
}

// A survivor that accepts no routes carries nothing: its tunnels are
// traffic-down in the journal as in the finding.
func TestTunnelStatesOfASurvivorWithNoRoutes(t *testing.T) {
	c := aws.VPNConnection{ID: "vpn-1", State: "available", Tunnels: []aws.Tunnel{
		tel("a", "DOWN", "IPSEC IS DOWN", nil), tel("b", "UP", "0 BGP ROUTES", aws.Known(0))}}
	for _, s := range aws.TunnelStates("r", c) {
		if s.State != "traffic-down" {
			t.Errorf("%s: %s", s.Key, s.State)
		}
	}
}
