package alibaba_test

import (
	"context"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// DescribeVpnConnections without a VpnGatewayId lists every connection of
// the region (the reference page: VpnGatewayId is optional), page by page:
// each gateway's and those attached to a transit router, which belong to
// no gateway (AttachType CEN), once each. Through the real SDK, which
// leaves the empty parameter out.
func TestConnectionsWithoutAGatewayListTheWholeRegion(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	all, calls := walk(t, api.FirstPage(50), func(c api.Cursor) (api.Page[alibaba.Connection], error) {
		return r.client.Connections(ctx, hz, "", c)
	})
	gateways, _ := walk(t, api.FirstPage(50), func(c api.Cursor) (api.Page[alibaba.Gateway], error) {
		return r.client.Gateways(ctx, hz, c)
	})
	perGateway := 0
	for _, g := range gateways {
		cs, _ := walk(t, api.FirstPage(50), func(c api.Cursor) (api.Page[alibaba.Connection], error) {
			return r.client.Connections(ctx, hz, g.ID, c)
		})
		perGateway += len(cs)
	}
	seen := map[string]bool{}
	attached := 0
	for _, c := range all {
		if seen[c.ID] {
			t.Fatalf("%s listed twice", c.ID)
		}
		seen[c.ID] = true
		if c.GatewayID == "" {
			attached++
			if c.AttachType != "CEN" || c.TransitRouterID != emulator.TransitRouterID {
				t.Errorf("%s has no gateway but is not attached to the transit router: %q %q", c.ID, c.AttachType, c.TransitRouterID)
			}
		}
	}
	if attached == 0 || len(all) != perGateway+attached {
		t.Fatalf("%d listed: %d through the gateways and %d attached to a transit router", len(all), perGateway, attached)
	}
	if want := (len(all) + 49) / 50; calls != want {
		t.Errorf("%d calls for %d connections at 50 a page, want %d", calls, len(all), want)
	}
}

// The region's list counts the scale gateway's connections too (made on
// demand, after the stored ones), as it would a real gateway's.
func TestConnectionsWithoutAGatewayCountTheScaleGateway(t *testing.T) {
	ctx := context.Background()
	plain := newRig(t, emulator.Config{}, vpcclient.Options{})
	scaled := newRig(t, emulator.Config{ScaleConnections: 120}, vpcclient.Options{})
	a, err := plain.client.Connections(ctx, hz, "", api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	b, err := scaled.client.Connections(ctx, hz, "", api.NumberCursor((a.Total+120+49)/50, 50))
	if err != nil {
		t.Fatal(err)
	}
	if b.Total != a.Total+120 {
		t.Fatalf("total %d with 120 scale connections, %d without", b.Total, a.Total)
	}
	if last := b.Items[len(b.Items)-1]; last.GatewayID != emulator.ScaleGatewayID {
		t.Errorf("the last page ends with %s of %q, want a scale connection", last.ID, last.GatewayID)
	}
}
