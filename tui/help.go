package tui

import (
	"strings"

	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// helpLines lists the bindings of a pane (its groups, from keymap/), its
// sort letters, and the keys that work everywhere.
func helpLines(c *ui.Common, groups []keymap.Group, sorts, legend []string, width int) []string {
	k := c.Keys
	global := keymap.Group{Title: "Everywhere", Bindings: keymap.Enabled(k.Global.Back, k.Global.Refresh, k.Global.Watch, k.Global.Region, k.Global.Problems, k.Global.Provider, k.Global.Command, k.Global.Help, k.Global.Quit)}
	s := c.Styles
	block := func(g keymap.Group) []string {
		out := []string{"", " " + s.Section.Render(g.Title)}
		for _, b := range g.Bindings {
			h := b.Help()
			out = append(out, "   "+s.HintKey.Render(ui.Fit(h.Key, 12))+" "+h.Desc)
		}
		return out
	}
	var left []string
	for _, g := range groups {
		left = append(left, block(g)...)
	}
	if len(sorts) > 0 {
		// Compact: a list can have a dozen columns, and help must fit 80x24.
		left = append(left, "", " "+s.Section.Render("Sort")+s.Dim.Render(" (again reverses; :sort NAME)"))
		lines := ui.Wrap(strings.Join(sorts, " · "), 36, "")
		if len(lines) > 2 {
			lines = append(lines[:1], ui.Cut(lines[1]+" …", 36))
		}
		for _, l := range lines {
			left = append(left, "   "+l)
		}
	}
	right := append(block(global), "", " "+s.Section.Render("Symbols"))
	right = append(right, legend...)
	out := []string{" " + s.Title.Render("Keys") + s.Dim.Render("  (esc or ? closes)"), ""}
	out = append(out, sideBySide(dropLeadingBlank(left), dropLeadingBlank(right), width)...)
	for i, l := range out {
		out[i] = ui.Cut(l, width)
	}
	return out
}

func dropLeadingBlank(lines []string) []string {
	if len(lines) > 0 && lines[0] == "" {
		return lines[1:]
	}
	return lines
}

// sideBySide sets two columns next to each other when the screen is wide
// enough, so help fits 80x24 without scrolling; else one under the other.
func sideBySide(left, right []string, width int) []string {
	const colW = 40
	if width < 2*colW-4 {
		return append(left, right...)
	}
	out := make([]string, max(len(left), len(right)))
	for i := range out {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = ui.Fit(l, colW) + r
	}
	return out
}

// hints is the one-line key summary at the bottom, cut to the width with
// an ellipsis by bubbles' help.
func hints(c *ui.Common, p ui.Pane, width int) string {
	m := c.Styles.Hints
	m.SetWidth(width)
	return m.ShortHelpView(p.Hints(c.Keys))
}
