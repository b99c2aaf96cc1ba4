package tui

import (
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

func TestLogsNewestFirstWithCausesAndWindow(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter", "enter", "G") // prod-hz-core › to-beijing-001 (phase 2 down on tunnel 1)
	h.mustShow("The service says", "IpsecPfsMismatch", "mismatch: here IpsecPfs=group2, peer IpsecPfs=group5")
	before := h.emu.Calls("DescribeVpnConnectionLogs")
	h.keys("l")
	if n := h.emu.Calls("DescribeVpnConnectionLogs") - before; n != 1 {
		t.Fatalf("a 10-minute log cost %d calls", n)
	}
	h.mustShow("Negotiation log", "tunnel tun-", "last 10m (11:50–12:00)", "⚠ phase 2 PFS differs",
		"↳ likely:")
	l := &h.app.logs().list
	if len(l.items) != 31 {
		t.Fatalf("%d lines in 10 minutes, want one every 20 s", len(l.items))
	}
	if !sort.SliceIsSorted(l.items, func(i, j int) bool { return l.items[i].when > l.items[j].when }) {
		t.Fatal("lines are not newest first")
	}
	// A day: several pages, fetched backwards, still newest first and
	// lazily: only the newest page and the count on open.
	for range 4 {
		h.keys("+")
	}
	before = h.emu.Calls("DescribeVpnConnectionLogs")
	h.keys("+")
	h.mustShow("last 24h")
	if n := h.emu.Calls("DescribeVpnConnectionLogs") - before; n != 2 {
		t.Fatalf("opening a day of log cost %d calls, want 2 (count, then the newest page)", n)
	}
	l = &h.app.logs().list
	if l.total != 24*180+1 || len(l.items) >= l.total {
		t.Fatalf("total %d, loaded %d", l.total, len(l.items))
	}
	h.keys("G")
	h.keys("G")
	l = &h.app.logs().list
	if !sort.SliceIsSorted(l.items, func(i, j int) bool { return l.items[i].when > l.items[j].when }) {
		t.Fatal("pages fetched backwards are out of order")
	}
	seen := map[string]bool{}
	for _, it := range l.items {
		if seen[it.when] {
			t.Fatalf("line at %s twice", it.when)
		}
		seen[it.when] = true
	}
	// Search within what is loaded.
	h.keys("/", "text:pfs group", "enter")
	h.mustShow(`filter "pfs group"`)
	want := 0
	for _, it := range l.items {
		if strings.Contains(strings.ToLower(it.when+" "+it.message), "pfs group") {
			want++
		}
	}
	if want == 0 || l.count() != want || l.count() == len(l.items) {
		t.Fatalf("search kept %d of %d lines; %d match", l.count(), len(l.items), want)
	}
	for pos := range l.count() {
		if l.at(pos).pattern == nil || l.at(pos).pattern.Cause != "phase 2 PFS differs" {
			t.Fatalf("search kept %q", l.at(pos).message)
		}
	}
	h.keys("esc")
	if !on[*logsView](h) || h.app.logs().list.query != "" {
		t.Fatal("the first esc should clear the search")
	}
	h.keys("esc")
	if !on[*tunnelsView](h) {
		t.Fatal("the second esc should return to the tunnels")
	}
}

func TestLogsOfASingleTunnelConnectionFromTheList(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter", "j", "l") // to-shenzhen-002: single tunnel, phase 1 down
	h.mustShow("Negotiation log · last 10m", "connection to-shenzhen-002", "⚠")
	for _, it := range h.app.logs().list.items {
		if it.pattern == nil || it.pattern.Phase == 2 {
			t.Fatalf("a phase 1 failure logged %q", it.message)
		}
	}
}

func TestLogViewGolden(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter", "enter", "l")
	golden.RequireEqual(t, h.screen())
}

func TestWatchTailsTheLog(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter", "enter", "l", "w")
	before := h.emu.Calls("DescribeVpnConnectionLogs")
	h.fireTimers()
	if n := h.emu.Calls("DescribeVpnConnectionLogs") - before; n != 1 {
		t.Fatalf("a watch tick in the log made %d calls, want 1", n)
	}
	h.mustShow("Negotiation log · last 10m", "watch 10s")
}
