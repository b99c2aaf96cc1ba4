package alibaba

import "testing"

func TestPhases(t *testing.T) {
	for _, tc := range []struct {
		status   string
		ike, ips PhaseState
	}{
		{StatusIKENotEstablished, PhaseDown, PhaseNotReached},
		{StatusIKEEstablished, PhaseUp, PhaseDown},
		{StatusIPsecNotEstablished, PhaseUp, PhaseDown},
		{StatusIPsecEstablished, PhaseUp, PhaseUp},
		{"", PhaseUnknown, PhaseUnknown},
		{"IPSEC_SA_ESTABLISHED", PhaseUnknown, PhaseUnknown},
	} {
		ike, ips := Phases(tc.status)
		if ike != tc.ike || ips != tc.ips {
			t.Errorf("%q: %v/%v, want %v/%v", tc.status, ike, ips, tc.ike, tc.ips)
		}
	}
}

func TestConnectionVerdict(t *testing.T) {
	up := Tunnel{State: "active", Status: StatusIPsecEstablished}
	down := Tunnel{State: "active", Status: StatusIKENotEstablished}
	p2down := Tunnel{State: "active", Status: StatusIPsecNotEstablished}
	bgpDown := BGPConfig{Enabled: true, Status: "false"}
	bgpUp := BGPConfig{Enabled: true, Status: "success"}
	withBGP := func(t Tunnel, b BGPConfig) Tunnel { t.BGP = b; return t }
	withTunnelState := func(t Tunnel, s string) Tunnel { t.State = s; return t }
	hcFailed := HealthCheck{Enabled: true, Status: "failed"}
	dual := func(state string, ts ...Tunnel) Connection { return Connection{State: state, TunnelOptions: ts} }
	single := func(state, status string) Connection { return Connection{State: state, Status: status} }
	for _, tc := range []struct {
		name string
		c    Connection
		want Verdict
	}{
		{"single up", single("active", StatusIPsecEstablished), VerdictHealthy},
		{"single phase 1 down", single("active", StatusIKENotEstablished), VerdictDown},
		{"single phase 2 down", single("active", StatusIPsecNotEstablished), VerdictDown},
		{"dual both up", dual("active", up, up), VerdictHealthy},
		{"dual one down", dual("active", up, down), VerdictDegraded},
		{"dual both down", dual("active", p2down, down), VerdictDown},
		// The routes are BGP's (refBGP): an up tunnel whose session is down
		// carries nothing.
		{"single up but its BGP down", Connection{State: "active", Status: StatusIPsecEstablished, BGP: bgpDown}, VerdictDown},
		{"dual one down, the survivor's BGP down", dual("active", withBGP(up, bgpDown), down), VerdictDown},
		{"dual one down, the survivor's BGP up", dual("active", withBGP(up, bgpUp), withBGP(down, bgpDown)), VerdictDegraded},
		{"dual both up, both BGP down", dual("active", withBGP(up, bgpDown), withBGP(up, bgpDown)), VerdictDown},
		{"dual both up, one BGP down", dual("active", up, withBGP(up, bgpDown)), VerdictDegraded},
		{"dual up, the connection's own BGP down", Connection{State: "active", TunnelOptions: []Tunnel{up, up}, BGP: bgpDown}, VerdictDegraded},
		// refHealthCheck: probes that do not come back with every tunnel up
		// mean traffic does not pass end to end.
		{"up but health check failing", Connection{State: "active", Status: StatusIPsecEstablished, HealthCheck: hcFailed}, VerdictDown},
		{"dual one down and health check failing", Connection{State: "active", TunnelOptions: []Tunnel{up, down}, HealthCheck: hcFailed}, VerdictDegraded},
		// The states DescribeVpnConnections documents (refDescribe).
		{"attached to a transit router, up", single("attached", StatusIPsecEstablished), VerdictHealthy},
		{"attached, down", single("attached", StatusIKENotEstablished), VerdictDown},
		{"updating, up", single("updating", StatusIPsecEstablished), VerdictHealthy},
		{"upgrading, up", single("upgrading", StatusIPsecEstablished), VerdictHealthy},
		{"Upgrading, up", single("Upgrading", StatusIPsecEstablished), VerdictHealthy},
		{"financialLocked, down", single("financialLocked", StatusIKENotEstablished), VerdictDown},
		{"financialLocked, still reporting up", single("financialLocked", StatusIPsecEstablished), VerdictDown},
		{"init", single("init", StatusIKENotEstablished), VerdictInactive},
		{"provisioning", single("provisioning", StatusIKENotEstablished), VerdictInactive},
		{"attaching", single("attaching", StatusIKENotEstablished), VerdictInactive},
		{"detaching", single("detaching", StatusIPsecEstablished), VerdictInactive},
		{"deleting", single("deleting", StatusIPsecEstablished), VerdictInactive},
		{"deleted", single("deleted", StatusIKENotEstablished), VerdictInactive},
		// Unknown is never healthy; a failure seen still outranks it.
		{"a state no document names, up", single("migrating", StatusIPsecEstablished), VerdictUnknown},
		{"no state, up", single("", StatusIPsecEstablished), VerdictUnknown},
		{"a state no document names, down", single("migrating", StatusIKENotEstablished), VerdictDown},
		{"a tunnel state no document names", dual("active", up, withTunnelState(up, "rebuilding")), VerdictUnknown},
		{"no tunnel state", dual("active", up, withTunnelState(up, "")), VerdictUnknown},
		{"a tunnel updating", dual("active", up, withTunnelState(up, "updating")), VerdictHealthy},
		{"unknown status", dual("active", Tunnel{State: "active", Status: "weird"}), VerdictUnknown},
		{"no tunnels", Connection{State: "active"}, VerdictUnknown},
	} {
		if got := ConnectionVerdict(tc.c); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
