package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/keymap"
)

// listBase gives a pane that is one list what the root asks of panes:
// the Site-to-Site panes embed it rather than repeat each method.
type listBase[T any] struct{ list pagedList[T] }

func (b *listBase[T]) View() string                               { return b.list.View() }
func (b *listBase[T]) setSize(w, h int)                           { b.list.setSize(w, max(h-2, 1)) }
func (b *listBase[T]) close()                                     { b.list.close() }
func (b *listBase[T]) fetchState() (bool, error)                  { return b.list.fetchState() }
func (b *listBase[T]) claimsKeys() bool                           { return b.list.claimsKeys() }
func (b *listBase[T]) handlesBack() bool                          { return b.list.handlesBack() }
func (b *listBase[T]) sortByTitle(name string) error              { return b.list.sortByTitle(name) }
func (b *listBase[T]) sortHelp() []string                         { return b.list.sortHelp() }
func (b *listBase[T]) refresh() tea.Cmd                           { return b.list.reload() }
func (b *listBase[T]) watchRefresh() tea.Cmd                      { return b.list.watchRefresh() }
func (b *listBase[T]) deliver(m listMsg) (tea.Cmd, bool)          { return deliverTo(&b.list, m) }
func (b *listBase[T]) refreshedAt() time.Time                     { return b.list.refreshedAt() }
func (b *listBase[T]) selection() (string, string, []field, bool) { return b.list.selection() }
func (b *listBase[T]) helpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{{Title: "Move", Bindings: moveHelp(k)}}
}
