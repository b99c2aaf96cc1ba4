package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/keymap"
)

// ListPane is a PagedList of any row type, as views hold them: the tabs of
// a gateway are a slice of them, and results are routed to them by list id.
// A provider's tabs (AWS: connections, target networks, routes, rules) are
// more entries, not more switches.
type ListPane interface {
	ListID() int
	Handle(msg tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	// Sized fetches what a new size shows and is not loaded yet.
	Sized() tea.Cmd
	Start() tea.Cmd
	Reload() tea.Cmd
	WatchRefresh() tea.Cmd
	Close()
	ClaimsKeys() bool
	HandlesBack() bool
	SortByTitle(name string) error
	SortHelp() []string
	SortColumns() []string
	ListKeys(k keymap.KeyMap) []key.Binding
	FetchState() (loading bool, err error)
	RefreshedAt() time.Time
	TotalLabel() string
	Selection() (title, id string, fields []Field, ok bool)
}

// ListMsg is a result for one list; it finds its list by id, whatever the
// list's row type.
type ListMsg interface{ ListID() int }

func (l *PagedList[T]) ListID() int { return l.id }

func (l *PagedList[T]) Sized() tea.Cmd { return l.FetchMoreIfNear() }

func (l *PagedList[T]) Handle(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*l, cmd = l.Update(msg)
	return cmd
}

func (l *PagedList[T]) FetchState() (loading bool, err error) { return l.loading, l.Err }

func (l *PagedList[T]) RefreshedAt() time.Time { return l.loadedAt }

// TotalLabel is " (520)" once the count is known: the service's total, or,
// for a list paged by token, the rows once every page is in.
func (l *PagedList[T]) TotalLabel() string {
	switch {
	case !l.Loaded:
		return ""
	case l.Total >= 0:
		return fmt.Sprintf(" (%d)", l.Total)
	case !l.More && l.Have == nil:
		return fmt.Sprintf(" (%d)", len(l.Items))
	}
	return ""
}

// Selection is what d shows and y copies of the row under the cursor.
func (l *PagedList[T]) Selection() (title, id string, fields []Field, ok bool) {
	it, ok := l.Selected()
	if !ok || l.Spec.Detail == nil {
		return "", "", nil, false
	}
	title, id, fields = l.Spec.Detail(it)
	return title, id, fields, true
}
