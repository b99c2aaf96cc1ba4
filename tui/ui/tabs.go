package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Tabs are a view's lists shown one at a time: a gateway's connections,
// SSL clients and IPsec servers, an AWS endpoint's connections, target
// networks, routes and rules. A tab's first page is fetched the first time
// it is shown; results find their tab by list id.
type Tabs struct {
	Tab   int
	Panes []TabPane
}

// What the open tab answers for a view that embeds Tabs, as ListBase
// does for a view of one list: a renamed method fails here, not silently.
var (
	_ KeyOwner   = (*Tabs)(nil)
	_ Sorter     = (*Tabs)(nil)
	_ Refresher  = (*Tabs)(nil)
	_ Selector   = (*Tabs)(nil)
	_ ListHolder = (*Tabs)(nil)
	_ Sizer      = (*Tabs)(nil)
)

// TabPane is one tab: its name and its list.
type TabPane struct {
	Name   string
	List   ListPane
	opened bool
}

func NewTabs(panes ...TabPane) Tabs { return Tabs{Panes: panes} }

func (t *Tabs) Current() ListPane { return t.Panes[t.Tab].List }

// Open shows tab i, fetching its first page the first time.
func (t *Tabs) Open(i int) tea.Cmd {
	t.Tab = i
	if t.Panes[i].opened {
		return nil
	}
	t.Panes[i].opened = true
	return t.Panes[i].List.Start()
}

// Prefetch starts tab i's fetch now, as start says, without showing it;
// showing it later fetches nothing more.
func (t *Tabs) Prefetch(i int, start func() tea.Cmd) tea.Cmd {
	t.Panes[i].opened = true
	return start()
}

func (t *Tabs) CloseAll() {
	for _, p := range t.Panes {
		p.List.Close()
	}
}

func (t *Tabs) SetSize(w, h int) {
	for _, p := range t.Panes {
		p.List.SetSize(w, h)
	}
}

// The open tab answers for the view: keys, sorting, refreshing, the row
// under the cursor, its fetch state.
func (t *Tabs) ClaimsKeys() bool                           { return t.Current().ClaimsKeys() }
func (t *Tabs) HandlesBack() bool                          { return t.Current().HandlesBack() }
func (t *Tabs) SortByTitle(name string) error              { return t.Current().SortByTitle(name) }
func (t *Tabs) SortHelp() []string                         { return t.Current().SortHelp() }
func (t *Tabs) SortColumns() []string                      { return t.Current().SortColumns() }
func (t *Tabs) Refresh() tea.Cmd                           { return t.Current().Reload() }
func (t *Tabs) WatchRefresh() tea.Cmd                      { return t.Current().WatchRefresh() }
func (t *Tabs) RefreshedAt() time.Time                     { return t.Current().RefreshedAt() }
func (t *Tabs) Selection() (string, string, []Field, bool) { return t.Current().Selection() }
func (t *Tabs) FetchState() (bool, error)                  { return t.Current().FetchState() }

// Sized fetches what the open tab shows at its new size.
func (t *Tabs) Sized() tea.Cmd { return t.Current().Sized() }

// Deliver hands a result to the tab whose list it is for; false when none
// is (a list of a view left, or of another view).
func (t *Tabs) Deliver(m ListMsg) (tea.Cmd, bool) {
	for _, p := range t.Panes {
		if p.List.ListID() == m.ListID() {
			return p.List.Handle(m), true
		}
	}
	return nil, false
}

// SwitchKey moves to the next or previous tab; false for any other key.
func (t *Tabs) SwitchKey(msg tea.KeyPressMsg, next, prev key.Binding) (tea.Cmd, bool) {
	n := len(t.Panes)
	switch {
	case key.Matches(msg, next):
		return t.Open((t.Tab + 1) % n), true
	case key.Matches(msg, prev):
		return t.Open((t.Tab + n - 1) % n), true
	}
	return nil, false
}

// Line is the tab bar: the open tab bracketed (so it shows without
// colour), each with its count once known.
func (t *Tabs) Line(s *Styles, width int) string {
	var b strings.Builder
	b.WriteString(" ")
	for i, p := range t.Panes {
		label := p.Name + p.List.TotalLabel()
		if i == t.Tab {
			b.WriteString(s.TabActive.Render("[" + label + "]"))
		} else {
			b.WriteString(s.TabInactive.Render(" " + label + " "))
		}
		b.WriteString("  ")
	}
	return Fit(b.String(), width)
}
