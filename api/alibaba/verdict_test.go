package alibaba

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
)

// Unknown is never healthy: each input of a connection's verdict, made
// unreadable in turn, turns the verdict away from healthy, and the
// verdict and the finding say what could not be checked.
func TestVerdictWithEachInputUnreadable(t *testing.T) {
	healthy := func() Connection {
		ok := BGPConfig{Enabled: true, Status: "success"}
		return Connection{ID: "vco-1", State: "active", BGP: ok, TunnelsBGP: true,
			HealthCheck: HealthCheck{Enabled: true, Status: "success"},
			TunnelOptions: []Tunnel{{ID: "tun-a", State: "active", Status: StatusIPsecEstablished, BGP: ok},
				{ID: "tun-b", State: "active", Status: StatusIPsecEstablished, BGP: ok}}}
	}
	if a := AssessConnection(healthy()); a.Verdict != VerdictHealthy || len(a.Unchecked) > 0 {
		t.Fatalf("the healthy connection: %+v", a)
	}
	for _, tc := range []struct {
		input string
		spoil func(*Connection)
		says  string
	}{
		{"tunnel a's status", func(c *Connection) { c.TunnelOptions[0].Status = "" }, "tunnel tun-a"},
		{"tunnel b's status", func(c *Connection) { c.TunnelOptions[1].Status = "renegotiating" }, "tunnel tun-b"},
		{"tunnel a's BGP", func(c *Connection) { c.TunnelOptions[0].BGP.Status = "" }, "BGP session of tunnel tun-a"},
		{"tunnel b's BGP", func(c *Connection) { c.TunnelOptions[1].BGP.Status = "idle" }, "BGP session of tunnel tun-b"},
		{"the connection's BGP", func(c *Connection) { c.BGP.Status = "" }, "the BGP session"},
		{"the health check", func(c *Connection) { c.HealthCheck.Status = "" }, "the health check"},
		{"a single tunnel's status", func(c *Connection) { c.TunnelOptions = nil; c.Status = "" }, "the tunnel"},
		// The states (states.go): none given, or a word no document names.
		{"the connection's state, missing", func(c *Connection) { c.State = "" }, "the connection's state (the service gave none)"},
		{"the connection's state, unknown", func(c *Connection) { c.State = "migrating" }, `the connection's state ("migrating" is not one vpnscope knows)`},
		{"tunnel a's state, missing", func(c *Connection) { c.TunnelOptions[0].State = "" }, "the state of tunnel tun-a"},
		{"tunnel b's state, unknown", func(c *Connection) { c.TunnelOptions[1].State = "rebuilding" }, "the state of tunnel tun-b"},
	} {
		t.Run(tc.input, func(t *testing.T) {
			c := healthy()
			tc.spoil(&c)
			a := AssessConnection(c)
			if a.Verdict == VerdictHealthy {
				t.Fatalf("healthy with %s unreadable", tc.input)
			}
			if !strings.Contains(strings.Join(a.Unchecked, "; "), tc.says) {
				t.Errorf("unchecked %q does not name %q", a.Unchecked, tc.says)
			}
			f := ConnectionFinding("r", Gateway{ID: "vpn-1"}, c)
			if f == nil || len(f.Unchecked) == 0 || !strings.Contains(f.Message, "could not check") {
				t.Fatalf("no finding says what could not be checked: %+v", f)
			}
			// Unknown outranks a note (api/finding.go), whatever the
			// lifecycle rule makes of an unknown state.
			if f.Impact != api.Unknown {
				t.Errorf("impact %v, want unknown", f.Impact)
			}
		})
	}
	// Unreadable beside down: the verdict is the known worse one, and still
	// says what it could not read.
	c := healthy()
	c.TunnelOptions[0].Status, c.TunnelOptions[1].Status = StatusIKENotEstablished, "?"
	if a := AssessConnection(c); a.Verdict != VerdictDown || len(a.Unchecked) != 1 {
		t.Errorf("one down, one unreadable: %+v", a)
	}
}

// A rollup whose parts could not all be read is unknown, never healthy.
func TestRollupVerdict(t *testing.T) {
	for _, tc := range []struct {
		r    GatewayRollup
		want Verdict
	}{
		{GatewayRollup{Total: 3}, VerdictHealthy},
		{GatewayRollup{Total: 3, Down: 1, Failed: true}, VerdictDown},
		{GatewayRollup{Total: 3, Degraded: 1}, VerdictDegraded},
		{GatewayRollup{Total: 3, Failed: true}, VerdictUnknown},
		{GatewayRollup{Total: 3, Unknown: 1}, VerdictUnknown},
		{GatewayRollup{Total: 3, Unchecked: []string{"its SSL server could not be read"}}, VerdictUnknown},
	} {
		if got := tc.r.Verdict(); got != tc.want {
			t.Errorf("%+v: %v, want %v", tc.r, got, tc.want)
		}
	}
}
