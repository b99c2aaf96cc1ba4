package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// HelpView is the help screen: the keys of the pane below it.
type HelpView struct {
	Sc ui.Scroller
}

// What the root asks of it: a renamed method fails here, not silently.
var _ ui.Pane = (*HelpView)(nil)

func (h *HelpView) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		h.Sc.Scroll(k)
	}
	return nil
}
func (h *HelpView) View() string                        { return h.Sc.View() }
func (h *HelpView) SetSize(w, hh int)                   { h.Sc.SetSize(w, hh) }
func (h *HelpView) Close()                              {}
func (h *HelpView) Crumbs() []string                    { return nil }
func (h *HelpView) FetchState() (bool, error)           { return false, nil }
func (h *HelpView) Hints(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Global.Back} }

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
	colW := helpColumn(width)
	if len(sorts) > 0 {
		// Compact at 80 columns: a list can have a dozen columns, and help
		// must fit 80x24 (":sort NAME" lists them all); wider, all of them.
		left = append(left, "", " "+s.Section.Render("Sort")+s.Dim.Render(" (again reverses; :sort NAME)"))
		lines := ui.Wrap(strings.Join(sorts, " · "), colW-4, "")
		if len(lines) > 2 && width < 120 {
			lines = append(lines[:1], ui.Cut(lines[1]+" …", colW-4))
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

// helpColumn is the width of help's left column: 40 at 80 columns, half
// the screen when wider, so descriptions are not cut.
func helpColumn(width int) int { return max(40, width/2) }

// sideBySide sets two columns next to each other when the screen is wide
// enough, so help fits 80x24 without scrolling; else one under the other.
func sideBySide(left, right []string, width int) []string {
	colW := helpColumn(width)
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

// hints is the one-line key summary at the bottom, in bubbles' help
// styles, cut to the width with an ellipsis; "? help" is always at the
// end however narrow the screen, since it leads to every other key. (The
// cut is ours: bubbles' ShortHelpView adds an item that overflows when its
// ellipsis does not fit.)
func hints(c *ui.Common, p ui.Pane, width int) string {
	m := c.Styles.Hints
	bindings := slices.DeleteFunc(slices.Clone(p.Hints(c.Keys)), func(b key.Binding) bool { return !b.Enabled() })
	helpKey := c.Keys.Global.Help
	i := slices.IndexFunc(bindings, func(b key.Binding) bool { return slices.Equal(b.Keys(), helpKey.Keys()) })
	owner, isOwner := p.(ui.KeyOwner)
	var tail []key.Binding
	switch {
	case i >= 0:
		bindings, tail = slices.Delete(bindings, i, i+1), []key.Binding{helpKey}
	case !isOwner || !owner.ClaimsKeys(): // an open input takes ?, so help is not offered
		tail = []key.Binding{helpKey}
	}
	item := func(b key.Binding) string { return m.ShortHelpView([]key.Binding{b}) }
	sep := m.Styles.ShortSeparator.Render(m.ShortSeparator)
	ellipsis := m.Styles.Ellipsis.Render(" " + m.Ellipsis)
	end := ""
	if len(tail) > 0 {
		end = item(tail[0])
	}
	room := width - lipgloss.Width(end)
	if end != "" && len(bindings) > 0 {
		room -= lipgloss.Width(sep)
	}
	items, widths, rest := make([]string, len(bindings)), make([]int, len(bindings)), 0
	for n, bd := range bindings {
		items[n] = item(bd)
		if n > 0 {
			items[n] = sep + items[n]
		}
		widths[n] = lipgloss.Width(items[n])
		rest += widths[n]
	}
	var b strings.Builder
	used, ellW := 0, lipgloss.Width(ellipsis)
	for n, it := range items {
		switch {
		case used+rest <= room: // the rest fits: all of it
			b.WriteString(strings.Join(items[n:], ""))
		case used+widths[n]+ellW <= room:
			b.WriteString(it)
			used, rest = used+widths[n], rest-widths[n]
			continue
		case used+ellW <= room:
			b.WriteString(ellipsis)
		}
		break
	}
	switch {
	case end == "":
		return b.String()
	case b.Len() == 0:
		return end
	}
	return b.String() + sep + end
}
