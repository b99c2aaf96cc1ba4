package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
)

// listPane is a pagedList of any row type, as views hold them: the tabs of
// a gateway are a slice of them, and results are routed to them by list id.
// A provider's tabs (AWS: connections, target networks, routes, rules) are
// more entries, not more switches.
type listPane interface {
	listID() int
	update(msg tea.Msg) tea.Cmd
	View() string
	setSize(w, h int)
	// sized fetches what a new size shows and is not loaded yet.
	sized() tea.Cmd
	start() tea.Cmd
	reload() tea.Cmd
	watchRefresh() tea.Cmd
	close()
	claimsKeys() bool
	handlesBack() bool
	sortByTitle(name string) error
	sortHelp() []string
	fetchState() (loading bool, err error)
	refreshedAt() time.Time
	totalLabel() string
	selection() (title, id string, fields []field, ok bool)
}

// listMsg is a result for one list; it finds its list by id, whatever the
// list's row type.
type listMsg interface{ listID() int }

func (m pageLoadedMsg[T]) listID() int { return m.list }

func (l *pagedList[T]) listID() int { return l.id }

func (l *pagedList[T]) sized() tea.Cmd { return l.fetchMoreIfNear() }

func (l *pagedList[T]) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*l, cmd = l.Update(msg)
	return cmd
}

func (l *pagedList[T]) fetchState() (loading bool, err error) { return l.loading, l.err }

func (l *pagedList[T]) refreshedAt() time.Time { return l.loadedAt }

// totalLabel is " (520)" once the count is known: the service's total, or,
// for a list paged by token, the rows once every page is in.
func (l *pagedList[T]) totalLabel() string {
	switch {
	case !l.loaded:
		return ""
	case l.total >= 0:
		return fmt.Sprintf(" (%d)", l.total)
	case !l.more && l.have == nil:
		return fmt.Sprintf(" (%d)", len(l.items))
	}
	return ""
}

// selection is what d shows and y copies of the row under the cursor.
func (l *pagedList[T]) selection() (title, id string, fields []field, ok bool) {
	it, ok := l.selected()
	if !ok || l.spec.detail == nil {
		return "", "", nil, false
	}
	title, id, fields = l.spec.detail(it)
	return title, id, fields, true
}
