package tuitest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// Cloud is a fake provider whose root is one list of things, paged by
// number with a total and at most 50 a call, as most Describe actions
// page: enough to test what the root does with providers, and what the
// paged list does with pages, keys and sizes, without any cloud's SDK.
type Cloud struct {
	Label, Home string // its name on screen, the region it starts in
	Creates     bool   // serves c, not ctrl+k
	Things      int    // how many its list holds; one when 0
	// Calls, when set, counts the pages its list asks for.
	Calls *atomic.Int64
	// IDs are the prefixes of the ids it owns; :id finds none of them.
	IDs []string
	// Acct is the account it browses, in a run over several.
	Acct ui.Account
}

// Thing is a row of a Cloud's list: First-thing-001 …; every fifth is
// down, the rest up.
type Thing struct{ Name, State string }

// CloudRoot is a Cloud's root pane: its list, embedded as a provider's
// list pane embeds it.
type CloudRoot struct{ ui.ListBase[Thing] }

var (
	_ ui.Provider = Cloud{}
	_ ui.IDForms  = Cloud{}
	_ ui.RootPane = (*CloudRoot)(nil)
)

func (p Cloud) Name() string        { return p.Label }
func (p Cloud) Account() ui.Account { return p.Acct }
func (p Cloud) Region() string      { return p.Home }
func (p Cloud) Endpoint() string    { return "https://" + p.Label + ".example" }
func (p Cloud) RegionIDs() []string {
	return []string{p.Home, p.Home + "-2"}
}
func (p Cloud) Regions(context.Context) ([]api.Region, error) {
	return []api.Region{{ID: p.Home}, {ID: p.Home + "-2"}}, nil
}
func (p Cloud) Commands() []ui.Command      { return nil }
func (p Cloud) Problems(*ui.Common) tea.Cmd { return nil }
func (p Cloud) IDForms() []string           { return p.IDs }
func (p Cloud) OwnsID(id string) bool {
	return slices.ContainsFunc(p.IDs, func(prefix string) bool { return strings.HasPrefix(id, prefix) })
}

// OpenByID looks for the id and finds nothing, when it has ids at all.
func (p Cloud) OpenByID(_ *ui.Common, id string) tea.Cmd {
	if len(p.IDs) == 0 {
		return nil
	}
	return func() tea.Msg { return ui.OpenedMsg{ID: id, Err: fmt.Errorf("no %s in %s", id, p.Label)} }
}
func (p Cloud) Legend() []string { return nil }
func (p Cloud) Keys(k *keymap.KeyMap, readOnly bool) {
	k.List.Create.SetEnabled(p.Creates && !readOnly)
	k.List.Terminate.SetEnabled(!p.Creates && !readOnly)
	k.Global.Problems.SetEnabled(false)
}

func (p Cloud) Root(c *ui.Common) ui.RootPane {
	things := make([]Thing, max(p.Things, 1))
	for i := range things {
		things[i] = Thing{Name: fmt.Sprintf("%s-thing-%03d", p.Label, i+1), State: "up"}
		if i%5 == 4 {
			things[i].State = "down"
		}
	}
	calls := p.Calls
	spec := &ui.ListSpec[Thing]{Noun: p.Label + " things", MaxPage: 50,
		ID:   func(t Thing) string { return t.Name },
		Text: func(t Thing) string { return t.Name + " " + t.State },
		Columns: []ui.Column[Thing]{{Title: "NAME", Min: 10, Cell: func(t Thing) string { return t.Name }},
			{Title: "STATE", Width: 5, Cell: func(t Thing) string { return t.State }}},
		Order: func(a, b Thing) int { return cmp.Compare(a.State, b.State) }, // down first
		Fetch: func(_ context.Context, cur api.Cursor) (api.Page[Thing], error) {
			if calls != nil {
				calls.Add(1)
			}
			size := min(max(cur.Size(), 1), 50)
			from := min((max(cur.Number(), 1)-1)*size, len(things))
			to := min(from+size, len(things))
			return api.Page[Thing]{Items: slices.Clone(things[from:to]), More: to < len(things),
				Next: api.NumberCursor(max(cur.Number(), 1)+1, size), Total: len(things)}, nil
		}}
	return &CloudRoot{ListBase: ui.ListBase[Thing]{List: ui.NewPagedList(c, spec)}}
}

func (r *CloudRoot) Handle(msg tea.Msg) tea.Cmd { return r.List.Handle(msg) }
func (r *CloudRoot) Crumbs() []string           { return nil }
func (r *CloudRoot) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Global.Provider, k.Global.Help}
}
func (r *CloudRoot) Start() tea.Cmd { return r.List.Start() }
func (r *CloudRoot) Sized() tea.Cmd { return r.List.FetchMoreIfNear() }
