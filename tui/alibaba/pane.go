package alibaba

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The gateway list, the root pane.

func (p *gatewaysPane) Handle(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(scanEventMsg); ok {
		// News from the problems scan: a gateway checked, in any region
		// (a region switched to later shows it).
		if r := m.event.Checked; m.ok && r != nil {
			p.rollups[r.GatewayID] = *r
		}
		return nil
	}
	if _, ok := msg.(sslServerCreatedMsg); ok {
		return p.List.Reload() // the gateway's new state
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() {
		switch {
		case key.Matches(k, p.c.Keys.List.Open):
			g, ok := p.List.Selected()
			if !ok {
				return nil
			}
			v, cmd := newGatewayView(p.c, g, p.c.Width, p.c.Height)
			return ui.Push(&v, cmd)
		case key.Matches(k, p.c.Keys.List.Create):
			g, ok := p.List.Selected()
			if !ok {
				return nil
			}
			return openWizard(p.c, g, []string{ui.OrDash(g.Name), "new SSL server"}, false)
		}
	}
	return p.List.Handle(msg)
}
func (p *gatewaysPane) Crumbs() []string { return nil }
func (p *gatewaysPane) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.Global.Problems, k.Global.Provider, k.List.Details, k.List.Create, k.List.Filter,
		k.List.Copy, k.Global.Refresh, k.Global.Region, k.Global.Command, k.Global.Help, k.Global.Quit}
}
func (p *gatewaysPane) Start() tea.Cmd { return p.List.Start() }
func (p *gatewaysPane) Sized() tea.Cmd { return p.List.FetchMoreIfNear() }
func (p *gatewaysPane) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{
		{Title: "Move", Bindings: ui.MoveHelp(k)},
		{Title: "Act", Bindings: keymap.Enabled(k.List.Open, ui.DetailsHelp(k), k.List.Copy, k.List.Filter, k.List.LoadAll, k.List.Create)},
	}
}

// The CreateSslVpnServer wizard: its fields take every key.

func (w *wizard) Handle(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*w, cmd = w.Update(msg)
	return cmd
}
func (w *wizard) Close()                    {}
func (w *wizard) Crumbs() []string          { return w.crumb }
func (w *wizard) FetchState() (bool, error) { return false, nil }
func (w *wizard) ClaimsKeys() bool          { return true }
func (w *wizard) HandlesBack() bool         { return true }

// Hints are the keys that work in the wizard's phase: the form's while
// editing; only leaving when the gateway cannot take a server or the
// server is being created; enter or esc once it is done.
func (w *wizard) Hints(k keymap.KeyMap) []key.Binding {
	leave := k.Wizard.Leave
	switch {
	case w.phase == phaseSubmitting:
		return nil
	case w.phase == phaseChecking || w.phase == phaseWaiting || w.gatewayBlocked() != nil || w.tooShort():
		// Too short to show a field, only leaving works.
		leave.SetHelp(leave.Help().Key, "leave")
		return []key.Binding{leave}
	case w.phase == phaseFinished:
		done := k.Wizard.Confirm
		done.SetHelp(done.Help().Key, "done")
		return []key.Binding{done}
	}
	return []key.Binding{k.Wizard.Confirm, k.Wizard.Prev, k.Wizard.Toggle, k.Wizard.ApplyFix, k.Wizard.Leave}
}
