package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"
)

// PagedList is the shared, virtualized, lazily paged list. It knows
// nothing of VPNs: a ListSpec tells it the columns, identity, filter text
// and how to fetch a page, so any provider's resources can use it.
//
// Paging rules: opening fetches one page sized to the screen; the next page
// is fetched when the cursor comes within one screen of the last loaded
// row, never twice; a response for another list or an older request is
// dropped. Rendering costs O(visible rows).
type PagedList[T any] struct {
	Spec *ListSpec[T]
	c    *Common
	id   int
	Ctx  context.Context
	stop context.CancelFunc

	Items []T // the loaded rows, in the service's order

	// The parts, one job each; their fields are promoted.
	listPager                    // fetching pages: what is asked, what came, what is next
	listFilter                   // which loaded rows show, and in which order
	listWindow                   // the cursor and the rows on screen
	listChanges                  // what refreshes saw change
	listWidths                   // each column's widest cell so far
	pending     *refreshState[T] // modeRefresh: the rows coming in, swapped in when complete
}

// What tabs ask of it: a renamed method fails here, not silently.
var _ ListPane = (*PagedList[struct{}])(nil)

// ListSpec describes one kind of row.
type ListSpec[T any] struct {
	Noun    string // plural, for counts and empty states: "VPN gateways"
	Columns []Column[T]
	ID      func(T) string
	Text    func(T) string // what the filter searches
	// More is what else the filter searches, asked only of rows text
	// does not match (a connection unpacks for its peer IPs and every
	// subnet): the fields of its details, never a secret.
	More    func(T) string
	Fetch   func(ctx context.Context, c api.Cursor) (api.Page[T], error)
	MaxPage int           // the action's page size limit
	Empty   func() string // what an empty list says

	// Optional, for watching. state is what a refresh compares: rows whose
	// state changed are marked, and describe says how, for the timeline.
	State    func(T) string
	Describe func(old, new T) []string
	// Gone keeps a row that vanished at a refresh, marked gone (false drops
	// it); IsGone tells such rows, which x hides.
	Gone   func(old T, at time.Time) (T, bool)
	IsGone func(T) bool
	// Order, when set, lets o show the loaded rows worst first.
	Order func(a, b T) int
	// Note, when set and not empty, is said in the footer: what a column
	// waits for ("CONNS: P checks").
	Note func() string
	// Detail is what d (or enter, where nothing opens) shows of a row, and
	// the id y copies.
	Detail func(T) (title, id string, fields []Field)
}

type Column[T any] struct {
	Title string
	Width int // 0 means flexible: takes the room the others leave
	Min   int // a flexible column's smallest width
	// Max is the most a column can use (its longest likely value): a wide
	// screen gives its room to the columns below their max before the
	// flexible one grows past its own. 0: a fixed column keeps its width,
	// a flexible one takes whatever is left.
	Max   int
	Cell  func(T) string
	Paint func(*Styles, T, string) string // optional: style the fitted cell
	// Match says whether a `column:value` filter term holds (default: the
	// cell contains value, any case); "phase:2" means phase 2 failed.
	Match func(T, string) bool
	// Compare, when set, orders the column (⇧ its letter, :sort) instead
	// of its text: a health mark and a count ("○ 0/2", "◐ 1/2") sort by
	// health, worst first, as o does, not by the mark's code point.
	Compare func(a, b T) int
}

func NewPagedList[T any](c *Common, spec *ListSpec[T]) PagedList[T] {
	ctx, stop := context.WithCancel(c.Ctx)
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter"
	// A steady cursor: a blinking one redraws twice a second, which is
	// wasted traffic over a slow SSH link.
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return PagedList[T]{Spec: spec, c: c, id: c.NewID(), Ctx: ctx, stop: stop,
		listPager:  listPager{Total: -1},
		listFilter: listFilter{input: in, letters: sortLetters(spec.Columns)}}
}

// Close cancels this list's calls in flight: the user left it.
func (l *PagedList[T]) Close() { l.stop() }

func (l *PagedList[T]) SetSize(w, h int) {
	l.width, l.Height = w, max(h, 1)
	l.input.SetWidth(max(w-4, 1))
	l.ScrollToCursor()
}

// Count is the number of rows that pass the filter.
func (l *PagedList[T]) Count() int {
	if l.visible != nil {
		return len(l.visible)
	}
	return len(l.Items)
}

func (l *PagedList[T]) At(pos int) T {
	if l.visible != nil {
		return l.Items[l.visible[pos]]
	}
	return l.Items[pos]
}

// Selected is the row under the cursor.
func (l *PagedList[T]) Selected() (T, bool) {
	var zero T
	if l.Cursor < 0 || l.Cursor >= l.Count() || !l.rowLoaded(l.Cursor) {
		return zero, false
	}
	return l.At(l.Cursor), true
}

func (l PagedList[T]) Update(msg tea.Msg) (PagedList[T], tea.Cmd) {
	switch msg := msg.(type) {
	case PageLoadedMsg[T]:
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

// ClaimsKeys is true while the filter input or a question is open.
func (l *PagedList[T]) ClaimsKeys() bool { return l.filtering || l.confirm }

func (l PagedList[T]) key(msg tea.KeyPressMsg) (PagedList[T], tea.Cmd) {
	k := l.c.Keys
	if l.confirm {
		switch {
		case key.Matches(msg, k.Confirm.Yes):
			l.confirm = false
			if l.mode == modeBrowse { // a refresh in flight goes first
				l.mode = modeLoadAll
			}
			if l.Have != nil {
				return l, l.fetchMissing(0, len(l.Items))
			}
			if !l.loading {
				return l, l.Fetch(l.Next)
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
			cmd := l.FetchMoreIfNear()
			return l, cmd // the call first: it changes l
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
		l.move(-l.Height)
	case key.Matches(msg, k.List.PageDown):
		if l.canJump(l.Cursor + l.Height) {
			return l, l.jumpTo(l.Cursor + l.Height)
		}
		l.move(l.Height)
	case key.Matches(msg, k.List.Top):
		l.Cursor = 0
		l.ScrollToCursor()
	case key.Matches(msg, k.List.Bottom):
		if l.canJump(l.Total - 1) {
			return l, l.jumpTo(l.Total - 1)
		}
		l.Cursor = l.Count() - 1
		l.clampCursor()
		// A token-paged list (no total, no page numbers) has no jump: load
		// on to its real end, then go there (issue 16 defect 3), rather than
		// one page per press.
		if l.More && l.Total < 0 && l.Have == nil && l.mode == modeBrowse {
			l.toBottom, l.mode = true, modeLoadAll
			if !l.loading {
				return l, l.Fetch(l.Next)
			}
		}
	case key.Matches(msg, k.List.Filter):
		l.filtering = true
		l.input.SetValue(l.Query)
		l.input.CursorEnd()
		return l, l.input.Focus()
	case key.Matches(msg, k.List.LoadAll):
		if l.More || l.Have != nil {
			l.confirm = true
		}
		return l, nil
	case key.Matches(msg, k.List.HideGone) && l.Spec.IsGone != nil:
		l.hideGone = !l.hideGone
		l.setQuery(l.Query)
		return l, nil
	case key.Matches(msg, k.List.Sort) && l.Spec.Order != nil:
		l.sorted, l.sortCol = !l.sorted, 0
		l.setQuery(l.Query)
		return l, nil
	case key.Matches(msg, k.List.SortColumn) && l.sortByLetter([]rune(msg.String())[0]):
		return l, nil
	case key.Matches(msg, k.Global.Back) && l.Query != "":
		l.input.SetValue("")
		l.setQuery("")
	default:
		return l, nil
	}
	cmd := l.FetchMoreIfNear()
	return l, cmd // the call first: it changes l
}

// ListKeys are the list's own keys that work on it: filter and load all,
// o where it has a worst-first order, x where it keeps gone rows. Help
// lists them, so the root never calls a key that worked "not on this
// screen".
func (l *PagedList[T]) ListKeys(k keymap.KeyMap) []key.Binding {
	out := []key.Binding{k.List.Filter, k.List.LoadAll}
	if l.Spec.Order != nil {
		out = append(out, k.List.Sort)
	}
	if l.Spec.IsGone != nil {
		out = append(out, k.List.HideGone)
	}
	return out
}

// HandlesBack reports whether esc clears this list's filter rather than
// leaving the view.
func (l *PagedList[T]) HandlesBack() bool { return l.filtering || l.confirm || l.Query != "" }

// Titles are the column titles, in order.
func (l *PagedList[T]) Titles() []string {
	out := make([]string, len(l.Spec.Columns))
	for i, c := range l.Spec.Columns {
		out[i] = c.Title
	}
	return out
}
