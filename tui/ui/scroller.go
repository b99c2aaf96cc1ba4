package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// Scroller shows a window of prepared lines and scrolls it with the
// detail keys. Bubbles' viewport keeps the scroll position and does the
// paging arithmetic; the visible lines are drawn here, because viewport's
// View cuts a long line without marking it and pads the block through a
// lipgloss render (measured: see BENCHMARKS.md). The lines are built when
// data or width change, not in View; the last row says where we are when
// the text is longer than the screen.
type Scroller struct {
	C      *Common
	vp     viewport.Model
	Lines  []string
	Width  int
	Height int
}

func (s *Scroller) SetLines(lines []string) {
	s.Lines = lines
	s.vp.SetContentLines(lines)
	s.layout()
}

func (s *Scroller) SetSize(w, h int) {
	s.Width, s.Height = w, max(h, 1)
	s.layout()
}

// layout sizes the viewport: one row goes to the position line when the
// text is longer than the screen.
func (s *Scroller) layout() {
	h := s.Height
	if len(s.Lines) > s.Height {
		h = max(s.Height-1, 1)
	}
	s.vp.SetWidth(max(s.Width, 1))
	s.vp.SetHeight(h)
	s.vp.SetYOffset(s.vp.YOffset()) // clamps to the new size
}

// ScrollTo puts line n at the top, as far as the text allows.
func (s *Scroller) ScrollTo(n int) { s.vp.SetYOffset(n) }

// Scroll handles a scroll key and reports whether it was one.
func (s *Scroller) Scroll(msg tea.KeyPressMsg) bool {
	k := s.C.Keys.Detail
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
func (s Scroller) View() string {
	var b strings.Builder
	from, h := s.vp.YOffset(), s.vp.Height()
	for i := range h {
		line := ""
		if from+i < len(s.Lines) {
			line = s.Lines[from+i]
		}
		b.WriteString(Fit(line, s.Width))
		b.WriteByte('\n')
	}
	if len(s.Lines) > s.Height {
		end := min(from+h, len(s.Lines))
		b.WriteString(s.C.Styles.Dim.Render(Fit(fmt.Sprintf("  lines %d-%d of %d · j/k scroll", from+1, end, len(s.Lines)), s.Width)))
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}
