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
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
	"github.com/vpnscope/vpnscope/tui"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// euHub opens eu-west-1's eu-hub-tgw (the last gateway) and moves to its
// n-th connection (0: eu-hub-quiet, 1: eu-hub-bh, 2: eu-hub-lone).
func euHub(h *harness, n int) {
	h.Keys(":", "text:region eu-west-1", "enter", ":", "text:gateways", "enter")
	h.MustShow("eu-hub-tgw")
	h.Keys("G", "enter")
	h.MustShow("eu-hub-lone")
	for range n {
		h.Keys("j")
	}
}

var tgwCalls = []string{"DescribeTransitGatewayAttachments", "GetTransitGatewayAttachmentPropagations", "SearchTransitGatewayRoutes"}

func callsOf(emu *awsemulator.Running) []int {
	var out []int
	for _, a := range append(tgwCalls, "DescribeVpnConnections") {
		out = append(out, emu.Calls(a))
	}
	return out
}

func callsSince(emu *awsemulator.Running, before []int) string {
	var out []string
	for i, n := range callsOf(emu) {
		out = append(out, fmt.Sprint(n-before[i]))
	}
	return strings.Join(out, " ")
}

// t on a transit gateway's connection shows its route path, every hop:
// one attachments call, one propagations call, one search per table (the
// table it propagates to and the one it is associated with); opened again
// from its tunnels it costs nothing; r reads it all again, the connection
// too (issue 24).
func TestTGWRoutePathShowsEveryHop(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:gateways", "enter", "j", "j", "j", "enter") // core-tgw
	h.MustShow("colo-1")
	before := callsOf(emu)
	h.Keys("t") // colo-1: BGP, both tunnels up, propagating
	h.MustShow(tgwHops...)
	h.MustShow("Route path · colo-1", "✓ the transit gateway routes traffic into the connection (11 routes to its attachment)",
		"(propagation enabled)", "✓ 11 routes to it: propagated 172.24.0.0/24", "✓ associated with tgw-rtb-",
		"it sends the customer's traffic to 10.100.0.0/16", "● UP · 11 BGP routes accepted", ": routed to the attachment (tgw-rtb-", "colo-1 › route path")
	if got := callsSince(emu, before); got != "1 1 2 0" {
		t.Fatalf("opening the route path made %s attachments, propagations, searches, connections calls; want 1 1 2 0", got)
	}
	h.Keys("esc", "enter", "t") // from the tunnels
	h.MustShow("Route path · colo-1", "11 routes to its attachment")
	if got := callsSince(emu, before); got != "1 1 2 0" {
		t.Fatalf("opened again from the tunnels: %s calls in all, want 1 1 2 0", got)
	}
	h.Keys("r")
	h.MustShow("Route path · colo-1", "11 routes to its attachment")
	if got := callsSince(emu, before); got != "2 2 4 1" {
		t.Fatalf("r: %s calls in all, want 2 2 4 1", got)
	}
	h.Keys("d")
	h.MustShow("Route path of colo-1", "Verdict", "routes traffic into the connection")
}

// A transit gateway connection with its routes wrong says what and
// where, and what to do: propagating nowhere, half blackholed,
// unassociated.
func TestTGWRoutePathNamesWhatIsMissing(t *testing.T) {
	for _, c := range []struct {
		n    int
		conn string
		says []string
	}{
		{0, "eu-hub-quiet", []string{"✗ the attachment tgw-attach-", "propagates to no transit gateway route table", "EnableTransitGatewayRouteTablePropagation",
			"✗ it propagates to no route table", "✗ none known: no route in the tables read points at the attachment"}},
		{1, "eu-hub-bh", []string{"◐ 10.92.128.0/17 in tgw-rtb-", "is a blackhole", "DeleteTransitGatewayRoute", "✓ 1 route to it: static 10.92.0.0/16",
			"✗ 10.92.128.0/17 is a blackhole: the transit gateway drops", "◐ 10.92.0.0/16: routed to the attachment (tgw-rtb-", "but 10.92.128.0/17 of it is a blackhole",
			"a static connection on a transit gateway has no routes of its own"}},
		{2, "eu-hub-lone", []string{"✗ the attachment tgw-attach-", "is associated with no transit gateway route table", "AssociateTransitGatewayRouteTable",
			"✗ associated with no route table: the customer's traffic that enters it has no route"}},
	} {
		t.Run(c.conn, func(t *testing.T) {
			h, _ := newAWSHarness(t, 160, 48, false)
			euHub(h, c.n)
			h.Keys("t")
			h.MustShow(tgwHops...)
			h.MustShow("Route path · " + c.conn)
			h.MustShow(c.says...)
			h.MustNotShow("✓ the transit gateway routes traffic into the connection")
			h.Keys("d")
			h.MustShow("Route path of "+c.conn, "What to do")
		})
	}
}

// A fault on each new call leaves the rest of the view and says what
// could not be read and what to do; never that the path is in place.
func TestTGWRoutePathFaults(t *testing.T) {
	for _, action := range tgwCalls {
		for _, c := range []struct {
			fault string
			says  []string
		}{
			{"forbidden", []string{"grant these credentials ec2:" + action, "UnauthorizedOperation"}},
			{"throttle", []string{"throttled every retry", "RequestLimitExceeded"}},
			{"malformed", []string{"MalformedResponse"}},
			{"hang", []string{"Timeout"}},
		} {
			t.Run(action+"/"+c.fault, func(t *testing.T) {
				emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Now: func() time.Time { return tuitest.FixedNow }})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { emu.Close() })
				client := ec2client.New(awssdk.Config{Region: "us-east-1",
					Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")},
					ec2client.Options{Endpoint: emu.URL, Retry: api.RetryPolicy{Attempts: 1}, ReadTimeout: 300 * time.Millisecond})
				h := &harness{Harness: tuitest.New(t, 160, 48, tui.Config{Providers: []ui.Provider{NewProvider(client, "us-east-1", "http://emulator")},
					Demo: true}), client: client}
				euHub(h, 1) // eu-hub-bh
				f, _ := fault.Parse(c.fault + ":action=" + action)
				emu.SetFaults(f)
				h.Keys("t")
				h.MustShow(tgwHops...)
				h.MustShow("the route path is not known whole", "tunnel 1", "● UP", "eu-hub-bh · available · static routing")
				h.MustShow(c.says...)
				h.MustNotShow("✓ the transit gateway routes traffic into the connection", "✓ 1 route to it")
			})
		}
	}
}

// While the path is read the other hops are on screen; a read the view
// no longer waits for (r asked again) is dropped, not shown over the
// newer one.
func TestTGWRoutePathDropsAnOlderRead(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	euHub(h, 1)
	f, _ := fault.Parse("forbidden:action=SearchTransitGatewayRoutes")
	emu.SetFaults(f)
	h.Hold = func(msg tea.Msg) bool { return strings.HasSuffix(fmt.Sprintf("%T", msg), ".tgwPathRead]") }
	h.Keys("t")
	h.MustShow(tgwHops...)
	h.MustShow("… checking the route path: reading the attachment", "tunnel 1", "● UP")
	emu.SetFaults()
	h.Keys("r")
	held := h.Held
	h.Hold, h.Held = nil, nil
	if len(held) != 2 {
		t.Fatalf("%d reads held, want 2", len(held))
	}
	h.Send(held[1])
	h.Send(held[0]) // the older, refused, lands last
	h.MustShow("10.92.128.0/17 in tgw-rtb-")
	h.MustNotShow("could not read the routes of")
}

// The transit gateway route path at both sizes, in place (core-tgw's
// colo-1) and with a blackhole (eu-hub-bh): at 80x24 its top and, after
// G, its end.
func TestTGWRoutePathGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			open := func(t *testing.T, region string, keys []string, down int, conn string) *tuitest.Program {
				p := startAWSProgram(t, size.w, size.h)
				p.WaitFor("corp-vpn")
				if region != "" {
					p.Keys(strings.Split(":region "+region, "")...)
					p.Keys("enter")
					p.WaitFor(region)
				}
				p.Keys(strings.Split(":gateways", "")...)
				p.Keys("enter")
				p.WaitFor("TGW")
				p.Keys(keys...)
				p.WaitFor(conn, "2/2")
				for range down {
					p.Keys("j")
				}
				p.Keys("t")
				p.WaitFor("Route path · "+conn, "r refresh · d details")
				return p
			}
			cases := []struct {
				name, region string
				keys         []string
				down         int
				conn, shows  string
			}{
				{"tgw-in-place", "", []string{"j", "j", "j", "enter"}, 0, "colo-1", "routes traffic into the connection"},
				{"tgw-blackhole", "eu-west-1", []string{"G", "enter"}, 1, "eu-hub-bh", "is a blackhole"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					golden.RequireEqual(t, open(t, c.region, c.keys, c.down, c.conn).WaitFor(c.shows))
				})
				if size.h < 48 {
					t.Run(c.name+"-end", func(t *testing.T) {
						p := open(t, c.region, c.keys, c.down, c.conn)
						p.Keys("G")
						golden.RequireEqual(t, p.WaitFor("5 Customer prefixes", "j/k scroll"))
					})
				}
			}
		})
	}
}
