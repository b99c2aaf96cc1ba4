package tui

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
	h.keys("enter")
	l := h.app.gateway().conns
	size := l.pageSizeUsed
	if l.total != 520 || len(l.items) != size {
		t.Fatalf("before G: %d of %d rows", len(l.items), l.total)
	}
	h.keys("G")
	if n := h.emu.Calls("DescribeVpnConnections"); n != 2 {
		t.Fatalf("G made %d calls, want 1", n-1)
	}
	h.mustShow("520/520", "› to-tianjin-520")
	if last, ok := h.app.gateway().conns.selected(); !ok || last.name != "to-tianjin-520" {
		t.Fatalf("cursor on %q", last.name)
	}
	l = h.app.gateway().conns
	if got := l.loadedCount(); got > 2*max(size, l.spec.maxPage) {
		t.Fatalf("%d rows loaded after G", got)
	}

	// Scrolling up: the rows above are fetched before they are on screen
	// (no placeholder ever shows), one page per call.
	before := h.emu.Calls("DescribeVpnConnections")
	for range 3 * l.height {
		h.keys("k")
		h.mustNotShow("  …")
	}
	if n := h.emu.Calls("DescribeVpnConnections") - before; n < 1 || n > 3 {
		t.Fatalf("scrolling up three screens made %d calls", n)
	}
	// Back down over loaded rows: nothing is fetched again.
	before = h.emu.Calls("DescribeVpnConnections")
	h.keys("G", "g", "G")
	if n := h.emu.Calls("DescribeVpnConnections") - before; n != 0 {
		t.Fatalf("moving over loaded rows made %d calls", n)
	}
	// g is the top, loaded from the start.
	h.keys("g")
	h.mustShow("› to-beijing-001")
}

// L after a jump loads every missing page, and the list is whole again.
func TestLoadAllAfterAJumpFillsTheGaps(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter", "G", "L", "y")
	l := h.app.gateway().conns
	if l.have != nil || len(l.items) != 520 || l.loadedCount() != 520 {
		t.Fatalf("after L: %d rows, %d loaded, gaps %v", len(l.items), l.loadedCount(), l.have != nil)
	}
	seen := map[string]bool{}
	for _, r := range l.items {
		if seen[r.id] || r.id == "" {
			t.Fatalf("row %q twice or empty", r.id)
		}
		seen[r.id] = true
	}
	pages := (520 + l.pageSizeUsed - 1) / l.pageSizeUsed
	if n := h.emu.Calls("DescribeVpnConnections"); n != pages {
		t.Fatalf("%d calls for %d pages: a page was fetched twice", n, pages)
	}
	_ = fmt.Sprint()
}
