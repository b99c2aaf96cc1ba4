package alibaba_test

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// The scan checks the connections attached to a transit router, which no
// VPN gateway lists, like the rest, and ranks each documented state as the
// reference page has it: attached with its tunnels up is no finding,
// financialLocked is traffic down for the payment, attaching a note, a
// state no document names unknown; the failing ones say their phase.
func TestScanChecksConnectionsAttachedToATransitRouter(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	findings, _ := collect(t, r.client, alibaba.ScanOptions{Regions: []string{hz}})
	byName := map[string]alibaba.Finding{}
	for _, f := range findings {
		if f.GatewayID == emulator.TransitRouterID {
			byName[f.ConnectionName] = f
		}
	}
	if _, ok := byName["cen-shenzhen-dc"]; ok {
		t.Errorf("an attached connection with its tunnels up is a finding: %+v", byName["cen-shenzhen-dc"].Finding)
	}
	for _, tc := range []struct {
		name   string
		impact api.Impact
		phase  string
		says   string
	}{
		{"cen-guangzhou-branch", api.TrafficDown, "status", "overdue payment"},
		{"cen-hefei-new", api.Note, "status", "being attached to a transit router"},
		{"cen-kunming-lab", api.Unknown, "unchecked", `"migrating" is not one vpnscope knows`},
		{"cen-fuzhou", api.TrafficDown, "phase 1", ""},
		{"cen-ningbo", api.TrafficDown, "phase 2", ""},
	} {
		f, ok := byName[tc.name]
		if !ok {
			t.Errorf("%s: no finding (found %d about the transit router)", tc.name, len(byName))
			continue
		}
		if f.Impact != tc.impact || f.Phase != tc.phase || !strings.Contains(f.Message, tc.says) || f.GatewayName != "hz-cen-tr" {
			t.Errorf("%s: %v %s %q on %q, want %v %s %q", tc.name, f.Impact, f.Phase, f.Message, f.GatewayName, tc.impact, tc.phase, tc.says)
		}
	}
	if f := byName["cen-guangzhou-branch"]; strings.Contains(f.Summary(), "key") || strings.Contains(f.Summary(), "IKE") {
		t.Errorf("the lock is explained as a key: %q", f.Summary())
	}
}

// Every negotiation-log keyword the emulator's attached connections show
// is explained by the pattern table, with a cause of the phase that failed.
func TestAttachedConnectionsLogsAreExplained(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := t.Context()
	all, _ := walk(t, api.FirstPage(50), func(c api.Cursor) (api.Page[alibaba.Connection], error) {
		return r.client.Connections(ctx, hz, "", c)
	})
	checked := 0
	for _, c := range all {
		if c.GatewayID != "" || c.State != "attached" || alibaba.TunnelUp(c.Tunnels()[0]) {
			continue
		}
		checked++
		logs, err := r.client.ConnectionLogs(ctx, hz, alibaba.LogQuery{ConnectionID: c.ID, From: fixedNow.Add(-10 * 60e9), To: fixedNow}, api.FirstPage(50))
		if err != nil {
			t.Fatal(err)
		}
		wantPhase := 2
		if p1, _ := alibaba.Phases(c.Status); p1 == alibaba.PhaseDown {
			wantPhase = 1
		}
		explained := 0
		for _, line := range logs.Items {
			if m := alibaba.MatchLog(line); m != nil && (m.Phase == wantPhase || m.Phase == 0) {
				explained++
			}
		}
		if explained != len(logs.Items) || explained == 0 {
			t.Errorf("%s (%s): %d of %d lines explained: %q", c.Name, c.Status, explained, len(logs.Items), logs.Items)
		}
	}
	if checked < 9 {
		t.Fatalf("%d failing attached connections, want one per documented keyword", checked)
	}
}
