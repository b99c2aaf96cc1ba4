package aws

import (
	"fmt"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"

	tui "github.com/vpnscope/vpnscope/tui"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// harness is the app on the AWS provider: the real aws-sdk-go-v2 EC2
// client against the AWS emulator over HTTP, or a fake.
type harness struct {
	*tuitest.Harness
	client aws.Client
}

// newAWSHarness starts the AWS emulator and the app on it.
func newAWSHarness(t testing.TB, w, h int, readOnly bool) (*harness, *awsemulator.Running) {
	t.Helper()
	emu, client := startAWSEmulator(t)
	hr := tuitest.New(t, w, h, tui.Config{Providers: []ui.Provider{NewProvider(client, "us-east-1", "http://emulator")}, CredentialSource: "demo key",
		ReadOnly: readOnly, Demo: true})
	return &harness{Harness: hr, client: client}, emu
}

// newAWSHarnessIn is newAWSHarness browsing account a, as one of several.
func newAWSHarnessIn(t testing.TB, w, h int, a ui.Account) (*harness, *awsemulator.Running) {
	t.Helper()
	emu, client := startAWSEmulator(t)
	p := NewProvider(client, "us-east-1", "http://emulator")
	p.(ui.AccountSetter).SetAccount(a)
	hr := tuitest.New(t, w, h, tui.Config{Providers: []ui.Provider{p}, CredentialSource: "demo key", Demo: true})
	return &harness{Harness: hr, client: client}, emu
}

// startAWSEmulator runs the AWS emulator on the tests' clock and the real
// client of it.
func startAWSEmulator(t testing.TB) (*awsemulator.Running, aws.Client) {
	t.Helper()
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Now: func() time.Time { return tuitest.FixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	cfg := awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")}
	return emu, ec2client.New(cfg, ec2client.Options{Endpoint: emu.URL, Retry: api.RetryPolicy{Attempts: 1}})
}

func TestAWSEndpointsAndAnEndpointsTabs(t *testing.T) {
	// 140 columns: the list shows HEALTH beside STATUS, then AUTH.
	h, emu := newAWSHarness(t, 140, 30, false)
	h.MustShow("AWS › us-east-1", "corp-vpn", "available", "pending-associate", "deleting", "cert", "CLIENT CIDR", "HEALTH: P checks every")
	if n := emu.Calls(""); n != 1 {
		t.Fatalf("listing endpoints made %d calls", n)
	}
	h.Keys("enter") // corp-vpn: the first call is the connections page, beside it the side calls
	if emu.Calls("DescribeClientVpnConnections") != 1 {
		t.Fatalf("%d connection calls on opening", emu.Calls("DescribeClientVpnConnections"))
	}
	h.MustShow("AWS › us-east-1 › corp-vpn", "[Connections", "✓ nothing stops clients", "● active", "user001")
	// Ended connections say when, and o puts the worst first: stuck
	// (failed-to-terminate), then active, then ended.
	h.MustShow("ended ")
	h.Keys("o")
	l := h.App.Top().(*endpointView).conns
	if l.At(0).Status != "failed-to-terminate" {
		t.Fatalf("worst first starts with %s", l.At(0).Status)
	}
	for pos := range l.Count() - 1 {
		if aws.ConnectionRank(l.At(pos).Status) > aws.ConnectionRank(l.At(pos+1).Status) {
			t.Fatalf("row %d (%s) before row %d (%s)", pos, l.At(pos).Status, pos+1, l.At(pos+1).Status)
		}
	}
	h.Keys("tab")
	h.MustShow("[Target networks (2)]", "associated", "subnet-")
	h.Keys("tab")
	h.MustShow("[Routes (2)]", "active", "associate")
	h.Keys("tab")
	h.MustShow("[Authorization rules (1)]", "all users")
	// The tabs are the verdict's one source: each list was read once, on
	// opening, and showing its tab asked for nothing more (defect 6).
	for _, action := range []string{"DescribeClientVpnTargetNetworks", "DescribeClientVpnRoutes", "DescribeClientVpnAuthorizationRules"} {
		if n := emu.Calls(action); n != 1 {
			t.Errorf("%s: %d calls for the verdict and the tab", action, n)
		}
	}
	h.Keys("r")
	h.MustShow("✓ nothing stops clients", "[Authorization rules (1)]")
	if n := emu.Calls("DescribeClientVpnRoutes"); n != 2 {
		t.Errorf("r read the routes %d times in all", n)
	}
}

func TestAWSConnectionsPageLazily(t *testing.T) {
	h, emu := newAWSHarness(t, 100, 24, false)
	h.Keys("enter")
	l := h.App.Top().(*endpointView).conns
	first := len(l.Items)
	if first >= awsemulator.BigEndpointConnections || first < l.Height {
		t.Fatalf("first page %d rows for a %d-row list (err %v)", first, l.Height, l.Err)
	}
	for range first {
		h.Keys("j")
	}
	if n := emu.Calls("DescribeClientVpnConnections"); n < 2 || len(l.Items) <= first {
		t.Fatalf("scrolling to the end fetched %d pages, %d rows", n, len(l.Items))
	}
	// Filter by user within what is loaded.
	h.Keys("/", "text:user003", "enter")
	h.MustShow("user003", `filter "user003"`)
}

func TestAWSExplainsWhyClientsCannotConnect(t *testing.T) {
	h, _ := newAWSHarness(t, 140, 30, false)
	h.Keys("j", "enter") // contractors: no target network
	h.MustShow("✗ No target network is associated", "associate a subnet")
	h.Keys("esc", "j", "enter") // lab: a route with no rule, a failed route, a route through one subnet of two
	h.MustShow("Route to 192.168.0.0/16 has no authorization rule", "(+2 more: e)")
	h.Keys("e")
	h.MustShow("Why clients cannot connect to lab", "Route to 0.0.0.0/0 is failed", "AuthorizeClientVpnIngress",
		"goes through 1 of the 2 associated subnets")
}

func TestAWSTerminateAsksThenCuts(t *testing.T) {
	h, emu := newAWSHarness(t, 140, 30, false)
	h.Keys("enter")
	h.App.Top().(*endpointView).conns.Cursor = 0 // user001, active
	h.Keys("ctrl+k")
	h.MustShow("y yes  n no  Terminate the connection of user001 from ", "(cvpn-connection-")
	h.Keys("n")
	h.MustNotShow("Terminate the connection of")
	if emu.Calls("TerminateClientVpnConnections") != 0 {
		t.Fatal("n terminated")
	}
	h.Keys("ctrl+k", "y")
	if emu.Calls("TerminateClientVpnConnections") != 1 {
		t.Fatal("y did not terminate")
	}
	l := h.App.Top().(*endpointView).conns
	if r, _ := l.Selected(); r.Username != "user001" || r.Status != "terminating" {
		t.Fatalf("after terminate the row is %s %s", r.Username, r.Status)
	}
	h.MustShow("◌ terminating")

	// Under --readonly the keys are off and not offered.
	ro, emu2 := newAWSHarness(t, 140, 30, true)
	ro.Keys("enter", "ctrl+k", "y")
	if emu2.Calls("TerminateClientVpnConnections") != 0 || strings.Contains(ro.Screen(), "ctrl+k") || strings.Contains(ro.Screen(), "Terminate cvpn") {
		t.Fatal("read-only terminated, or offered to")
	}
}

// startAWSProgram runs the real program on the AWS provider for goldens.
func startAWSProgram(t *testing.T, w, h int) *tuitest.Program {
	t.Helper()
	_, client := startAWSEmulator(t)
	return tuitest.NewProgram(t, w, h, tui.Config{Providers: []ui.Provider{NewProvider(client, "us-east-1", "http://127.0.0.1:PORT")},
		CredentialSource: "demo key", Demo: true})
}

func TestAWSGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			t.Run("endpoints", func(t *testing.T) {
				p := startAWSProgram(t, size.w, size.h)
				golden.RequireEqual(t, p.WaitFor("corp-vpn", "old-partners"))
			})
			t.Run("connections", func(t *testing.T) {
				p := startAWSProgram(t, size.w, size.h)
				p.WaitFor("corp-vpn")
				p.Keys("enter")
				golden.RequireEqual(t, p.WaitFor("[Connections", "user001", "nothing stops clients", "CRL days left"))
			})
			t.Run("why-lab", func(t *testing.T) {
				p := startAWSProgram(t, size.w, size.h)
				p.WaitFor("corp-vpn")
				p.Keys("j", "j", "enter")
				p.WaitFor("Route to 192.168.0.0/16")
				p.Keys("e")
				golden.RequireEqual(t, p.WaitFor("Why clients cannot connect to lab"))
			})
		})
	}
}

// A fault on refresh leaves the rows on screen, with the error and what to
// do; the next good answer clears it.
func TestAWSFaultsKeepTheLastGoodData(t *testing.T) {
	h, emu := newAWSHarness(t, 120, 24, false)
	h.Keys("enter")
	h.MustShow("user001")
	for spec, says := range map[string]string{"503": "Unavailable", "malformed": "MalformedResponse", "forbidden": "UnauthorizedOperation"} {
		f, err := fault.Parse(spec + ":action=DescribeClientVpnConnections")
		if err != nil {
			t.Fatal(err)
		}
		emu.SetFaults(f)
		h.Keys("r")
		h.MustShow("user001", "✗ "+says)
	}
	emu.SetFaults()
	h.Keys("r")
	h.MustShow("user001")
	h.MustNotShow("✗ Unavailable", "✗ MalformedResponse")
}

// ctrl+k on a connection that has ended says why nothing happens.
func TestAWSTerminateAnEndedConnectionSaysSo(t *testing.T) {
	h, emu := newAWSHarness(t, 140, 30, false)
	h.Keys("enter")
	l := h.App.Top().(*endpointView).conns
	for pos := range l.Count() {
		if l.At(pos).Status == "terminated" {
			l.Cursor = pos
			break
		}
	}
	h.Keys("ctrl+k")
	h.MustShow("this connection is terminated: nothing to terminate")
	h.MustNotShow("y yes")
	if emu.Calls("TerminateClientVpnConnections") != 0 {
		t.Fatal("an ended connection was terminated")
	}
}

// e on the endpoint list says where it works instead of doing nothing.
func TestAWSExplainOnTheListSaysWhere(t *testing.T) {
	h, _ := newAWSHarness(t, 120, 30, false)
	h.Keys("e")
	h.MustShow("e explains an endpoint once it is open: enter, then e")
}

// e on a healthy endpoint says what the verdict rests on, not only the
// verdict: its state, what was read of each list and what was checked.
func TestAWSExplainHealthySaysWhatWasChecked(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.Keys("enter") // corp-vpn: nothing stops clients
	h.MustShow("✓ nothing stops clients")
	h.Keys("e")
	h.MustShow("nothing stops clients", "Checked", "State", "available", "Target networks", "read; checked that one is associated",
		"Routes", "Authorization rules", "Connection logging")
}
