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
