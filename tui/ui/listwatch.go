package ui

// Watching a list: in-place refresh of the visible pages, and what changed.

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
)

// listChanges is what refreshes saw change.
type listChanges struct {
	Changed map[string]bool // rows whose state changed at the last refresh
	Events  []ChangeEvent   // every change seen this session, oldest first
}

// ChangeEvent is one change seen by a refresh, for the session's timeline.
type ChangeEvent struct {
	At   time.Time
	ID   string
	Text string
}

// maxEvents bounds the timeline kept per list.
const maxEvents = 1000

// WatchRefresh refreshes what is on screen for watch mode: the whole list
// when every row is loaded (so rows that vanished are seen), else only the
// pages that hold the visible rows, replaced in place, so the cursor and
// scroll position never jump and a long list costs one or two calls.
func (l *PagedList[T]) WatchRefresh() tea.Cmd {
	if l.loading || !l.Loaded {
		return nil
	}
	size := l.PageSizeUsed
	if !l.More || l.visible != nil || size <= 0 || l.Next.Token() != "" || len(l.Items) == 0 {
		return l.Reload()
	}
	first := l.Offset / size
	last := min((l.Offset+l.Height-1)/size, (len(l.Items)-1)/size)
	l.mode, l.replaceFrom = modeReplace, first*size
	l.seq++
	l.loading = true
	id, seq, ctx, fetch := l.id, l.seq, l.Ctx, l.Spec.Fetch
	return func() tea.Msg {
		var out api.Page[T]
		for p := first; p <= last; p++ {
			page, err := fetch(ctx, api.NumberCursor(p+1, size))
			if err != nil {
				return PageLoadedMsg[T]{list: id, seq: seq, err: err}
			}
			out.Items = append(out.Items, page.Items...)
			out.Total, out.More, out.Next = page.Total, page.More, page.Next
		}
		return PageLoadedMsg[T]{list: id, seq: seq, page: out}
	}
}

// track compares rows before and after a refresh: marks the rows whose
// state changed and records how, for the timeline.
func (l *PagedList[T]) track(before, after []T) {
	if l.Spec.State == nil {
		return
	}
	l.Changed = map[string]bool{}
	old := make(map[string]T, len(before))
	for _, it := range before {
		old[l.Spec.ID(it)] = it
	}
	now := l.c.Now()
	for _, it := range after {
		id := l.Spec.ID(it)
		o, ok := old[id]
		if !ok || l.Spec.State(o) == l.Spec.State(it) {
			continue
		}
		l.Changed[id] = true
		if l.Spec.Describe != nil {
			for _, text := range l.Spec.Describe(o, it) {
				l.Events = append(l.Events, ChangeEvent{At: now, ID: id, Text: text})
			}
		}
	}
	if n := len(l.Events); n > maxEvents {
		l.Events = append(l.Events[:0], l.Events[n-maxEvents:]...)
	}
}

// keepGone appends the rows of before that are missing from after, as the
// spec's Gone marks them.
func (l *PagedList[T]) keepGone(before, after []T) []T {
	if l.Spec.Gone == nil {
		return after
	}
	present := make(map[string]bool, len(after))
	for _, it := range after {
		present[l.Spec.ID(it)] = true
	}
	now := l.c.Now()
	for _, it := range before {
		if present[l.Spec.ID(it)] {
			continue
		}
		if kept, ok := l.Spec.Gone(it, now); ok {
			after = append(after, kept)
		}
	}
	return after
}

// goneCount is how many loaded rows are marked gone.
func (l *PagedList[T]) goneCount() int {
	if l.Spec.IsGone == nil {
		return 0
	}
	n := 0
	for _, it := range l.Items {
		if l.Spec.IsGone(it) {
			n++
		}
	}
	return n
}
