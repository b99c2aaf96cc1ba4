package alibaba

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// Columns are as wide as what they hold: at 140 columns a connection's
// name is whole rather than cut to its 12-cell minimum beside subnet
// columns wider than their subnets (issue 28 defect 17); at 80 the
// columns that do not fit are dropped and NAME keeps its minimum.
func TestColumnsTakeTheWidthOfWhatTheyHold(t *testing.T) {
	h := newHarness(t, 140, 40, emulator.Config{})
	widths := func(l interface {
		Titles() []string
		Widths() []int
	}) map[string]int {
		m := map[string]int{}
		for i, title := range l.Titles() {
			m[title] = l.Widths()[i]
		}
		return m
	}
	h.Keys("enter")
	cn := widths(h.gateway().conns)
	if cn["NAME"] < len("to-singapore-012") || cn["LOCAL"] != len("10.22.0.0/16") {
		t.Fatalf("connections at 140: %v\n%s", cn, h.Screen())
	}
	h.MustShow("to-singapore-012 ", "上海办公室-主线-7 ")
	h.MustNotShow("to-beijing-…")

	h.Send(windowSize(80, 24))
	cn = widths(h.gateway().conns)
	if cn["NAME"] < 12 || cn["LOCAL"] != 0 {
		t.Fatalf("connections at 80: %v", cn)
	}
	if strings.Contains(h.Screen(), "REMOTE") {
		t.Fatal("a column that does not fit is drawn")
	}
}

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// A window grown while a gateway's connections are open fetches the rows it
// now shows, instead of leaving them empty until a key is pressed.
func TestGrowingTheWindowFetchesWhatItShows(t *testing.T) {
	h := newHarness(t, 20, 5, emulator.Config{})
	h.Keys("enter") // prod-hz-core: 520 connections
	before := h.emu.Calls("DescribeVpnConnections")
	h.Send(tea.WindowSizeMsg{Width: 300, Height: 100})
	if h.emu.Calls("DescribeVpnConnections") == before {
		t.Fatal("growing to 300x100 fetched nothing")
	}
	screen := h.Screen()
	if strings.Count(screen, "vco-") < 90 {
		t.Fatalf("after growing, %d connection rows on a 100-row screen:\n%s", strings.Count(screen, "vco-"), screen)
	}
}

// However narrow the screen, the hint line ends with "? help": it leads to
// every key the line had no room for.
func TestHintLineKeepsHelpWhenNarrow(t *testing.T) {
	for _, w := range []int{40, 60, 80} {
		h := newHarness(t, w, 24, emulator.Config{})
		for _, keys := range [][]string{nil, {"enter"}, {"enter", "enter"}, {"enter", "enter", "l"}} {
			h.Keys(keys...)
			lines := strings.Split(strings.TrimRight(h.Screen(), " \n"), "\n")
			if last := strings.TrimRight(lines[len(lines)-1], " "); !strings.HasSuffix(last, "? help") {
				t.Errorf("%d columns after %v: hint line %q", w, keys, last)
			}
			h.Keys("esc", "esc", "esc")
		}
	}
}

// Grown while a refresh is on its way, the list fills the new rows when
// the refresh lands (the size change could fetch nothing then: walkthrough
// 2's "34 of 520 loaded" over empty rows).
func TestGrowingDuringARefreshFetchesWhenItLands(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter") // prod-hz-core: 520 connections, a page for 24 rows
	h.MustShow("34 of 520 loaded")
	h.Hold = func(msg tea.Msg) bool { return strings.Contains(fmt.Sprintf("%T", msg), "PageLoaded") }
	h.Keys("r")
	h.Send(tea.WindowSizeMsg{Width: 160, Height: 48})
	held := h.Held
	h.Hold, h.Held = nil, nil
	for _, m := range held {
		h.Send(m)
	}
	h.MustNotShow("34 of 520 loaded")
	if n := strings.Count(h.Screen(), "vco-"); n < 40 {
		t.Fatalf("%d connection rows on a 48-row screen after the refresh landed:\n%s", n, h.Screen())
	}
}

// A key of the keymap that the screen in front does not take says so,
// instead of doing nothing (walkthrough 2: l, o, x, s, + on the gateway
// list); a key it lists still works.
func TestKeysNotForThisScreenSaySo(t *testing.T) {
	h := newHarness(t, 120, 30, emulator.Config{})
	for key, desc := range map[string]string{"l": "log", "o": "worst first", "x": "hide gone", "s": "secrets", "+": "wider"} {
		h.Keys(key)
		h.MustShow(desc + ": not on this screen (? lists its keys)")
	}
	h.Keys("enter", "l") // a connection's log: l is this screen's
	h.MustShow("Negotiation log")
}
