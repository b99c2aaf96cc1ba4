package tui

import (
	"context"
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

	items []T // the loaded rows, in the service's order

	// The parts, one job each; their fields are promoted.
	listPager                    // fetching pages: what is asked, what came, what is next
	listFilter                   // which loaded rows show, and in which order
	listWindow                   // the cursor and the rows on screen
	listChanges                  // what refreshes saw change
	pending     *refreshState[T] // modeRefresh: the rows coming in, swapped in when complete
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
	return pagedList[T]{spec: spec, c: c, id: c.newID(), ctx: ctx, stop: stop,
		listPager:  listPager{total: -1},
		listFilter: listFilter{input: in, letters: sortLetters(spec.columns)}}
}

// close cancels this list's calls in flight: the user left it.
func (l *pagedList[T]) close() { l.stop() }

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

func (l pagedList[T]) key(msg tea.KeyPressMsg) (pagedList[T], tea.Cmd) {
	k := l.c.keys
	if l.confirm {
		switch {
		case key.Matches(msg, k.Confirm.Yes):
			l.confirm = false
			if l.mode == modeBrowse { // a refresh in flight goes first
				l.mode = modeLoadAll
			}
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
		// A token-paged list (no total, no page numbers) has no jump: load
		// on to its real end, then go there (issue 16 defect 3), rather than
		// one page per press.
		if l.more && l.total < 0 && l.have == nil && l.mode == modeBrowse {
			l.toBottom, l.mode = true, modeLoadAll
			if !l.loading {
				return l, l.fetch(l.next)
			}
		}
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

// titles are the column titles, in order.
func (l *pagedList[T]) titles() []string {
	out := make([]string, len(l.spec.columns))
	for i, c := range l.spec.columns {
		out[i] = c.title
	}
	return out
}
