package tui_test

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// With two clouds set up, p switches provider; each comes back in the
// region it was left in, the keys that apply follow, and what a provider
// does not offer is said on the status line.
func TestProviderSwitch(t *testing.T) {
	h := tuitest.New(t, 100, 24, tui.Config{Providers: []ui.Provider{
		tuitest.Cloud{Label: "First", Home: "one", Creates: true},
		tuitest.Cloud{Label: "Second", Home: "two"},
	}})
	h.MustShow("First › one", "First-thing", "p switch provider")
	h.Keys("p")
	h.MustShow("Second › two", "Second-thing", "switched to Second · two")
	if k := h.Common().Keys; k.List.Create.Enabled() || !k.List.Terminate.Enabled() {
		t.Fatal("the keys did not follow the provider")
	}
	h.Keys("c")
	h.MustShow("not on Second")
	h.Keys(":", "text:region two-2", "enter", "p")
	h.MustShow("First › one", "First-thing")
	if k := h.Common().Keys; !k.List.Create.Enabled() || k.List.Terminate.Enabled() {
		t.Fatal("the keys did not come back with the provider")
	}
	h.Keys("P")
	h.MustShow("not on First")
	h.Keys("p")
	h.MustShow("Second › two-2")
}

// A pane's open-by-id goes through the root like :id: only the last
// lookup asked for opens, whatever order the answers come in.
func TestLocateOpensOnlyTheLastLookup(t *testing.T) {
	h := tuitest.New(t, 100, 24, tui.Config{Providers: []ui.Provider{tuitest.Cloud{Label: "First", Home: "one"}}})
	lookup := func(id string) tea.Cmd {
		return func() tea.Msg {
			return ui.OpenedMsg{ID: id, Region: "one", Note: "found " + id,
				Open: func(c *ui.Common, w, h int) ([]ui.Pane, tea.Cmd) {
					d := ui.NewDetailView(c, "opened "+id, id, nil, w, h)
					return []ui.Pane{&d}, nil
				}}
		}
	}
	h.Hold = func(m tea.Msg) bool { _, ok := m.(ui.OpenedMsg); return ok }
	h.Send(ui.LocateMsg{Cmd: lookup("first")})
	h.Send(ui.LocateMsg{Cmd: lookup("second")})
	h.Hold = nil
	if len(h.Held) != 2 {
		t.Fatalf("%d answers held", len(h.Held))
	}
	h.Send(h.Held[1])
	h.Send(h.Held[0]) // the older lookup answers last: dropped
	h.MustShow("opened second")
	h.MustNotShow("opened first")
}

// Under --readonly a key the provider serves but that would change the
// cloud says so on the status line instead of doing nothing.
func TestReadOnlyKeysSaySo(t *testing.T) {
	h := tuitest.New(t, 100, 24, tui.Config{ReadOnly: true, Providers: []ui.Provider{tuitest.Cloud{Label: "First", Home: "one", Creates: true}}})
	h.Keys("c")
	h.MustShow(h.Common().Keys.List.Create.Help().Desc + ": off under --readonly")
}
