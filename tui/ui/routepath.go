package ui

import (
	"charm.land/bubbles/v2/key"
	"github.com/vpnscope/vpnscope/keymap"
)

// RoutePathHints and RoutePathHelp are the keys of every route path view,
// on either cloud: read again, the verdict's details, copy the id, scroll.
func RoutePathHints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Global.Refresh, k.List.Details, k.List.Copy, k.Global.Back, k.Global.Help}
}

func RoutePathHelp(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{
		{Title: "Route path", Bindings: []key.Binding{k.Global.Refresh, k.List.Details, k.List.Copy}},
		{Title: "Scroll", Bindings: []key.Binding{k.Detail.Up, k.Detail.Down, k.Detail.PageUp, k.Detail.PageDown, k.Detail.Top, k.Detail.Bottom}},
	}
}
