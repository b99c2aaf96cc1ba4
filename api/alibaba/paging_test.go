package alibaba_test

import (
	"context"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

const hz = "cn-hangzhou"

// bigGateway is the fixture gateway with 520 connections and 320 clients.
func bigGateway(t *testing.T, r rig) alibaba.Gateway {
	t.Helper()
	p, err := r.client.Gateways(context.Background(), hz, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range p.Items {
		if g.Name == "prod-hz-core" {
			return g
		}
	}
	t.Fatal("fixture gateway prod-hz-core missing")
	return alibaba.Gateway{}
}

// walk fetches every page and returns the rows and the number of calls.
func walk[T any](t *testing.T, first api.Cursor, fetch func(api.Cursor) (api.Page[T], error)) ([]T, int) {
	t.Helper()
	var all []T
	cur, calls := first, 0
	for {
		p, err := fetch(cur)
		calls++
		if err != nil {
			t.Fatalf("page %d: %v", calls, err)
		}
		all = append(all, p.Items...)
		if !p.More {
			return all, calls
		}
		if calls > 1000 {
			t.Fatal("paging does not end")
		}
		cur = p.Next
	}
}

func TestPageNumberPagingWalksEveryRowOnce(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	gw := bigGateway(t, r)
	for _, tc := range []struct {
		size, wantCalls, wantLast int
	}{
		{size: 50, wantCalls: 11, wantLast: 20}, // last page partial
		{size: 40, wantCalls: 13, wantLast: 40}, // last page exact
		{size: 51, wantCalls: 11, wantLast: 20}, // clamped to the API's 50
		{size: 1, wantCalls: 520, wantLast: 1},
	} {
		var last int
		rows, calls := walk(t, api.FirstPage(tc.size), func(c api.Cursor) (api.Page[alibaba.Connection], error) {
			p, err := r.client.Connections(ctx, hz, gw.ID, c)
			last = len(p.Items)
			return p, err
		})
		if len(rows) != 520 || calls != tc.wantCalls || last != tc.wantLast {
			t.Errorf("size %d: %d rows in %d calls, last page %d; want 520 in %d, last %d",
				tc.size, len(rows), calls, last, tc.wantCalls, tc.wantLast)
		}
		seen := map[string]bool{}
		for _, c := range rows {
			if seen[c.ID] {
				t.Fatalf("size %d: %s returned twice", tc.size, c.ID)
			}
			seen[c.ID] = true
		}
	}
	if n := r.emu.Calls("DescribeVpnConnections"); n != 11+13+11+520 {
		t.Errorf("emulator saw %d calls", n)
	}
}

func TestFirstPageIsOneCallAndSaysThereIsMore(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	gw := bigGateway(t, r)
	before := r.emu.Calls("")
	p, err := r.client.SSLClients(context.Background(), hz, gw.ID, api.FirstPage(30))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 30 || !p.More || p.Total != 320 || r.emu.Calls("") != before+1 {
		t.Fatalf("got %d items more=%v total=%d after %d calls", len(p.Items), p.More, p.Total, r.emu.Calls("")-before)
	}
	if p.Items[0].ConnectedAt.IsZero() || p.Items[0].IP == "" {
		t.Errorf("client not mapped: %+v", p.Items[0])
	}
}

func TestEmptyListsHaveNoMore(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	p, err := r.client.Gateways(ctx, "us-west-1", api.FirstPage(10))
	if err != nil || len(p.Items) != 0 || p.More || p.Total != 0 {
		t.Fatalf("empty region: %+v, %v", p, err)
	}
	// hz-provisioning has no connections and no clients.
	all, _ := r.client.Gateways(ctx, hz, api.FirstPage(50))
	var empty alibaba.Gateway
	for _, g := range all.Items {
		if g.Name == "hz-provisioning" {
			empty = g
		}
	}
	cp, err := r.client.Connections(ctx, hz, empty.ID, api.FirstPage(10))
	if err != nil || len(cp.Items) != 0 || cp.More {
		t.Fatalf("empty gateway: %+v, %v", cp, err)
	}
	s, err := r.client.SSLServer(ctx, hz, empty.ID)
	if err != nil || s != nil {
		t.Fatalf("gateway without SSL server: %+v, %v", s, err)
	}
}

func TestTokenPagingWalksEveryIPsecServerOnce(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	first, err := r.client.IPsecServers(ctx, hz, "", api.FirstPage(20))
	if err != nil {
		t.Fatal(err)
	}
	total := first.Total
	if total <= 20 || !first.More {
		t.Fatalf("fixture should hold more than one token page, total %d", total)
	}
	for _, size := range []int{20, 21, 7, 1} {
		rows, calls := walk(t, api.FirstPage(size), func(c api.Cursor) (api.Page[alibaba.IPsecServer], error) {
			return r.client.IPsecServers(ctx, hz, "", c)
		})
		per := min(size, 20)
		if len(rows) != total || calls != (total+per-1)/per {
			t.Errorf("size %d: %d rows in %d calls, want %d in %d", size, len(rows), calls, total, (total+per-1)/per)
		}
	}
	one, err := r.client.IPsecServers(ctx, hz, emulator.SampleIPsecGatewayID, api.FirstPage(20))
	if err != nil || len(one.Items) != 1 || one.More || one.Items[0].ID != emulator.SampleIPsecServerID {
		t.Fatalf("one gateway's servers: %+v, %v", one, err)
	}
}

func TestLogsPageAndCoverTheWindow(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	gw := bigGateway(t, r)
	conns, err := r.client.Connections(ctx, hz, gw.ID, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	var dual alibaba.Connection
	for _, c := range conns.Items {
		if c.DualTunnel() {
			dual = c
			break
		}
	}
	q := alibaba.LogQuery{ConnectionID: dual.ID, TunnelID: dual.Tunnels()[1].ID, From: fixedNow.Add(-60 * 60e9), To: fixedNow}
	rows, calls := walk(t, api.FirstPage(50), func(c api.Cursor) (api.Page[string], error) {
		return r.client.ConnectionLogs(ctx, hz, q, c)
	})
	if len(rows) == 0 || calls != (len(rows)+49)/50 {
		t.Fatalf("%d lines in %d calls", len(rows), calls)
	}
	for _, l := range rows {
		if len(l) < 20 || l[:4] != "2026" {
			t.Fatalf("log line does not start with a timestamp: %q", l)
		}
	}
}

func TestGatewayByID(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	g, err := r.client.Gateway(context.Background(), hz, emulator.SampleGatewayID)
	if err != nil || g.Name != "nametest" || !g.IPsecEnabled || g.SSLEnabled {
		t.Fatalf("%+v, %v", g, err)
	}
	_, err = r.client.Gateway(context.Background(), hz, "vpn-doesnotexist")
	e, ok := api.AsError(err)
	if !ok || e.Kind != api.KindNotFound || e.Code != "InvalidVpnGatewayInstanceId.NotFound" || e.HTTPStatus != 404 || e.RequestID == "" {
		t.Fatalf("unknown gateway: %#v", err)
	}
}

func TestScaleGatewayIsDeterministicAndDistinct(t *testing.T) {
	r := newRig(t, emulator.Config{ScaleConnections: 1000}, vpcclient.Options{})
	ctx := context.Background()
	rows, calls := walk(t, api.FirstPage(50), func(c api.Cursor) (api.Page[alibaba.Connection], error) {
		return r.client.Connections(ctx, hz, emulator.ScaleGatewayID, c)
	})
	ids, peers := map[string]bool{}, map[string]bool{}
	for _, c := range rows {
		ids[c.ID] = true
		peers[c.IKE.RemoteID] = true
	}
	if len(rows) != 1000 || calls != 20 || len(ids) != 1000 || len(peers) < 900 {
		t.Fatalf("%d rows in %d calls, %d distinct ids, %d distinct peers", len(rows), calls, len(ids), len(peers))
	}
	again, err := r.client.Connections(ctx, hz, emulator.ScaleGatewayID, api.NumberCursor(3, 50))
	if err != nil || again.Items[7].ID != rows[107].ID || again.Items[7].IKE.PSK.Reveal() != rows[107].IKE.PSK.Reveal() {
		t.Fatal("the same page twice differs")
	}
}
