package tui

import (
	"context"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
)

// pagedList is the shared, virtualized, lazily paged list. It knows
// nothing of VPNs: a listSpec tells it the columns, identity, filter text
// and how to fetch a page, so any provider's resources can use it.
//
// Paging rules: opening fetches one page sized to the screen; the next page
// is fetched when the cursor comes within one screen of the last loaded
// row, never twice; a response for another list or an older request is
// dropped. Rendering costs O(visible rows).
type pagedList[T any] struct {
	spec *listSpec[T]
	c    *common
	id   int
	ctx  context.Context
	stop context.CancelFunc

	items   []T
	visible []int // indexes into items that pass the filter; nil without a filter
	cursor  int   // position in the visible rows
	offset  int   // first visible row on screen
	width   int
	height  int // rows for data, excluding the header and footer lines
	widths  []int

	input     textinput.Model
	filtering bool // the filter input is open and claims keys
	query     string

	seq      int // the request this list waits for
	loading  bool
	loaded   bool // some answer arrived
	err      error
	next     api.Cursor
	more     bool
	total    int
	loadedAt time.Time // when the last page arrived

	refresh *refreshState[T] // a refresh in progress: old rows stay until it completes
	loadAll bool             // keep fetching until every page is in
	confirm bool             // asking whether to load every page

	pageSizeUsed int // the size the loaded pages were fetched with
	replaceFrom  int // >= 0 while a watch refresh of rows from there is out

	changed  map[string]bool // rows whose state changed at the last refresh
	events   []changeEvent   // every change seen this session, oldest first
	hideGone bool
	sorted   bool // rows shown in spec.order, not as listed
	sortCol  int  // 1 + the column the rows are sorted by; 0: none
	sortDesc bool
	letters  []rune // each column's shift+letter for sorting

	// have marks the rows of items that are loaded, once a jump (G, a far
	// PgDn) has fetched a page out of order and left rows in between; nil
	// while rows are loaded from the top without gaps. See listjump.go.
	have []bool
}

// listSpec describes one kind of row.
type listSpec[T any] struct {
	noun    string // plural, for counts and empty states: "VPN gateways"
	columns []column[T]
	id      func(T) string
	text    func(T) string // what the filter searches
	fetch   func(ctx context.Context, c api.Cursor) (api.Page[T], error)
	maxPage int           // the action's page size limit
	empty   func() string // what an empty list says

	// Optional, for watching. state is what a refresh compares: rows whose
	// state changed are marked, and describe says how, for the timeline.
	state    func(T) string
	describe func(old, new T) []string
	// gone keeps a row that vanished at a refresh, marked gone (false drops
	// it); isGone tells such rows, which x hides.
	gone   func(old T, at time.Time) (T, bool)
	isGone func(T) bool
	// order, when set, lets o show the loaded rows worst first.
	order func(a, b T) int
	// detail is what d (or enter, where nothing opens) shows of a row, and
	// the id y copies.
	detail func(T) (title, id string, fields []field)
}

type column[T any] struct {
	title string
	width int // 0 means flexible: takes the room the others leave
	min   int // a flexible column's smallest width
	// max is the most a column can use (its longest likely value): a wide
	// screen gives its room to the columns below their max before the
	// flexible one grows past its own. 0: a fixed column keeps its width,
	// a flexible one takes whatever is left.
	max   int
	cell  func(T) string
	paint func(*Styles, T, string) string // optional: style the fitted cell
}

type refreshState[T any] struct {
	items  []T
	want   int
	keepID string
}

func newPagedList[T any](c *common, spec *listSpec[T]) pagedList[T] {
	ctx, stop := context.WithCancel(c.ctx)
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter"
	// A steady cursor: a blinking one redraws twice a second, which is
	// wasted traffic over a slow SSH link.
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return pagedList[T]{spec: spec, c: c, id: c.newID(), ctx: ctx, stop: stop, input: in, total: -1, replaceFrom: -1,
		letters: sortLetters(spec.columns)}
}

// close cancels this list's calls in flight: the user left it.
func (l *pagedList[T]) close() { l.stop() }

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
	l.refresh = &refreshState[T]{want: want, keepID: keep}
	l.loadAll, l.confirm, l.replaceFrom = false, false, -1
	l.pageSizeUsed = size
	return l.fetch(api.FirstPage(size))
}

func (l *pagedList[T]) setSize(w, h int) {
	l.width, l.height = w, max(h, 1)
	l.widths = layoutColumns(l.spec.columns, w-2)
	l.input.SetWidth(max(w-4, 1))
	l.scrollToCursor()
}

// count is the number of rows that pass the filter.
func (l *pagedList[T]) count() int {
	if l.visible != nil {
		return len(l.visible)
	}
	return len(l.items)
}

func (l *pagedList[T]) at(pos int) T {
	if l.visible != nil {
		return l.items[l.visible[pos]]
	}
	return l.items[pos]
}

// selected is the row under the cursor.
func (l *pagedList[T]) selected() (T, bool) {
	var zero T
	if l.cursor < 0 || l.cursor >= l.count() || !l.rowLoaded(l.cursor) {
		return zero, false
	}
	return l.at(l.cursor), true
}

func (l pagedList[T]) Update(msg tea.Msg) (pagedList[T], tea.Cmd) {
	switch msg := msg.(type) {
	case pageLoadedMsg[T]:
		return l.loadedPage(msg)
	case tea.KeyPressMsg:
		return l.key(msg)
	}
	if l.filtering {
		var cmd tea.Cmd
		l.input, cmd = l.input.Update(msg)
		return l, cmd
	}
	return l, nil
}

// claimsKeys is true while the filter input or a question is open.
func (l *pagedList[T]) claimsKeys() bool { return l.filtering || l.confirm }

func (l pagedList[T]) loadedPage(msg pageLoadedMsg[T]) (pagedList[T], tea.Cmd) {
	// Results reach a list by its id (routeList, gatewayView); an older
	// request's answer is dropped here.
	if msg.seq != l.seq {
		return l, nil
	}
	l.loading = false
	if msg.err != nil {
		l.err = msg.err
		l.refresh, l.loadAll, l.replaceFrom = nil, false, -1
		return l, nil
	}
	l.err = nil
	l.loaded = true
	l.loadedAt = l.c.now()
	if msg.placed {
		return l.placedPage(msg)
	}
	if from := l.replaceFrom; from >= 0 {
		// A watch refresh of the visible pages: same rows, new state.
		l.replaceFrom = -1
		n := min(len(msg.page.Items), len(l.items)-from)
		l.track(l.items[from:from+n], msg.page.Items[:n])
		copy(l.items[from:], msg.page.Items[:n])
		l.markLoaded(from, n)
		l.total = msg.page.Total
		l.applyFilter()
		l.clampCursor()
		return l, l.fetchMoreIfNear()
	}
	l.more, l.next, l.total = msg.page.More, msg.page.Next, msg.page.Total
	if r := l.refresh; r != nil {
		r.items = append(r.items, msg.page.Items...)
		if l.more && len(r.items) < r.want {
			return l, l.fetch(l.next)
		}
		l.track(l.items, r.items)
		if !l.more {
			r.items = l.keepGone(l.items, r.items)
		}
		l.items, l.refresh = r.items, nil
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
	l.items = append(l.items, msg.page.Items...)
	l.applyFilter()
	l.clampCursor()
	if l.loadAll && l.more {
		return l, l.fetch(l.next)
	}
	l.loadAll = false
	return l, l.fetchMoreIfNear()
}

// fetchMoreIfNear asks for the next page when the cursor is within one
// screen of the last loaded row. A filtered list does not page by itself:
// the footer offers to load everything instead.
func (l *pagedList[T]) fetchMoreIfNear() tea.Cmd {
	if l.have != nil {
		return l.fetchMissingNear()
	}
	if !l.more || l.loading || l.refresh != nil || l.query != "" {
		return nil
	}
	if l.count()-1-l.cursor < l.height {
		return l.fetch(l.next)
	}
	return nil
}

func (l pagedList[T]) key(msg tea.KeyPressMsg) (pagedList[T], tea.Cmd) {
	k := l.c.keys
	if l.confirm {
		switch {
		case key.Matches(msg, k.Confirm.Yes):
			l.confirm, l.loadAll = false, true
			if l.have != nil {
				return l, l.fetchMissing(0, len(l.items))
			}
			if !l.loading {
				return l, l.fetch(l.next)
			}
		case key.Matches(msg, k.Confirm.No):
			l.confirm = false
		}
		return l, nil
	}
	if l.filtering {
		switch {
		case key.Matches(msg, k.Input.Apply):
			l.filtering = false
			l.input.Blur()
			return l, nil
		case key.Matches(msg, k.Input.Cancel):
			l.filtering = false
			l.input.Blur()
			l.input.SetValue("")
			l.setQuery("")
			return l, l.fetchMoreIfNear()
		}
		var cmd tea.Cmd
		l.input, cmd = l.input.Update(msg)
		l.setQuery(l.input.Value())
		return l, cmd
	}
	switch {
	case key.Matches(msg, k.List.Up):
		l.move(-1)
	case key.Matches(msg, k.List.Down):
		l.move(1)
	case key.Matches(msg, k.List.PageUp):
		l.move(-l.height)
	case key.Matches(msg, k.List.PageDown):
		if l.canJump(l.cursor + l.height) {
			return l, l.jumpTo(l.cursor + l.height)
		}
		l.move(l.height)
	case key.Matches(msg, k.List.Top):
		l.cursor = 0
		l.scrollToCursor()
	case key.Matches(msg, k.List.Bottom):
		if l.canJump(l.total - 1) {
			return l, l.jumpTo(l.total - 1)
		}
		l.cursor = l.count() - 1
		l.clampCursor()
	case key.Matches(msg, k.List.Filter):
		l.filtering = true
		l.input.SetValue(l.query)
		l.input.CursorEnd()
		return l, l.input.Focus()
	case key.Matches(msg, k.List.LoadAll):
		if l.more || l.have != nil {
			l.confirm = true
		}
		return l, nil
	case key.Matches(msg, k.List.HideGone) && l.spec.isGone != nil:
		l.hideGone = !l.hideGone
		l.setQuery(l.query)
		return l, nil
	case key.Matches(msg, k.List.Sort) && l.spec.order != nil:
		l.sorted, l.sortCol = !l.sorted, 0
		l.setQuery(l.query)
		return l, nil
	case key.Matches(msg, k.List.SortColumn) && l.sortByLetter([]rune(msg.String())[0]):
		return l, nil
	case key.Matches(msg, k.Global.Back) && l.query != "":
		l.input.SetValue("")
		l.setQuery("")
	default:
		return l, nil
	}
	return l, l.fetchMoreIfNear()
}

// handlesBack reports whether esc clears this list's filter rather than
// leaving the view.
func (l *pagedList[T]) handlesBack() bool { return l.filtering || l.confirm || l.query != "" }

func (l *pagedList[T]) move(delta int) {
	l.cursor += delta
	l.clampCursor()
}

func (l *pagedList[T]) clampCursor() {
	n := l.count()
	l.cursor = max(min(l.cursor, n-1), 0)
	l.scrollToCursor()
}

func (l *pagedList[T]) scrollToCursor() {
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+l.height {
		l.offset = l.cursor - l.height + 1
	}
	l.offset = max(min(l.offset, l.count()-l.height), 0)
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

// titles are the column titles, in order.
func (l *pagedList[T]) titles() []string {
	out := make([]string, len(l.spec.columns))
	for i, c := range l.spec.columns {
		out[i] = c.title
	}
	return out
}
