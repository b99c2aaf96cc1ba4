package tui

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// / finds what people search by: a peer IP that only the details show,
// and column:value terms (k9s style), all terms at once.
func TestFilterFindsPeerIPsAndColumnTerms(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.keys("enter") // prod-hz-core
	l := h.app.gateway().conns
	var want alibaba.Connection
	for pos := range l.count() {
		c := l.at(pos).connection()
		if c.DualTunnel() && c.TunnelOptions[0].IKE.RemoteID != "" {
			want = c
			break
		}
	}
	if want.ID == "" {
		t.Fatal("no dual-tunnel connection with a peer id")
	}
	peer := want.TunnelOptions[0].IKE.RemoteID
	h.keys("/", "text:"+peer, "enter")
	l = h.app.gateway().conns
	found := false
	for pos := range l.count() {
		found = found || l.at(pos).id == want.ID
	}
	if !found || l.count() == 0 {
		t.Fatalf("/%s finds %d rows, not %s", peer, l.count(), want.Name)
	}

	h.keys("esc", "/", "text:state:down phase:2", "enter")
	l = h.app.gateway().conns
	if l.count() == 0 {
		t.Fatal("state:down phase:2 finds nothing")
	}
	for pos := range l.count() {
		r := l.at(pos)
		if r.verdict != alibaba.VerdictDown || !strings.Contains(r.phases, "P2✗") {
			t.Fatalf("state:down phase:2 shows %s (%v, %s)", r.name, r.verdict, r.phases)
		}
	}
}

// P from inside a gateway: the header says where the overview is, not the
// gateway under it.
func TestProblemsFromAGatewaySaysAllRegions(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.keys("enter", "P")
	h.mustShow("all regions › problems")
	h.mustNotShow("prod-hz-core › problems")
}

// A gateway's rollup cell never shows ✓ over connections it could not read.
func TestRollupCellNeverHealthyOverUnknown(t *testing.T) {
	for _, tc := range []struct {
		r    alibaba.GatewayRollup
		want string
	}{
		{alibaba.GatewayRollup{Total: 5}, "✓ /5"},
		{alibaba.GatewayRollup{Total: 5, Unknown: 2}, "2? /5"},
		{alibaba.GatewayRollup{Total: 5, Down: 1, Unchecked: []string{"its SSL server could not be read"}}, "1✗ 1? /5"},
		{alibaba.GatewayRollup{Total: 5, Failed: true}, "?"},
	} {
		if got := rollupCell(map[string]alibaba.GatewayRollup{"g": tc.r}, "g"); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.r, got, tc.want)
		}
	}
}
