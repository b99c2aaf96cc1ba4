package ui

import (
	"context"

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
	Root(c *Common) RootPane
	// RegionIDs are the region ids :region completes.
	RegionIDs() []string
	// Commands are what `:` offers on this provider beyond the root's own.
	Commands() []Command
	// Problems starts the scan of what is broken in every region; nil when
	// the provider has none.
	Problems(c *Common) tea.Cmd
	// OpenByID finds a resource by id in any region and opens it as
	// browsing there would; nil when the provider cannot.
	OpenByID(c *Common, id string) tea.Cmd
	// Legend explains the symbols its panes draw, for help.
	Legend() []string
	// Keys enables the bindings the provider serves and disables the rest
	// of the provider-specific ones.
	Keys(k *keymap.KeyMap, readOnly bool)
}

// RootPane is the list a provider's app starts on: it fetches its first
// page, and more when a bigger window needs it.
type RootPane interface {
	Pane
	Sizer
	Start() tea.Cmd
}

// Command is one thing `:` can do; args names its argument for help. A
// command with a key does exactly what that key does where it is typed; a
// provider's own commands run, and say what they want as intents.
type Command struct {
	Name, Args, Desc string
	// Example is a line that runs it with its argument, said when the
	// argument is missing: ":region cn-shanghai".
	Example string
	Key     string
	Run     func(c *Common, arg string) tea.Cmd
}

// IDForms is a provider whose :id says what its ids look like, for the
// example a bare :id gives: "vco-…", "vpn-…"; OwnsID says whether id has
// the form of one of its ids, so the root, which knows every provider,
// can say which cloud an id is from instead of looking for it in the
// wrong one.
type IDForms interface {
	IDForms() []string
	OwnsID(id string) bool
}

// IDShapes is a provider that tells an id with one of its prefixes but
// not its form what is wrong with it ("tgw-123 is no AWS id: …"), so
// another provider's :id does not answer with its own prefixes; "" when
// the id is not of its kinds.
type IDShapes interface {
	IDProblem(id string) string
}
