package alibaba

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
)

// One finding per broken resource: the worst cause, what follows from it
// as consequences, the rest as "also", ranked by impact.
func TestConnectionFinding(t *testing.T) {
	up := Tunnel{ID: "tun-a", State: "active", Status: StatusIPsecEstablished, BGP: BGPConfig{Enabled: true, Status: "success"}}
	p1 := Tunnel{ID: "tun-b", State: "active", Status: StatusIKENotEstablished, BGP: BGPConfig{Enabled: true, Status: "false"}}
	p2 := Tunnel{ID: "tun-c", State: "active", Status: StatusIPsecNotEstablished}
	hcFail := HealthCheck{Enabled: true, Status: "failed", SourceIP: "10.0.0.1", DestIP: "192.168.0.1", Policy: "revoke_route"}
	bgpDown := BGPConfig{Enabled: true, Status: "false"}
	upBGPDown := up
	upBGPDown.ID, upBGPDown.BGP = "tun-d", bgpDown
	upBGPUnread := up
	upBGPUnread.ID, upBGPUnread.BGP = "tun-e", BGPConfig{Enabled: true}
	gw := Gateway{ID: "vpn-1", Name: "prod"}
	for _, tc := range []struct {
		name         string
		c            Connection
		nilWant      bool
		resource, id string
		impact       api.Impact
		phase        string
		consequences []string // phases, in order
		also         []string
		unchecked    int
		messageHas   string
	}{
		{name: "healthy", c: Connection{State: "active", TunnelOptions: []Tunnel{up, up}}, nilWant: true},
		{name: "healthy single", c: Connection{State: "active", Status: StatusIPsecEstablished}, nilWant: true},
		// to-beijing-417: both tunnels' phase 1 down, BGP and the health check behind it.
		{name: "both phase 1 down", c: Connection{ID: "vco-1", State: "active", TunnelOptions: []Tunnel{p1, p1}, TunnelsBGP: true, BGP: bgpDown, HealthCheck: hcFail},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "phase 1",
			consequences: []string{"bgp", "bgp", "bgp", "health check"}},
		{name: "phase 1 beats phase 2", c: Connection{ID: "vco-1", State: "active", TunnelOptions: []Tunnel{p2, p1}},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "phase 1", also: []string{"phase 2"}, consequences: []string{"bgp"}},
		{name: "single phase 2 down", c: Connection{ID: "vco-1", State: "active", Status: StatusIKEEstablished, HealthCheck: hcFail},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "phase 2", consequences: []string{"health check"}},
		{name: "one tunnel of two down, the survivor routing", c: Connection{ID: "vco-1", State: "active", TunnelOptions: []Tunnel{up, p1}},
			resource: "tunnel", id: "tun-b", impact: api.RedundancyLost, phase: "phase 1",
			consequences: []string{"bgp"}, messageHas: "the other tunnel carries the traffic alone"},
		{name: "one tunnel of two down, the health check failing", c: Connection{ID: "vco-1", State: "active", TunnelOptions: []Tunnel{up, p1}, HealthCheck: hcFail},
			resource: "tunnel", id: "tun-b", impact: api.RedundancyLost, phase: "phase 1",
			consequences: []string{"bgp"}, also: []string{"health check"}, messageHas: "the health check's probes fail too"},
		// A survivor whose BGP session is down learns no route: it carries
		// nothing, so nothing does (issue 23).
		{name: "one tunnel of two down, the survivor's BGP down", c: Connection{ID: "vco-1", State: "active", TunnelOptions: []Tunnel{upBGPDown, p1}},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "bgp",
			consequences: []string{"bgp"}, also: []string{"phase 1"}, messageHas: "tunnel tun-d is up but its BGP session is down"},
		{name: "one tunnel of two down, the survivor's BGP unreadable", c: Connection{ID: "vco-1", State: "active", TunnelOptions: []Tunnel{upBGPUnread, p1}},
			resource: "tunnel", id: "tun-b", impact: api.RedundancyLost, phase: "phase 1", consequences: []string{"bgp"}, unchecked: 1,
			messageHas: "its BGP session could not be read"},
		// refHealthCheck: ICMP probes, and a failed check resets the tunnel.
		{name: "health check only", c: Connection{ID: "vco-1", State: "active", Status: StatusIPsecEstablished, HealthCheck: hcFail},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "health check", messageHas: "ICMP probes from 10.0.0.1 to 192.168.0.1"},
		{name: "health check only says the reset and the routes", c: Connection{ID: "vco-1", State: "active", Status: StatusIPsecEstablished, HealthCheck: hcFail},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "health check", messageHas: "resets the tunnel each time the check fails; the routes through this connection are withdrawn (revoke_route)"},
		{name: "single tunnel up, its BGP down", c: Connection{ID: "vco-1", State: "active", Status: StatusIPsecEstablished, BGP: bgpDown, HealthCheck: hcFail},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "bgp", also: []string{"health check"}, messageHas: "carries nothing"},
		{name: "both tunnels up, both BGP down", c: Connection{ID: "vco-1", State: "active", TunnelOptions: []Tunnel{upBGPDown, upBGPDown}},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "bgp", messageHas: "both tunnels are up but their BGP sessions are down"},
		{name: "one tunnel's BGP down", c: Connection{ID: "vco-1", State: "active", TunnelOptions: []Tunnel{up, upBGPDown}},
			resource: "tunnel", id: "tun-d", impact: api.RedundancyLost, phase: "bgp"},
		{name: "the connection's own BGP down, its tunnels routing", c: Connection{ID: "vco-1", State: "active", TunnelOptions: []Tunnel{up, up}, BGP: bgpDown},
			resource: "connection", id: "vco-1", impact: api.Degraded, phase: "bgp"},
		{name: "unknown status is not healthy", c: Connection{ID: "vco-1", State: "active", Status: "weird"},
			resource: "connection", id: "vco-1", impact: api.Unknown, phase: "unchecked", unchecked: 1, messageHas: "could not check the tunnel"},
		{name: "BGP status unreadable", c: Connection{ID: "vco-1", State: "active", Status: StatusIPsecEstablished, BGP: BGPConfig{Enabled: true}},
			resource: "connection", id: "vco-1", impact: api.Unknown, phase: "unchecked", unchecked: 1, messageHas: "BGP"},
		{name: "down, with an unreadable health check", c: Connection{ID: "vco-1", State: "active", Status: StatusIKENotEstablished, HealthCheck: HealthCheck{Enabled: true, Status: "?"}},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "phase 1", unchecked: 1},
		// The states DescribeVpnConnections documents (states.go).
		{name: "attached to a transit router, up", c: Connection{ID: "vco-1", State: "attached", Status: StatusIPsecEstablished}, nilWant: true},
		{name: "attached, down, is judged like active", c: Connection{ID: "vco-1", State: "attached", Status: StatusIKENotEstablished},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "phase 1"},
		{name: "financialLocked: the lock, not the key", c: Connection{ID: "vco-1", State: "financialLocked", Status: StatusIKENotEstablished, HealthCheck: hcFail},
			resource: "connection", id: "vco-1", impact: api.TrafficDown, phase: "status", consequences: []string{"tunnel"}, messageHas: "overdue payment"},
		{name: "a state no document names, up", c: Connection{ID: "vco-1", State: "migrating", Status: StatusIPsecEstablished},
			resource: "connection", id: "vco-1", impact: api.Unknown, phase: "unchecked", unchecked: 1, messageHas: `"migrating" is not one vpnscope knows`},
		{name: "attaching", c: Connection{ID: "vco-1", State: "attaching", Status: StatusIKENotEstablished},
			resource: "connection", id: "vco-1", impact: api.Note, phase: "status", messageHas: "being attached to a transit router"},
		{name: "detaching", c: Connection{ID: "vco-1", State: "detaching", Status: StatusIPsecEstablished},
			resource: "connection", id: "vco-1", impact: api.Note, phase: "status", messageHas: "detached"},
		{name: "upgrading, up", c: Connection{ID: "vco-1", State: "Upgrading", Status: StatusIPsecEstablished},
			resource: "connection", id: "vco-1", impact: api.Note, phase: "status", messageHas: "upgraded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := ConnectionFinding("cn-hangzhou", gw, tc.c)
			if tc.nilWant {
				if f != nil {
					t.Fatalf("a healthy connection is a finding: %+v", f.Finding)
				}
				return
			}
			if f == nil {
				t.Fatal("no finding")
			}
			if f.Resource != tc.resource || f.ResourceID != tc.id || f.Impact != tc.impact || f.Phase != tc.phase {
				t.Errorf("%s %s %v %s, want %s %s %v %s", f.Resource, f.ResourceID, f.Impact, f.Phase, tc.resource, tc.id, tc.impact, tc.phase)
			}
			if got := phases(f.Consequences); strings.Join(got, ",") != strings.Join(tc.consequences, ",") {
				t.Errorf("consequences %v, want %v", got, tc.consequences)
			}
			if got := phases(f.Also); strings.Join(got, ",") != strings.Join(tc.also, ",") {
				t.Errorf("also %v, want %v", got, tc.also)
			}
			if len(f.Unchecked) != tc.unchecked {
				t.Errorf("unchecked %q, want %d", f.Unchecked, tc.unchecked)
			}
			if !strings.Contains(f.Message, tc.messageHas) {
				t.Errorf("message %q lacks %q", f.Message, tc.messageHas)
			}
			if f.GatewayName != "prod" || f.ConnectionID != "vco-1" || f.Connection == nil {
				t.Errorf("where: %+v", f.Finding)
			}
		})
	}
}

func phases(cs []api.Cause) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Phase)
	}
	return out
}

// The phase 1 cause names the negotiation mode only for IKEv1: IKEv2 has
// no main or aggressive mode (RFC 7296).
func TestPhase1CauseNamesModeForIKEv1Only(t *testing.T) {
	v1 := phase1Cause(Tunnel{IKE: IKEConfig{Version: "ikev1", Mode: "main"}})
	v2 := phase1Cause(Tunnel{IKE: IKEConfig{Version: "ikev2", Mode: "main"}})
	if !strings.Contains(v1.Message, "mode") || strings.Contains(v2.Message, "mode") {
		t.Errorf("ikev1: %q\nikev2: %q", v1.Message, v2.Message)
	}
}

func TestGatewayAndCapacityFindings(t *testing.T) {
	if f := GatewayFinding("r", Gateway{ID: "vpn-1", Status: "active", BusinessStatus: "Normal"}); f != nil {
		t.Errorf("an active gateway is a finding: %+v", f.Finding)
	}
	if f := GatewayFinding("r", Gateway{ID: "vpn-1", Status: "active", BusinessStatus: "FinancialLocked"}); f == nil || f.Impact != api.TrafficDown {
		t.Errorf("locked: %+v", f)
	}
	if f := GatewayFinding("r", Gateway{ID: "vpn-1"}); f == nil || len(f.Unchecked) == 0 || f.Impact != api.Unknown {
		t.Errorf("a gateway without a status passed as fine, or ranked below unknown: %+v", f)
	}
	if f := GatewayFinding("r", Gateway{ID: "vpn-1", Status: "migrating"}); f == nil || f.Impact != api.Unknown || !strings.Contains(f.Unchecked[0], `"migrating"`) {
		t.Errorf("a gateway status no document names: %+v", f)
	}
	if f := CapacityFinding("r", "vpn-1", "prod", "ipsec-server", "iss-1", "c2s", 5, 20, 0.9); f != nil {
		t.Errorf("a quarter full is a finding: %+v", f.Finding)
	}
	f := CapacityFinding("r", "vpn-1", "prod", "ipsec-server", "iss-1", "c2s", 20, 20, 0.9)
	if f == nil || f.Impact != api.Degraded || f.ServerID != "iss-1" || f.GatewayName != "prod" {
		t.Errorf("full: %+v", f)
	}
}

// Each tunnel's state, for its timeline: down with its twin up is
// redundancy lost, with none up traffic down, unreadable unknown.
func TestTunnelStates(t *testing.T) {
	up := Tunnel{ID: "tun-a", Status: StatusIPsecEstablished}
	p1 := Tunnel{ID: "tun-b", Status: StatusIKENotEstablished}
	for _, tc := range []struct {
		c    Connection
		want string
	}{
		{Connection{TunnelOptions: []Tunnel{up, p1}}, "ok redundancy-lost/phase 1"},
		{Connection{TunnelOptions: []Tunnel{{ID: "tun-a", Status: StatusIPsecNotEstablished}, p1}}, "traffic-down/phase 2 traffic-down/phase 1"},
		{Connection{ID: "vco-1", Status: "?"}, "unknown/status"},
		{Connection{ID: "vco-1", Status: StatusIPsecEstablished}, "ok"},
		// Judged as the finding is: a survivor without its BGP session
		// carries nothing; a lock is the status; being created is a note.
		{Connection{TunnelOptions: []Tunnel{{ID: "tun-a", Status: StatusIPsecEstablished, BGP: BGPConfig{Enabled: true, Status: "false"}}, p1}},
			"traffic-down/bgp traffic-down/phase 1"},
		{Connection{TunnelOptions: []Tunnel{up, {ID: "tun-c", Status: StatusIPsecEstablished, BGP: BGPConfig{Enabled: true, Status: "false"}}}},
			"ok redundancy-lost/bgp"},
		{Connection{ID: "vco-1", State: "financialLocked", Status: StatusIKENotEstablished}, "traffic-down/status"},
		{Connection{ID: "vco-1", State: "attaching", Status: StatusIKENotEstablished}, "note/status"},
	} {
		var got []string
		for _, s := range TunnelStates("r", tc.c) {
			w := s.State
			if s.Cause != "" {
				w += "/" + s.Cause
			}
			got = append(got, w)
			if !strings.HasPrefix(s.Key, "alibaba|r|tunnel|") {
				t.Errorf("key %q", s.Key)
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%v, want %s", got, tc.want)
		}
	}
}

// Alibaba Cloud's gateways and connections follow the same lifecycle rule
// as AWS's (api.RankLifecycle): being created or deleted is a note, even
// with its tunnels down; updating still serves and is judged on them.
func TestLifecycleRanksLikeAWS(t *testing.T) {
	down := Connection{ID: "vco-1", Status: "ike_sa_not_established"}
	cases := []struct {
		name   string
		f      *Finding
		none   bool
		impact api.Impact
		phase  string
	}{
		{name: "connection active, phase 1 down", f: ConnectionFinding("r", Gateway{}, withState(down, "active")), impact: api.TrafficDown, phase: "phase 1"},
		{name: "connection with no state word, phase 1 down", f: ConnectionFinding("r", Gateway{}, down), impact: api.TrafficDown, phase: "phase 1"},
		{name: "connection updating, phase 1 down", f: ConnectionFinding("r", Gateway{}, withState(down, "updating")), impact: api.TrafficDown, phase: "phase 1"},
		{name: "connection deleting, phase 1 down", f: ConnectionFinding("r", Gateway{}, withState(down, "deleting")), impact: api.Note, phase: "status"},
		{name: "connection provisioning, phase 1 down", f: ConnectionFinding("r", Gateway{}, withState(down, "provisioning")), impact: api.Note, phase: "status"},
		{name: "connection deleted", f: ConnectionFinding("r", Gateway{}, withState(down, "deleted")), none: true},
		{name: "gateway init", f: GatewayFinding("r", Gateway{ID: "vpn-1", Status: "init"}), impact: api.Note, phase: "status"},
		{name: "gateway provisioning", f: GatewayFinding("r", Gateway{ID: "vpn-1", Status: "provisioning"}), impact: api.Note, phase: "status"},
		{name: "gateway updating", f: GatewayFinding("r", Gateway{ID: "vpn-1", Status: "updating"}), impact: api.Note, phase: "status"},
		{name: "gateway deleting", f: GatewayFinding("r", Gateway{ID: "vpn-1", Status: "deleting"}), impact: api.Note, phase: "status"},
		{name: "gateway active", f: GatewayFinding("r", Gateway{ID: "vpn-1", Status: "active"}), none: true},
	}
	for _, tc := range cases {
		switch {
		case tc.none && tc.f != nil:
			t.Errorf("%s: want no finding, got %+v", tc.name, tc.f.Finding)
		case tc.none:
		case tc.f == nil:
			t.Errorf("%s: no finding", tc.name)
		case tc.f.Impact != tc.impact || tc.f.Phase != tc.phase:
			t.Errorf("%s: got %s %s, want %s %s", tc.name, tc.f.Impact, tc.f.Phase, tc.impact, tc.phase)
		}
	}
}

func withState(c Connection, state string) Connection { c.State = state; return c }
