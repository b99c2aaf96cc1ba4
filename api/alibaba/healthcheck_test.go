package alibaba

import (
	"strings"
	"testing"
)

func TestExplainHealthCheck(t *testing.T) {
	hc := HealthCheck{Enabled: true, Status: "failed", SourceIP: "10.2.0.50", DestIP: "192.168.2.1", Interval: 2, Retry: 3, Policy: "revoke_route"}
	conn := func(status string, edit func(*Connection)) Connection {
		c := Connection{Status: status, NATTraversal: true, HealthCheck: hc,
			LocalSubnets: []string{"10.2.0.0/16"}, RemoteSubnets: []string{"192.168.0.0/16"}}
		if edit != nil {
			edit(&c)
		}
		return c
	}
	if e := ExplainHealthCheck(conn(StatusIPsecEstablished, func(c *Connection) { c.HealthCheck.Enabled = false })); e != nil {
		t.Fatalf("an health check that is off is explained: %+v", e)
	}
	for _, tc := range []struct {
		name                string
		c                   Connection
		meaning, probe, pol string
		check, noCheck      string
		unchecked           string
		noChecks            bool
	}{
		{name: "up", c: conn(StatusIPsecEstablished, func(c *Connection) { c.HealthCheck.Status = "success" }),
			meaning: "come back", probe: "ICMP echo requests (ping) every 2 s from 10.2.0.50 to 192.168.2.1 through the tunnel, and counts it failed after 3 retries without an answer; each failed check makes the service reset the tunnel",
			pol: "withdrawn (revoke_route)", noChecks: true},
		{name: "down behind a down phase", c: conn(StatusIKENotEstablished, nil), meaning: "no tunnel is up", noChecks: true},
		{name: "down with phases up", c: conn(StatusIPsecEstablished, nil), meaning: "both phases up, but the probes do not come back",
			check: "The destination 192.168.2.1 exists", noCheck: "NAT traversal is off"},
		{name: "down with one tunnel of two down", c: conn("", func(c *Connection) {
			c.TunnelOptions = []Tunnel{{ID: "a", Status: StatusIPsecEstablished}, {ID: "b", Status: StatusIKENotEstablished}}
		}), meaning: "either they still go through the tunnel that is down"},
		// refHealthCheck: the probe is ICMP, and a failure resets the tunnel.
		{name: "down with phases up: the reset", c: conn(StatusIPsecEstablished, nil), meaning: "the service resets the tunnel after each failed check",
			check: "answers ICMP echo (ping) from 10.2.0.50"},
		// NAT-T breaks IKE (the seed's EnableNatTraversal); with the
		// phases up it is not why the probes fail.
		{name: "NAT-T off is not blamed with the phases up", c: conn(StatusIPsecEstablished, func(c *Connection) { c.NATTraversal = false }),
			noCheck: "NAT"},
		{name: "destination outside the selectors", c: conn(StatusIPsecEstablished, func(c *Connection) { c.HealthCheck.DestIP = "172.16.0.1" }),
			check: "outside the remote subnets"},
		{name: "routes kept", c: conn(StatusIPsecEstablished, func(c *Connection) { c.HealthCheck.Policy = "reserve_route" }), pol: "kept (reserve_route)"},
		{name: "state unreadable", c: conn(StatusIPsecEstablished, func(c *Connection) { c.HealthCheck.Status = "" }),
			meaning: "cannot tell", unchecked: "the health check's state"},
		{name: "source unreadable", c: conn(StatusIPsecEstablished, func(c *Connection) { c.HealthCheck.SourceIP = "" }), unchecked: "source IP"},
		{name: "policy unreadable", c: conn(StatusIPsecEstablished, func(c *Connection) { c.HealthCheck.Policy = "" }), unchecked: "routes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := ExplainHealthCheck(tc.c)
			if e == nil {
				t.Fatal("no explanation")
			}
			all := strings.Join(e.Checks, "\n")
			for _, want := range []struct{ in, s string }{{e.Meaning, tc.meaning}, {e.Probe, tc.probe}, {e.Policy, tc.pol}, {all, tc.check},
				{strings.Join(e.Unchecked, ";"), tc.unchecked}} {
				if !strings.Contains(want.in, want.s) {
					t.Errorf("%q lacks %q", want.in, want.s)
				}
			}
			if tc.noCheck != "" && strings.Contains(all, tc.noCheck) {
				t.Errorf("checks say %q:\n%s", tc.noCheck, all)
			}
			if tc.noChecks != (len(e.Checks) == 0) {
				t.Errorf("checks: %q", e.Checks)
			}
			if tc.unchecked == "" && len(e.Unchecked) > 0 {
				t.Errorf("unchecked %q with everything read", e.Unchecked)
			}
		})
	}
	for i, ck := range healthChecks {
		if ck.ref == "" {
			t.Errorf("health check statement %d has no reference", i)
		}
	}
}
