package aws

import (
	"fmt"
	"runtime/debug"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// awsFuzzKeys are the keys the fuzz presses: moving, opening and leaving
// every AWS screen (enter, esc, e, l, d, v, P, ?, :), its tabs and
// tunnels (tab, right), and what the lists and logs do.
var awsFuzzKeys = []string{"j", "k", "g", "G", "pgdown", "pgup", "enter", "esc", "tab", "shift+tab", "right", "left",
	"e", "l", "d", "v", "P", "?", ":", "/", "r", "o", "s", "x", "y", "n", "+", "-", "space", "backspace", "up", "down",
	"end", "ctrl+k", "ctrl+u", "ctrl+f", "1", "w", "c", "L", "a"}

// The fuzz's ops besides a key (an index into awsFuzzKeys):
const (
	opResize   = 255 // then 3 bytes: width 1..300 (two bytes), height 1..100
	opGateways = 254 // types :gateways and enter
	opTimers   = 253 // fires the timers due (refreshes, watches)
)

// awsFuzzSeeds are the fuzz's seed corpus: the smallest windows, a short
// one, resizes both ways, and a path through each screen.
var awsFuzzSeeds = [][]string{
	{"size:1x1", "j", "enter", "tab", "e", "esc", "l", "?", "esc"},
	{"size:2x2", "enter", "tab", "tab", "d", "esc", "v", "esc", "gateways", "enter", "enter"},
	{"size:80x4", "enter", "e", "esc", "gateways", "enter", "j", "enter", "right", "l", "esc", "P", "?"},
	{"size:20x5", "enter", "size:300x100", "tab", "size:20x5", "tab", "size:300x100", "e", "size:1x1", "esc", "size:300x100"},
	// The endpoints list and an endpoint: each tab, e, d, v, l, the
	// connection log, shrinking and growing between.
	{"j", "j", "enter", "tab", "size:40x10", "tab", "tab", "tab", "e", "size:300x100", "esc", "d", "size:3x7", "esc",
		"v", "size:120x3", "esc", "esc", "l", "size:1x1", "/", "a", "enter", "size:100x30", "esc", "esc"},
	// Site-to-Site: gateways, a gateway's connections, a connection's
	// tunnels, the next tunnel, its activity log, wider and narrower.
	{"gateways", "size:50x12", "enter", "j", "size:200x60", "enter", "tab", "right", "size:9x9", "G", "g", "l",
		"size:300x100", "+", "-", "size:10x2", "esc", "d", "esc", "v", "esc", "esc", "esc"},
	// Problems, help and the command line at odd sizes.
	{"P", "size:60x5", "j", "enter", "size:1x40", "esc", "size:300x1", "?", "pgdown", "esc", ":", "size:5x5", "x", "tab", "esc"},
	{"size:80x24", "enter", "ctrl+k", "n", "timers", "size:30x3", "timers", "gateways", "timers", "enter", "enter", "l", "timers"},
}

// FuzzAWSScreens: random keys, resizes from 1x1 up to 300x100 in both
// directions, through every AWS screen against the emulator (endpoints,
// an endpoint's tabs, e, l, d, v, :gateways → connections → tunnels →
// tunnel log, P, ?, the command line): no panic, and after every step
// the frame is exactly the window's size and the lists' cursors are on
// their rows.
func FuzzAWSScreens(f *testing.F) {
	for _, seed := range awsFuzzSeeds {
		f.Add(fuzzOps(f, seed...))
	}
	f.Fuzz(func(t *testing.T, ops []byte) { runAWSOps(t, ops, nil) })
}

// runAWSOps plays ops on the app against the emulator, checking every
// frame; seen, when set, is told the pane in front after each step.
func runAWSOps(t *testing.T, ops []byte, seen func(string)) {
	w, hh := 80, 24
	h, _ := newAWSHarness(t, w, hh, false)
	var steps []string
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panic after %s: %v\n%s", strings.Join(steps, " "), r, debug.Stack())
		}
		if t.Failed() {
			t.Logf("after %s", strings.Join(steps, " "))
		}
	}()
	for i := 0; i < len(ops) && i < 200; i++ {
		switch op := ops[i]; {
		case op == opResize && i+3 < len(ops):
			w, hh = 1+(int(ops[i+1])<<8|int(ops[i+2]))%300, 1+int(ops[i+3])%100
			i += 3
			steps = append(steps, fmt.Sprintf("size:%dx%d", w, hh))
			h.Send(tea.WindowSizeMsg{Width: w, Height: hh})
		case op == opGateways:
			steps = append(steps, "gateways")
			h.Keys(":", "text:gateways", "enter")
		case op == opTimers:
			steps = append(steps, "timers")
			h.FireTimers()
		default:
			k := awsFuzzKeys[int(op)%len(awsFuzzKeys)]
			steps = append(steps, k)
			h.Send(tuitest.KeyMsg(k))
		}
		if h.Quit {
			return
		}
		checkAWSFrame(t, h, w, hh)
		if seen != nil {
			seen(fmt.Sprintf("%T", h.Top()))
		}
	}
}

func checkAWSFrame(t *testing.T, h *harness, w, hh int) {
	t.Helper()
	tuitest.CheckFrame(t, h.App.Render(), w, hh)
	if p, ok := tuitest.Find[*endpointsPane](h.Harness); ok {
		tuitest.CheckCursor(t, &p.List)
	}
	if v, ok := tuitest.Find[*endpointView](h.Harness); ok {
		tuitest.CheckCursor(t, v.conns)
		tuitest.CheckCursor(t, v.networks)
		tuitest.CheckCursor(t, v.routes)
		tuitest.CheckCursor(t, v.rules)
	}
	if p, ok := tuitest.Find[*s2sGatewaysPane](h.Harness); ok {
		tuitest.CheckCursor(t, &p.List)
	}
	if p, ok := tuitest.Find[*s2sConnectionsPane](h.Harness); ok {
		tuitest.CheckCursor(t, &p.List)
	}
	if p, ok := tuitest.Find[*awsProblemsPane](h.Harness); ok {
		tuitest.CheckCursor(t, &p.List)
	}
}

// fuzzOps encodes a seed: key names, "size:WxH", "gateways", "timers".
func fuzzOps(t testing.TB, steps ...string) []byte {
	var out []byte
	for _, s := range steps {
		var w, h int
		switch {
		case s == "gateways":
			out = append(out, opGateways)
		case s == "timers":
			out = append(out, opTimers)
		case strings.HasPrefix(s, "size:"):
			if _, err := fmt.Sscanf(s, "size:%dx%d", &w, &h); err != nil {
				t.Fatal(err)
			}
			out = append(out, opResize, byte((w-1)>>8), byte(w-1), byte(h-1))
		default:
			i := -1
			for j, k := range awsFuzzKeys {
				if k == s {
					i = j
					break
				}
			}
			if i < 0 {
				t.Fatalf("no fuzz key %q", s)
			}
			out = append(out, byte(i))
		}
	}
	return out
}

// The seed corpus reaches every AWS screen, so the fuzz starts from each
// of them, the raw view (v) among them.
func TestAWSFuzzSeedsShowEveryScreen(t *testing.T) {
	seen := map[string]bool{}
	for _, seed := range awsFuzzSeeds {
		runAWSOps(t, fuzzOps(t, seed...), func(p string) { seen[p] = true })
	}
	for _, p := range []string{"*aws.endpointsPane", "*aws.endpointView", "*ui.DetailView", "*aws.clientLogView",
		"*aws.s2sGatewaysPane", "*aws.s2sConnectionsPane", "*aws.s2sTunnelsView", "*aws.tunnelLogView",
		"*aws.awsProblemsPane", "*ui.RawView", "*tui.HelpView"} {
		if !seen[p] {
			t.Errorf("no seed reaches %s", p)
		}
	}
}
