package tui

import (
	"context"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"
)

// Provider is one cloud the app can browse. main lists the configured
// ones (the first is where the app starts) and p cycles through them. The
// root asks a provider for everything that differs between clouds, and
// never names a cloud itself: what a provider cannot do is a command it
// does not offer or a key it does not enable, and the status line says so.
type Provider interface {
	// Name is the cloud on screen: the header, "not on …".
	Name() string
	// Region is where the provider starts; the app remembers where it was
	// left when p switches away.
	Region() string
	// Endpoint is what the status line says of the endpoint.
	Endpoint() string
	// Regions lists the regions R offers (a call, or a table).
	Regions(ctx context.Context) ([]api.Region, error)
	// Root is the pane the provider starts on in the current region.
	Root(c *common) rootPane
	// RegionIDs are the region ids :region completes.
	RegionIDs() []string
	// Commands are what `:` offers on this provider beyond the root's own.
	Commands() []command
	// Problems starts the scan of what is broken in every region; nil when
	// the provider has none.
	Problems(c *common) tea.Cmd
	// OpenByID finds a resource by id in any region and opens it as
	// browsing there would; nil when the provider cannot.
	OpenByID(c *common, id string) tea.Cmd
	// Legend explains the symbols its panes draw, for help.
	Legend() []string
	// Keys enables the bindings the provider serves and disables the rest
	// of the provider-specific ones.
	Keys(k *keymap.KeyMap, readOnly bool)
	// attach hands the provider's client to the panes' shared context.
	attach(c *common)
}

// providerKeys are the bindings only some providers serve: pressed where
// they are off, the status line says what the provider cannot do.
func providerKeys(k keymap.KeyMap) []key.Binding {
	return []key.Binding{
		k.List.Create, k.List.Logs, k.List.Terminate, k.List.TerminateUser, k.List.Explain, k.Global.Problems,
	}
}

// serves reports whether the provider serves the binding named by keys,
// whatever --readonly turns off.
func serves(p Provider, b key.Binding) bool {
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
