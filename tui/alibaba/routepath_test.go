package alibaba

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	tui "github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// hops are the route path's five hops, as the traffic flows.
var hops = []string{"1 VPC route tables", "2 Gateway", "3 Connection", "4 Tunnels", "5 Remote subnets"}

// staging opens staging-hz, the gateway whose connections hold the route
// cases, and moves down to its n-th connection (0: to-beijing-001, in
// place; 1: to-shenzhen-002, no route; 2: to-chengdu-003, not published).
func staging(h *harness, n int) {
	h.MustShow("staging-hz")
	h.Keys("j", "enter")
	h.MustShow("to-beijing-001")
	for range n {
		h.Keys("j")
	}
}

// t on a connection shows its route path, every hop, in place: the VPC's
// system table sends its subnet to the gateway, the gateway's published
// route sends it into the connection. t on its tunnels shows it again
// from what was read a moment ago (kept briefly); r reads it all again.
func TestRoutePathShowsEveryHop(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	staging(h, 0)
	lists := h.emu.Calls("DescribeRouteTableList")
	h.Keys("t")
	h.MustShow(hops...)
	h.MustShow("Route path · to-beijing-001", "✓ traffic from the VPC reaches the connection", "System · serves every vSwitch",
		"192.168.0.0/24 → vpn-", "destination-based routes through this connection:", "✓ 192.168.0.0/24 · published to the VPC",
		"● phase 2 up", "✓ 192.168.0.0/24: the VPC sends it to the gateway (vtb-", "to-beijing-001 › route path",
		"back: the customer's traffic comes in through the tunnels to 10.0.0.0/16")
	if n := h.emu.Calls("DescribeRouteTableList") - lists; n != 1 {
		t.Fatalf("opening the route path made %d DescribeRouteTableList, want 1", n)
	}
	h.Keys("esc", "enter", "t") // from the tunnels
	h.MustShow("Route path · to-beijing-001", "✓ traffic from the VPC reaches the connection")
	if n := h.emu.Calls("DescribeRouteTableList") - lists; n != 1 {
		t.Fatalf("the route path opened again read the tables again (%d calls in all)", n)
	}
	h.Keys("r")
	h.MustShow("Route path · to-beijing-001", "✓ traffic from the VPC reaches the connection")
	if n := h.emu.Calls("DescribeRouteTableList") - lists; n != 2 {
		t.Fatalf("r made %d DescribeRouteTableList in all, want 2", n)
	}
	h.Keys("d")
	h.MustShow("Route path of to-beijing-001", "Verdict", "every remote subnet is routed")
	h.Keys("esc", "?")
	h.MustShow("route path", "refresh")
}

// A connection with a missing route says which subnet, where, and what to
// do: one whose subnet no route sends into it, one whose route is not
// published to the VPC.
func TestRoutePathNamesWhatIsMissing(t *testing.T) {
	for _, c := range []struct {
		n    int
		conn string
		says []string
	}{
		{1, "to-shenzhen-002", []string{"✗ 192.168.1.0/24 is routed into vco-", "by no route of vpn-", "CreateVpnRouteEntry",
			"○ destination-based routes: none through this connection", "✗ 192.168.1.0/24: no entry sends it to the gateway", "✗ 192.168.1.0/24: no route of the gateway sends it into the connection"}},
		{2, "to-chengdu-003", []string{"✗ 192.168.2.0/24 is routed into vco-", "not published to the VPC (State normal)", "PublishVpnRouteEntry",
			"◐ 192.168.2.0/24 · not published to the VPC (normal)", "✗ 192.168.2.0/24: the gateway routes it into the connection, but the route is not published"}},
	} {
		t.Run(c.conn, func(t *testing.T) {
			h := newHarness(t, 160, 48, emulator.Config{})
			staging(h, c.n)
			h.Keys("t")
			h.MustShow(hops...)
			h.MustShow("Route path · " + c.conn)
			h.MustShow(c.says...)
			h.MustNotShow("✓ traffic from the VPC reaches")
			h.Keys("d")
			h.MustShow("Route path of "+c.conn, "What to do")
		})
	}
}

// A fault on any of the route path's calls leaves the rest of the view and
// says what could not be read and what to do; never that the path is in
// place.
func TestRoutePathFaults(t *testing.T) {
	for _, c := range []struct {
		fault string
		says  []string
		still string // a hop the fault did not touch
	}{
		{"forbidden:action=DescribeVpnPbrRouteEntries", []string{"policy-based routes: could not read (vpc:DescribeVpnPbrRouteEntries)", "Forbidden.RAM"}, "✓ 192.168.0.0/24 · published to the VPC"},
		{"throttle:action=DescribeVpnRouteEntries", []string{"throttled every retry", "Throttling.User"}, "192.168.0.0/24 → vpn-"},
		{"malformed:action=DescribeRouteEntryList", []string{"could not read the route tables of vpc-", "MalformedResponse", "· DescribeRouteEntryList"}, "✓ 192.168.0.0/24 · published to the VPC"},
		{"hang:action=DescribeRouteTableList", []string{"could not read the route tables of vpc-", "Timeout", "· DescribeRouteTableList"}, "✓ 192.168.0.0/24 · published to the VPC"},
	} {
		t.Run(c.fault, func(t *testing.T) {
			// A short read timeout: the hang ends without the 10 s wait.
			h := newHarnessWith(t, 160, 48, emulator.Config{}, vpcclient.Options{ReadTimeout: 300 * time.Millisecond,
				Retry: api.RetryPolicy{Attempts: 1}})
			staging(h, 0)
			h.emu.SetFaults(mustFault(t, c.fault))
			h.Keys("t")
			h.MustShow(hops...)
			h.MustShow("the route path is not known whole", "● phase 2 up", c.still)
			h.MustShow(c.says...)
			h.MustNotShow("✓ traffic from the VPC reaches")
		})
	}
}

// While the route path is read the other hops are on screen; a read the
// view no longer waits for (r asked again) is dropped, not shown over the
// newer one.
func TestRoutePathDropsAnOlderRead(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	staging(h, 0)
	h.emu.SetFaults(mustFault(t, "forbidden:action=DescribeRouteTableList"))
	h.Hold = func(msg tea.Msg) bool { return strings.HasSuffix(fmt.Sprintf("%T", msg), "alibaba.routePathRead]") }
	h.Keys("t") // its answer, refused, is held
	h.MustShow(hops...)
	h.MustShow("… checking the route path", "… reading the route tables", "local 10.0.0.0/16 ⇄ remote 192.168.0.0/24")
	h.emu.SetFaults()
	h.Keys("r") // this one reads the tables
	held := h.Held
	h.Hold, h.Held = nil, nil
	if len(held) != 2 {
		t.Fatalf("%d reads held, want 2", len(held))
	}
	h.Send(held[1])
	h.Send(held[0]) // the older, refused, lands last
	h.MustShow("✓ traffic from the VPC reaches the connection")
	h.MustNotShow("could not read the route tables")
}

// t on a connection attached to a transit router says its route path is
// not read here; on the gateway list, t is not for that screen.
func TestRoutePathOfATransitRouterConnectionSaysSo(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.MustShow("prod-hz-core")
	h.Keys("t")
	h.MustShow("route path: not on this screen")
	conn, err := h.client.Connection(t.Context(), "cn-hangzhou", transitConnection(t, h))
	if err != nil {
		t.Fatal(err)
	}
	c := &common{Common: h.Common(), client: h.client, rollups: newRollupStore(), routes: newRouteFound()}
	v, _ := newTunnelsView(c, "cn-hangzhou", conn, 160, 48)
	h.Send(ui.Push(&v, nil)())
	h.MustShow("cen-shenzhen-dc")
	h.Keys("t")
	h.MustShow("route path: read for a VPN gateway's connections; cen-shenzhen-dc is attached to transit router " + emulator.TransitRouterID)
}

// The route path at both sizes, in place (to-beijing-001) and with a
// route missing (to-shenzhen-002): at 80x24 its top and, after G, its
// end, which together show every hop.
func TestRoutePathGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			open := func(t *testing.T, down int, conn string) *tuitest.Program {
				p := startProgram(t, size.w, size.h)
				p.WaitFor("staging-hz")
				p.Keys("j", "enter")
				p.WaitFor("to-beijing-001", "12 of 12 loaded")
				for range down {
					p.Keys("j")
				}
				p.Keys("t")
				p.WaitFor("Route path · "+conn, "r refresh · d details")
				return p
			}
			cases := []struct {
				name  string
				down  int
				conn  string
				shows string
			}{
				{"in-place", 0, "to-beijing-001", "traffic from the VPC reaches"},
				{"missing", 1, "to-shenzhen-002", "CreateVpnRouteEntry"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					golden.RequireEqual(t, open(t, c.down, c.conn).WaitFor(c.shows))
				})
				if size.h < 48 {
					t.Run(c.name+"-end", func(t *testing.T) {
						p := open(t, c.down, c.conn)
						p.Keys("G")
						golden.RequireEqual(t, p.WaitFor("5 Remote subnets"))
					})
				}
			}
		})
	}
}

// transitConnection is the id of cen-shenzhen-dc, attached to the transit
// router, as the region's list of connections gives it.
func transitConnection(t *testing.T, h *harness) string {
	t.Helper()
	for cur := api.FirstPage(50); ; {
		p, err := h.client.Connections(t.Context(), "cn-hangzhou", "", cur)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range p.Items {
			if c.Name == "cen-shenzhen-dc" {
				return c.ID
			}
		}
		if !p.More {
			t.Fatal("no cen-shenzhen-dc")
		}
		cur = p.Next
	}
}

// Once P has found a connection no route uses, its list mark and its
// tunnels' header say so too (one verdict per resource), where before they
// said what its tunnels alone say.
func TestAConnectionNoRouteUsesIsDownInItsListAfterAScan(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	staging(h, 1)
	h.MustShow("to-shenzhen-002   vco-bp1ddx2on7c4ubczk6if4 ● healthy")
	h.Keys("P")
	h.MustShow("64 of 64 gateways")
	h.Keys("esc")
	h.MustShow("to-shenzhen-002   vco-bp1ddx2on7c4ubczk6if4 ✗ down")
	h.Keys("enter")
	h.MustShow("to-shenzhen-002  vco-bp1ddx2on7c4ubczk6if4  ✗ down")
}

// noTables is a client whose endpoint serves no route table action.
type noTables struct{ alibaba.Client }

func (noTables) RouteTableList(context.Context, string, alibaba.RouteTableQuery, api.Cursor) (api.Page[alibaba.RouteTable], error) {
	return api.Page[alibaba.RouteTable]{}, &api.Error{Action: "DescribeRouteTableList", Kind: api.KindNotFound, HTTPStatus: 404,
		Code: "InvalidApi.NotFound", Message: "Specified api is not found, please check your url and method."}
}

// Against an endpoint that serves no route table action the view says so
// and judges the VPC hop by each route's State: the unpublished route is
// still named, nothing reads as unknown.
func TestRoutePathWithoutRouteTableActionsReadsTheState(t *testing.T) {
	emu, client := startEmulator(t, emulator.Config{}, vpcclient.Options{})
	h := &harness{Harness: tuitest.New(t, 160, 48, tui.Config{Providers: []ui.Provider{NewProvider(noTables{client}, "cn-hangzhou", "http://emulator")},
		CredentialSource: "demo key", Demo: true}), emu: emu, client: client}
	staging(h, 2)
	h.Keys("t")
	h.MustShow(hops...)
	h.MustShow("the endpoint serves no route table action (InvalidApi.NotFound)", "PublishVpnRouteEntry", "◐ 192.168.2.0/24 · not published")
	h.MustNotShow("not known whole")
}
