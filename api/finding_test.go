package api

import (
	"encoding/json"
	"testing"
)

// Every field is written, lists as [] and since as null, so a script can
// read any of them without checking it exists; impact and urgency as words.
func TestFindingJSONHasEveryField(t *testing.T) {
	b, err := json.Marshal(Finding{Provider: "alibaba", Resource: "ipsec-server", Impact: RedundancyLost})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"provider", "region", "resource", "resource_id", "resource_name", "gateway_id", "gateway_name",
		"connection_id", "connection_name", "tunnel_id", "server_id", "impact", "urgency", "phase", "state", "message",
		"consequences", "also", "unchecked", "since", "flapping"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no %q in %s", k, b)
		}
	}
	if m["impact"] != "redundancy-lost" || m["urgency"] != "warning" || m["since"] != nil {
		t.Errorf("%s", b)
	}
	for _, k := range []string{"consequences", "also", "unchecked"} {
		if l, ok := m[k].([]any); !ok || len(l) != 0 {
			t.Errorf("%s is %v, want []", k, m[k])
		}
	}
}

// Worse impact first, whatever the names.
func TestCompareFindingsRanksByImpact(t *testing.T) {
	order := []Impact{TrafficDown, RedundancyLost, Degraded, Note}
	for i := 1; i < len(order); i++ {
		a, b := Finding{Impact: order[i-1], Region: "z"}, Finding{Impact: order[i], Region: "a"}
		if CompareFindings(a, b) >= 0 {
			t.Errorf("%v does not sort before %v", a.Impact, b.Impact)
		}
	}
}

// The summary says what follows from the cause as a sentence, each
// consequence once ("BGP is down as a result"), never "(so bgp down)".
func TestSummarySaysConsequencesAsASentence(t *testing.T) {
	bgp := Cause{Phase: "bgp", State: "down", Message: "m"}
	hc := Cause{Phase: "health check", State: "failed", Message: "m"}
	cases := []struct {
		consequences []Cause
		want         string
	}{
		{nil, "IKE SA not established"},
		{[]Cause{bgp}, "IKE SA not established; BGP is down as a result"},
		{[]Cause{bgp, bgp, hc}, "IKE SA not established; BGP is down and the health check fails as a result"},
		{[]Cause{bgp, hc, {Phase: "phase 2", State: "ike_sa_established"}},
			"IKE SA not established; BGP is down, the health check fails and phase 2 is ike_sa_established as a result"},
	}
	for _, tc := range cases {
		f := Finding{Cause: Cause{Phase: "phase 1", Message: "IKE SA not established"}, Consequences: tc.consequences}
		if got := f.Summary(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
