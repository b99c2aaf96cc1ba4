package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// providerKeys are the bindings only some providers serve: pressed where
// they are off, the status line says what the provider cannot do.
func providerKeys(k keymap.KeyMap) []key.Binding {
	return []key.Binding{
		k.List.Create, k.List.Logs, k.List.Terminate, k.List.TerminateUser, k.List.Explain, k.Global.Problems,
	}
}

// serves reports whether the provider serves the binding named by keys,
// whatever --readonly turns off.
func serves(p ui.Provider, b key.Binding) bool {
	k := keymap.Default()
	p.Keys(&k, false)
	for _, pb := range providerKeys(k) {
		if slices.Equal(pb.Keys(), b.Keys()) {
			return pb.Enabled()
		}
	}
	return true
}

// providerKeyOff is the provider-specific binding msg presses, when the
// current provider does not serve it.
func (a *App) providerKeyOff(msg tea.KeyPressMsg) (key.Binding, bool) {
	for _, b := range providerKeys(keymap.Default()) {
		if slices.Contains(b.Keys(), msg.String()) && !serves(a.provider(), b) {
			return b, true
		}
	}
	return key.Binding{}, false
}

// notOffered says that the current provider has no such command or key.
func (a App) notOffered(what string) (App, tea.Cmd) {
	return a, a.setFlash(what + ": not on " + a.provider().Name())
}

// readOnlyOff is the provider key msg presses when the provider serves it
// but --readonly turned it off: the status line says so rather than
// nothing happening.
func (a *App) readOnlyOff(msg tea.KeyPressMsg) (key.Binding, bool) {
	if !a.cfg.ReadOnly {
		return key.Binding{}, false
	}
	for _, b := range providerKeys(a.c.Keys) {
		if slices.Contains(b.Keys(), msg.String()) && !b.Enabled() && serves(a.provider(), b) {
			return b, true
		}
	}
	return key.Binding{}, false
}
