package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/vpnscope/vpnscope/keymap"
)

// helpLines lists the bindings that apply on screen scr (and, in a
// gateway, its open tab), from keymap/.
func helpLines(c *common, scr screen, tab gatewayTab, sorts []string, width int) []string {
	k := c.keys
	var groups []keymap.Group
	switch scr {
	case screenGateways, screenGateway:
		groups = append(groups, keymap.Group{Title: "Move", Bindings: moveHelp(k)})
		act := []key.Binding{k.List.Open, k.List.Details, k.List.Copy, k.List.Filter, k.List.LoadAll, k.List.Create}
		if scr == screenGateway {
			tabs := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/⇧tab", "next / previous tab"))
			act = append(act, tabs)
			switch tab {
			case tabConnections:
				act = append(act, k.List.Logs, k.List.Sort)
			case tabSSLClients:
				act = append(act, k.List.HideGone)
			}
		}
		groups = append(groups, keymap.Group{Title: "Act", Bindings: keymap.Enabled(act...)})
	case screenTunnels:
		groups = append(groups, keymap.Group{Title: "Tunnels", Bindings: []key.Binding{k.List.NextTab, k.List.Logs, k.List.Details, k.List.Copy, k.Detail.Up, k.Detail.Down}})
	case screenLogs:
		groups = append(groups, keymap.Group{Title: "Log", Bindings: []key.Binding{k.List.Up, k.List.Down, k.List.Top, k.List.Bottom, k.List.Filter, k.Logs.Widen, k.Logs.Narrow}})
	case screenProblems:
		groups = append(groups, keymap.Group{Title: "Problems", Bindings: []key.Binding{k.List.Up, k.List.Down, k.List.Top, k.List.Bottom,
			k.List.Open, k.List.Details, k.List.Copy, k.List.Filter, k.Global.Problems}})
	case screenDetail:
		groups = append(groups, keymap.Group{Title: "Details", Bindings: []key.Binding{k.Detail.Up, k.Detail.Down, k.Detail.PageUp, k.Detail.PageDown, k.Detail.Top, k.Detail.Bottom, k.Detail.Reveal, k.Detail.Copy}})
	}
	global := keymap.Group{Title: "Everywhere", Bindings: keymap.Enabled(k.Global.Back, k.Global.Refresh, k.Global.Watch, k.Global.Region, k.Global.Problems, k.Global.Command, k.Global.Help, k.Global.Quit)}
	s := c.styles
	block := func(g keymap.Group) []string {
		out := []string{"", " " + s.Section.Render(g.Title)}
		for _, b := range g.Bindings {
			h := b.Help()
			out = append(out, "   "+s.HintKey.Render(fit(h.Key, 12))+" "+h.Desc)
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
		lines := wrap(strings.Join(sorts, " · "), 36, "")
		if len(lines) > 2 {
			lines = append(lines[:1], cut(lines[1]+" …", 36))
		}
		for _, l := range lines {
			left = append(left, "   "+l)
		}
	}
	right := append(block(global), "", " "+s.Section.Render("Symbols"),
		"   P1 P2    phase 1 (IKE), 2 (IPsec)",
		"   ✓ ✗ - ?  up, down, not reached, ?",
		"   ≠        tunnels disagree",
		"   ••••     secret: d, then s shows")
	out := []string{" " + s.Title.Render("Keys") + s.Dim.Render("  (esc or ? closes)"), ""}
	out = append(out, sideBySide(dropLeadingBlank(left), dropLeadingBlank(right), width)...)
	for i, l := range out {
		out[i] = cut(l, width)
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
		out[i] = fit(l, colW) + r
	}
	return out
}

// hintBindings are the keys the hint line offers on screen scr (in a
// gateway, for its open tab), from keymap/: a binding that is disabled
// (c under --readonly) is not offered.
func hintBindings(k keymap.KeyMap, scr screen, tab gatewayTab) []key.Binding {
	switch scr {
	case screenGateways:
		return []key.Binding{k.List.Open, k.Global.Problems, k.List.Details, k.List.Create, k.List.Filter, k.List.Copy,
			k.Global.Refresh, k.Global.Region, k.Global.Command, k.Global.Help, k.Global.Quit}
	case screenGateway:
		switch tab {
		case tabSSLClients:
			return []key.Binding{k.List.Open, k.List.NextTab, k.List.HideGone, k.List.Filter, k.Global.Back, k.Global.Help}
		case tabIPsecServers:
			return []key.Binding{k.List.Open, k.List.NextTab, k.List.Filter, k.Global.Back, k.Global.Help}
		}
		return []key.Binding{k.List.Open, k.List.NextTab, k.List.Logs, k.List.Sort, k.List.Details, k.List.Filter,
			k.Global.Back, k.Global.Help}
	case screenTunnels:
		return []key.Binding{k.List.NextTab, k.List.Logs, k.List.Details, k.List.Copy, k.Global.Back, k.Global.Help}
	case screenLogs:
		return []key.Binding{k.Logs.Widen, k.Logs.Narrow, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
	case screenDetail:
		return []key.Binding{k.Detail.Reveal, k.Detail.Down, k.Detail.Copy, k.Global.Back}
	case screenHelp:
		return []key.Binding{k.Global.Back}
	case screenRegions:
		return []key.Binding{k.List.Open, k.Global.Back}
	case screenWizard:
		return []key.Binding{k.Wizard.Next, k.Wizard.Prev, k.Wizard.Toggle, k.Wizard.ApplyFix, k.Wizard.Leave}
	case screenProblems:
		return []key.Binding{k.List.Open, k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Watch,
			k.Global.Back, k.Global.Help}
	}
	return nil
}

// hints is the one-line key summary at the bottom, cut to the width with
// an ellipsis by bubbles' help.
func hints(c *common, scr screen, tab gatewayTab, width int) string {
	m := c.styles.Hints
	m.SetWidth(width)
	return m.ShortHelpView(hintBindings(c.keys, scr, tab))
}

// moveHelp pairs the movement keys, three lines instead of six, so help
// fits 80x24 with a list's sort letters.
func moveHelp(k keymap.KeyMap) []key.Binding {
	pair := func(a, b key.Binding, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(a.Help().Key+" "+b.Help().Key, desc))
	}
	return []key.Binding{
		pair(k.List.Up, k.List.Down, "up, down"),
		pair(k.List.Top, k.List.Bottom, "top, bottom"),
		pair(k.List.PageUp, k.List.PageDown, "page up, down"),
	}
}
