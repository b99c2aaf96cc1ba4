package tui

// Which loaded rows a list shows, and in which order.

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
)

// listFilter is which loaded rows show, and in which order.
type listFilter struct {
	visible   []int // indexes into items that show; nil when all do, as listed
	input     textinput.Model
	filtering bool // the filter input is open and claims keys
	query     string
	hideGone  bool
	sorted    bool // rows shown in spec.order, not as listed
	sortCol   int  // 1 + the column the rows are sorted by; 0: none
	sortDesc  bool
	letters   []rune // each column's shift+letter for sorting
}

func (l *pagedList[T]) setQuery(q string) {
	var keep string
	if it, ok := l.selected(); ok {
		keep = l.spec.id(it)
	}
	l.query = q
	l.applyFilter()
	l.cursor = 0
	for pos := range l.count() {
		if l.spec.id(l.at(pos)) == keep {
			l.cursor = pos
			break
		}
	}
	l.clampCursor()
}

// applyFilter rebuilds the visible rows: on a new query or new data only,
// never in View.
func (l *pagedList[T]) applyFilter() {
	hiding := l.hideGone && l.spec.isGone != nil
	sorting := l.sorted && l.spec.order != nil
	if l.query == "" && !hiding && !sorting && l.sortCol == 0 {
		l.visible = nil
		return
	}
	defer func() {
		switch {
		case l.sortCol > 0:
			slices.SortStableFunc(l.visible, func(i, j int) int { return l.compareColumn(l.items[i], l.items[j]) })
		case sorting:
			slices.SortStableFunc(l.visible, func(i, j int) int { return l.spec.order(l.items[i], l.items[j]) })
		}
	}()
	q := strings.ToLower(l.query)
	l.visible = l.visible[:0]
	if l.visible == nil {
		l.visible = []int{}
	}
	for i, it := range l.items {
		if !l.itemLoaded(i) || hiding && l.spec.isGone(it) {
			continue
		}
		if q == "" || strings.Contains(strings.ToLower(l.spec.text(it)), q) {
			l.visible = append(l.visible, i)
		}
	}
}
