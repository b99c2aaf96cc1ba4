// Package ui holds what every provider's panes share: the Pane interface
// the root talks to and the optional ones it asks for, Provider, the
// paged, virtualized list (PagedList, ListBase) with its filter, sort,
// jump and watch, tabs, the scroller, details, the log and raw views, the
// form, styles, formatting, and the intents a pane returns (push, pop,
// flash, switch region, open by id). It imports no cloud's package.
package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/keymap"
)

// Pane is one screen of the app's stack. The root talks to every screen
// through it: keys to the top one, sizes and results to all, its view in
// the body, its crumbs in the header, its keys in the hint line. A new
// screen (another provider's) is a new pane, not a new case in a switch.
type Pane interface {
	Handle(msg tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	Close() // cancel its calls in flight: the user left it
	Crumbs() []string
	Hints(k keymap.KeyMap) []key.Binding
	FetchState() (loading bool, err error)
}

// What only some panes can do; the root asks with a type assertion.
type (
	// KeyOwner may hold an open input (a filter, a question) and so claim
	// keys, or use esc itself (to clear a filter).
	KeyOwner interface {
		ClaimsKeys() bool
		HandlesBack() bool
	}
	// Sorter orders its rows by a column (⇧ letter, :sort).
	Sorter interface {
		SortByTitle(name string) error
		SortHelp() []string
		SortColumns() []string // what :sort completes
	}
	// Refresher fetches again what it shows (r); WatchRefresh is the
	// cheaper refresh of watch mode (w).
	Refresher interface {
		Refresh() tea.Cmd
		WatchRefresh() tea.Cmd
	}
	// Selector has a row under the cursor: d shows it, y copies its id.
	Selector interface {
		Selection() (title, id string, fields []Field, ok bool)
	}
	// ListHolder owns lists: results find them by id.
	ListHolder interface {
		Deliver(m ListMsg) (tea.Cmd, bool)
		RefreshedAt() time.Time
	}
	// FedFromBelow shows data of a pane below it (a connection, its
	// details): refreshing it refreshes that pane, when it FeedsAbove.
	FedFromBelow interface{ FedFromBelow() bool }
	Feeder       interface {
		Refresher
		FeedsAbove() bool
	}
	// Regional shows a region's data other than the app's own (a problem
	// opened from the overview): the status line names that region.
	Regional interface {
		InRegion() string
	}
	// Regionless shows every region, not the current one.
	Regionless interface {
		AllRegions() bool
	}
	// Helpful lists its keys for ?, grouped.
	Helpful interface {
		HelpGroups(k keymap.KeyMap) []keymap.Group
	}
	// Legended draws symbols of its own (the problems table's impact
	// marks): ? explains them in place of the provider's.
	Legended interface{ Legend() []string }
	// Sizer fetches what a bigger window shows and is not loaded yet.
	Sizer interface{ Sized() tea.Cmd }
)

// DeliverTo hands m to l when it is l's (by list id): the part shared by
// panes that are one list.
func DeliverTo(l ListPane, m ListMsg) (tea.Cmd, bool) {
	if l.ListID() != m.ListID() {
		return nil, false
	}
	return l.Handle(m), true
}
