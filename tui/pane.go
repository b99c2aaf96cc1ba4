package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The help screen: the keys of the pane below it.

type HelpView struct {
	Sc ui.Scroller
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ ui.Pane = (*HelpView)(nil)
)

func (h *HelpView) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		h.Sc.Scroll(k)
	}
	return nil
}
func (h *HelpView) View() string                        { return h.Sc.View() }
func (h *HelpView) SetSize(w, hh int)                   { h.Sc.SetSize(w, hh) }
func (h *HelpView) Close()                              {}
func (h *HelpView) Crumbs() []string                    { return nil }
func (h *HelpView) FetchState() (bool, error)           { return false, nil }
func (h *HelpView) Hints(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Global.Back} }

// The region picker.

func (p *regionPicker) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, p.c.Keys.List.Open) {
		if r, ok := p.choice(); ok {
			return ui.SwitchRegion(r.ID)
		}
		return nil
	}
	var cmd tea.Cmd
	*p, cmd = p.Update(msg)
	return cmd
}
func (p *regionPicker) Close()                    {}
func (p *regionPicker) Crumbs() []string          { return []string{"regions"} }
func (p *regionPicker) FetchState() (bool, error) { return p.loading, p.err }
func (p *regionPicker) HelpGroups(k keymap.KeyMap) []keymap.Group {
	open := k.List.Open
	open.SetHelp("enter", "switch to the region")
	return []keymap.Group{{Title: "Regions", Bindings: []key.Binding{k.List.Up, k.List.Down, open}}}
}
func (p *regionPicker) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.Global.Back}
}
