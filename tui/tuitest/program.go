package tuitest

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/vpnscope/vpnscope/tui"
)

// observed wraps App to publish each rendered screen, so a test waits for
// the screen it wants instead of sleeping or parsing escape codes.
type observed struct {
	tui.App
	screen *atomic.Value
}

func (o observed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := o.App.Update(msg)
	o.App = m.(tui.App)
	o.screen.Store(ansi.Strip(o.App.Render()))
	return o, cmd
}

// Program is the real Bubble Tea program under teatest (real commands,
// the app's own clock): golden screens compare its screens as plain text.
type Program struct {
	t      *testing.T
	tm     *teatest.TestModel
	Screen *atomic.Value
}

// NewProgram runs the app cfg describes (with the tests' clock, as New)
// as Bubble Tea would, publishing each screen.
func NewProgram(t *testing.T, w, h int, cfg tui.Config) *Program {
	t.Helper()
	app := tui.New(testConfig(t, cfg))
	screen := &atomic.Value{}
	screen.Store("")
	tm := teatest.NewTestModel(t, observed{App: app, screen: screen}, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	t.Cleanup(func() { tm.Quit() })
	return &Program{t: t, tm: tm, Screen: screen}
}

// WaitFor waits until the screen shows every one of want, and nothing is
// loading any more.
func (p *Program) WaitFor(want ...string) string {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second) // -race on a busy machine is slow
	for {
		s := p.Screen.Load().(string)
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

// Keys sends each key as the terminal would.
func (p *Program) Keys(keys ...string) {
	for _, k := range keys {
		p.tm.Send(KeyMsg(k))
	}
}
