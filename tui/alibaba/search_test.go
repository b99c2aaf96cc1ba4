package alibaba

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// / finds what people search by: a peer IP that only the details show,
// and column:value terms (k9s style), all terms at once.
func TestFilterFindsPeerIPsAndColumnTerms(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys("enter") // prod-hz-core
	l := h.gateway().conns
	var want alibaba.Connection
	for pos := range l.Count() {
		c := l.At(pos).connection()
		if c.DualTunnel() && c.TunnelOptions[0].IKE.RemoteID != "" {
			want = c
			break
		}
	}
	if want.ID == "" {
		t.Fatal("no dual-tunnel connection with a peer id")
	}
	peer := want.TunnelOptions[0].IKE.RemoteID
	h.Keys("/", "text:"+peer, "enter")
	l = h.gateway().conns
	found := false
	for pos := range l.Count() {
		found = found || l.At(pos).id == want.ID
	}
	if !found || l.Count() == 0 {
		t.Fatalf("/%s finds %d rows, not %s", peer, l.Count(), want.Name)
	}

	h.Keys("esc", "/", "text:state:down phase:2", "enter")
	l = h.gateway().conns
	if l.Count() == 0 {
		t.Fatal("state:down phase:2 finds nothing")
	}
	for pos := range l.Count() {
		r := l.At(pos)
		if r.verdict != api.FoundAt(api.TrafficDown) || !strings.Contains(r.phases, "P2✗") {
			t.Fatalf("state:down phase:2 shows %s (%v, %s)", r.name, r.verdict, r.phases)
		}
	}

	// /down finds every row that shows "down": a degraded connection whose
	// BGP or health check is down too.
	h.Keys("esc", "/", "text:down", "enter")
	l = h.gateway().conns
	degraded := false
	for pos := range l.Count() {
		r := l.At(pos)
		if r.verdict != api.FoundAt(api.TrafficDown) && r.bgp != alibaba.SessionDown && r.health != alibaba.SessionDown {
			t.Fatalf("/down shows %s, which shows no down", r.name)
		}
		degraded = degraded || r.verdict == api.FoundAt(api.Degraded) || r.verdict == api.FoundAt(api.RedundancyLost)
	}
	if !degraded {
		t.Fatal("/down misses degraded rows whose BGP or health check is down")
	}
}

// P from inside a gateway: the header says where the overview is, not the
// gateway under it.
func TestProblemsFromAGatewaySaysAllRegions(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys("enter", "P")
	h.MustShow("all regions › problems")
	h.MustNotShow("prod-hz-core › problems")
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
		store := newRollupStore()
		tc.r.GatewayID = "g"
		store.put(tc.r)
		if got := rollupCell(store, "g"); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.r, got, tc.want)
		}
	}
}
