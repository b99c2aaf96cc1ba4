package tui

// Fetching a list's pages: what is asked, what came back, what is next.

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
)

// listPager is the fetching part of a list.
type listPager struct {
	seq      int // the request this list waits for
	loading  bool
	loaded   bool // some answer arrived
	err      error
	next     api.Cursor
	more     bool
	total    int
	loadedAt time.Time // when the last page arrived

	mode         fetchMode
	replaceFrom  int  // modeReplace: the first row the pages in flight replace
	confirm      bool // asking whether to load every page
	toBottom     bool // G on a list without a total: load on, then go to the real end
	pageSizeUsed int  // the size the loaded pages were fetched with

	// have marks the rows of items that are loaded, once a jump (G, a far
	// PgDn) has fetched a page out of order and left rows in between; nil
	// while rows are loaded from the top without gaps. See listjump.go.
	have []bool
}

// refreshState is a reload in progress: the rows coming in, how many it
// waits for, and the row the cursor should stay on.
type refreshState[T any] struct {
	items  []T
	want   int
	keepID string
}

// fetchMode is what the pages in flight are for: one value, as the modes
// exclude each other.
type fetchMode int

const (
	modeBrowse  fetchMode = iota // pages are appended as the cursor nears the end
	modeRefresh                  // from the first page again; rows swap in when as many are back
	modeReplace                  // a watch refresh: the visible pages, replaced in place
	modeLoadAll                  // every page, one after another
)

// pageSize fills the screen in one call, within the action's limit. It is
// two screens where the limit allows, so that opening a list is one call:
// with one screen loaded, the cursor would already be "within a screen of
// the end" and fetch again at once. Before the window's size is known it is
// the largest page, so the first call need not wait for the terminal.
func (l *pagedList[T]) pageSize() int {
	if l.height == 0 {
		return l.spec.maxPage
	}
	return min(max(2*l.height, 10), l.spec.maxPage)
}

// start fetches the first page.
func (l *pagedList[T]) start() tea.Cmd {
	l.pageSizeUsed = l.pageSize()
	return l.fetch(api.FirstPage(l.pageSizeUsed))
}

// fetch asks for one page. The command captures its inputs by value.
func (l *pagedList[T]) fetch(cur api.Cursor) tea.Cmd {
	l.seq++
	l.loading = true
	id, seq, ctx, fetch := l.id, l.seq, l.ctx, l.spec.fetch
	return func() tea.Msg {
		page, err := fetch(ctx, cur)
		return pageLoadedMsg[T]{list: id, seq: seq, page: page, err: err}
	}
}

// reload fetches from the first page again and swaps the rows in only when
// as many as before are back, so the screen never empties and the cursor
// stays on the same item.
func (l *pagedList[T]) reload() tea.Cmd {
	l.dropGaps()
	want := max(len(l.items), l.pageSize())
	keep := ""
	if it, ok := l.selected(); ok {
		keep = l.spec.id(it)
	}
	size := l.pageSize()
	if want > size {
		size = l.spec.maxPage
	}
	l.mode, l.pending, l.confirm = modeRefresh, &refreshState[T]{want: want, keepID: keep}, false
	l.pageSizeUsed = size
	return l.fetch(api.FirstPage(size))
}

func (l pagedList[T]) loadedPage(msg pageLoadedMsg[T]) (pagedList[T], tea.Cmd) {
	// Results reach a list by its id (routeList, gatewayView); an older
	// request's answer is dropped here.
	if msg.seq != l.seq {
		return l, nil
	}
	l.loading = false
	if msg.err != nil {
		l.err = msg.err
		l.mode, l.pending = modeBrowse, nil
		return l, nil
	}
	l.err = nil
	l.loaded = true
	l.loadedAt = l.c.now()
	switch {
	case msg.placed:
		return l.placedPage(msg)
	case l.mode == modeReplace:
		return l.replacedPages(msg)
	}
	l.more, l.next, l.total = msg.page.More, msg.page.Next, msg.page.Total
	if l.mode == modeRefresh {
		return l.refreshedPage(msg)
	}
	l.items = append(l.items, msg.page.Items...)
	l.applyFilter()
	l.clampCursor()
	if l.mode == modeLoadAll && l.more {
		return l, l.fetch(l.next)
	}
	if l.toBottom {
		l.toBottom = false
		l.cursor = l.count() - 1
		l.clampCursor()
	}
	l.mode = modeBrowse
	return l, l.fetchMoreIfNear()
}

// replacedPages puts a watch refresh of the visible pages in place: same
// rows, new state.
func (l pagedList[T]) replacedPages(msg pageLoadedMsg[T]) (pagedList[T], tea.Cmd) {
	from := l.replaceFrom
	l.mode = modeBrowse
	n := min(len(msg.page.Items), len(l.items)-from)
	l.track(l.items[from:from+n], msg.page.Items[:n])
	copy(l.items[from:], msg.page.Items[:n])
	l.markLoaded(from, n)
	l.total = msg.page.Total
	l.applyFilter()
	l.clampCursor()
	return l, l.fetchMoreIfNear()
}

// refreshedPage collects a reload's pages until as many rows as before are
// back, then swaps them in with the cursor on the same item.
func (l pagedList[T]) refreshedPage(msg pageLoadedMsg[T]) (pagedList[T], tea.Cmd) {
	r := l.pending
	r.items = append(r.items, msg.page.Items...)
	if l.more && len(r.items) < r.want {
		return l, l.fetch(l.next)
	}
	l.track(l.items, r.items)
	if !l.more {
		r.items = l.keepGone(l.items, r.items)
	}
	l.items, l.mode, l.pending = r.items, modeBrowse, nil
	l.applyFilter()
	l.cursor = 0
	for pos := range l.count() {
		if l.spec.id(l.at(pos)) == r.keepID {
			l.cursor = pos
			break
		}
	}
	l.clampCursor()
	return l, nil
}

// fetchMoreIfNear asks for the next page when the cursor is within one
// screen of the last loaded row. A filtered list does not page by itself:
// the footer offers to load everything instead.
func (l *pagedList[T]) fetchMoreIfNear() tea.Cmd {
	if l.have != nil {
		return l.fetchMissingNear()
	}
	if !l.more || l.loading || l.mode == modeRefresh || l.query != "" {
		return nil
	}
	if l.count()-1-l.cursor < l.height {
		return l.fetch(l.next)
	}
	return nil
}

// remainingCalls estimates the calls "load all" takes.
func (l *pagedList[T]) remainingCalls() (rows, calls int) {
	if l.total < 0 {
		return -1, -1
	}
	rows = max(l.total-l.loadedCount(), 0)
	size := l.next.Size()
	if size <= 0 || size > l.spec.maxPage {
		size = l.spec.maxPage
	}
	return rows, (rows + size - 1) / size
}
