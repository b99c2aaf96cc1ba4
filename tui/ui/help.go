package ui

import (
	"charm.land/bubbles/v2/key"
	"github.com/vpnscope/vpnscope/keymap"
)

// PairHelp is two bindings on one help line.
func PairHelp(a, b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(a.Help().Key+" "+b.Help().Key, desc))
}

// DetailsHelp is d and v on one line: every field, or the API's answer.
func DetailsHelp(k keymap.KeyMap) key.Binding {
	return PairHelp(k.List.Details, k.List.Raw, "details · raw JSON")
}

// MoveHelp pairs the movement keys, three lines instead of six, so help
// fits 80x24 with a list's sort letters.
func MoveHelp(k keymap.KeyMap) []key.Binding {
	pair := PairHelp
	return []key.Binding{
		pair(k.List.Up, k.List.Down, "up, down"),
		pair(k.List.Top, k.List.Bottom, "top, bottom"),
		pair(k.List.PageUp, k.List.PageDown, "page up, down"),
	}
}
