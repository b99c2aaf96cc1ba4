package aws

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// BenchmarkAWSConnectionsView renders an endpoint's connections list at
// 160x48 with n connections loaded: flat in n.
func BenchmarkAWSConnectionsView(b *testing.B) {
	for _, n := range []int{300, 10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			c := &common{Common: &ui.Common{Ctx: context.Background(), Keys: keymap.Default(), Styles: ui.NewStyles(true), Now: func() time.Time { return tuitest.FixedNow },
				Loc: time.UTC, Region: "us-east-1", After: func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }}}
			NewProvider(nil, "", "").Keys(&c.Keys, false)
			l := newAWSConnectionsList(c, aws.Endpoint{ID: "cvpn-endpoint-1", Status: "available"})
			l.SetSize(160, 43)
			for i := range n {
				l.Items = append(l.Items, aws.Connection{ID: fmt.Sprintf("cvpn-connection-%017d", i), Username: fmt.Sprintf("user%06d", i),
					ClientIP: "203.0.113.7", Status: "active", Established: tuitest.FixedNow.Add(-time.Hour), IngressBytes: int64(i) << 10})
			}
			l.Loaded = true
			l.Cursor = n / 2
			l.ScrollToCursor()
			for b.Loop() {
				_ = l.View()
			}
		})
	}
}
