package ui

import (
	"slices"
	"time"
)

// A list fed by a stream (the problems scan) instead of pages: its owner
// says when the stream starts and ends and hands over rows as they come;
// the list keeps them sorted, marks the new ones and keeps the cursor on
// its row.

// StreamStarted marks the list loading until StreamEnded.
func (l *PagedList[T]) StreamStarted() { l.loading = true }

// StreamEnded marks the list loaded at now.
func (l *PagedList[T]) StreamEnded(now time.Time) {
	l.loading, l.Loaded, l.loadedAt = false, true, now
}

// Rows are every row the list holds, filtered or not, in order.
func (l *PagedList[T]) Rows() []T { return l.Items }

// ForgetChanges unmarks the rows marked changed.
func (l *PagedList[T]) ForgetChanges() { l.Changed = nil }

// InsertSorted puts rows in their place by cmp (one equal to a row held
// replaces it) and marks those isNew says are new, keeping the cursor on
// the row it was on.
func (l *PagedList[T]) InsertSorted(rows []T, cmp func(a, b T) int, isNew func(T) bool) {
	keep := ""
	if it, ok := l.Selected(); ok && l.Cursor > 0 {
		keep = l.Spec.ID(it)
	}
	for _, r := range rows {
		i, found := slices.BinarySearchFunc(l.Items, r, cmp)
		if found {
			l.Items[i] = r
			continue
		}
		l.Items = slices.Insert(l.Items, i, r)
		if isNew(r) {
			if l.Changed == nil {
				l.Changed = map[string]bool{}
			}
			l.Changed[l.Spec.ID(r)] = true
		}
	}
	l.measure(rows)
	l.Loaded = true
	l.Total = -1
	l.ApplyFilter()
	if keep != "" {
		for pos := range l.Count() {
			if l.Spec.ID(l.At(pos)) == keep {
				l.Cursor = pos
				break
			}
		}
	}
	l.clampCursor()
}

// KeepOnly drops the rows keep refuses.
func (l *PagedList[T]) KeepOnly(keep func(T) bool) {
	kept := l.Items[:0]
	for _, r := range l.Items {
		if keep(r) {
			kept = append(kept, r)
		}
	}
	l.Items = kept
	l.ApplyFilter()
	l.clampCursor()
}
