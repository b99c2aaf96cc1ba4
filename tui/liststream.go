package tui

import (
	"slices"
	"time"
)

// A list fed by a stream (the problems scan) instead of pages: its owner
// says when the stream starts and ends and hands over rows as they come;
// the list keeps them sorted, marks the new ones and keeps the cursor on
// its row.

// streamStarted marks the list loading until streamEnded.
func (l *pagedList[T]) streamStarted() { l.loading = true }

// streamEnded marks the list loaded at now.
func (l *pagedList[T]) streamEnded(now time.Time) {
	l.loading, l.loaded, l.loadedAt = false, true, now
}

// rows are every row the list holds, filtered or not, in order.
func (l *pagedList[T]) rows() []T { return l.items }

// forgetChanges unmarks the rows marked changed.
func (l *pagedList[T]) forgetChanges() { l.changed = nil }

// insertSorted puts rows in their place by cmp (one equal to a row held
// replaces it) and marks those isNew says are new, keeping the cursor on
// the row it was on.
func (l *pagedList[T]) insertSorted(rows []T, cmp func(a, b T) int, isNew func(T) bool) {
	keep := ""
	if it, ok := l.selected(); ok && l.cursor > 0 {
		keep = l.spec.id(it)
	}
	for _, r := range rows {
		i, found := slices.BinarySearchFunc(l.items, r, cmp)
		if found {
			l.items[i] = r
			continue
		}
		l.items = slices.Insert(l.items, i, r)
		if isNew(r) {
			if l.changed == nil {
				l.changed = map[string]bool{}
			}
			l.changed[l.spec.id(r)] = true
		}
	}
	l.loaded = true
	l.total = -1
	l.applyFilter()
	if keep != "" {
		for pos := range l.count() {
			if l.spec.id(l.at(pos)) == keep {
				l.cursor = pos
				break
			}
		}
	}
	l.clampCursor()
}

// keepOnly drops the rows keep refuses.
func (l *pagedList[T]) keepOnly(keep func(T) bool) {
	kept := l.items[:0]
	for _, r := range l.items {
		if keep(r) {
			kept = append(kept, r)
		}
	}
	l.items = kept
	l.applyFilter()
	l.clampCursor()
}
