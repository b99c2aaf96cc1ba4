package ui

import (
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/vpnscope/vpnscope/api"
)

// Each impact has a symbol of its own, so NO_COLOR still tells degraded
// from a note (issue 28 defect 6: both were a yellow "◐"), and a colour of
// its own on 16 colours.
func TestEachImpactHasItsOwnMarkAndColour(t *testing.T) {
	s := NewStylesFor(true, colorprofile.ANSI)
	marks, paints := map[string]api.Impact{}, map[string]api.Impact{}
	for i := api.TrafficDown; i <= api.Note; i++ {
		if other, ok := marks[ImpactMark(i)]; ok {
			t.Errorf("%s and %s share the mark %q", i, other, ImpactMark(i))
		}
		marks[ImpactMark(i)] = i
		painted := s.PaintImpact(i, "x")
		if other, ok := paints[painted]; ok {
			t.Errorf("%s and %s share the colour %q", i, other, painted)
		}
		paints[painted] = i
	}
}
