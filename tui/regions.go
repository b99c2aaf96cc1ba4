package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// regionPicker lists the regions from DescribeRegions (one call) and picks
// one with enter.
type regionPicker struct {
	c       *ui.Common
	seq     int
	loading bool
	err     error
	regions []api.Region
	cursor  int
	sc      ui.Scroller
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ ui.Pane    = (*regionPicker)(nil)
	_ ui.Helpful = (*regionPicker)(nil)
)

func newRegionPicker(c *ui.Common, prov ui.Provider, seq, w, h int) (regionPicker, tea.Cmd) {
	p := regionPicker{c: c, seq: seq, loading: true, sc: ui.Scroller{C: c}}
	p.sc.SetSize(w, h)
	p.sc.SetLines(p.lines())
	ctx := c.Ctx
	return p, func() tea.Msg {
		rs, err := prov.Regions(ctx)
		return regionsLoadedMsg{seq: seq, regions: rs, err: err}
	}
}

// choice is the region under the cursor, if any.
func (p *regionPicker) choice() (api.Region, bool) {
	if p.cursor < len(p.regions) {
		return p.regions[p.cursor], true
	}
	return api.Region{}, false
}

func (p regionPicker) Update(msg tea.Msg) (regionPicker, tea.Cmd) {
	switch msg := msg.(type) {
	case regionsLoadedMsg:
		if msg.seq != p.seq {
			return p, nil
		}
		p.loading, p.err, p.regions = false, msg.err, msg.regions
		for i, r := range p.regions {
			if r.ID == p.c.Region {
				p.cursor = i
			}
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, p.c.Keys.List.Up):
			p.cursor = max(p.cursor-1, 0)
		case key.Matches(msg, p.c.Keys.List.Down):
			p.cursor = min(p.cursor+1, max(len(p.regions)-1, 0))
		}
	}
	p.sc.SetLines(p.lines())
	p.sc.ScrollTo(max(p.cursor-p.sc.Height+4, 0))
	return p, nil
}

func (p *regionPicker) SetSize(w, h int) {
	p.sc.SetSize(w, h)
	p.sc.SetLines(p.lines())
}

func (p regionPicker) View() string { return p.sc.View() }

func (p *regionPicker) lines() []string {
	s := p.c.Styles
	out := []string{" " + s.Title.Render("Switch region") + s.Dim.Render("  (current: "+p.c.Region+")"), ""}
	switch {
	case p.loading:
		return append(out, "  Loading regions…")
	case p.err != nil:
		return append(out, "  "+ui.ErrorLine(p.err))
	}
	for i, r := range p.regions {
		line := ui.Fit(r.ID, 18) + " " + r.LocalName
		if i == p.cursor {
			out = append(out, s.Selected.Render(ui.Fit("› "+line, p.sc.Width)))
		} else {
			out = append(out, "  "+line)
		}
	}
	return out
}

// As a pane.

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
