package tui_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// twoScanningClouds are two fakes that each find problems: First a note
// and a degraded gateway, Second a connection whose traffic is down.
func twoScanningClouds(scans *atomic.Int64) tui.Config {
	return tui.Config{Providers: []ui.Provider{
		tuitest.ScanningCloud{Cloud: tuitest.Cloud{Label: "First", Home: "one", Creates: true}, Scans: scans, Findings: []api.Finding{
			{Region: "one", Resource: "gateway", ResourceID: "gw-1", ResourceName: "first-gw", Impact: api.Note,
				Cause: api.Cause{Phase: "note", Message: "first's note"}},
			{Region: "one-2", Resource: "gateway", ResourceID: "gw-2", ResourceName: "first-slow", Impact: api.Degraded,
				Cause: api.Cause{Phase: "slow", Message: "first's slow gateway"}}}},
		tuitest.ScanningCloud{Cloud: tuitest.Cloud{Label: "Second", Home: "two"}, Scans: scans, Findings: []api.Finding{
			{Region: "two-2", Resource: "connection", ResourceID: "conn-9", ConnectionName: "second-conn", Impact: api.TrafficDown,
				Cause: api.Cause{Phase: "down", Message: "second's connection is down"}}}},
	}}
}

// P with two providers that scan lists both in one list, worst first,
// each row with its provider, under one summary.
func TestProblemsOfEveryProviderInOneListWorstFirst(t *testing.T) {
	scans := &atomic.Int64{}
	h := tuitest.New(t, 120, 24, twoScanningClouds(scans))
	h.MustShow("First › one")
	h.Keys("P")
	h.MustShow("every provider › all regions › problems", "PROVIDER", "3 problems (1 traffic down, 1 degraded, 1 note)",
		"2 of 2 providers read")
	screen := h.Screen()
	down, slow, note := strings.Index(screen, "second-conn"), strings.Index(screen, "first-slow"), strings.Index(screen, "first-gw")
	if down < 0 || slow < down || note < slow {
		t.Fatalf("not worst first across providers:\n%s", screen)
	}
	for _, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, "second-conn") && !strings.Contains(line, "Second") ||
			strings.Contains(line, "first-gw") && !strings.Contains(line, "First") {
			t.Errorf("a row without its provider: %q", line)
		}
	}
	if scans.Load() != 2 {
		t.Errorf("%d scans, want one per provider", scans.Load())
	}
	// :problems is the same overview: back to it, scanned again.
	h.Keys(":", "text:problems", "enter")
	if scans.Load() != 4 || len(h.App.Panes()) != 2 {
		t.Errorf("%d scans, %d panes: :problems did not go back to the overview and check again", scans.Load(), len(h.App.Panes()))
	}
}

// Enter on another provider's finding switches to that provider, as p
// does, and opens the finding in its region; esc comes back to the same
// row of the overview, without a new scan.
func TestEnterOpensAFindingInItsProviderAndEscComesBack(t *testing.T) {
	scans := &atomic.Int64{}
	h := tuitest.New(t, 120, 24, twoScanningClouds(scans))
	h.Keys("P", "j", "enter") // First's degraded gateway, under Second's connection
	h.MustShow("Opened in First one-2", "every provider › all regions › problems › First")
	h.Keys("esc")
	h.MustShow("› ◐ degraded", "first-slow", "every provider › all regions › problems")
	h.Keys("esc")
	h.MustShow("First › one", "First-thing")

	// From Second's side: enter on First's finding switches to First.
	h.Keys("p")
	h.MustShow("Second › two")
	before := scans.Load()
	h.Keys("P", "j", "enter")
	h.MustShow("Opened in First one-2", "problems › First")
	if k := h.Common().Keys; !k.List.Create.Enabled() {
		t.Error("the keys are not First's")
	}
	h.Keys("esc")
	h.MustShow("› ◐ degraded", "first-slow")
	if scans.Load() != before+2 {
		t.Errorf("%d scans since P, want the one P started (one per provider): esc rescanned", scans.Load()-before)
	}
	h.Keys("esc")
	h.MustShow("First › one", "First-thing")
}

// "opening …" says the finding is on its way; once its view is in front
// the note goes (it stood under the opened view for its four seconds).
func TestTheOpeningNoteGoesWhenTheFindingsViewArrives(t *testing.T) {
	h := tuitest.New(t, 120, 24, twoScanningClouds(&atomic.Int64{}))
	h.Keys("P", "j")
	// The program runs a batch's commands side by side: a note sent
	// beside the open may come after the view. Held here, the view's
	// answer is let go first and any note last.
	h.Hold = func(m tea.Msg) bool {
		_, flash := m.(ui.FlashMsg)
		return flash || fmt.Sprintf("%T", m) == "tui.openFindingMsg"
	}
	h.Keys("enter")
	h.Hold = nil
	for _, last := range []bool{false, true} {
		for _, m := range h.Held {
			if _, flash := m.(ui.FlashMsg); flash == last {
				h.Send(m)
			}
		}
	}
	h.MustShow("Opened in First one-2")
	h.MustNotShow("opening gateway first-slow…")
}

// With one provider that scans, P is that provider's own overview.
func TestProblemsWithOneScanningProviderIsItsOwn(t *testing.T) {
	h := tuitest.New(t, 120, 24, tui.Config{Providers: []ui.Provider{
		tuitest.ScanningCloud{Cloud: tuitest.Cloud{Label: "First", Home: "one"}},
		tuitest.Cloud{Label: "Second", Home: "two"},
	}})
	h.Keys("P")
	h.MustNotShow("every provider")
	h.MustShow("problems scan: not on First")
}
