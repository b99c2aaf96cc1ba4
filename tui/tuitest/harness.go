// Package tuitest drives the whole app in tests, for every provider's
// screens: keys and sizes in, commands run synchronously, their messages
// fed back until none is left (Harness); or the real Bubble Tea program
// with each screen published (Program).
package tuitest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// FixedNow is the clock of every TUI test and its emulator.
var FixedNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// Harness drives App.Update directly: keys and sizes in, commands run
// synchronously (against a real emulator through the real SDK, or a
// fake), their messages fed back until none is left.
type Harness struct {
	T         testing.TB
	Config    tui.Config // what the app was built from
	App       tui.App
	Clipboard []string
	Ticks     int
	Quit      bool
	// Hold, when set, keeps the results of matching messages back instead
	// of feeding them, so a test can reorder or drop them.
	Hold func(tea.Msg) bool
	Held []tea.Msg
	// Timers scheduled through the app's clock, waiting for FireTimers.
	Timers []func(time.Time) tea.Msg
	Tokens int
}

// New builds the app from cfg at w x h, as the program would: its clock
// fixed at FixedNow in UTC unless cfg says otherwise, timers held for
// FireTimers, ClientTokens numbered.
func New(t testing.TB, w, h int, cfg tui.Config) *Harness {
	t.Helper()
	cfg = testConfig(t, cfg)
	hr := &Harness{T: t, Config: cfg, App: tui.New(cfg)}
	c := hr.App.Common()
	c.After = func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		hr.Ticks++
		hr.Timers = append(hr.Timers, fn)
		return nil
	}
	c.NewToken = func() string {
		hr.Tokens++
		return fmt.Sprintf("test-token-%d", hr.Tokens)
	}
	// As the program does: Init's calls run while the first size arrives.
	answers := hr.Run(hr.App.Init())
	hr.Send(tea.WindowSizeMsg{Width: w, Height: h})
	for _, m := range answers {
		hr.Send(m)
	}
	return hr
}

// testConfig fills in what every test shares: a context ended with the
// test, the clock at FixedNow, UTC.
func testConfig(t testing.TB, cfg tui.Config) tui.Config {
	if cfg.Context == nil {
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		cfg.Context = ctx
	}
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return FixedNow }
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	return cfg
}

// Send delivers msg and then every message its commands produce.
func (h *Harness) Send(msg tea.Msg) {
	h.T.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		model, cmd := h.App.Update(m)
		h.App = model.(tui.App)
		queue = append(queue, h.Run(cmd)...)
	}
}

// Run executes cmd (flattening batches) and returns the messages to feed
// back.
func (h *Harness) Run(cmd tea.Cmd) []tea.Msg {
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
			out = append(out, h.Run(c)...)
		}
		return out
	case spinner.TickMsg:
		return nil // the spinner animates forever; tests do not watch it
	case tea.QuitMsg:
		h.Quit = true
		return nil
	}
	if reflect.TypeOf(msg).String() == "tea.setClipboardMsg" {
		h.Clipboard = append(h.Clipboard, reflect.ValueOf(msg).String())
		return nil
	}
	if h.Hold != nil && h.Hold(msg) {
		h.Held = append(h.Held, msg)
		return nil
	}
	return []tea.Msg{msg}
}

// FireTimers delivers every timer scheduled so far, as if its time came.
func (h *Harness) FireTimers() {
	h.T.Helper()
	timers := h.Timers
	h.Timers = nil
	for _, fn := range timers {
		h.Send(fn(FixedNow))
	}
}

// Keys types each key: "j", "enter", "esc", "ctrl+c", or runs of text
// after "text:".
func (h *Harness) Keys(keys ...string) {
	h.T.Helper()
	for _, k := range keys {
		if rest, ok := strings.CutPrefix(k, "text:"); ok {
			for _, r := range rest {
				h.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			continue
		}
		h.Send(KeyMsg(k))
	}
}

// KeyMsg is the key press k names: "enter", "ctrl+k", "j".
func KeyMsg(k string) tea.KeyPressMsg {
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

// Screen is the plain text on screen.
func (h *Harness) Screen() string { return ansi.Strip(h.App.Render()) }

// MustShow fails the test unless the screen shows every one of want.
func (h *Harness) MustShow(want ...string) {
	h.T.Helper()
	s := h.Screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			h.T.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

// MustNotShow fails the test if the screen shows any of unwanted.
func (h *Harness) MustNotShow(unwanted ...string) {
	h.T.Helper()
	s := h.Screen()
	for _, w := range unwanted {
		if strings.Contains(s, w) {
			h.T.Fatalf("screen shows %q:\n%s", w, s)
		}
	}
}

// Common is the app's context shared with its panes.
func (h *Harness) Common() *ui.Common { return h.App.Common() }

// Top is the pane in front.
func (h *Harness) Top() ui.Pane { return h.App.Top() }

// On reports whether the pane in front is of type P.
func On[P ui.Pane](h *Harness) bool { _, ok := h.App.Top().(P); return ok }

// Opened reports whether a pane of type P is in the stack.
func Opened[P ui.Pane](h *Harness) bool { _, ok := Find[P](h); return ok }

// Find is the topmost pane of type P in the stack.
func Find[P ui.Pane](h *Harness) (P, bool) {
	panes := h.App.Panes()
	for i := len(panes) - 1; i >= 0; i-- {
		if p, ok := panes[i].(P); ok {
			return p, true
		}
	}
	var zero P
	return zero, false
}
