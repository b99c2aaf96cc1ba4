package aws

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
	"github.com/vpnscope/vpnscope/tui"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// hops are the route path's five hops, as the traffic flows.
var hops = []string{"1 VPC route tables", "2 Gateway", "3 Connection", "4 Tunnels", "5 Customer prefixes"}

// euGateway opens eu-west-1's gateways and the connections of the n-th
// (0: eu-vgw, 1: eu-lab-vgw, 2: eu-dr-vgw, 3: eu-mig-vgw).
func euGateway(h *harness, n int) {
	h.Keys(":", "text:region eu-west-1", "enter", ":", "text:gateways", "enter")
	h.MustShow("eu-mig-vgw")
	for range n {
		h.Keys("j")
	}
	h.Keys("enter")
}

// t on a connection shows its route path, every hop, with the tables of
// its gateway's VPC read in one call (the gateway is known from the list);
// t on its tunnels shows it again from what was read a moment ago; r reads
// the gateway, the connection and the tables again.
func TestRoutePathShowsEveryHop(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:gateways", "enter", "enter") // prod-vgw
	h.MustShow("hq-primary")
	tables, gateways := emu.Calls("DescribeRouteTables"), emu.Calls("DescribeVpnGateways")
	h.Keys("t") // hq-primary: BGP, both tunnels up, propagated
	h.MustShow(hops...)
	h.MustShow("Route path · hq-primary", "✓ traffic from the VPC reaches the connection: 4 of its 5 route tables send to the gateway",
		"prod-main · main table: every subnet not associated with another", "✓ propagates from the gateway", "prod-public · serves subnet-",
		"○ does not propagate from the gateway · no route to it", "back: it sends the customer's traffic into 10.0.0.0/16",
		"● UP · 3 BGP routes accepted", "not in the EC2 API", "hq-primary › route path")
	if n, g := emu.Calls("DescribeRouteTables")-tables, emu.Calls("DescribeVpnGateways")-gateways; n != 1 || g != 0 {
		t.Fatalf("opening the route path made %d DescribeRouteTables and %d DescribeVpnGateways, want 1 and 0", n, g)
	}
	h.Keys("esc", "enter", "t") // from the tunnels
	h.MustShow("Route path · hq-primary", "4 of its 5 route tables")
	if n := emu.Calls("DescribeRouteTables") - tables; n != 1 {
		t.Fatalf("the route path opened again read the tables again (%d calls in all)", n)
	}
	conns := emu.Calls("DescribeVpnConnections")
	h.Keys("r")
	h.MustShow("Route path · hq-primary", "4 of its 5 route tables")
	if n, g, c := emu.Calls("DescribeRouteTables")-tables, emu.Calls("DescribeVpnGateways")-gateways, emu.Calls("DescribeVpnConnections")-conns; n != 2 || g != 1 || c != 1 {
		t.Fatalf("r made %d DescribeRouteTables, %d DescribeVpnGateways, %d DescribeVpnConnections in all; want 2, 1, 1", n, g, c)
	}
	h.Keys("d")
	h.MustShow("Route path of hq-primary", "Verdict", "4 of its 5 route tables")
	h.Keys("esc", "?")
	h.MustShow("route path", "refresh")
}

// A connection with a missing route says which route and where, and what
// to do, for each case of the world: a static connection with no static
// route, a gateway propagated into no table, a detached gateway whose
// route is a blackhole.
func TestRoutePathNamesWhatIsMissing(t *testing.T) {
	for _, c := range []struct {
		gateway int
		conn    string
		says    []string
	}{
		{1, "eu-lab", []string{"✗ the connection routes statically and has no static route", "CreateVpnConnectionRoute",
			"✗ no static route: the gateway sends nothing into the", "✗ none: a static connection's prefixes are its static routes"}},
		{2, "eu-dr", []string{"that serves a subnet propagates from vgw-", "10.70.0.0/16 is routed to it by none", "EnableVgwRoutePropagation",
			"eu-dr-main · main table", "✗ 10.70.0.0/16: has no route for it", "✗ 10.70.0.0/16: sends it to igw-", "(0.0.0.0/0)",
			"✗ 10.70.0.0/16: routed to the gateway by no route table that serves a subnet"}},
		{3, "eu-mig", []string{"is attached to no VPC", "10.80.0.0/16 in rtb-", "is a blackhole", "AttachVpnGateway", "DeleteRoute",
			"(detached)", "✗ 10.80.0.0/16 to the gateway is a blackhole", "✗ detached from vpc-"}},
	} {
		t.Run(c.conn, func(t *testing.T) {
			h, _ := newAWSHarness(t, 160, 48, false)
			euGateway(h, c.gateway)
			h.MustShow(c.conn)
			h.Keys("t")
			h.MustShow(hops...)
			h.MustShow(c.says...)
			h.MustNotShow("✓ traffic from the VPC reaches")
			h.Keys("d")
			h.MustShow("Route path of "+c.conn, "What to do")
		})
	}
}

// A fault on DescribeRouteTables leaves the rest of the view and says what
// could not be read and what to do; never that the path is in place.
func TestRoutePathFaults(t *testing.T) {
	for _, c := range []struct {
		fault string
		says  []string
	}{
		{"forbidden:action=DescribeRouteTables", []string{"grant these credentials ec2:DescribeRouteTables", "UnauthorizedOperation"}},
		{"throttle:action=DescribeRouteTables", []string{"throttled every retry", "RequestLimitExceeded"}},
		{"malformed:action=DescribeRouteTables", []string{"MalformedResponse"}},
		{"hang:action=DescribeRouteTables", []string{"Timeout", "check the network path"}},
	} {
		t.Run(c.fault, func(t *testing.T) {
			emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Now: func() time.Time { return tuitest.FixedNow }})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { emu.Close() })
			// A short read timeout: the hang ends in a Timeout without the 10 s wait.
			client := ec2client.New(awssdk.Config{Region: "us-east-1",
				Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")},
				ec2client.Options{Endpoint: emu.URL, Retry: api.RetryPolicy{Attempts: 1}, ReadTimeout: 300 * time.Millisecond})
			h := &harness{Harness: tuitest.New(t, 160, 48, tui.Config{Providers: []ui.Provider{NewProvider(client, "us-east-1", "http://emulator")},
				Demo: true}), client: client}
			euGateway(h, 2) // eu-dr
			h.MustShow("eu-dr")
			f, _ := fault.Parse(c.fault)
			emu.SetFaults(f)
			h.Keys("t")
			h.MustShow(hops...)
			h.MustShow("could not read the route tables of vpc-", "the route path is not known whole", "tunnel 1", "● UP",
				"✓ static routes: 10.70.0.0/16", "attached to vpc-")
			h.MustShow(c.says...)
			h.MustNotShow("✓ traffic from the VPC reaches", "propagates from vgw-")
		})
	}
}

// While the tables are read the other hops are on screen; a read the view
// no longer waits for (r asked again) is dropped, not shown over the newer
// one.
func TestRoutePathDropsAnOlderRead(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	euGateway(h, 2)
	h.MustShow("eu-dr")
	f, _ := fault.Parse("forbidden:action=DescribeRouteTables")
	emu.SetFaults(f)
	h.Hold = func(msg tea.Msg) bool { return strings.HasSuffix(fmt.Sprintf("%T", msg), ".routePathRead]") }
	h.Keys("t") // its answer, refused, is held
	// Waiting, the view shows every hop it holds already, and says what it
	// is reading.
	h.MustShow(hops...)
	h.MustShow("… checking the route path: reading the route tables of vpc-", "… reading its route tables", "tunnel 1", "● UP",
		"✓ static routes: 10.70.0.0/16")
	emu.SetFaults()
	h.Keys("r") // this one reads the tables
	held := h.Held
	h.Hold, h.Held = nil, nil
	if len(held) != 2 {
		t.Fatalf("%d reads held, want 2", len(held))
	}
	h.Send(held[1])
	h.Send(held[0]) // the older, refused, lands last
	h.MustShow("10.70.0.0/16 is routed to it by none")
	h.MustNotShow("could not read the route tables")
}

// t on a transit gateway's connection opens its transit gateway route
// path (routepath_tgw_test.go), not the VPC one. Where there is no
// connection nor endpoint (the gateway list), t says it is not for this
// screen.
func TestRoutePathOfATransitGatewayConnectionIsItsOwn(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("core-tgw")
	h.Keys("t")
	h.MustShow("route path: not on this screen (? lists its keys)")
	h.Keys("j", "j", "j", "enter") // core-tgw
	h.MustShow("colo-1")
	h.Keys("t")
	h.MustShow(tgwHops...)
	h.MustNotShow("1 VPC route tables", "read for a virtual private gateway's connections")
}

// On a fake: a gateway known only by its id (as :id or a problem opens a
// connection when the gateway list was not read) is read first, then its
// VPC's tables.
func TestRoutePathReadsAGatewayKnownByItsID(t *testing.T) {
	f := &fakeAWS{}
	h := newFakeAWSHarness(t, f)
	c := h.Common()
	v := s2sTunnelsView{c: &common{Common: c, client: f}, gw: aws.VPNGateway{ID: fakeVGW.ID}, conn: fakeVPN}
	h.Send(ui.Push(&v, nil)())
	h.Keys("t")
	h.MustShow(hops...)
	h.MustShow("fake-main · main table", "✓ propagates from the gateway · 1 route to it: propagated 192.168.0.0/24", "fake-vgw", "hold 1 route propagated from the gateway")
	if f.calls["RouteTables"] != 1 {
		t.Fatalf("calls: %v", f.calls)
	}
}

// The route path at both sizes, in place (prod's hq-primary) and with a
// route missing (eu-dr, whose gateway no table propagates): at 80x24 its
// top and, after G, its end, which together show every hop. The hint line
// is waited for, so the region switch's note has gone.
func TestRoutePathGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			open := func(t *testing.T, region, gateway string, down int, conn string) *tuitest.Program {
				p := startAWSProgram(t, size.w, size.h)
				p.WaitFor("corp-vpn")
				if region != "" {
					p.Keys(strings.Split(":region "+region, "")...)
					p.Keys("enter")
					p.WaitFor(region)
				}
				p.Keys(strings.Split(":gateways", "")...)
				p.Keys("enter")
				p.WaitFor(gateway)
				for range down {
					p.Keys("j")
				}
				p.Keys("enter")
				p.WaitFor(conn, "2/2")
				p.Keys("t")
				p.WaitFor("Route path · "+conn, "r refresh · d details")
				return p
			}
			cases := []struct {
				name, region, gateway string
				down                  int
				conn, shows           string
			}{
				{"in-place", "", "prod-vgw", 0, "hq-primary", "traffic from the VPC reaches"},
				{"missing", "eu-west-1", "eu-mig-vgw", 2, "eu-dr", "is routed to it by none"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					golden.RequireEqual(t, open(t, c.region, c.gateway, c.down, c.conn).WaitFor(c.shows))
				})
				if size.h < 48 {
					t.Run(c.name+"-end", func(t *testing.T) {
						p := open(t, c.region, c.gateway, c.down, c.conn)
						p.Keys("G")
						golden.RequireEqual(t, p.WaitFor("5 Customer prefixes", "j/k scroll"))
					})
				}
			}
		})
	}
}
