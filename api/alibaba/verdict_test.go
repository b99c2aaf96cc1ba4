package alibaba

import (
	"strings"
	"testing"
)

// Unknown is never healthy: each input of a connection's verdict, made
// unreadable in turn, turns the verdict away from healthy, and the
// verdict and the finding say what could not be checked.
func TestVerdictWithEachInputUnreadable(t *testing.T) {
	healthy := func() Connection {
		ok := BGPConfig{Enabled: true, Status: "success"}
		return Connection{ID: "vco-1", BGP: ok, TunnelsBGP: true,
			HealthCheck:   HealthCheck{Enabled: true, Status: "success"},
			TunnelOptions: []Tunnel{{ID: "tun-a", Status: StatusIPsecEstablished, BGP: ok}, {ID: "tun-b", Status: StatusIPsecEstablished, BGP: ok}}}
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
