package alibaba

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// A connection of a gateway locked for an overdue payment is judged in
// its tunnels view's header as in the list it was opened from (and in P):
// the header used to judge it on the gateway's id alone, so the lock was
// missed and it read healthy.
func TestTheTunnelsHeaderJudgesAsTheListDoes(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys("/", "text:hz-locked", "enter", "enter")
	gv := h.App.Top().(*gatewayView)
	if gv.gw.BusinessStatus != "FinancialLocked" {
		t.Fatalf("opened %s (%s), not the locked gateway", gv.gw.Name, gv.gw.BusinessStatus)
	}
	h.MustShow("IPsec connections")
	row, ok := gv.conns.Selected()
	if !ok {
		t.Fatal("the locked gateway shows no connection")
	}
	want := ui.VerdictCell(row.verdict)
	h.Keys("enter")
	tv := h.App.Top().(*tunnelsView)
	if got := tv.sc.Lines[0]; !strings.Contains(ansi.Strip(got), want) {
		t.Errorf("the header says %q; the list said %q", got, want)
	}
}
