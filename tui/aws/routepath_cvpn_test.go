package aws

import (
	"fmt"
	"testing"
	"time"

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

var clientHops = []string{"1 Clients", "2 Target networks", "3 Authorization rules"}

var clientCalls = []string{"DescribeClientVpnTargetNetworks", "DescribeClientVpnRoutes", "DescribeClientVpnAuthorizationRules"}

func clientCallsOf(emu *awsemulator.Running) [3]int {
	var out [3]int
	for i, a := range clientCalls {
		out[i] = emu.Calls(a)
	}
	return out
}

// t on an endpoint shows its route path: each associated subnet with the
// routes through it, each route's status and the rule that covers it,
// what the other subnets route that it does not; one call for each list,
// at once; r reads them again. lab holds each case: a route no rule
// covers, a failed route, a route through one subnet of two (issue 24).
func TestClientRoutePathShowsEachSubnet(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	before := clientCallsOf(emu)
	h.Keys("j", "j", "t") // lab
	h.MustShow(clientHops...)
	h.MustShow("Route path · lab", "client CIDR 10.220.0.0/22", "split tunnel",
		"✓ 172.31.0.0/16 · active · authorized by 172.31.0.0/16 (all users)",
		"✗ 192.168.0.0/16 · active · no active authorization rule covers it", "AuthorizeClientVpnIngress",
		"✗ 0.0.0.0/0 · failed: The route could not be created",
		"✗ 192.168.0.0/16: routed through the other subnets, not this one: clients that land here cannot reach it (CreateClientVpnRoute)",
		"goes through 1 of the 2 associated subnets", "✓ 172.31.0.0/16 · all users · active", "lab › route path")
	h.MustNotShow("✓ every associated subnet carries the same routes")
	after := clientCallsOf(emu)
	for i := range after {
		if after[i]-before[i] != 1 {
			t.Fatalf("opening the route path made %d %s, want 1", after[i]-before[i], clientCalls[i])
		}
	}
	h.Keys("r")
	h.MustShow("Route path · lab", "routed through the other subnets")
	for i, n := range clientCallsOf(emu) {
		if n-before[i] != 2 {
			t.Fatalf("r: %d %s in all, want 2", n-before[i], clientCalls[i])
		}
	}
	h.Keys("d")
	h.MustShow("Route path of lab", "What to do", "CreateClientVpnRoute")
	// From an open endpoint, in place.
	h.Keys("esc", "esc", "k", "k", "enter")
	h.MustShow("[Connections")
	h.Keys("t")
	h.MustShow("Route path · corp-vpn", "✓ every associated subnet carries the same routes, each active and authorized",
		"✓ 10.0.0.0/16 · active · authorized by 10.0.0.0/16 (all users)")
	h.Keys("esc", "?")
	h.MustShow("route path")
}

// A fault on each list leaves the other hops and says what could not be
// read and what to do; never that the routes are in place.
func TestClientRoutePathFaults(t *testing.T) {
	for _, action := range clientCalls {
		for _, c := range []struct {
			fault string
			says  []string
		}{
			{"forbidden", []string{"grant these credentials ec2:" + action, "UnauthorizedOperation"}},
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
				h.MustShow("corp-vpn")
				f, _ := fault.Parse(c.fault + ":action=" + action)
				emu.SetFaults(f)
				h.Keys("t")
				h.MustShow(clientHops...)
				h.MustShow("the route path is not known whole", "addresses from 10.200.0.0/16")
				h.MustShow(c.says...)
				h.MustNotShow("✓ every associated subnet carries the same routes")
			})
		}
	}
}

// The Client VPN route path at both sizes, for lab (every case).
func TestClientRoutePathGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			p := startAWSProgram(t, size.w, size.h)
			p.WaitFor("corp-vpn", "old-partners")
			p.Keys("j", "j", "t")
			golden.RequireEqual(t, p.WaitFor("Route path · lab", "2 Target networks", "r refresh · d details"))
		})
	}
}
