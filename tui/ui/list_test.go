package ui_test

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// The paged list through the whole app, on a fake provider whose root is
// one list of 520 things paged by number (50 at most a call): keys in,
// screens and page calls out.

type listHarness struct {
	*tuitest.Harness
	calls *atomic.Int64
}

func newListHarness(t *testing.T, w, h, things int) *listHarness {
	t.Helper()
	calls := new(atomic.Int64)
	hr := tuitest.New(t, w, h, tui.Config{Providers: []ui.Provider{
		tuitest.Cloud{Label: "Fake", Home: "one", Things: things, Calls: calls}}})
	return &listHarness{Harness: hr, calls: calls}
}

// list is the root list as it is now (the app is a value: read it again
// after each key).
func (h *listHarness) list() *ui.PagedList[tuitest.Thing] {
	return &h.App.Panes()[0].(*tuitest.CloudRoot).List
}

func (h *listHarness) pages() int { return int(h.calls.Load()) }

func TestLazyPagingFetchesTheNextPageExactlyAtTheThreshold(t *testing.T) {
	h := newListHarness(t, 80, 24, 520)
	l := h.list()
	loaded, height := len(l.Items), l.Height
	if loaded != l.PageSizeUsed || loaded < 2*height {
		t.Fatalf("first page %d rows of %d asked for, for height %d", loaded, l.PageSizeUsed, height)
	}
	// The threshold: the cursor within one screen of the last loaded row.
	for range loaded - height - 1 {
		h.Keys("j")
	}
	if n := h.pages(); n != 1 {
		t.Fatalf("fetched early: %d calls with the cursor at %d of %d", n, h.list().Cursor, loaded)
	}
	// Hold the answer back: more moves must not ask again while it is out.
	h.Hold = func(m tea.Msg) bool { _, ok := m.(ui.PageLoadedMsg[tuitest.Thing]); return ok }
	h.Keys("j", "j", "j", "pgdown", "G")
	if n := h.pages(); n != 2 {
		t.Fatalf("%d calls; want exactly one more, and none while it is in flight", n)
	}
	h.MustShow("loading more…")
	h.Hold = nil
	cursor := h.list().Cursor
	for _, m := range h.Held {
		h.Send(m)
	}
	l = h.list()
	if len(l.Items) != 2*loaded || l.Cursor != cursor {
		t.Fatalf("after the page: %d rows, cursor %d (was %d)", len(l.Items), l.Cursor, cursor)
	}
	// The cursor sat at the old bottom, now mid-list: still within a
	// screen? Then exactly one more call followed; otherwise none.
	want := 2
	if len(l.Items)-1-l.Cursor < l.Height {
		want = 3
	}
	if n := h.pages(); n != want {
		t.Errorf("%d calls after the page arrived, want %d", n, want)
	}
}

// Two refreshes in a row whose first answer arrives last: the older
// answer changes nothing.
func TestAnOlderRefreshsAnswerIsDropped(t *testing.T) {
	h := newListHarness(t, 80, 24, 520)
	h.Hold = func(m tea.Msg) bool { _, ok := m.(ui.PageLoadedMsg[tuitest.Thing]); return ok }
	h.Keys("r", "r")
	if len(h.Held) != 2 {
		t.Fatalf("held %d answers", len(h.Held))
	}
	h.Hold = nil
	newer, older := h.Held[1], h.Held[0]
	h.Send(newer)
	if h.list().Refreshing() {
		t.Fatal("the newest refresh did not complete")
	}
	before := fmt.Sprint(h.list().Items)
	h.Send(older)
	if h.list().Refreshing() || fmt.Sprint(h.list().Items) != before {
		t.Fatal("an older answer changed the list")
	}
}

func TestRefreshKeepsTheCursorOnTheSameItem(t *testing.T) {
	h := newListHarness(t, 80, 24, 520)
	h.Keys("j", "j", "j", "j", "j")
	want, _ := h.list().Selected()
	before := h.pages()
	h.Keys("r")
	got, _ := h.list().Selected()
	if got != want || h.pages() != before+1 {
		t.Fatalf("cursor on %s after refresh, want %s", got.Name, want.Name)
	}
	// Deep in a long list, refresh reloads what was loaded and stays put.
	for range 60 {
		h.Keys("j")
	}
	want, _ = h.list().Selected()
	h.Keys("r")
	if got, _ := h.list().Selected(); got != want {
		t.Fatalf("cursor on %s after refresh, want %s", got.Name, want.Name)
	}
}

func TestFilterAndLoadAll(t *testing.T) {
	h := newListHarness(t, 80, 24, 520)
	h.Keys("/", "text:down")
	h.MustShow("/down")
	// While the filter input is open, q and esc edit it rather than quit
	// or leave.
	h.Keys("text:q")
	if h.Quit {
		t.Fatal("q quit while typing a filter")
	}
	h.Keys("backspace", "enter")
	l := h.list()
	if l.Count() == 0 || l.Count() >= len(l.Items) {
		t.Fatalf("filter kept %d of %d", l.Count(), len(l.Items))
	}
	for pos := range l.Count() {
		if !strings.Contains(strings.ToLower(l.Spec.Text(l.At(pos))), "down") {
			t.Fatalf("row %d does not match", pos)
		}
	}
	h.MustShow(fmt.Sprintf("filter \"down\": %d match", l.Count()), "L load all")
	calls := h.pages()
	h.Keys("L")
	rows, n := h.list().RemainingCalls()
	h.MustShow(fmt.Sprintf("Load the remaining %d Fake things in %d calls?", rows, n))
	h.Keys("y")
	if got := h.pages() - calls; got != n {
		t.Errorf("load all took %d calls, announced %d", got, n)
	}
	l = h.list()
	if len(l.Items) != 520 || l.More {
		t.Fatalf("after load all: %d rows, more=%v", len(l.Items), l.More)
	}
	h.Keys("esc")
	if h.list().Query != "" || h.list().HandlesBack() {
		t.Fatal("esc should clear the filter, and the next esc is the view's")
	}
}

// G fetches the last page directly: the last thing is on screen after one
// more call. Scrolling up fetches the rows in between as they come into
// view; scrolling over loaded rows never fetches them again.
func TestBottomJumpsToTheLastPageInOneCall(t *testing.T) {
	h := newListHarness(t, 80, 24, 520)
	l := h.list()
	size := l.PageSizeUsed
	if l.Total != 520 || len(l.Items) != size {
		t.Fatalf("before G: %d of %d rows", len(l.Items), l.Total)
	}
	h.Keys("G")
	if n := h.pages(); n != 2 {
		t.Fatalf("G made %d calls, want 1", n-1)
	}
	h.MustShow("520/520", "› Fake-thing-520")
	if last, ok := h.list().Selected(); !ok || last.Name != "Fake-thing-520" {
		t.Fatalf("cursor on %q", last.Name)
	}
	l = h.list()
	if got := l.LoadedCount(); got > 2*max(size, l.Spec.MaxPage) {
		t.Fatalf("%d rows loaded after G", got)
	}

	// Scrolling up: the rows above are fetched before they are on screen
	// (no placeholder ever shows), one page per call.
	before := h.pages()
	for range 3 * l.Height {
		h.Keys("k")
		h.MustNotShow("  …")
	}
	if n := h.pages() - before; n < 1 || n > 3 {
		t.Fatalf("scrolling up three screens made %d calls", n)
	}
	// Back down over loaded rows: nothing is fetched again.
	before = h.pages()
	h.Keys("G", "g", "G")
	if n := h.pages() - before; n != 0 {
		t.Fatalf("moving over loaded rows made %d calls", n)
	}
	// g is the top, loaded from the start.
	h.Keys("g")
	h.MustShow("› Fake-thing-001")
}

// L after a jump loads every missing page, and the list is whole again.
func TestLoadAllAfterAJumpFillsTheGaps(t *testing.T) {
	h := newListHarness(t, 80, 24, 520)
	h.Keys("G", "L", "y")
	l := h.list()
	if l.Have != nil || len(l.Items) != 520 || l.LoadedCount() != 520 {
		t.Fatalf("after L: %d rows, %d loaded, gaps %v", len(l.Items), l.LoadedCount(), l.Have != nil)
	}
	seen := map[string]bool{}
	for _, r := range l.Items {
		if seen[r.Name] || r.Name == "" {
			t.Fatalf("row %q twice or empty", r.Name)
		}
		seen[r.Name] = true
	}
	pages := (520 + l.PageSizeUsed - 1) / l.PageSizeUsed
	if n := h.pages(); n != pages {
		t.Fatalf("%d calls for %d pages: a page was fetched twice", n, pages)
	}
}

// Shift and a column's letter sorts the loaded rows by it; again reverses;
// :sort NAME does the same; o (worst first) and a column order replace
// each other.
func TestSortByColumn(t *testing.T) {
	h := newListHarness(t, 120, 30, 520)
	h.Keys("N")
	h.MustShow("sorted by NAME ↑ (⇧N)")
	names := func() []string {
		l := h.list()
		var out []string
		for pos := range l.Count() {
			out = append(out, l.At(pos).Name)
		}
		return out
	}
	got := names()
	if !slices.IsSorted(got) {
		t.Fatalf("not sorted by name: %v", got[:5])
	}
	h.Keys("N")
	h.MustShow("sorted by NAME ↓")
	if d := names(); d[0] != got[len(got)-1] {
		t.Fatalf("reversed starts with %q, want %q", d[0], got[len(got)-1])
	}
	h.Keys(":", "text:sort state", "enter")
	h.MustShow("sorted by STATE ↑ (⇧S)")
	h.Keys(":", "text:sort colour", "enter")
	h.MustShow(`no column "colour" here; try name, state`)

	h.Keys("o")
	h.MustShow("worst first of the ")
	h.MustNotShow("sorted by STATE")
	h.Keys("N")
	h.MustShow("sorted by NAME ↑")
	h.MustNotShow("worst first of the ")
}

func TestSortWorstFirstKeepsTheCursorOnItsRow(t *testing.T) {
	h := newListHarness(t, 80, 24, 520)
	h.Keys("j", "j") // Fake-thing-003, up
	h.Keys("o")
	l := h.list()
	if sel, _ := l.Selected(); sel.Name != "Fake-thing-003" {
		t.Fatalf("cursor moved to %s", sel.Name)
	}
	for pos := 1; pos < l.Count(); pos++ {
		if l.Spec.Order(l.At(pos-1), l.At(pos)) > 0 {
			t.Fatalf("row %d is worse than row %d", pos, pos-1)
		}
	}
	h.Keys("g")
	h.MustShow("worst first of the ", " loaded (o) · L loads all")
	if first, _ := h.list().Selected(); first.State != "down" {
		t.Fatalf("top row is %v", first.State)
	}
	h.Keys("o")
	h.MustNotShow("worst first of the")
}

// Refreshing a list whose every row is loaded says so, never "4 of 4
// loaded · loading more…" (walkthrough, issue 28's spirit).
func TestRefreshOfAWholeListDoesNotClaimToLoadMore(t *testing.T) {
	h := newListHarness(t, 80, 24, 4)
	h.MustShow("4 of 4 loaded")
	h.Hold = func(m tea.Msg) bool { _, ok := m.(ui.PageLoadedMsg[tuitest.Thing]); return ok }
	h.Keys("r")
	if len(h.Held) != 1 {
		t.Fatalf("held %d answers", len(h.Held))
	}
	h.MustShow("4 of 4 loaded", "refreshing…")
	h.MustNotShow("loading more")
}
