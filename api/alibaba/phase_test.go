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
	up := Tunnel{Status: StatusIPsecEstablished}
	down := Tunnel{Status: StatusIKENotEstablished}
	p2down := Tunnel{Status: StatusIPsecNotEstablished}
	bgpDown := BGPConfig{Enabled: true, Status: "false"}
	for _, tc := range []struct {
		name string
		c    Connection
		want Verdict
	}{
		{"single up", Connection{TunnelOptions: []Tunnel{up}}, VerdictHealthy},
		{"single phase 1 down", Connection{TunnelOptions: []Tunnel{down}}, VerdictDown},
		{"single phase 2 down", Connection{TunnelOptions: []Tunnel{p2down}}, VerdictDown},
		{"dual both up", Connection{TunnelOptions: []Tunnel{up, up}}, VerdictHealthy},
		{"dual one down", Connection{TunnelOptions: []Tunnel{up, down}}, VerdictDegraded},
		{"dual both down", Connection{TunnelOptions: []Tunnel{p2down, down}}, VerdictDown},
		{"up but BGP down", Connection{TunnelOptions: []Tunnel{up}, BGP: bgpDown}, VerdictDegraded},
		{"up but tunnel BGP down", Connection{TunnelOptions: []Tunnel{up, {Status: StatusIPsecEstablished, BGP: bgpDown}}}, VerdictDegraded},
		{"up but health check failing", Connection{TunnelOptions: []Tunnel{up}, HealthCheck: HealthCheck{Enabled: true, Status: "failed"}}, VerdictDegraded},
		{"unknown status", Connection{TunnelOptions: []Tunnel{{Status: "weird"}}}, VerdictUnknown},
		{"no tunnels", Connection{}, VerdictUnknown},
	} {
		if got := ConnectionVerdict(tc.c); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
