package alibaba_test

import (
	"context"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	"github.com/vpnscope/vpnscope/api/fault"
)

// peersOf is what a gateway's connections pane asks: a page of its
// connections, then the customer gateways they name.
func peersOf(t testing.TB, c alibaba.Client, gatewayID string, cur api.Cursor) ([]alibaba.Connection, map[string]alibaba.CustomerGateway, error) {
	t.Helper()
	ctx := context.Background()
	p, err := c.Connections(ctx, hz, gatewayID, cur)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, x := range p.Items {
		ids = append(ids, x.PeerIDs()...)
	}
	gws, err := c.CustomerGateways(ctx, hz, ids)
	byID := map[string]alibaba.CustomerGateway{}
	for _, g := range gws {
		byID[g.ID] = g
	}
	return p.Items, byID, err
}

// Every connection's customer gateway is found, and it is the device the
// connection describes: the IP its peer identity defaults to (RemoteId)
// and, for BGP, the ASN it peers with.
func TestConnectionsCustomerGatewaysAgreeWithTheConnections(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	for _, name := range []string{"prod-hz-core", "staging-hz", "dr-hz-legacy"} {
		conns, peers, err := peersOf(t, r.client, gatewayNamed(t, r, name).ID, api.FirstPage(50))
		if err != nil || len(conns) == 0 {
			t.Fatalf("%s: %d connections, %v", name, len(conns), err)
		}
		for _, c := range conns {
			g, ok := peers[c.PeerID()]
			if !ok || g.IP == "" || g.IP != c.IKE.RemoteID {
				t.Errorf("%s %s: customer gateway %+v, remote id %s", name, c.Name, g, c.IKE.RemoteID)
			}
			if c.BGP.Enabled && g.ASN != c.BGP.PeerASN {
				t.Errorf("%s %s: ASN %d, BGP peers with %d", name, c.Name, g.ASN, c.BGP.PeerASN)
			}
			for _, tun := range c.TunnelOptions {
				if _, ok := peers[tun.CustomerGatewayID]; !ok {
					t.Errorf("%s %s: tunnel %s's customer gateway %s not found", name, c.Name, tun.ID, tun.CustomerGatewayID)
				}
			}
		}
	}
}

// A page of connections costs one DescribeCustomerGateways per page of
// customer gateways it needs, never one per row; asked again within the
// cache's life it costs none, and the first page is read beside the
// connections, in the same round trip.
func TestCustomerGatewaysCostAPagePerPageNotACallPerRow(t *testing.T) {
	const rtt = 150 * time.Millisecond
	r := newRig(t, emulator.Config{Latency: rtt}, vpcclient.Options{})
	gw := bigGateway(t, r)
	start := time.Now()
	conns, peers, err := peersOf(t, r.client, gw.ID, api.FirstPage(50))
	took := time.Since(start)
	if err != nil || len(conns) != 50 || len(peers) != 50 {
		t.Fatalf("%d connections, %d customer gateways, %v", len(conns), len(peers), err)
	}
	if n := r.emu.Calls("DescribeCustomerGateways"); n != 1 || took >= rtt*17/10 {
		t.Errorf("first page: %d DescribeCustomerGateways in %v (%.2f round trips), want 1 beside the connections",
			n, took, float64(took)/float64(rtt))
	}
	if _, _, err := peersOf(t, r.client, gw.ID, api.FirstPage(50)); err != nil || r.emu.Calls("DescribeCustomerGateways") != 1 {
		t.Errorf("again: %d DescribeCustomerGateways, %v; want the kept read", r.emu.Calls("DescribeCustomerGateways"), err)
	}
	// The next pages of connections need the next pages of customer
	// gateways: a call per page of 50, whatever the number of rows; once
	// the first page has told how many there are, a few are read at once.
	for n := 2; n <= 4; n++ {
		if _, peers, err := peersOf(t, r.client, gw.ID, api.NumberCursor(n, 50)); err != nil || len(peers) != 50 {
			t.Fatalf("page %d: %d customer gateways, %v", n, len(peers), err)
		}
	}
	if n := r.emu.Calls("DescribeCustomerGateways"); n > 4+3 {
		t.Errorf("200 connections cost %d DescribeCustomerGateways, want a page per 50 (and 3 read ahead at most)", n)
	}
	// A page far down the region's list is reached a few pages at a time,
	// not one round trip per page.
	before, start := r.emu.Calls("DescribeCustomerGateways"), time.Now()
	if _, peers, err := peersOf(t, r.client, gw.ID, api.NumberCursor(11, 50)); err != nil || len(peers) != 20 {
		t.Fatalf("page 11: %d customer gateways, %v", len(peers), err)
	}
	if n, took := r.emu.Calls("DescribeCustomerGateways")-before, time.Since(start); n > 8 || took > 5*rtt {
		t.Errorf("page 11: %d DescribeCustomerGateways in %.1f round trips", n, float64(took)/float64(rtt))
	}
}

// A refused DescribeCustomerGateways is the caller's error, naming the
// permission to ask for, and is not kept: the next read tries again.
func TestCustomerGatewaysRefusedIsAnErrorAndNotKept(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	gw := gatewayNamed(t, r, "staging-hz")
	f, _ := fault.Parse("forbidden:action=DescribeCustomerGateways")
	r.emu.SetFaults(f)
	conns, _, err := peersOf(t, r.client, gw.ID, api.FirstPage(50))
	e, ok := api.AsError(err)
	if len(conns) == 0 || !ok || e.Kind != api.KindPermission || e.Action != "DescribeCustomerGateways" {
		t.Fatalf("refused: %d connections, %#v", len(conns), err)
	}
	r.emu.SetFaults()
	if _, peers, err := peersOf(t, r.client, gw.ID, api.FirstPage(50)); err != nil || len(peers) == 0 {
		t.Fatalf("after the fault: %d customer gateways, %v", len(peers), err)
	}
}

// The emulator serves DescribeCustomerGateways as the reference page
// describes it: PageSize at most 50, default 10, a wrapped list with
// TotalCount, one CustomerGatewayId as a filter.
func TestEmulatorServesDescribeCustomerGatewaysAsDocumented(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	client := rawSDK(t, r)
	req := vpc.CreateDescribeCustomerGatewaysRequest()
	req.RegionId = hz
	resp, err := client.DescribeCustomerGateways(req)
	if err != nil || resp.PageSize != 10 || len(resp.CustomerGateways.CustomerGateway) != 10 || resp.TotalCount < 500 {
		t.Fatalf("default page: %+v, %v", resp, err)
	}
	first := resp.CustomerGateways.CustomerGateway[3]
	if first.IpAddress == "" || first.CustomerGatewayId == "" {
		t.Fatalf("a customer gateway: %+v", first)
	}
	req = vpc.CreateDescribeCustomerGatewaysRequest()
	req.RegionId, req.CustomerGatewayId = hz, first.CustomerGatewayId
	if one, err := client.DescribeCustomerGateways(req); err != nil || one.TotalCount != 1 ||
		one.CustomerGateways.CustomerGateway[0].IpAddress != first.IpAddress {
		t.Fatalf("by id: %+v, %v", one, err)
	}
	req = vpc.CreateDescribeCustomerGatewaysRequest()
	req.RegionId, req.PageSize = hz, requests.NewInteger(51)
	if _, err := client.DescribeCustomerGateways(req); err == nil {
		t.Fatal("PageSize 51 accepted")
	}
}
