package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/keymap"
)

// LogView is a log read one time window at a time, newest first: + and -
// widen and narrow the window; refreshing reads the window again ending
// now, so watch tails it; / searches the lines read; under the list, the
// selected line whole and what it likely means, wrapped, and d shows them
// in a view that scrolls. A provider's log pane embeds it and says how to
// read a window and what a line means.
type LogView[T any] struct {
	ListBase[T]
	c       *Common
	title   string // "Negotiation log"
	what    string // whose log: "connection to-beijing"
	window  int    // index into LogWindows
	to      time.Time
	read    func(span time.Duration, to time.Time) PagedList[T]
	explain func(row T) (line, meaning string)
	// Hint names keys the title mentions beyond +/-: " · / user".
	Hint   string
	width  int
	height int
	// room is the lines under the list for the selected row: at least
	// LogAnnotationLines, grown (never shrunk while the view lives, so the
	// list does not jump as the cursor moves) to fit a longer explanation,
	// up to a third of the view.
	room int
}

// NewLogView reads the window LogWindows[window] ending now: read builds
// the list of a window (its spec fetches it), explain gives the selected
// row's line whole and what it means ("" when nothing is known).
func NewLogView[T any](c *Common, title, what string, window int, read func(span time.Duration, to time.Time) PagedList[T],
	explain func(row T) (line, meaning string)) LogView[T] {
	v := LogView[T]{c: c, title: title, what: what, window: window, to: c.Now(), read: read, explain: explain, room: LogAnnotationLines}
	v.List = read(v.Span(), v.to)
	return v
}

// Span is the window's length.
func (v *LogView[T]) Span() time.Duration { return LogWindows[v.window] }

// SetSize leaves room for the title and the annotation under the list.
func (v *LogView[T]) SetSize(w, h int) {
	v.width, v.height = w, h
	v.room = min(v.room, v.maxRoom())
	v.List.SetSize(w, max(h-3-v.room, 1)) // title, list header, footer, annotation
}

// maxRoom is the most the annotation may take: a third of the view, and
// never less than its usual lines.
func (v *LogView[T]) maxRoom() int { return max(LogAnnotationLines, v.height/3) }

// fitRoom grows the annotation's room to what the selected row needs,
// within maxRoom.
func (v *LogView[T]) fitRoom() {
	need := len(v.annotation())
	if need > v.room && v.room < v.maxRoom() {
		v.room = min(need, v.maxRoom())
		v.List.SetSize(v.width, max(v.height-3-v.room, 1))
	}
}

func (v *LogView[T]) Handle(msg tea.Msg) tea.Cmd {
	cmd := v.handle(msg)
	v.fitRoom()
	return cmd
}

func (v *LogView[T]) handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !v.List.ClaimsKeys() {
		switch {
		case key.Matches(k, v.c.Keys.Logs.Widen):
			if v.window == len(LogWindows)-1 {
				return Flash("the window is as wide as it goes: " + ShortDuration(v.Span()))
			}
			return v.rewindow(v.window + 1)
		case key.Matches(k, v.c.Keys.Logs.Narrow):
			if v.window == 0 {
				return Flash("the window is as narrow as it goes: " + ShortDuration(v.Span()))
			}
			return v.rewindow(v.window - 1)
		}
	}
	return v.List.Handle(msg)
}

// rewindow reads the log over another window, ending now, keeping the
// search and the line under the cursor.
func (v *LogView[T]) rewindow(w int) tea.Cmd {
	old := v.List
	old.Close()
	v.window, v.to = w, v.c.Now()
	v.List = v.read(v.Span(), v.to)
	v.List.Carry(&old)
	v.SetSize(v.width, v.height)
	return v.List.Start()
}

// Refresh reads the window again ending now; watching tails the log.
func (v *LogView[T]) Refresh() tea.Cmd      { return v.rewindow(v.window) }
func (v *LogView[T]) WatchRefresh() tea.Cmd { return v.rewindow(v.window) }

func (v *LogView[T]) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Logs.Widen, k.Logs.Narrow, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}

func (v *LogView[T]) HelpGroups(k keymap.KeyMap) []keymap.Group {
	details := k.List.Details
	details.SetHelp("d", "the line and what it means, whole")
	return []keymap.Group{{Title: "Log", Bindings: []key.Binding{k.List.Up, k.List.Down, k.List.Top, k.List.Bottom,
		k.List.Filter, k.List.LoadAll, details, k.List.Copy, k.Logs.Widen, k.Logs.Narrow}}}
}

// Deliver hands a page to the list, then fits the annotation's room to
// the row now selected.
func (v *LogView[T]) Deliver(m ListMsg) (tea.Cmd, bool) {
	cmd, ok := v.ListBase.Deliver(m)
	if ok {
		v.fitRoom()
	}
	return cmd, ok
}

// Selection is what d shows of the selected line, in a view that scrolls:
// the line and what it means, whole; y copies the line.
func (v *LogView[T]) Selection() (title, id string, fields []Field, ok bool) {
	r, ok := v.List.Selected()
	if !ok {
		return "", "", nil, false
	}
	line, meaning := v.explain(r)
	fields = []Field{{Label: "Line", Value: line}}
	if meaning != "" {
		fields = append(fields, Field{Label: "What it means", Value: strings.TrimPrefix(meaning, "↳ ")})
	}
	return v.title, line, fields, true
}

// annotation is the selected row's lines under the list, wrapped.
func (v *LogView[T]) annotation() []string {
	r, ok := v.List.Selected()
	if !ok {
		return nil
	}
	line, meaning := v.explain(r)
	return LogAnnotation(v.c.Styles, line, meaning, v.width-4)
}

func (v *LogView[T]) View() string {
	s := v.c.Styles
	from := v.to.Add(-v.Span())
	layout := "15:04"
	if from.In(v.c.Loc).YearDay() != v.to.In(v.c.Loc).YearDay() {
		layout = "01-02 15:04" // a window over midnight says which day
	}
	title := fmt.Sprintf(" %s · last %s (%s–%s) · %s", s.Title.Render(v.title),
		ShortDuration(v.Span()), from.In(v.c.Loc).Format(layout), v.to.In(v.c.Loc).Format(layout), v.what)
	lines := []string{Fit(title+s.Dim.Render(" · +/- window"+v.Hint), v.width), v.List.View()}
	out := v.annotation()
	if len(out) > v.room {
		// Longer than a third of the screen: what fits, and where the
		// rest is, rather than a sentence stopped short.
		out = append(out[:v.room-1:v.room-1], s.Dim.Render("  … d shows it whole"))
	}
	for len(out) < v.room {
		out = append(out, "")
	}
	return strings.Join(append(lines, out...), "\n")
}

// LogAnnotation is the usual annotation: the line whole (two lines at
// most; d shows the rest), then what it means in the warning colour.
func LogAnnotation(s *Styles, line, meaning string, width int) []string {
	text := Wrap(line, width, "  ")
	out := text[:min(len(text), 2)]
	if meaning != "" {
		for _, w := range Wrap(meaning, width, "  ") {
			out = append(out, s.Warn.Render(w))
		}
	}
	return out
}
