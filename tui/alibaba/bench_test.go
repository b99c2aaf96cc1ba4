package alibaba

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/keymap"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// loadedList is a connections list with n rows loaded, as after paging
// through n rows, sized like a 160x48 terminal.
func loadedList(b *testing.B, n int) ui.PagedList[connRow] {
	b.Helper()
	c := &common{Common: &ui.Common{Ctx: context.Background(), Keys: keymap.Default(), Styles: ui.NewStyles(true), Now: func() time.Time { return tuitest.FixedNow },
		Loc: time.UTC, Region: "cn-hangzhou", After: func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }}, client: newFakeClient(1, 0)}
	NewProvider(c.client, "", "").Keys(&c.Keys, false)
	gw := alibaba.Gateway{ID: "vpn-1"}
	l := newConnectionsList(c, gw)
	l.SetSize(160, 41)
	for _, c := range makeConnections(n) {
		l.Items = append(l.Items, newConnRow("cn-hangzhou", gw, c))
	}
	l.Loaded, l.Total, l.More = true, n+1, true
	l.Cursor = n / 2
	l.ScrollToCursor()
	return l
}

// BenchmarkListView renders one frame of the connections list: the cost
// must not grow with the rows loaded (budget: under 1 ms at 100,000).
func BenchmarkListView(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			l := loadedList(b, n)
			b.ReportAllocs()
			for b.Loop() {
				_ = l.View()
			}
		})
	}
}

// BenchmarkCursorMove is one j press on a list of 100,000 rows.
func BenchmarkCursorMove(b *testing.B) {
	l := loadedList(b, 100_000)
	down := tuitest.KeyMsg("j")
	up := tuitest.KeyMsg("k")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		msg := down
		if i%2 == 1 {
			msg = up
		}
		l, _ = l.Update(msg)
	}
}

// BenchmarkTunnelsView renders the tunnels view of a dual-tunnel
// connection (the longest scrolled text) at 160x48, scrolled down.
func BenchmarkTunnelsView(b *testing.B) {
	h := newHarness(b, 160, 48, emulator.Config{})
	h.Keys("enter", "enter", "j", "j", "j")
	v := h.tunnels()
	for b.Loop() {
		_ = v.View()
	}
}
