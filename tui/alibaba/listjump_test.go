package alibaba

import (
	"fmt"
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// G on the 520-connection gateway fetches the last page directly: the last
// connection is on screen after one more call. Scrolling up fetches the
// rows in between as they come into view; scrolling over loaded rows never
// fetches them again.
func TestBottomJumpsToTheLastPageInOneCall(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter")
	l := h.gateway().conns
	size := l.PageSizeUsed
	if l.Total != 520 || len(l.Items) != size {
		t.Fatalf("before G: %d of %d rows", len(l.Items), l.Total)
	}
	h.Keys("G")
	if n := h.emu.Calls("DescribeVpnConnections"); n != 2 {
		t.Fatalf("G made %d calls, want 1", n-1)
	}
	h.MustShow("520/520", "› to-tianjin-520")
	if last, ok := h.gateway().conns.Selected(); !ok || last.name != "to-tianjin-520" {
		t.Fatalf("cursor on %q", last.name)
	}
	l = h.gateway().conns
	if got := l.LoadedCount(); got > 2*max(size, l.Spec.MaxPage) {
		t.Fatalf("%d rows loaded after G", got)
	}

	// Scrolling up: the rows above are fetched before they are on screen
	// (no placeholder ever shows), one page per call.
	before := h.emu.Calls("DescribeVpnConnections")
	for range 3 * l.Height {
		h.Keys("k")
		h.MustNotShow("  …")
	}
	if n := h.emu.Calls("DescribeVpnConnections") - before; n < 1 || n > 3 {
		t.Fatalf("scrolling up three screens made %d calls", n)
	}
	// Back down over loaded rows: nothing is fetched again.
	before = h.emu.Calls("DescribeVpnConnections")
	h.Keys("G", "g", "G")
	if n := h.emu.Calls("DescribeVpnConnections") - before; n != 0 {
		t.Fatalf("moving over loaded rows made %d calls", n)
	}
	// g is the top, loaded from the start.
	h.Keys("g")
	h.MustShow("› to-beijing-001")
}

// L after a jump loads every missing page, and the list is whole again.
func TestLoadAllAfterAJumpFillsTheGaps(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter", "G", "L", "y")
	l := h.gateway().conns
	if l.Have != nil || len(l.Items) != 520 || l.LoadedCount() != 520 {
		t.Fatalf("after L: %d rows, %d loaded, gaps %v", len(l.Items), l.LoadedCount(), l.Have != nil)
	}
	seen := map[string]bool{}
	for _, r := range l.Items {
		if seen[r.id] || r.id == "" {
			t.Fatalf("row %q twice or empty", r.id)
		}
		seen[r.id] = true
	}
	pages := (520 + l.PageSizeUsed - 1) / l.PageSizeUsed
	if n := h.emu.Calls("DescribeVpnConnections"); n != pages {
		t.Fatalf("%d calls for %d pages: a page was fetched twice", n, pages)
	}
	_ = fmt.Sprint()
}
