package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// scroller shows a window of prepared lines and scrolls it with the
// detail keys. The lines are built when data or width change, not in View.
type scroller struct {
	c      *common
	lines  []string
	offset int
	width  int
	height int
}

func (s *scroller) setLines(lines []string) {
	s.lines = lines
	s.clamp()
}

func (s *scroller) setSize(w, h int) {
	s.width, s.height = w, max(h, 1)
	s.clamp()
}

// window is how many text lines fit: one row goes to the position line
// when the text is longer than the screen.
func (s *scroller) window() int {
	if len(s.lines) > s.height {
		return max(s.height-1, 1)
	}
	return s.height
}

func (s *scroller) clamp() {
	s.offset = max(min(s.offset, len(s.lines)-s.window()), 0)
}

// scroll handles a scroll key and reports whether it was one.
func (s *scroller) scroll(msg tea.KeyPressMsg) bool {
	k := s.c.keys.Detail
	switch {
	case key.Matches(msg, k.Up):
		s.offset--
	case key.Matches(msg, k.Down):
		s.offset++
	case key.Matches(msg, k.PageUp):
		s.offset -= s.window()
	case key.Matches(msg, k.PageDown):
		s.offset += s.window()
	case key.Matches(msg, k.Top):
		s.offset = 0
	case key.Matches(msg, k.Bottom):
		s.offset = len(s.lines)
	default:
		return false
	}
	s.clamp()
	return true
}

// View renders exactly height lines; the last says where we are when the
// text is longer than the window.
func (s scroller) View() string {
	var b strings.Builder
	h := s.window()
	more := len(s.lines) > s.height
	for i := range h {
		line := ""
		if s.offset+i < len(s.lines) {
			line = s.lines[s.offset+i]
		}
		b.WriteString(fit(line, s.width))
		b.WriteByte('\n')
	}
	if more {
		end := min(s.offset+h, len(s.lines))
		b.WriteString(s.c.styles.Dim.Render(fit(fmt.Sprintf("  lines %d-%d of %d · j/k scroll", s.offset+1, end, len(s.lines)), s.width)))
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}
