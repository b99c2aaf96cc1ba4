package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// scroller shows a window of prepared lines and scrolls it with the
// detail keys. Bubbles' viewport keeps the scroll position and does the
// paging arithmetic; the visible lines are drawn here, because viewport's
// View cuts a long line without marking it and pads the block through a
// lipgloss render (measured: see BENCHMARKS.md). The lines are built when
// data or width change, not in View; the last row says where we are when
// the text is longer than the screen.
type scroller struct {
	c      *common
	vp     viewport.Model
	lines  []string
	width  int
	height int
}

func (s *scroller) setLines(lines []string) {
	s.lines = lines
	s.vp.SetContentLines(lines)
	s.layout()
}

func (s *scroller) setSize(w, h int) {
	s.width, s.height = w, max(h, 1)
	s.layout()
}

// layout sizes the viewport: one row goes to the position line when the
// text is longer than the screen.
func (s *scroller) layout() {
	h := s.height
	if len(s.lines) > s.height {
		h = max(s.height-1, 1)
	}
	s.vp.SetWidth(max(s.width, 1))
	s.vp.SetHeight(h)
	s.vp.SetYOffset(s.vp.YOffset()) // clamps to the new size
}

// scrollTo puts line n at the top, as far as the text allows.
func (s *scroller) scrollTo(n int) { s.vp.SetYOffset(n) }

// scroll handles a scroll key and reports whether it was one.
func (s *scroller) scroll(msg tea.KeyPressMsg) bool {
	k := s.c.keys.Detail
	switch {
	case key.Matches(msg, k.Up):
		s.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		s.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		s.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		s.vp.PageDown()
	case key.Matches(msg, k.Top):
		s.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		s.vp.GotoBottom()
	default:
		return false
	}
	return true
}

// View renders exactly height lines of exactly width cells.
func (s scroller) View() string {
	var b strings.Builder
	from, h := s.vp.YOffset(), s.vp.Height()
	for i := range h {
		line := ""
		if from+i < len(s.lines) {
			line = s.lines[from+i]
		}
		b.WriteString(fit(line, s.width))
		b.WriteByte('\n')
	}
	if len(s.lines) > s.height {
		end := min(from+h, len(s.lines))
		b.WriteString(s.c.styles.Dim.Render(fit(fmt.Sprintf("  lines %d-%d of %d · j/k scroll", from+1, end, len(s.lines)), s.width)))
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}
