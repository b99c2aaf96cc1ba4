package tui

// Watching a list: in-place refresh of the visible pages, and what changed.

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
)

// listChanges is what refreshes saw change.
type listChanges struct {
	changed map[string]bool // rows whose state changed at the last refresh
	events  []changeEvent   // every change seen this session, oldest first
}

// changeEvent is one change seen by a refresh, for the session's timeline.
type changeEvent struct {
	at   time.Time
	id   string
	text string
}

// maxEvents bounds the timeline kept per list.
const maxEvents = 1000

// watchRefresh refreshes what is on screen for watch mode: the whole list
// when every row is loaded (so rows that vanished are seen), else only the
// pages that hold the visible rows, replaced in place, so the cursor and
// scroll position never jump and a long list costs one or two calls.
func (l *pagedList[T]) watchRefresh() tea.Cmd {
	if l.loading || !l.loaded {
		return nil
	}
	size := l.pageSizeUsed
	if !l.more || l.visible != nil || size <= 0 || l.next.Token() != "" || len(l.items) == 0 {
		return l.reload()
	}
	first := l.offset / size
	last := min((l.offset+l.height-1)/size, (len(l.items)-1)/size)
	l.mode, l.replaceFrom = modeReplace, first*size
	l.seq++
	l.loading = true
	id, seq, ctx, fetch := l.id, l.seq, l.ctx, l.spec.fetch
	return func() tea.Msg {
		var out api.Page[T]
		for p := first; p <= last; p++ {
			page, err := fetch(ctx, api.NumberCursor(p+1, size))
			if err != nil {
				return pageLoadedMsg[T]{list: id, seq: seq, err: err}
			}
			out.Items = append(out.Items, page.Items...)
			out.Total, out.More, out.Next = page.Total, page.More, page.Next
		}
		return pageLoadedMsg[T]{list: id, seq: seq, page: out}
	}
}

// track compares rows before and after a refresh: marks the rows whose
// state changed and records how, for the timeline.
func (l *pagedList[T]) track(before, after []T) {
	if l.spec.state == nil {
		return
	}
	l.changed = map[string]bool{}
	old := make(map[string]T, len(before))
	for _, it := range before {
		old[l.spec.id(it)] = it
	}
	now := l.c.now()
	for _, it := range after {
		id := l.spec.id(it)
		o, ok := old[id]
		if !ok || l.spec.state(o) == l.spec.state(it) {
			continue
		}
		l.changed[id] = true
		if l.spec.describe != nil {
			for _, text := range l.spec.describe(o, it) {
				l.events = append(l.events, changeEvent{at: now, id: id, text: text})
			}
		}
	}
	if n := len(l.events); n > maxEvents {
		l.events = append(l.events[:0], l.events[n-maxEvents:]...)
	}
}

// keepGone appends the rows of before that are missing from after, as the
// spec's gone marks them.
func (l *pagedList[T]) keepGone(before, after []T) []T {
	if l.spec.gone == nil {
		return after
	}
	present := make(map[string]bool, len(after))
	for _, it := range after {
		present[l.spec.id(it)] = true
	}
	now := l.c.now()
	for _, it := range before {
		if present[l.spec.id(it)] {
			continue
		}
		if kept, ok := l.spec.gone(it, now); ok {
			after = append(after, kept)
		}
	}
	return after
}

// goneCount is how many loaded rows are marked gone.
func (l *pagedList[T]) goneCount() int {
	if l.spec.isGone == nil {
		return 0
	}
	n := 0
	for _, it := range l.items {
		if l.spec.isGone(it) {
			n++
		}
	}
	return n
}
