package ui

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
	Loaded   bool // some answer arrived
	Err      error
	Next     api.Cursor
	More     bool
	Total    int
	loadedAt time.Time // when the last page arrived

	mode         fetchMode
	replaceFrom  int  // modeReplace: the first row the pages in flight replace
	confirm      bool // asking whether to load every page
	toBottom     bool // G on a list without a total: load on, then go to the real end
	PageSizeUsed int  // the size the loaded pages were fetched with

	// Have marks the rows of items that are loaded, once a jump (G, a far
	// PgDn) has fetched a page out of order and left rows in between; nil
	// while rows are loaded from the top without gaps. See listjump.go.
	Have []bool
}

// refreshState is a reload in progress: the rows coming in, how many it
// waits for, and the row the cursor should stay on.
type refreshState[T any] struct {
	items  []T
	want   int
	keepID string
}

// Refreshing reports whether the pages in flight are an r refresh, which
// replaces every row once its pages are in.
func (l *PagedList[T]) Refreshing() bool { return l.mode == modeRefresh }

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
func (l *PagedList[T]) pageSize() int {
	if l.Height == 0 {
		return l.Spec.MaxPage
	}
	return min(max(2*l.Height, 10), l.Spec.MaxPage)
}

// Start fetches the first page.
func (l *PagedList[T]) Start() tea.Cmd {
	l.PageSizeUsed = l.pageSize()
	return l.Fetch(api.FirstPage(l.PageSizeUsed))
}

// StartAll fetches every page, the largest the action allows, one after
// another: for short lists a verdict needs whole.
func (l *PagedList[T]) StartAll() tea.Cmd {
	l.mode, l.PageSizeUsed = modeLoadAll, l.Spec.MaxPage
	return l.Fetch(api.FirstPage(l.PageSizeUsed))
}

// Settled reports whether the list has stopped fetching: every page in
// (complete), or the error that stopped it.
func (l *PagedList[T]) Settled() (complete bool, err error) {
	if l.loading {
		return false, nil
	}
	if l.Err != nil {
		return false, l.Err
	}
	return l.Loaded && !l.More, nil
}

// Fetch asks for one page. The command captures its inputs by value.
func (l *PagedList[T]) Fetch(cur api.Cursor) tea.Cmd {
	l.seq++
	l.loading = true
	id, seq, ctx, fetch := l.id, l.seq, l.Ctx, l.Spec.Fetch
	return func() tea.Msg {
		page, err := fetch(ctx, cur)
		return PageLoadedMsg[T]{list: id, seq: seq, page: page, err: err}
	}
}

// Reload fetches from the first page again and swaps the rows in only when
// as many as before are back, so the screen never empties and the cursor
// stays on the same item.
func (l *PagedList[T]) Reload() tea.Cmd {
	l.dropGaps()
	want := max(len(l.Items), l.pageSize())
	keep := ""
	if it, ok := l.Selected(); ok {
		keep = l.Spec.ID(it)
	}
	size := l.pageSize()
	if want > size {
		size = l.Spec.MaxPage
	}
	l.mode, l.pending, l.confirm = modeRefresh, &refreshState[T]{want: want, keepID: keep}, false
	l.PageSizeUsed = size
	return l.Fetch(api.FirstPage(size))
}

func (l PagedList[T]) loadedPage(msg PageLoadedMsg[T]) (PagedList[T], tea.Cmd) {
	// Results reach a list by its id (routeList, gatewayView); an older
	// request's answer is dropped here.
	if msg.seq != l.seq {
		return l, nil
	}
	l.loading = false
	// A first page with rows and an error is a partial answer (one of two
	// calls refused: ec2client's VPNGateways): its rows are what could be
	// read, shown, and the error says what could not.
	partial := msg.err != nil && len(msg.page.Items) > 0 && l.mode == modeBrowse && !msg.placed && len(l.Items) == 0
	if msg.err != nil && !partial {
		l.Err = msg.err
		l.mode, l.pending = modeBrowse, nil
		return l, nil
	}
	l.Err = msg.err
	l.Loaded = true
	l.loadedAt = l.c.Now()
	switch {
	case msg.placed:
		return l.placedPage(msg)
	case l.mode == modeReplace:
		return l.replacedPages(msg)
	}
	l.More, l.Next, l.Total = msg.page.More, msg.page.Next, msg.page.Total
	if l.mode == modeRefresh {
		return l.refreshedPage(msg)
	}
	l.Items = append(l.Items, msg.page.Items...)
	l.measure(msg.page.Items)
	l.ApplyFilter()
	l.findReselected()
	l.clampCursor()
	if l.seek = l.seek && l.reselect != "" && l.More; l.seek {
		return l, l.Fetch(l.Next) // the row sought is further on
	}
	if l.mode == modeLoadAll && l.More {
		return l, l.Fetch(l.Next)
	}
	if l.toBottom {
		l.toBottom = false
		l.Cursor = l.Count() - 1
		l.clampCursor()
	}
	l.mode = modeBrowse
	cmd := l.FetchMoreIfNear()
	return l, cmd // the call first: it changes l
}

// replacedPages puts a watch refresh of the visible pages in place: same
// rows, new state.
func (l PagedList[T]) replacedPages(msg PageLoadedMsg[T]) (PagedList[T], tea.Cmd) {
	from := l.replaceFrom
	l.mode = modeBrowse
	n := min(len(msg.page.Items), len(l.Items)-from)
	l.track(l.Items[from:from+n], msg.page.Items[:n])
	copy(l.Items[from:], msg.page.Items[:n])
	l.measure(msg.page.Items[:n])
	l.markLoaded(from, n)
	l.Total = msg.page.Total
	l.ApplyFilter()
	l.clampCursor()
	cmd := l.FetchMoreIfNear()
	return l, cmd // the call first: it changes l
}

// refreshedPage collects a reload's pages until as many rows as before are
// back, then swaps them in with the cursor on the same item.
func (l PagedList[T]) refreshedPage(msg PageLoadedMsg[T]) (PagedList[T], tea.Cmd) {
	r := l.pending
	r.items = append(r.items, msg.page.Items...)
	if l.More && len(r.items) < r.want {
		return l, l.Fetch(l.Next)
	}
	l.track(l.Items, r.items)
	if !l.More {
		r.items = l.keepGone(l.Items, r.items)
	}
	l.Items, l.mode, l.pending = r.items, modeBrowse, nil
	l.measure(r.items)
	l.ApplyFilter()
	l.Cursor = 0
	for pos := range l.Count() {
		if l.Spec.ID(l.At(pos)) == r.keepID {
			l.Cursor = pos
			break
		}
	}
	l.clampCursor()
	// The window may have grown while the reload ran (its size change
	// fetched nothing then): fill what now shows.
	cmd := l.FetchMoreIfNear()
	return l, cmd // the call first: it changes l
}

// FetchMoreIfNear asks for the next page when the cursor is within one
// screen of the last loaded row. A filtered list does not page by itself:
// the footer offers to load everything instead.
func (l *PagedList[T]) FetchMoreIfNear() tea.Cmd {
	if l.Have != nil {
		return l.fetchMissingNear()
	}
	if !l.More || l.loading || l.mode == modeRefresh || l.Query != "" {
		return nil
	}
	if l.Count()-1-l.Cursor < l.Height {
		return l.Fetch(l.Next)
	}
	return nil
}

// RemainingCalls estimates the calls "load all" takes.
func (l *PagedList[T]) RemainingCalls() (rows, calls int) {
	if l.Total < 0 {
		return -1, -1
	}
	rows = max(l.Total-l.LoadedCount(), 0)
	size := l.Next.Size()
	if size <= 0 || size > l.Spec.MaxPage {
		size = l.Spec.MaxPage
	}
	return rows, (rows + size - 1) / size
}

// findReselected puts the cursor on the row Carry asked for, once loaded.
func (l *PagedList[T]) findReselected() {
	if l.reselect == "" {
		return
	}
	for pos := range l.Count() {
		if l.Spec.ID(l.At(pos)) == l.reselect {
			l.Cursor, l.reselect = pos, ""
			l.ScrollToCursor()
			return
		}
	}
}
