package tui

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

func TestMain(m *testing.M) {
	os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	os.Exit(m.Run())
}

// fixedNow is the clock of every TUI test and its emulator.
var fixedNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// harness drives App.Update directly: keys and sizes in, commands run
// synchronously against a real emulator through the real SDK, their
// messages fed back until none is left.
type harness struct {
	t         testing.TB
	app       App
	emu       *emulator.Running
	client    *vpcclient.Client
	clipboard []string
	ticks     int
	quit      bool
	// hold, when set, keeps the results of matching messages back instead
	// of feeding them, so a test can reorder or drop them.
	hold func(tea.Msg) bool
	held []tea.Msg
	// timers scheduled through common.after, waiting for fireTimers.
	timers []func(time.Time) tea.Msg
	tokens int
}

func newHarness(t testing.TB, w, h int, ecfg emulator.Config) *harness {
	t.Helper()
	return newHarnessWith(t, w, h, ecfg, vpcclient.Options{})
}

func newHarnessWith(t testing.TB, w, h int, ecfg emulator.Config, opts vpcclient.Options) *harness {
	t.Helper()
	ecfg.Now = func() time.Time { return fixedNow }
	emu, err := emulator.Start("127.0.0.1:0", ecfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	opts.Endpoint = emu.URL
	opts.Credential = credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret)
	if opts.Retry.Attempts == 0 {
		opts.Retry = api.RetryPolicy{Attempts: 2, Base: time.Millisecond, Cap: 2 * time.Millisecond}
	}
	client, err := vpcclient.New("cn-hangzhou", opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	hr := &harness{t: t, emu: emu, client: client}
	hr.app = New(Config{Context: ctx, Providers: []Provider{NewAlibaba(client, "cn-hangzhou", "http://emulator")}, CredentialSource: "demo key",
		Demo: true, Now: func() time.Time { return fixedNow }, Location: time.UTC})
	hr.app.c.after = func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		hr.ticks++
		hr.timers = append(hr.timers, fn)
		return nil
	}
	hr.app.c.newToken = func() string {
		hr.tokens++
		return fmt.Sprintf("test-token-%d", hr.tokens)
	}
	// As the program does: Init's calls run while the first size arrives.
	answers := hr.run(hr.app.Init())
	hr.send(tea.WindowSizeMsg{Width: w, Height: h})
	for _, m := range answers {
		hr.send(m)
	}
	return hr
}

// send delivers msg and then every message its commands produce.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		model, cmd := h.app.Update(m)
		h.app = model.(App)
		queue = append(queue, h.run(cmd)...)
	}
}

// run executes cmd (flattening batches) and returns the messages to feed
// back.
func (h *harness) run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch m := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, h.run(c)...)
		}
		return out
	case spinner.TickMsg:
		return nil // the spinner animates forever; tests do not watch it
	case tea.QuitMsg:
		h.quit = true
		return nil
	}
	if reflect.TypeOf(msg).String() == "tea.setClipboardMsg" {
		h.clipboard = append(h.clipboard, reflect.ValueOf(msg).String())
		return nil
	}
	if h.hold != nil && h.hold(msg) {
		h.held = append(h.held, msg)
		return nil
	}
	return []tea.Msg{msg}
}

// fireTimers delivers every timer scheduled so far, as if its time came.
func (h *harness) fireTimers() {
	h.t.Helper()
	timers := h.timers
	h.timers = nil
	for _, fn := range timers {
		h.send(fn(fixedNow))
	}
}

// keys types each key: "j", "enter", "esc", "ctrl+c", or runs of text
// after "text:".
func (h *harness) keys(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		if rest, ok := strings.CutPrefix(k, "text:"); ok {
			for _, r := range rest {
				h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			continue
		}
		h.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+f":
		return tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl}
	case "ctrl+k":
		return tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the plain text on screen.
func (h *harness) screen() string { return ansi.Strip(h.app.render()) }

func (h *harness) mustShow(want ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			h.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

func (h *harness) mustNotShow(unwanted ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range unwanted {
		if strings.Contains(s, w) {
			h.t.Fatalf("screen shows %q:\n%s", w, s)
		}
	}
}

// mustFault parses a fault spec; a typo fails the test instead of quietly
// injecting nothing.
func mustFault(t testing.TB, spec string) emulator.Fault {
	t.Helper()
	f, err := emulator.ParseFault(spec)
	if err != nil {
		t.Fatalf("fault %q: %v", spec, err)
	}
	return f
}

// The gateway view's other tabs, typed, for tests.
func (v *gatewayView) clients() *pagedList[sslRow] {
	return v.panes[tabSSLClients].list.(*pagedList[sslRow])
}

func (v *gatewayView) servers() *pagedList[alibaba.IPsecServer] {
	return v.panes[tabIPsecServers].list.(*pagedList[alibaba.IPsecServer])
}

// The panes in the stack, typed, for tests; nil when not open.
func (a *App) gateway() *gatewayView   { p, _ := find[*gatewayView](a); return p }
func (a *App) tunnels() *tunnelsView   { p, _ := find[*tunnelsView](a); return p }
func (a *App) problems() *problemsView { p, _ := find[*problemsView](a); return p }
func (a *App) logs() *logsView         { p, _ := find[*logsView](a); return p }
func (a *App) wizard() *wizard         { p, _ := find[*wizard](a); return p }

// on reports whether the pane in front is of type P.
func on[P pane](h *harness) bool { return topIs[P](&h.app) }

// opened reports whether a pane of type P is in the stack.
func opened[P pane](h *harness) bool { _, ok := find[P](&h.app); return ok }

// gateways is the root gateway list, for tests of the Alibaba provider.
func (a *App) gateways() *gatewaysPane { p, _ := a.stack[0].(*gatewaysPane); return p }

// find is the topmost pane of type P in the stack.
func find[P pane](a *App) (P, bool) {
	for i := len(a.stack) - 1; i >= 0; i-- {
		if p, ok := a.stack[i].(P); ok {
			return p, true
		}
	}
	var zero P
	return zero, false
}
