package alibaba

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// A connection of a gateway locked for an overdue payment is judged in
// its tunnels view's header with that gateway, as the list it was opened
// from and P judge it: the header used to judge it on the gateway's id
// alone, so a healthy connection under a locked gateway read healthy.
func TestTheTunnelsHeaderJudgesAsTheListDoes(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys("enter") // prod-hz-core
	h.MustShow("IPsec connections")
	h.Keys("/", "text:to-wuhan-004", "enter")
	gv := h.App.Top().(*gatewayView)
	row, ok := gv.conns.Selected()
	if !ok || row.verdict.Kind != api.NothingFound {
		t.Fatalf("want a healthy connection to start from, got %+v", row.verdict)
	}
	gv.gw.BusinessStatus = "FinancialLocked" // as the service says of a gateway whose payment is overdue
	h.Keys("enter")
	tv := h.App.Top().(*tunnelsView)
	want := ui.VerdictCell(api.FoundAt(api.TrafficDown))
	if got := ansi.Strip(tv.sc.Lines[0]); !strings.Contains(got, want) {
		t.Errorf("the header says %q under a locked gateway; want %q", got, want)
	}
}
