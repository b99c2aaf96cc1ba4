package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// `vpnscope problems --demo --provider alibaba --json` judges the states
// DescribeVpnConnections documents as the reference page has them, and
// checks the connections attached to a transit router (no VPN gateway)
// like the rest (issue 23): an attached connection whose tunnels are up is
// no finding above a note, financialLocked is the lock (not the key), a
// state no document names is unknown.
func TestProblemsDemoJudgesTheDocumentedStates(t *testing.T) {
	isolate(t)
	var out, errOut bytes.Buffer
	if err := run([]string{"problems", "--no-journal", "--demo", "--provider", "alibaba", "--json"}, &out, &errOut); err == nil {
		t.Fatal("the demo has problems; want exit 1")
	}
	var fs []struct {
		Impact, Phase, State, Message string
		GatewayID                     string `json:"gateway_id"`
		ConnectionName                string `json:"connection_name"`
		Consequences, Also            []struct{ Phase, Message string }
	}
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	byName := map[string]int{}
	attached := 0
	for i, f := range fs {
		if f.GatewayID == emulator.TransitRouterID {
			attached++
			byName[f.ConnectionName] = i
		}
	}
	if attached == 0 {
		t.Fatal("no finding about a connection attached to the transit router: they were not checked")
	}
	if i, ok := byName["cen-shenzhen-dc"]; ok && fs[i].Impact != "note" {
		t.Errorf("attached with its tunnels up: %+v", fs[i])
	}
	locked := fs[byName["cen-guangzhou-branch"]]
	text := locked.Message
	for _, c := range append(locked.Consequences, locked.Also...) {
		text += " " + c.Message
	}
	if locked.Impact != "traffic-down" || locked.State != "financialLocked" || !strings.Contains(text, "overdue payment") ||
		strings.Contains(text, "pre-shared") || strings.Contains(text, "phase 1") {
		t.Errorf("financialLocked: %+v", locked)
	}
	if i, ok := byName["cen-kunming-lab"]; !ok || fs[i].Impact != "unknown" {
		t.Errorf("a state no document names: %+v", fs[byName["cen-kunming-lab"]])
	}
}
