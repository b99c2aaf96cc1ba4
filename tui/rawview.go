package tui

import (
	tea "charm.land/bubbletea/v2"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// openRaw reads the resource under the cursor again (one call) and shows
// it as the service returned it.
func (a App) openRaw() (App, tea.Cmd) {
	t, ok := a.Top().(ui.RawTargeter)
	if !ok {
		return a, a.setFlash("v shows the selected resource as the API returned it: select one in a list first")
	}
	target, ok := t.RawTarget()
	if !ok {
		return a, nil
	}
	return a, ui.OpenRaw(a.c, target)
}
