package tui

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/aws"
)

// loadedList is a connections list with n rows loaded, as after paging
// through n rows, sized like a 160x48 terminal.
func loadedList(b *testing.B, n int) pagedList[connRow] {
	b.Helper()
	c := &common{ctx: context.Background(), client: newFakeClient(1, 0), styles: newStyles(true), now: func() time.Time { return fixedNow },
		loc: time.UTC, region: "cn-hangzhou", after: func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }}
	c.keys = New(Config{Providers: []Provider{NewAlibaba(c.client, "", "")}}).c.keys
	l := newConnectionsList(c, alibaba.Gateway{ID: "vpn-1"})
	l.setSize(160, 41)
	for _, c := range makeConnections(n) {
		l.items = append(l.items, newConnRow(c))
	}
	l.loaded, l.total, l.more = true, n+1, true
	l.cursor = n / 2
	l.scrollToCursor()
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
	down := keyMsg("j")
	up := keyMsg("k")
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
	h.keys("enter", "enter", "j", "j", "j")
	v := h.app.tunnels()
	for b.Loop() {
		_ = v.View()
	}
}

// BenchmarkAWSConnectionsView renders an endpoint's connections list at
// 160x48 with n connections loaded: flat in n.
func BenchmarkAWSConnectionsView(b *testing.B) {
	for _, n := range []int{300, 10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			c := &common{ctx: context.Background(), styles: newStyles(true), now: func() time.Time { return fixedNow },
				loc: time.UTC, region: "us-east-1", after: func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }}
			c.keys = New(Config{Providers: []Provider{NewAWS(nil, "", "")}}).c.keys
			l := newAWSConnectionsList(c, aws.Endpoint{ID: "cvpn-endpoint-1", Status: "available"})
			l.setSize(160, 43)
			for i := range n {
				l.items = append(l.items, aws.Connection{ID: fmt.Sprintf("cvpn-connection-%017d", i), Username: fmt.Sprintf("user%06d", i),
					ClientIP: "203.0.113.7", Status: "active", Established: fixedNow.Add(-time.Hour), IngressBytes: int64(i) << 10})
			}
			l.loaded = true
			l.cursor = n / 2
			l.scrollToCursor()
			for b.Loop() {
				_ = l.View()
			}
		})
	}
}
