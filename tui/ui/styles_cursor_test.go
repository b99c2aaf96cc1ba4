package ui

import (
	"strings"
	"testing"
)

// The cursor row is readable at every colour depth: reverse video, no
// background colour of its own to fall onto the text's colour when a
// 16-colour terminal (TERM=xterm) rounds both to cyan.
func TestCursorRowIsReverseVideo(t *testing.T) {
	for _, dark := range []bool{true, false} {
		out := NewStyles(dark).Selected.Render("› row")
		if !strings.Contains(out, "\x1b[1;7m") || strings.Contains(out, "48;") || strings.Contains(out, "38;") {
			t.Errorf("dark=%v: cursor row %q: want reverse video, no colours", dark, out)
		}
	}
}
