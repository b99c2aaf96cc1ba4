package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

// newAWSHarness drives the app on the AWS provider: the real aws-sdk-go-v2
// EC2 client against the AWS emulator over HTTP.
func newAWSHarness(t testing.TB, w, h int, readOnly bool) (*harness, *awsemulator.Running) {
	t.Helper()
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	cfg := awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")}
	client := ec2client.New(cfg, ec2client.Options{Endpoint: emu.URL, Retry: api.RetryPolicy{Attempts: 1}})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	hr := &harness{t: t}
	hr.app = New(Config{Context: ctx, Providers: []Provider{NewAWS(client, "us-east-1", "http://emulator")}, CredentialSource: "demo key", ReadOnly: readOnly,
		Demo: true, Now: func() time.Time { return fixedNow }, Location: time.UTC})
	hr.app.c.after = func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		hr.timers = append(hr.timers, fn)
		return nil
	}
	answers := hr.run(hr.app.Init())
	hr.send(tea.WindowSizeMsg{Width: w, Height: h})
	for _, m := range answers {
		hr.send(m)
	}
	return hr, emu
}

func TestAWSEndpointsAndAnEndpointsTabs(t *testing.T) {
	h, emu := newAWSHarness(t, 120, 30, false)
	h.mustShow("AWS › us-east-1", "corp-vpn", "● available", "◐ pending-associate", "✗ deleting", "cert", "CLIENT CIDR")
	if n := emu.Calls(""); n != 1 {
		t.Fatalf("listing endpoints made %d calls", n)
	}
	h.keys("enter") // corp-vpn: the first call is the connections page, beside it the side calls
	if emu.Calls("DescribeClientVpnConnections") != 1 {
		t.Fatalf("%d connection calls on opening", emu.Calls("DescribeClientVpnConnections"))
	}
	h.mustShow("AWS › us-east-1 › corp-vpn", "[Connections", "✓ nothing stops clients", "● active", "user001")
	// Ended connections say when, and o puts the worst first: stuck
	// (failed-to-terminate), then active, then ended.
	h.mustShow("ended ")
	h.keys("o")
	l := h.app.top().(*endpointView).conns
	if l.at(0).Status != "failed-to-terminate" {
		t.Fatalf("worst first starts with %s", l.at(0).Status)
	}
	for pos := range l.count() - 1 {
		if aws.ConnectionRank(l.at(pos).Status) > aws.ConnectionRank(l.at(pos+1).Status) {
			t.Fatalf("row %d (%s) before row %d (%s)", pos, l.at(pos).Status, pos+1, l.at(pos+1).Status)
		}
	}
	h.keys("tab")
	h.mustShow("[Target networks (2)]", "associated", "subnet-")
	h.keys("tab")
	h.mustShow("[Routes (2)]", "active", "associate")
	h.keys("tab")
	h.mustShow("[Authorization rules (1)]", "all users")
}

func TestAWSConnectionsPageLazily(t *testing.T) {
	h, emu := newAWSHarness(t, 100, 24, false)
	h.keys("enter")
	l := h.app.top().(*endpointView).conns
	first := len(l.items)
	if first >= awsemulator.BigEndpointConnections || first < l.height {
		t.Fatalf("first page %d rows for a %d-row list (err %v)", first, l.height, l.err)
	}
	for range first {
		h.keys("j")
	}
	if n := emu.Calls("DescribeClientVpnConnections"); n < 2 || len(l.items) <= first {
		t.Fatalf("scrolling to the end fetched %d pages, %d rows", n, len(l.items))
	}
	// Filter by user within what is loaded.
	h.keys("/", "text:user003", "enter")
	h.mustShow("user003", `filter "user003"`)
}

func TestAWSExplainsWhyClientsCannotConnect(t *testing.T) {
	h, _ := newAWSHarness(t, 140, 30, false)
	h.keys("j", "enter") // contractors: no target network
	h.mustShow("✗ No target network is associated", "associate a subnet")
	h.keys("esc", "j", "enter") // lab: a route with no rule, a failed route
	h.mustShow("Route to 192.168.0.0/16 has no authorization rule", "(+1 more: e)")
	h.keys("e")
	h.mustShow("Why clients cannot connect to lab", "Route to 0.0.0.0/0 is failed", "AuthorizeClientVpnIngress")
}

func TestAWSTerminateAsksThenCuts(t *testing.T) {
	h, emu := newAWSHarness(t, 140, 30, false)
	h.keys("enter")
	h.app.top().(*endpointView).conns.cursor = 0 // user001, active
	h.keys("ctrl+k")
	h.mustShow("Terminate cvpn-connection-", "(user001 from ", "y yes")
	h.keys("n")
	h.mustNotShow("Terminate cvpn-connection-")
	if emu.Calls("TerminateClientVpnConnections") != 0 {
		t.Fatal("n terminated")
	}
	h.keys("ctrl+k", "y")
	if emu.Calls("TerminateClientVpnConnections") != 1 {
		t.Fatal("y did not terminate")
	}
	l := h.app.top().(*endpointView).conns
	if r, _ := l.selected(); r.Username != "user001" || r.Status != "terminating" {
		t.Fatalf("after terminate the row is %s %s", r.Username, r.Status)
	}
	h.mustShow("◌ terminating")

	// Under --readonly the keys are off and not offered.
	ro, emu2 := newAWSHarness(t, 140, 30, true)
	ro.keys("enter", "ctrl+k", "y")
	if emu2.Calls("TerminateClientVpnConnections") != 0 || strings.Contains(ro.screen(), "ctrl+k") || strings.Contains(ro.screen(), "Terminate cvpn") {
		t.Fatal("read-only terminated, or offered to")
	}
}

// startAWSProgram runs the real program on the AWS provider for goldens.
func startAWSProgram(t *testing.T, w, h int) *program {
	t.Helper()
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	cfg := awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")}
	client := ec2client.New(cfg, ec2client.Options{Endpoint: emu.URL, Retry: api.RetryPolicy{Attempts: 1}})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	app := New(Config{Context: ctx, Providers: []Provider{NewAWS(client, "us-east-1", "http://127.0.0.1:PORT")}, CredentialSource: "demo key",
		Demo: true, Now: func() time.Time { return fixedNow }, Location: time.UTC})
	return newProgram(t, app, w, h)
}

func TestAWSGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			t.Run("endpoints", func(t *testing.T) {
				p := startAWSProgram(t, size.w, size.h)
				golden.RequireEqual(t, p.waitFor("corp-vpn", "old-partners"))
			})
			t.Run("connections", func(t *testing.T) {
				p := startAWSProgram(t, size.w, size.h)
				p.waitFor("corp-vpn")
				p.keys("enter")
				golden.RequireEqual(t, p.waitFor("[Connections", "user001", "nothing stops clients"))
			})
			t.Run("why-lab", func(t *testing.T) {
				p := startAWSProgram(t, size.w, size.h)
				p.waitFor("corp-vpn")
				p.keys("j", "j", "enter")
				p.waitFor("Route to 192.168.0.0/16")
				p.keys("e")
				golden.RequireEqual(t, p.waitFor("Why clients cannot connect to lab"))
			})
		})
	}
}

// A fault on refresh leaves the rows on screen, with the error and what to
// do; the next good answer clears it.
func TestAWSFaultsKeepTheLastGoodData(t *testing.T) {
	h, emu := newAWSHarness(t, 120, 24, false)
	h.keys("enter")
	h.mustShow("user001")
	for spec, says := range map[string]string{"503": "Unavailable", "malformed": "MalformedResponse", "forbidden": "UnauthorizedOperation"} {
		f, err := fault.Parse(spec + ":action=DescribeClientVpnConnections")
		if err != nil {
			t.Fatal(err)
		}
		emu.SetFaults(f)
		h.keys("r")
		h.mustShow("user001", "✗ "+says)
	}
	emu.SetFaults()
	h.keys("r")
	h.mustShow("user001")
	h.mustNotShow("✗ Unavailable", "✗ MalformedResponse")
}

// With both clouds set up, p switches provider; each comes back in the
// region it was left in, and the keys that apply follow.
func TestProviderSwitch(t *testing.T) {
	h := newHarness(t, 120, 30, emulator.Config{})
	awsEmu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { awsEmu.Close() })
	cfg := awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")}
	awsProvider := NewAWS(ec2client.New(cfg, ec2client.Options{Endpoint: awsEmu.URL}), "eu-west-1", awsEmu.URL)
	awsProvider.attach(h.app.c)
	h.app.cfg.Providers = append(h.app.cfg.Providers, awsProvider)
	h.app.useProvider(0, "cn-hangzhou")
	h.mustShow("Alibaba Cloud › cn-hangzhou", "prod-hz-core", "p switch provider")
	h.keys("p")
	h.mustShow("AWS › eu-west-1", "eu-staff", "switched to AWS · eu-west-1")
	if h.app.c.keys.List.Create.Enabled() || !h.app.c.keys.List.Terminate.Enabled() || !h.app.c.keys.Global.Problems.Enabled() {
		t.Fatal("the keys did not follow the provider")
	}
	h.keys("p")
	h.mustShow("Alibaba Cloud › cn-hangzhou", "prod-hz-core")
	if !h.app.c.keys.List.Create.Enabled() || h.app.c.keys.List.Terminate.Enabled() {
		t.Fatal("the keys did not come back")
	}
}
