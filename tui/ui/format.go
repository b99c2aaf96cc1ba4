package ui

import (
	"fmt"
	"github.com/vpnscope/vpnscope/api"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// Fit pads or cuts s (which may hold ANSI styles) to exactly w cells. A
// cut can come out a cell short (a 2-cell rune with one cell left before
// the "…" is dropped whole), so the cut is padded too: the next column
// starts at the same cell on a CJK row as on an ASCII one.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-ansi.StringWidth(s))
}

// Cut shortens s to at most w cells without padding.
func Cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		return ansi.Truncate(s, w, "…")
	}
	return s
}

// HumanBytes prints a byte count in binary units: 1.5 GiB.
func HumanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// Age and OrDash are api's: an age and an empty value read the same on
// every screen and in every line of output.
var (
	Age    = api.Age
	OrDash = api.OrDash
)

// Stamp prints a time in the viewer's zone.
func Stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

func YesNo(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func FirstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// Wrap breaks text into lines of at most w cells, each behind indent.
func Wrap(text string, w int, indent string) []string {
	w = max(w, 20)
	var out []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > w {
			out = append(out, indent+line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		out = append(out, indent+line)
	}
	return out
}

// WrapProse breaks a paragraph into lines of at most w cells as a
// sentence reads: a line after the first starts with hang (under the
// text after a "→ "), and the last line is never one word alone when the
// line above can give it a neighbour ("then press" / "r" reads as two
// fragments; "then" / "press r" as one sentence).
func WrapProse(text string, w int, hang string) []string {
	w = max(w, 20)
	words := strings.Fields(text)
	var lines [][]string
	width := func(ws []string) int { return ansi.StringWidth(strings.Join(ws, " ")) }
	room := func(i int) int { // line i's cells for words
		if i == 0 {
			return w
		}
		return w - ansi.StringWidth(hang)
	}
	for _, word := range words {
		if n := len(lines); n > 0 && width(lines[n-1])+1+ansi.StringWidth(word) <= room(n-1) {
			lines[n-1] = append(lines[n-1], word)
			continue
		}
		lines = append(lines, []string{word})
	}
	if n := len(lines); n > 1 && len(lines[n-1]) == 1 && len(lines[n-2]) > 2 {
		prev := lines[n-2]
		moved := append([]string{prev[len(prev)-1]}, lines[n-1]...)
		if width(moved) <= room(n-1) {
			lines[n-2], lines[n-1] = prev[:len(prev)-1], moved
		}
	}
	out := make([]string, len(lines))
	for i, ws := range lines {
		if i > 0 {
			out[i] = hang
		}
		out[i] += strings.Join(ws, " ")
	}
	return out
}

// StampAgo is a time as its clock time when it is today, else with its
// date.
func StampAgo(t time.Time, loc *time.Location, now time.Time) string {
	t = t.In(loc)
	if y, m, d := t.Date(); y == now.In(loc).Year() && m == now.In(loc).Month() && d == now.In(loc).Day() {
		return t.Format("15:04")
	}
	return t.Format("Jan 2 15:04")
}

// SinceCell is a finding's SINCE (the service's time, or when vpnscope
// first saw it so), with "~" when it flaps; "-" when nothing says.
func SinceCell(since *time.Time, flapping bool, loc *time.Location, now time.Time) string {
	if since == nil {
		return "-"
	}
	s := StampAgo(*since, loc, now)
	if flapping {
		s += " ~"
	}
	return s
}

// TooShort is what a screen shows in the room it has when it needs more
// rows than it has to show what keys act on: how many more it needs.
func TooShort(need, has int) string {
	more := need - has
	rows := "rows"
	if more == 1 {
		rows = "row"
	}
	return fmt.Sprintf("window too small: make it taller (needs %d more %s)", more, rows)
}
