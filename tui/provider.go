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
		k.List.Create, k.List.Logs, k.List.Terminate, k.List.TerminateUser, k.List.Explain, k.List.RoutePath, k.Global.Problems,
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

// keyOff says why a provider-specific key does nothing here: the
// provider does not serve it, or --readonly turned it off; "" when it
// works.
func (a *App) keyOff(msg tea.KeyPressMsg) string {
	for _, b := range providerKeys(a.c.Keys) {
		if !slices.Contains(b.Keys(), msg.String()) {
			continue
		}
		switch {
		case !serves(a.provider(), b):
			return b.Help().Desc + ": not on " + a.provider().Name()
		case !b.Enabled(): // served, so off only under --readonly
			return b.Help().Desc + ": off under --readonly"
		}
	}
	return ""
}

// notHere says why a key of the keymap did nothing: the screen in front
// does not list it among its keys (? does), so it is not for this screen.
// "" for keys the screen lists, and for keys the keymap does not know.
func (a *App) notHere(msg tea.KeyPressMsg) string {
	h, ok := a.Top().(ui.Helpful)
	if !ok {
		return ""
	}
	k := a.c.Keys
	var known *key.Binding
	for _, b := range []key.Binding{k.List.Logs, k.List.Sort, k.List.HideGone, k.List.LoadAll, k.List.Explain, k.List.RoutePath, k.List.NextTab,
		k.List.PrevTab, k.Logs.Widen, k.Logs.Narrow, k.Detail.Reveal, k.List.Filter} {
		if b.Enabled() && slices.Contains(b.Keys(), msg.String()) {
			known = &b
			break
		}
	}
	if known == nil {
		return ""
	}
	listed := a.Top().Hints(k)
	for _, g := range h.HelpGroups(k) {
		listed = append(listed, g.Bindings...)
	}
	for _, b := range listed {
		if slices.Contains(b.Keys(), msg.String()) {
			return ""
		}
	}
	return known.Help().Desc + ": not on this screen (? lists its keys)"
}

// notOffered says that the current provider has no such command or key.
func (a App) notOffered(what string) (App, tea.Cmd) {
	return a, a.setFlash(what + ": not on " + a.provider().Name())
}
