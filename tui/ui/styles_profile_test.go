package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

// On 16 colours, warning, bad and good are the terminal's own yellow, red
// and green: down-sampling the hex palette made "degraded" the bright red
// of "down" (walkthrough 8).
func TestSixteenColoursKeepWarningApartFromBad(t *testing.T) {
	for _, dark := range []bool{true, false} {
		s := NewStylesFor(dark, colorprofile.ANSI)
		for _, c := range []struct {
			name, got, sgr string
		}{{"warn", s.Warn.Render("x"), "33"}, {"bad", s.Bad.Render("x"), "31"}, {"good", s.Good.Render("x"), "32"}} {
			if !strings.Contains(c.got, "\x1b[") || !strings.Contains(c.got, c.sgr+"m") && !strings.Contains(c.got, ";"+c.sgr) {
				t.Errorf("dark=%v %s: %q is not ANSI colour %s", dark, c.name, c.got, c.sgr)
			}
		}
	}
}
