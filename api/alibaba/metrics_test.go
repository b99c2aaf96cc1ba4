package alibaba_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	"github.com/vpnscope/vpnscope/api/fault"
)

// firstGatewayConnections is the first page of the first hangzhou
// gateway's connections.
func firstGatewayConnections(t *testing.T, r rig) []alibaba.Connection {
	return firstGatewayConnectionsTB(t, r)
}

func firstGatewayConnectionsTB(t testing.TB, r rig) []alibaba.Connection {
	t.Helper()
	ctx := context.Background()
	gws, err := r.client.Gateways(ctx, "cn-hangzhou", api.NumberCursor(1, 10))
	if err != nil {
		t.Fatal(err)
	}
	page, err := r.client.Connections(ctx, "cn-hangzhou", gws.Items[0].ID, api.NumberCursor(1, 50))
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

func metricsQuery(c alibaba.Connection, span time.Duration) alibaba.TunnelMetricsQuery {
	q := alibaba.TunnelMetricsQuery{ConnectionID: c.ID, End: fixedNow, Span: span}
	if !c.Tunnels()[0].Synthetic {
		for _, t := range c.Tunnels() {
			q.TunnelIDs = append(q.TunnelIDs, t.ID)
		}
	}
	return q
}

// The state metric says what the connection says now, and a flap in the
// negotiation log is a flap in the metric: the seeded connection whose
// phase 2 went down 7 minutes before now and came back 3 minutes later
// reads down over those minutes and up around them.
func TestTheStateMetricAgreesWithTheStatusAndTheNegotiationLog(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
	ctx := context.Background()
	flapped := 0
	for _, c := range firstGatewayConnections(t, r) {
		if !c.Tunnels()[0].Synthetic {
			continue
		}
		m, err := r.client.TunnelMetrics(ctx, "cn-hangzhou", metricsQuery(c, time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		state := m.Tunnels[0].State
		v, i := state.Latest()
		if i != len(state.Values)-1 || (v == 1) != alibaba.TunnelUp(c.Tunnels()[0]) {
			t.Fatalf("%s (%s): latest state point %v at %d of %d", c.ID, c.Status, v, i, len(state.Values))
		}
		down := []int{}
		for k, p := range state.Values {
			if p < 1 {
				down = append(down, k)
			}
		}
		if !alibaba.TunnelUp(c.Tunnels()[0]) || len(down) == 0 {
			continue
		}
		flapped++
		// 60 one-minute points ending at 12:00: 11:53..11:56 is down.
		if want := []int{53, 54, 55}; !slices.Equal(down, want) {
			t.Errorf("%s: down at points %v, want %v (11:53 to 11:56)", c.ID, down, want)
		}
		logs, err := r.client.ConnectionLogs(ctx, "cn-hangzhou", alibaba.LogQuery{ConnectionID: c.ID,
			From: fixedNow.Add(-8 * time.Minute), To: fixedNow}, api.NumberCursor(1, 50))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(logs.Items, "\n"), "11:53:00 "+c.ID+" [PROTO_NOTIFY]: isakmp.c:3180:purge_ipsec_spi(): IPsec-SA deleted") {
			t.Errorf("the log does not show the flap the metric shows:\n%s", strings.Join(logs.Items, "\n"))
		}
	}
	if flapped != 1 {
		t.Errorf("%d flapping connections, want the seeded one", flapped)
	}
}

// A dual-tunnel connection's tunnels are read in one call per metric,
// three for a day; the tunnel that is down reads down to the window's
// start (its log has failed all along), and the one up carries the
// traffic.
func TestBothTunnelsAreReadInOneCallPerMetric(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
	ctx := context.Background()
	for _, c := range firstGatewayConnections(t, r) {
		ts := c.Tunnels()
		if ts[0].Synthetic || alibaba.TunnelUp(ts[0]) == alibaba.TunnelUp(ts[1]) {
			continue
		}
		before := r.emu.Calls("DescribeMetricList")
		m, err := r.client.TunnelMetrics(ctx, "cn-hangzhou", metricsQuery(c, 24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if n := r.emu.Calls("DescribeMetricList") - before; n != 3 || m.Calls != 3 {
			t.Errorf("%d calls (client counted %d) for a day of two tunnels, want 3", n, m.Calls)
		}
		up, down := 0, 1
		if !alibaba.TunnelUp(ts[0]) {
			up, down = 1, 0
		}
		if _, before, ok := alibaba.StateOnset(m.Tunnels[down].State); !ok || !before {
			t.Errorf("tunnel %s is down: onset ok=%v, before the window=%v, want both", ts[down].ID, ok, before)
		}
		if _, _, ok := alibaba.StateOnset(m.Tunnels[up].State); ok {
			t.Errorf("tunnel %s is up, yet has an outage", ts[up].ID)
		}
		if got := m.Carrier(); got != up {
			t.Errorf("carrier %d, want the tunnel up (%d)", got, up)
		}
		if v, _ := m.Tunnels[down].In.Latest(); v != 0 {
			t.Errorf("the tunnel down moved %v bit/s", v)
		}
		return
	}
	t.Fatal("no dual-tunnel connection with one tunnel down")
}

// Fourteen days of two tunnels are 2,688 rows at 900 s: three pages of
// 1,000 per metric, nine calls, every point there.
func TestFourteenDaysArePagedWhole(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
	for _, c := range firstGatewayConnections(t, r) {
		if c.Tunnels()[0].Synthetic {
			continue
		}
		m, err := r.client.TunnelMetrics(context.Background(), "cn-hangzhou", metricsQuery(c, 14*24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if m.Calls != 9 || m.Partial {
			t.Errorf("%d calls, partial %v: want 9, whole", m.Calls, m.Partial)
		}
		for _, tm := range m.Tunnels {
			for i, v := range tm.State.Values {
				if math.IsNaN(v) {
					t.Fatalf("tunnel %s: no state point %d of %d", tm.TunnelID, i, len(tm.State.Values))
				}
			}
		}
		return
	}
}

// A refused metric read names the cms: permission it takes; one metric
// refused leaves the other two.
func TestAFailedMetricLeavesTheOthersAndNamesItsPermission(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
	c := firstGatewayConnections(t, r)[0]
	f, _ := fault.Parse("forbidden:action=DescribeMetricList")
	r.emu.SetFaults(f)
	_, err := r.client.TunnelMetrics(context.Background(), "cn-hangzhou", metricsQuery(c, time.Hour))
	var e *api.Error
	if !errors.As(err, &e) || e.Kind != api.KindPermission || !strings.Contains(e.Hint, "cms:DescribeMetricList") {
		t.Fatalf("error %v, want a permission error naming cms:DescribeMetricList", err)
	}
	f, _ = fault.Parse("forbidden:action=DescribeMetricList,nth=1")
	r.emu.SetFaults(f)
	m, err := r.client.TunnelMetrics(context.Background(), "cn-hangzhou", metricsQuery(c, time.Hour))
	if err != nil || len(m.Unread) != 1 || m.Err == nil {
		t.Fatalf("one metric refused: err %v, unread %v", err, m.Unread)
	}
}
