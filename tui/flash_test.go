package tui_test

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// lastLine is the message line: a note, or the key hints.
func lastLine(h *tuitest.Harness) string {
	lines := strings.Split(h.Screen(), "\n")
	return lines[len(lines)-1]
}

// A note belongs to the screen it was said on: opening another screen, or
// going back, gives the line to that screen's key hints (issue 28, 11:
// "switched to cn-shanghai" inside the wizard, "copied …" after opening
// another endpoint).
func TestANoteGoesWithTheScreenItWasSaidOn(t *testing.T) {
	h := tuitest.New(t, 100, 24, tui.Config{Providers: []ui.Provider{tuitest.Cloud{Label: "First", Home: "one"}}})
	h.Keys(":", "text:region one-2", "enter")
	if got := lastLine(h); !strings.Contains(got, "switched to one-2") {
		t.Fatalf("the switch is not said: %q", got)
	}
	h.Keys("?") // another screen in front
	if got := lastLine(h); strings.Contains(got, "switched") || !strings.Contains(got, "esc back") {
		t.Fatalf("the note stayed over the help screen's hints: %q", got)
	}
	h.Keys("esc") // back: the note went with the screen it was said on
	if got := lastLine(h); strings.Contains(got, "switched") || !strings.Contains(got, "? help") {
		t.Fatalf("the note came back with the list: %q", got)
	}
}

// A note that comes with a screen is said on it, whatever else the push
// came with (the wizard's "SSL server … created" over the gateway it
// opens).
func TestANotePushedWithAScreenIsSaidOnIt(t *testing.T) {
	h := tuitest.New(t, 100, 24, tui.Config{Providers: []ui.Provider{tuitest.Cloud{Label: "First", Home: "one"}}})
	d := ui.NewDetailView(h.Common(), "made", "id-1", nil, 100, 21)
	h.Send(ui.PushMsg{Pane: &d, Note: "thing made"})
	if got := lastLine(h); !strings.Contains(got, "thing made") {
		t.Fatalf("the note did not come with the screen: %q", got)
	}
	h.FireTimers() // it expires
	if got := lastLine(h); strings.Contains(got, "thing made") {
		t.Fatalf("the note did not expire: %q", got)
	}
}
