package tui

// Several accounts of a cloud (issue 26): each is a provider of its own
// in cfg.Providers, with its client, region and journal scope; p cycles
// through them all, :account NAME goes to one by its profile's name, the
// way :region goes to a region, and the crumbs say which is browsed.

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// providerLabel is a provider as the app names it: "AWS", or "AWS (prod)"
// when it browses one account of several.
func providerLabel(p ui.Provider) string {
	if a := ui.AccountOf(p); a.Name != "" {
		return p.Name() + " (" + a.Name + ")"
	}
	return p.Name()
}

// accountNames are the accounts :account takes, the current cloud's
// first, each name once.
func (a *App) accountNames() []string {
	var own, others []string
	for _, p := range a.cfg.Providers {
		name := ui.AccountOf(p).Name
		switch {
		case name == "" || slices.Contains(own, name) || slices.Contains(others, name):
		case p.Name() == a.provider().Name():
			own = append(own, name)
		default:
			others = append(others, name)
		}
	}
	return append(own, others...)
}

// accountIndex is the provider that browses account name: the current
// cloud's when two clouds have a profile of that name, else the first
// (any case); -1 when none does.
func (a *App) accountIndex(name string) int {
	found := -1
	for i, p := range a.cfg.Providers {
		if !strings.EqualFold(ui.AccountOf(p).Name, name) {
			continue
		}
		if p.Name() == a.provider().Name() {
			return i
		}
		if found < 0 {
			found = i
		}
	}
	return found
}

// switchAccount browses account name, as p would once it came round to
// it; an unknown name is said under the prompt, with the names there are.
func (a App) switchAccount(name string) (App, tea.Cmd) {
	names := a.accountNames()
	if len(names) == 0 {
		return a.notOffered("switching accounts (one account per cloud: --profile a,b names several)")
	}
	i := a.accountIndex(name)
	if i < 0 {
		a.cmdline.err = fmt.Sprintf("no account %q: did you mean %s? (accounts: %s)", api.Printable(name), api.Nearest(name, names), strings.Join(names, ", "))
		return a, nil
	}
	if i == a.current {
		return a, a.setFlash("already on " + providerLabel(a.provider()))
	}
	return a.switchToProvider(i)
}
