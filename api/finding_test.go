package api

import (
	"encoding/json"
	"slices"
	"strings"
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
		"consequences", "also", "unchecked", "reason", "since", "flapping"} {
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

// Unknown ranks below degraded and above note, is a warning, and is
// written "unknown".
func TestUnknownRank(t *testing.T) {
	if !(Degraded < Unknown && Unknown < Note) {
		t.Fatal("unknown is not between degraded and note")
	}
	if w, _ := Unknown.MarshalText(); string(w) != "unknown" || Unknown.Urgency() != "warning" {
		t.Fatalf("%s %s", w, Unknown.Urgency())
	}
	c, reason := UnreadCause("vpc", []Unread{{What: "its connections",
		Err: ProviderError("DescribeVpnConnections", KindPermission, 403, "Forbidden.RAM", "no", "R-1", "")}})
	if c.State != "not permitted" || !strings.Contains(c.Message, "grant these credentials vpc:DescribeVpnConnections") ||
		!strings.Contains(reason, "Forbidden.RAM") {
		t.Fatalf("%+v %q", c, reason)
	}
}

// Details gives only the fields that apply, each consequence and each
// other cause.
func TestFindingDetails(t *testing.T) {
	f := Finding{Provider: "alibaba", Region: "r", Resource: "connection", ResourceID: "vco-1", ResourceName: "c",
		ConnectionID: "vco-1", ConnectionName: "c", Impact: TrafficDown, Cause: Cause{Phase: "phase 1", State: "down", Message: "m"},
		Consequences: []Cause{{Phase: "bgp", State: "down", Message: "b"}}, Also: []Cause{{Phase: "phase 2", State: "down", Message: "tunnel 2: x"}}}
	var labels []string
	text := ""
	for _, d := range f.Details() {
		labels = append(labels, d.Label)
		if d.Value == "" || d.Value == "-" {
			t.Errorf("%s: empty", d.Label)
		}
		text += d.Label + "=" + d.Value + "\n"
	}
	for _, want := range []string{"As a result=BGP is down: b", "Also=phase 2 down: tunnel 2: x"} {
		if !strings.Contains(text, want) {
			t.Errorf("details lack %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"Tunnel", "Server ID", "Gateway", "Reason"} {
		if slices.Contains(labels, not) {
			t.Errorf("details show %s, which does not apply:\n%s", not, text)
		}
	}
}
