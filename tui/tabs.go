package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// tabs are a view's lists shown one at a time: a gateway's connections,
// SSL clients and IPsec servers, an AWS endpoint's connections, target
// networks, routes and rules. A tab's first page is fetched the first time
// it is shown; results find their tab by list id.
type tabs struct {
	tab   int
	panes []tabPane
}

// tabPane is one tab: its name and its list.
type tabPane struct {
	name   string
	list   listPane
	opened bool
}

func newTabs(panes ...tabPane) tabs { return tabs{panes: panes} }

func (t *tabs) current() listPane { return t.panes[t.tab].list }

// open shows tab i, fetching its first page the first time.
func (t *tabs) open(i int) tea.Cmd {
	t.tab = i
	if t.panes[i].opened {
		return nil
	}
	t.panes[i].opened = true
	return t.panes[i].list.start()
}

func (t *tabs) closeAll() {
	for _, p := range t.panes {
		p.list.close()
	}
}

func (t *tabs) setSize(w, h int) {
	for _, p := range t.panes {
		p.list.setSize(w, h)
	}
}

// sized fetches what the open tab shows at its new size.
func (t *tabs) sized() tea.Cmd { return t.current().sized() }

// deliver hands a result to the tab whose list it is for; false when none
// is (a list of a view left, or of another view).
func (t *tabs) deliver(m listMsg) (tea.Cmd, bool) {
	for _, p := range t.panes {
		if p.list.listID() == m.listID() {
			return p.list.update(m), true
		}
	}
	return nil, false
}

// switchKey moves to the next or previous tab; false for any other key.
func (t *tabs) switchKey(msg tea.KeyPressMsg, next, prev key.Binding) (tea.Cmd, bool) {
	n := len(t.panes)
	switch {
	case key.Matches(msg, next):
		return t.open((t.tab + 1) % n), true
	case key.Matches(msg, prev):
		return t.open((t.tab + n - 1) % n), true
	}
	return nil, false
}

// line is the tab bar: the open tab bracketed (so it shows without
// colour), each with its count once known.
func (t *tabs) line(s *Styles, width int) string {
	var b strings.Builder
	b.WriteString(" ")
	for i, p := range t.panes {
		label := p.name + p.list.totalLabel()
		if i == t.tab {
			b.WriteString(s.TabActive.Render("[" + label + "]"))
		} else {
			b.WriteString(s.TabInactive.Render(" " + label + " "))
		}
		b.WriteString("  ")
	}
	return fit(b.String(), width)
}
