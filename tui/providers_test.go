package tui_test

import (
	"context"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"
	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// cloud is a provider with one empty list as its root: enough to test what
// the root does with providers, without any cloud's SDK.
type cloud struct {
	name, region string
	creates      bool // serves c, not ctrl+k
}

func (p cloud) Name() string     { return p.name }
func (p cloud) Region() string   { return p.region }
func (p cloud) Endpoint() string { return "https://" + p.name + ".example" }
func (p cloud) RegionIDs() []string {
	return []string{p.region, p.region + "-2"}
}
func (p cloud) Regions(context.Context) ([]api.Region, error) {
	return []api.Region{{ID: p.region}, {ID: p.region + "-2"}}, nil
}
func (p cloud) Commands() []ui.Command              { return nil }
func (p cloud) Problems(*ui.Common) tea.Cmd         { return nil }
func (p cloud) OpenByID(*ui.Common, string) tea.Cmd { return nil }
func (p cloud) Legend() []string                    { return nil }
func (p cloud) Keys(k *keymap.KeyMap, readOnly bool) {
	k.List.Create.SetEnabled(p.creates && !readOnly)
	k.List.Terminate.SetEnabled(!p.creates && !readOnly)
	k.Global.Problems.SetEnabled(false)
}
func (p cloud) Root(c *ui.Common) ui.RootPane {
	name := p.name
	spec := &ui.ListSpec[string]{Noun: name + " things", MaxPage: 10, ID: func(s string) string { return s },
		Text:    func(s string) string { return s },
		Columns: []ui.Column[string]{{Title: "NAME", Min: 10, Cell: func(s string) string { return s }}},
		Fetch: func(context.Context, api.Cursor) (api.Page[string], error) {
			return api.Page[string]{Items: []string{name + "-thing"}, Total: 1}, nil
		}}
	return &root{ListBase: ui.ListBase[string]{List: ui.NewPagedList(c, spec)}}
}

type root struct{ ui.ListBase[string] }

func (r *root) Handle(msg tea.Msg) tea.Cmd { return r.List.Handle(msg) }
func (r *root) Crumbs() []string           { return nil }
func (r *root) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Global.Provider, k.Global.Help}
}
func (r *root) Start() tea.Cmd { return r.List.Start() }
func (r *root) Sized() tea.Cmd { return r.List.FetchMoreIfNear() }

// With two clouds set up, p switches provider; each comes back in the
// region it was left in, the keys that apply follow, and what a provider
// does not offer is said on the status line.
func TestProviderSwitch(t *testing.T) {
	h := tuitest.New(t, 100, 24, tui.Config{Providers: []ui.Provider{
		cloud{name: "First", region: "one", creates: true},
		cloud{name: "Second", region: "two"},
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
	h := tuitest.New(t, 100, 24, tui.Config{Providers: []ui.Provider{cloud{name: "First", region: "one"}}})
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
	h := tuitest.New(t, 100, 24, tui.Config{ReadOnly: true, Providers: []ui.Provider{cloud{name: "First", region: "one", creates: true}}})
	h.Keys("c")
	h.MustShow(h.Common().Keys.List.Create.Help().Desc + ": off under --readonly")
}
