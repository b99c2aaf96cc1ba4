package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/vpnscope/vpnscope/keymap"
)

// helpLines lists the bindings that apply on screen scr, from keymap/.
func helpLines(c *common, scr screen, width int) []string {
	k := c.keys
	var groups []keymap.Group
	switch scr {
	case screenGateways, screenGateway:
		groups = append(groups, keymap.Group{Title: "Move", Bindings: []key.Binding{k.List.Up, k.List.Down, k.List.Top, k.List.Bottom, k.List.PageUp, k.List.PageDown}})
		act := []key.Binding{k.List.Open, k.List.Details, k.List.Copy, k.List.Filter, k.List.LoadAll}
		if scr == screenGateway {
			act = append(act, k.List.NextTab, k.List.PrevTab)
		}
		groups = append(groups, keymap.Group{Title: "Act", Bindings: keymap.Enabled(act...)})
	case screenTunnels:
		groups = append(groups, keymap.Group{Title: "Tunnels", Bindings: []key.Binding{k.List.NextTab, k.List.Details, k.List.Copy, k.Detail.Up, k.Detail.Down}})
	case screenDetail:
		groups = append(groups, keymap.Group{Title: "Details", Bindings: []key.Binding{k.Detail.Up, k.Detail.Down, k.Detail.PageUp, k.Detail.PageDown, k.Detail.Top, k.Detail.Bottom, k.Detail.Reveal, k.Detail.Copy}})
	}
	groups = append(groups, keymap.Group{Title: "Everywhere", Bindings: keymap.Enabled(k.Global.Back, k.Global.Refresh, k.Global.Region, k.Global.Help, k.Global.Quit)})
	s := c.styles
	out := []string{" " + s.Title.Render("Keys") + s.Dim.Render("  (esc or ? closes)")}
	blocks := make([][]string, len(groups))
	for i, g := range groups {
		blocks[i] = append(blocks[i], "", " "+s.Section.Render(g.Title))
		for _, b := range g.Bindings {
			h := b.Help()
			blocks[i] = append(blocks[i], "   "+s.HintKey.Render(fit(h.Key, 12))+" "+h.Desc)
		}
	}
	out = append(out, columns(blocks, width)...)
	out = append(out, "", " "+s.Section.Render("Symbols"),
		"   P1 / P2      phase 1 (IKE) / phase 2 (IPsec): ✓ up  ✗ down  - not reached  ? unknown",
		"   ≠            a setting that differs between the two tunnels",
		"   ••••••••     a secret (pre-shared key, BGP auth key): d then s reveals it")
	for i, l := range out {
		out[i] = cut(l, width)
	}
	return out
}

// hints is the one-line key summary at the bottom.
func hints(c *common, scr screen) string {
	s := c.styles
	pairs := map[screen][][2]string{
		screenGateways: {{"enter", "open"}, {"d", "details"}, {"/", "filter"}, {"y", "copy"}, {"r", "refresh"}, {"R", "region"}, {"?", "help"}, {"q", "quit"}},
		screenGateway:  {{"enter", "tunnels"}, {"tab", "next tab"}, {"d", "details"}, {"/", "filter"}, {"esc", "back"}, {"?", "help"}},
		screenTunnels:  {{"tab", "tunnel"}, {"d", "details"}, {"y", "copy"}, {"esc", "back"}, {"?", "help"}},
		screenDetail:   {{"s", "secrets"}, {"j/k", "scroll"}, {"y", "copy"}, {"esc", "back"}},
		screenHelp:     {{"esc", "close"}},
		screenRegions:  {{"enter", "switch"}, {"esc", "cancel"}},
	}[scr]
	parts := make([]string, 0, len(pairs))
	for _, p := range pairs {
		parts = append(parts, s.HintKey.Render(p[0])+" "+s.HintDesc.Render(p[1]))
	}
	return strings.Join(parts, s.HintDesc.Render(" · "))
}

// columns sets blocks of lines side by side in two columns when the screen
// is wide enough, so help fits 80x24 without scrolling.
func columns(blocks [][]string, width int) []string {
	const colW = 38
	if width < 2*colW || len(blocks) < 2 {
		var out []string
		for _, b := range blocks {
			out = append(out, b...)
		}
		return out
	}
	var left, right []string
	half := len(blocks) - 1 // the last group (Everywhere) goes right
	for i, b := range blocks {
		if i < half {
			left = append(left, b...)
		} else {
			right = append(right, b...)
		}
	}
	// Balance: move groups right while the left is taller.
	for half > 1 && len(left)-len(blocks[half-1]) >= len(right)+len(blocks[half-1]) {
		half--
		left = left[:len(left)-len(blocks[half])]
		right = append(append([]string{}, blocks[half]...), right...)
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
