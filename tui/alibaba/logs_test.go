package alibaba

import (
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

func TestLogsNewestFirstWithCausesAndWindow(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter", "enter", "G", "pgup") // prod-hz-core › to-beijing-001 (phase 2 down on tunnel 1), its diagnosis
	h.MustShow("The service says", "IpsecPfsMismatch", "mismatch: here IpsecPfs=group2, peer IpsecPfs=group5")
	before := h.emu.Calls("DescribeVpnConnectionLogs")
	h.Keys("l")
	if n := h.emu.Calls("DescribeVpnConnectionLogs") - before; n != 1 {
		t.Fatalf("a 10-minute log cost %d calls", n)
	}
	h.MustShow("Negotiation log", "tunnel tun-", "last 10m (11:50–12:00)", "⚠ phase 2 PFS differs",
		"↳ likely:")
	l := &h.logs().List
	if len(l.Items) != 31 {
		t.Fatalf("%d lines in 10 minutes, want one every 20 s", len(l.Items))
	}
	if !sort.SliceIsSorted(l.Items, func(i, j int) bool { return l.Items[i].when > l.Items[j].when }) {
		t.Fatal("lines are not newest first")
	}
	// A day: several pages, fetched backwards, still newest first and
	// lazily: only the newest page and the count on open.
	for range 4 {
		h.Keys("+")
	}
	before = h.emu.Calls("DescribeVpnConnectionLogs")
	h.Keys("+")
	h.MustShow("last 24h")
	if n := h.emu.Calls("DescribeVpnConnectionLogs") - before; n != 2 {
		t.Fatalf("opening a day of log cost %d calls, want 2 (count, then the newest page)", n)
	}
	l = &h.logs().List
	if l.Total != 24*180+1 || len(l.Items) >= l.Total {
		t.Fatalf("total %d, loaded %d", l.Total, len(l.Items))
	}
	h.Keys("G")
	h.Keys("G")
	l = &h.logs().List
	if !sort.SliceIsSorted(l.Items, func(i, j int) bool { return l.Items[i].when > l.Items[j].when }) {
		t.Fatal("pages fetched backwards are out of order")
	}
	seen := map[string]bool{}
	for _, it := range l.Items {
		if seen[it.when] {
			t.Fatalf("line at %s twice", it.when)
		}
		seen[it.when] = true
	}
	// Search within what is loaded.
	h.Keys("/", "text:pfs group", "enter")
	h.MustShow(`filter "pfs group"`)
	want := 0
	for _, it := range l.Items {
		if strings.Contains(strings.ToLower(it.when+" "+it.message), "pfs group") {
			want++
		}
	}
	if want == 0 || l.Count() != want || l.Count() == len(l.Items) {
		t.Fatalf("search kept %d of %d lines; %d match", l.Count(), len(l.Items), want)
	}
	for pos := range l.Count() {
		if l.At(pos).pattern == nil || l.At(pos).pattern.Cause != "phase 2 PFS differs" {
			t.Fatalf("search kept %q", l.At(pos).message)
		}
	}
	// Widest already: + says so and reads nothing; - and r keep the
	// search (walkthrough: a reload dropped it silently).
	before = h.emu.Calls("DescribeVpnConnectionLogs")
	h.Keys("+")
	h.MustShow("as wide as it goes: 24h")
	if h.emu.Calls("DescribeVpnConnectionLogs") != before {
		t.Fatal("+ at the widest window read the log again")
	}
	h.Keys("-")
	h.MustShow("last 12h", `filter "pfs group"`)
	if l := &h.logs().List; l.Query != "pfs group" || l.Count() == 0 || l.Count() == len(l.Items) {
		t.Fatalf("the search did not survive a new window: %q, %d of %d", l.Query, l.Count(), len(l.Items))
	}
	h.Keys("r")
	h.MustShow(`filter "pfs group"`)
	h.Keys("esc")
	if !on[*logsView](h) || h.logs().List.Query != "" {
		t.Fatal("the first esc should clear the search")
	}
	h.Keys("esc")
	if !on[*tunnelsView](h) {
		t.Fatal("the second esc should return to the tunnels")
	}
}

func TestLogsOfASingleTunnelConnectionFromTheList(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter", "j", "l") // to-shenzhen-002: single tunnel, phase 1 down
	h.MustShow("Negotiation log · last 10m", "connection to-shenzhen-002", "⚠")
	for _, it := range h.logs().List.Items {
		if it.pattern == nil || it.pattern.Phase == 2 {
			t.Fatalf("a phase 1 failure logged %q", it.message)
		}
	}
}

func TestLogViewGolden(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter", "enter", "l")
	golden.RequireEqual(t, h.Screen())
}

func TestWatchTailsTheLog(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter", "enter", "l", "w")
	before := h.emu.Calls("DescribeVpnConnectionLogs")
	h.FireTimers()
	if n := h.emu.Calls("DescribeVpnConnectionLogs") - before; n != 1 {
		t.Fatalf("a watch tick in the log made %d calls, want 1", n)
	}
	h.MustShow("Negotiation log · last 10m", "watch 10s")
}
