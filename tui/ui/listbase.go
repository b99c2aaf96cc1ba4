package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/keymap"
)

// ListBase gives a pane that is one list what the root asks of panes:
// such panes embed it rather than repeat each method.
type ListBase[T any] struct{ List PagedList[T] }

// What it answers for the panes that embed it (LogView too): a renamed
// method fails here, not silently.
var (
	_ KeyOwner   = (*ListBase[struct{}])(nil)
	_ Sorter     = (*ListBase[struct{}])(nil)
	_ Refresher  = (*ListBase[struct{}])(nil)
	_ Selector   = (*ListBase[struct{}])(nil)
	_ ListHolder = (*ListBase[struct{}])(nil)
	_ Helpful    = (*ListBase[struct{}])(nil)
)

func (b *ListBase[T]) View() string                               { return b.List.View() }
func (b *ListBase[T]) SetSize(w, h int)                           { b.List.SetSize(w, max(h-2, 1)) }
func (b *ListBase[T]) Close()                                     { b.List.Close() }
func (b *ListBase[T]) FetchState() (bool, error)                  { return b.List.FetchState() }
func (b *ListBase[T]) ClaimsKeys() bool                           { return b.List.ClaimsKeys() }
func (b *ListBase[T]) HandlesBack() bool                          { return b.List.HandlesBack() }
func (b *ListBase[T]) SortByTitle(name string) error              { return b.List.SortByTitle(name) }
func (b *ListBase[T]) SortHelp() []string                         { return b.List.SortHelp() }
func (b *ListBase[T]) SortColumns() []string                      { return b.List.SortColumns() }
func (b *ListBase[T]) Refresh() tea.Cmd                           { return b.List.Reload() }
func (b *ListBase[T]) WatchRefresh() tea.Cmd                      { return b.List.WatchRefresh() }
func (b *ListBase[T]) Deliver(m ListMsg) (tea.Cmd, bool)          { return DeliverTo(&b.List, m) }
func (b *ListBase[T]) RefreshedAt() time.Time                     { return b.List.RefreshedAt() }
func (b *ListBase[T]) Selection() (string, string, []Field, bool) { return b.List.Selection() }
func (b *ListBase[T]) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{{Title: "Move", Bindings: MoveHelp(k)},
		{Title: "Act", Bindings: keymap.Enabled(append([]key.Binding{k.List.Open, k.List.Details, k.List.Copy},
			b.List.ListKeys(k)...)...)}}
}
