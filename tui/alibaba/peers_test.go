package alibaba

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// firstConnection is the first connection of prod-hz-core as the service
// gives it, and its customer gateway: what the screens must agree with.
func firstConnection(t *testing.T, h *harness) (alibaba.Connection, alibaba.CustomerGateway) {
	t.Helper()
	ctx := context.Background()
	p, err := h.client.Connections(ctx, "cn-hangzhou", h.gateway().gw.ID, api.FirstPage(1))
	if err != nil || len(p.Items) == 0 {
		t.Fatalf("connections: %v", err)
	}
	c := p.Items[0]
	gws, err := h.client.CustomerGateways(ctx, "cn-hangzhou", []string{c.PeerID()})
	if err != nil || len(gws) != 1 {
		t.Fatalf("customer gateway %s: %v", c.PeerID(), err)
	}
	return c, gws[0]
}

// The connection list and the tunnels view show the peer as the engineer
// needs it, the device's public IP and ASN, not the cgw- id; the id stays
// in the details.
func TestTheConnectionListAndTunnelsViewShowThePeersIPAndASN(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys("enter")
	conn, gw := firstConnection(t, h)
	want := fmt.Sprintf("%s AS%d", conn.IKE.RemoteID, conn.BGP.PeerASN)
	if gw.IP != conn.IKE.RemoteID || gw.ASN != conn.BGP.PeerASN {
		t.Fatalf("the seeded world disagrees with itself: %+v for %s", gw, conn.Name)
	}
	h.MustShow("CUSTOMER GW", want)
	h.MustNotShow(conn.PeerID())
	h.Keys("d")
	h.MustShow(conn.PeerID(), "Customer gateway IP", "Customer gateway ASN")
	h.Keys("esc", "enter")
	h.MustShow("customer gateway " + want + " ·")
	h.Keys("d")
	h.MustShow(conn.PeerID())
}

// A refused DescribeCustomerGateways keeps the connections on screen and
// says what could not be read, and which permission it needs, where the
// IP and ASN would be: never "-", and never the id as if it were the
// answer.
func TestARefusedCustomerGatewayReadSaysSoWhereTheValueWouldBe(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{Faults: []emulator.Fault{mustFault(t, "forbidden:action=DescribeCustomerGateways")}})
	h.Keys("enter")
	h.MustShow("to-beijing-001", "could not read")
	rows := h.gateway().conns.Items
	if len(rows) == 0 {
		t.Fatal("no connections")
	}
	for _, r := range rows {
		if got := r.peerCell(); got != "could not read (vpc:DescribeCustomerGateways)" {
			t.Fatalf("%s: customer gateway cell %q", r.name, got)
		}
	}
	h.Keys("d")
	h.MustShow("Customer gateway IP", "could not read (vpc:DescribeCustomerGateways)")
	h.Keys("esc", "enter")
	h.MustShow("customer gateway could not read (vpc:DescribeCustomerGateways) ·")
	if strings.Contains(h.Screen(), "customer gateway - ") {
		t.Fatal("a failed read shows as -")
	}
}
