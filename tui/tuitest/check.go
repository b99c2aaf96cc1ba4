package tuitest

import (
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/vpnscope/vpnscope/tui/ui"
)

// CheckFrame fails the test unless the app's frame is exactly the
// window's size: h lines, each exactly w cells wide (so none overflows
// the width and nothing is left of an earlier, larger frame).
func CheckFrame(t testing.TB, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Fatalf("frame has %d lines for height %d", len(lines), h)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) != w {
			t.Fatalf("a line is %d wide for width %d: %q", ansi.StringWidth(l), w, ansi.Strip(l))
		}
	}
}

// CheckCursor fails the test unless the list's cursor is on one of its
// rows (0 when it has none) and on screen.
func CheckCursor[T any](t testing.TB, l *ui.PagedList[T]) {
	t.Helper()
	n := l.Count()
	if (n == 0 && l.Cursor != 0) || (n > 0 && (l.Cursor < 0 || l.Cursor >= n)) {
		t.Fatalf("cursor %d outside %d rows", l.Cursor, n)
	}
	if l.Offset < 0 || (n > 0 && l.Offset > l.Cursor) || l.Cursor >= l.Offset+l.Height && n > 0 {
		t.Fatalf("cursor %d not on screen (offset %d, height %d)", l.Cursor, l.Offset, l.Height)
	}
}

// FilterMisses lists the words rows show (every titled column but SINCE,
// words with a letter or digit) that the list's filter text lacks: what
// / would not find though it is on screen. "COLUMN: word" each.
func FilterMisses[T any](spec *ui.ListSpec[T], rows []T) []string {
	var missing []string
	for _, row := range rows {
		text := strings.ToLower(spec.Text(row))
		for _, col := range spec.Columns {
			if col.Title == "" || col.Title == "SINCE" {
				continue
			}
			for _, w := range strings.Fields(col.Cell(row)) {
				if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
					continue // "-", "·"
				}
				if !strings.Contains(text, strings.ToLower(w)) {
					missing = append(missing, col.Title+": "+w)
				}
			}
		}
	}
	return missing
}
