package tui

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
func (l *pagedList[T]) canJump(pos int) bool {
	return l.loaded && l.total > len(l.items) && pos >= len(l.items) && l.next.Number() > 0 &&
		l.pageSizeUsed > 0 && l.visible == nil && l.mode == modeBrowse && !l.loading
}

// jumpTo extends the rows to the total with unloaded placeholders, puts
// the cursor on pos and fetches what is then on screen.
func (l *pagedList[T]) jumpTo(pos int) tea.Cmd {
	l.have = make([]bool, l.total)
	for i := range l.items {
		l.have[i] = true
	}
	l.items = append(l.items, make([]T, l.total-len(l.items))...)
	l.cursor = pos
	l.clampCursor()
	if pos == l.total-1 {
		// The last screenful in one call: a page size whose last page
		// holds at least a screen of rows.
		return l.fetchRowPage(pos, l.endPageSize())
	}
	return l.fetchMissingNear()
}

// endPageSize is the largest page size within the action's limit whose
// last page holds a whole screen of rows, or the usual size when none
// does (then the screen's top rows come with the next call).
func (l *pagedList[T]) endPageSize() int {
	for size := l.spec.maxPage; size >= l.height; size-- {
		if (l.total-1)%size >= l.height-1 {
			return size
		}
	}
	return l.pageSizeUsed
}

// rowLoaded reports whether row pos (a position in the visible rows) holds
// data rather than a placeholder.
func (l *pagedList[T]) rowLoaded(pos int) bool {
	if l.visible != nil {
		pos = l.visible[pos]
	}
	return l.itemLoaded(pos)
}

// itemLoaded reports whether items[i] holds data.
func (l *pagedList[T]) itemLoaded(i int) bool {
	return l.have == nil || i < len(l.have) && l.have[i]
}

// loadedCount is how many rows hold data.
func (l *pagedList[T]) loadedCount() int {
	if l.have == nil {
		return len(l.items)
	}
	n := 0
	for _, ok := range l.have {
		if ok {
			n++
		}
	}
	return n
}

// markLoaded records that rows from..from+n hold data; when none is
// missing any more the list is contiguous again.
func (l *pagedList[T]) markLoaded(from, n int) {
	if l.have == nil {
		return
	}
	for i := from; i < from+n && i < len(l.have); i++ {
		l.have[i] = true
	}
	for _, ok := range l.have {
		if !ok {
			return
		}
	}
	l.have, l.more = nil, false
}

// fetchMissingNear fetches the page of the first unloaded row on screen,
// or within half a screen above or below it, so scrolling rarely shows a
// placeholder and a jump to the end costs one call.
func (l *pagedList[T]) fetchMissingNear() tea.Cmd {
	if l.loading || l.have == nil {
		return nil
	}
	return l.fetchMissing(max(l.offset-l.height/2, 0), min(l.offset+l.height+l.height/2, len(l.items)))
}

// fetchMissing fetches the page holding the first unloaded row in
// [from, to), preferring rows on screen; nil when all are loaded.
func (l *pagedList[T]) fetchMissing(from, to int) tea.Cmd {
	if l.loading || l.have == nil {
		return nil
	}
	first := -1
	for i := max(l.offset, from); i < min(l.offset+l.height, to); i++ {
		if !l.have[i] {
			first = i
			break
		}
	}
	for i := from; first < 0 && i < to; i++ {
		if !l.have[i] {
			first = i
		}
	}
	if first < 0 {
		return nil
	}
	return l.fetchRowPage(first, l.pageSizeUsed)
}

// fetchRowPage fetches the page of the given size that holds row, to be
// placed where it belongs: rows are placed by position, so pages of
// different sizes can fill the gaps.
func (l *pagedList[T]) fetchRowPage(row, size int) tea.Cmd {
	page := row/size + 1
	cmd := l.fetch(api.NumberCursor(page, size))
	at := (page - 1) * size
	return func() tea.Msg {
		msg := cmd().(pageLoadedMsg[T])
		msg.placed, msg.at = true, at
		return msg
	}
}

// placedPage puts a page fetched out of order where it belongs.
func (l pagedList[T]) placedPage(msg pageLoadedMsg[T]) (pagedList[T], tea.Cmd) {
	if l.have == nil {
		return l, nil // the gaps were dropped (a reload) while it was out
	}
	n := copy(l.items[min(msg.at, len(l.items)):], msg.page.Items)
	l.total = msg.page.Total
	l.markLoaded(msg.at, n)
	l.applyFilter()
	l.clampCursor()
	if l.mode == modeLoadAll && l.have != nil {
		return l, l.fetchMissing(0, len(l.items))
	}
	l.mode = modeBrowse
	// Only what is on screen: a jump costs one call; moving on prefetches.
	return l, l.fetchMissing(l.offset, min(l.offset+l.height, len(l.items)))
}

// dropGaps goes back to the rows loaded from the top without a gap, for a
// reload, which fetches from the first page again.
func (l *pagedList[T]) dropGaps() {
	if l.have == nil {
		return
	}
	n := 0
	for n < len(l.have) && l.have[n] {
		n++
	}
	l.items, l.have = l.items[:n], nil
	l.more = n < l.total
	l.next = api.NumberCursor(n/max(l.pageSizeUsed, 1)+1, l.pageSizeUsed)
	l.applyFilter()
	l.clampCursor()
}
