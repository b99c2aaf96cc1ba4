package tui

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// Golden screens of the whole program: teatest runs the real Bubble Tea
// program (real commands, real SDK, the emulator with a fixed clock), and
// each screen is compared as plain text. `go test ./tui -update` rewrites
// them.

// observed wraps App to publish each rendered screen, so a test waits for
// the screen it wants instead of sleeping or parsing escape codes.
type observed struct {
	App
	screen *atomic.Value
}

func (o observed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := o.App.Update(msg)
	o.App = m.(App)
	o.screen.Store(ansi.Strip(o.App.render()))
	return o, cmd
}

type program struct {
	t      *testing.T
	tm     *teatest.TestModel
	screen *atomic.Value
}

func startProgram(t *testing.T, w, h int, faults ...emulator.Fault) *program {
	t.Helper()
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }, Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	client, err := vpcclient.New("cn-hangzhou", vpcclient.Options{Endpoint: emu.URL,
		Credential: credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret),
		Retry:      api.RetryPolicy{Attempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	app := New(Config{Context: ctx, Providers: []Provider{NewAlibaba(client, "cn-hangzhou", "http://127.0.0.1:PORT")}, CredentialSource: "demo key",
		Demo: true, Now: func() time.Time { return fixedNow }, Location: time.UTC})
	return newProgram(t, app, w, h)
}

// newProgram runs app as Bubble Tea would, publishing each screen.
func newProgram(t *testing.T, app App, w, h int) *program {
	t.Helper()
	screen := &atomic.Value{}
	screen.Store("")
	tm := teatest.NewTestModel(t, observed{App: app, screen: screen}, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	t.Cleanup(func() { tm.Quit() })
	return &program{t: t, tm: tm, screen: screen}
}

// waitFor waits until the screen shows every one of want, and nothing is
// loading any more.
func (p *program) waitFor(want ...string) string {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second) // -race on a busy machine is slow
	for {
		s := p.screen.Load().(string)
		ok := !strings.Contains(s, "loading")
		for _, w := range want {
			ok = ok && strings.Contains(s, w)
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %q; screen:\n%s", want, s)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (p *program) keys(keys ...string) {
	for _, k := range keys {
		p.tm.Send(keyMsg(k))
	}
}

func TestGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			t.Run("gateways", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				golden.RequireEqual(t, p.waitFor("prod-hz-core", "of 50 loaded"))
			})
			t.Run("connections", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.waitFor("prod-hz-core")
				p.keys("enter")
				// The SSL server is a side call: wait for it too.
				golden.RequireEqual(t, p.waitFor("[IPsec connections (520)]", "to-beijing-001", "SSL server UDP/1194"))
			})
			t.Run("tunnels-failing-phase", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.waitFor("prod-hz-core")
				p.keys("enter")
				p.waitFor("to-beijing-001")
				p.keys("enter")
				golden.RequireEqual(t, p.waitFor("TUNNEL 2 (slave)"))
			})
			t.Run("ssl-clients", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.waitFor("prod-hz-core")
				p.keys("enter")
				p.waitFor("to-beijing-001")
				p.keys("tab")
				golden.RequireEqual(t, p.waitFor("[SSL clients (320)]", "user001@corp.example.com", "SSL server UDP/1194"))
			})
			t.Run("help", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.waitFor("prod-hz-core")
				p.keys("?")
				golden.RequireEqual(t, p.waitFor("Keys", "Everywhere"))
			})
			t.Run("problems", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.waitFor("prod-hz-core")
				p.keys("P")
				golden.RequireEqual(t, p.waitFor("all regions › problems", "64 gateways checked in 5 regions"))
			})
			t.Run("error", func(t *testing.T) {
				f := mustFault(t, "503")
				p := startProgram(t, size.w, size.h, f)
				golden.RequireEqual(t, p.waitFor("ServiceUnavailable"))
			})
			t.Run("empty-region", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.waitFor("prod-hz-core")
				p.keys("R")
				p.waitFor("us-west-1")
				p.keys("j", "j", "j", "enter")
				golden.RequireEqual(t, p.waitFor("No VPN gateways in us-west-1."))
			})
		})
	}
}
