package ui

// Jumping far ahead in a page-numbered list: G (or a PgDn past what is
// loaded) fetches the page the cursor lands on directly, the page number
// being known from the total, instead of every page before it. Rows in
// between stay unloaded (drawn as "…") until they scroll into view; rows
// already loaded are never fetched again by scrolling.

import (
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
)

// canJump reports whether moving the cursor to row pos needs rows past the
// loaded ones and can fetch them directly: the list pages by number, knows
// its total, shows every row (a filter or an ordering has no row numbers
// to jump to), and has no call out (never two at once).
func (l *PagedList[T]) canJump(pos int) bool {
	return l.Loaded && l.Total > len(l.Items) && pos >= len(l.Items) && l.Next.Number() > 0 &&
		l.PageSizeUsed > 0 && l.visible == nil && l.mode == modeBrowse && !l.loading
}

// jumpTo extends the rows to the total with unloaded placeholders, puts
// the cursor on pos and fetches what is then on screen.
func (l *PagedList[T]) jumpTo(pos int) tea.Cmd {
	l.Have = make([]bool, l.Total)
	for i := range l.Items {
		l.Have[i] = true
	}
	l.Items = append(l.Items, make([]T, l.Total-len(l.Items))...)
	l.Cursor = pos
	l.clampCursor()
	if pos == l.Total-1 {
		// The last screenful in one call: a page size whose last page
		// holds at least a screen of rows.
		return l.fetchRowPage(pos, l.endPageSize())
	}
	return l.fetchMissingNear()
}

// endPageSize is the largest page size within the action's limit whose
// last page holds a whole screen of rows, or the usual size when none
// does (then the screen's top rows come with the next call).
func (l *PagedList[T]) endPageSize() int {
	for size := l.Spec.MaxPage; size >= l.Height; size-- {
		if (l.Total-1)%size >= l.Height-1 {
			return size
		}
	}
	return l.PageSizeUsed
}

// rowLoaded reports whether row pos (a position in the visible rows) holds
// data rather than a placeholder.
func (l *PagedList[T]) rowLoaded(pos int) bool {
	if l.visible != nil {
		pos = l.visible[pos]
	}
	return l.itemLoaded(pos)
}

// itemLoaded reports whether items[i] holds data.
func (l *PagedList[T]) itemLoaded(i int) bool {
	return l.Have == nil || i < len(l.Have) && l.Have[i]
}

// LoadedCount is how many rows hold data.
func (l *PagedList[T]) LoadedCount() int {
	if l.Have == nil {
		return len(l.Items)
	}
	n := 0
	for _, ok := range l.Have {
		if ok {
			n++
		}
	}
	return n
}

// markLoaded records that rows from..from+n hold data; when none is
// missing any more the list is contiguous again.
func (l *PagedList[T]) markLoaded(from, n int) {
	if l.Have == nil {
		return
	}
	for i := from; i < from+n && i < len(l.Have); i++ {
		l.Have[i] = true
	}
	for _, ok := range l.Have {
		if !ok {
			return
		}
	}
	l.Have, l.More = nil, false
}

// fetchMissingNear fetches the page of the first unloaded row on screen,
// or within half a screen above or below it, so scrolling rarely shows a
// placeholder and a jump to the end costs one call.
func (l *PagedList[T]) fetchMissingNear() tea.Cmd {
	if l.loading || l.Have == nil {
		return nil
	}
	return l.fetchMissing(max(l.Offset-l.Height/2, 0), min(l.Offset+l.Height+l.Height/2, len(l.Items)))
}

// fetchMissing fetches the page holding the first unloaded row in
// [from, to), preferring rows on screen; nil when all are loaded.
func (l *PagedList[T]) fetchMissing(from, to int) tea.Cmd {
	if l.loading || l.Have == nil {
		return nil
	}
	first := -1
	for i := max(l.Offset, from); i < min(l.Offset+l.Height, to); i++ {
		if !l.Have[i] {
			first = i
			break
		}
	}
	for i := from; first < 0 && i < to; i++ {
		if !l.Have[i] {
			first = i
		}
	}
	if first < 0 {
		return nil
	}
	return l.fetchRowPage(first, l.PageSizeUsed)
}

// fetchRowPage fetches the page of the given size that holds row, to be
// placed where it belongs: rows are placed by position, so pages of
// different sizes can fill the gaps.
func (l *PagedList[T]) fetchRowPage(row, size int) tea.Cmd {
	page := row/size + 1
	cmd := l.Fetch(api.NumberCursor(page, size))
	at := (page - 1) * size
	return func() tea.Msg {
		msg := cmd().(PageLoadedMsg[T])
		msg.placed, msg.at = true, at
		return msg
	}
}

// placedPage puts a page fetched out of order where it belongs.
func (l PagedList[T]) placedPage(msg PageLoadedMsg[T]) (PagedList[T], tea.Cmd) {
	if l.Have == nil {
		return l, nil // the gaps were dropped (a reload) while it was out
	}
	n := copy(l.Items[min(msg.at, len(l.Items)):], msg.page.Items)
	l.measure(msg.page.Items[:n])
	l.Total = msg.page.Total
	l.markLoaded(msg.at, n)
	l.ApplyFilter()
	l.clampCursor()
	if l.mode == modeLoadAll && l.Have != nil {
		return l, l.fetchMissing(0, len(l.Items))
	}
	l.mode = modeBrowse
	// Only what is on screen: a jump costs one call; moving on prefetches.
	return l, l.fetchMissing(l.Offset, min(l.Offset+l.Height, len(l.Items)))
}

// dropGaps goes back to the rows loaded from the top without a gap, for a
// reload, which fetches from the first page again.
func (l *PagedList[T]) dropGaps() {
	if l.Have == nil {
		return
	}
	n := 0
	for n < len(l.Have) && l.Have[n] {
		n++
	}
	l.Items, l.Have = l.Items[:n], nil
	l.More = n < l.Total
	l.Next = api.NumberCursor(n/max(l.PageSizeUsed, 1)+1, l.PageSizeUsed)
	l.ApplyFilter()
	l.clampCursor()
}
