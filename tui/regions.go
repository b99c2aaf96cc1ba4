package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// regionPicker lists the regions the provider offers (one call, or a
// table), those enabled for the account first, and picks one with enter;
// / filters them, and the filter claims every key while it is open.
type regionPicker struct {
	c       *ui.Common
	seq     int
	loading bool
	err     error
	regions []api.Region // enabled first
	shown   []int        // the regions the filter leaves, as indexes into regions
	cursor  int          // in shown
	input   textinput.Model
	typing  bool // the filter is open and claims keys
	sc      ui.Scroller
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ ui.Pane     = (*regionPicker)(nil)
	_ ui.Helpful  = (*regionPicker)(nil)
	_ ui.KeyOwner = (*regionPicker)(nil)
)

func newRegionPicker(c *ui.Common, prov ui.Provider, seq, w, h int) (regionPicker, tea.Cmd) {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter"
	st := in.Styles()
	st.Cursor.Blink = false // a steady cursor: no redraws while idle
	in.SetStyles(st)
	p := regionPicker{c: c, seq: seq, loading: true, sc: ui.Scroller{C: c}, input: in}
	p.sc.SetSize(w, h)
	p.redraw()
	ctx := c.Ctx
	return p, func() tea.Msg {
		rs, err := prov.Regions(ctx)
		return regionsLoadedMsg{seq: seq, regions: rs, err: err}
	}
}

// choice is the region under the cursor, if any.
func (p *regionPicker) choice() (api.Region, bool) {
	if p.cursor < len(p.shown) {
		return p.regions[p.shown[p.cursor]], true
	}
	return api.Region{}, false
}

// refilter keeps the regions whose id or name holds every word typed, the
// cursor on the region it was on when that one is still there (on the
// current region when it was on none).
func (p *regionPicker) refilter() {
	was, ok := p.choice()
	if !ok {
		was.ID = p.c.Region
	}
	words := strings.Fields(strings.ToLower(p.input.Value()))
	p.shown, p.cursor = p.shown[:0], 0
	for i, r := range p.regions {
		text := strings.ToLower(r.ID + " " + r.LocalName)
		match := true
		for _, w := range words {
			match = match && strings.Contains(text, w)
		}
		if !match {
			continue
		}
		if r.ID == was.ID {
			p.cursor = len(p.shown)
		}
		p.shown = append(p.shown, i)
	}
}

func (p regionPicker) Update(msg tea.Msg) (regionPicker, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case regionsLoadedMsg:
		if msg.seq != p.seq {
			return p, nil
		}
		p.loading, p.err = false, msg.err
		// Enabled first, in the provider's order; the rest after.
		p.regions = nil
		for _, off := range []bool{false, true} {
			for _, r := range msg.regions {
				if r.NotEnabled == off {
					p.regions = append(p.regions, r)
				}
			}
		}
		p.refilter()
	case tea.KeyPressMsg:
		cmd = p.key(msg)
	default:
		if p.typing {
			p.input, cmd = p.input.Update(msg)
		}
	}
	p.redraw()
	return p, cmd
}

func (p *regionPicker) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.c.Keys
	if p.typing {
		switch {
		case key.Matches(msg, k.Input.Apply):
			p.typing = false
			p.input.Blur()
		case key.Matches(msg, k.Input.Cancel):
			p.typing = false
			p.input.Blur()
			p.input.SetValue("")
			p.refilter()
		default:
			var cmd tea.Cmd
			p.input, cmd = p.input.Update(msg)
			p.refilter()
			return cmd
		}
		return nil
	}
	last := max(len(p.shown)-1, 0)
	switch {
	case key.Matches(msg, k.List.Filter):
		p.typing = true
		p.input.CursorEnd()
		return p.input.Focus()
	case key.Matches(msg, k.Global.Back) && p.input.Value() != "":
		p.input.SetValue("")
		p.refilter()
	case key.Matches(msg, k.List.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, k.List.Down):
		p.cursor = min(p.cursor+1, last)
	case key.Matches(msg, k.List.PageUp):
		p.cursor = max(p.cursor-p.sc.Height, 0)
	case key.Matches(msg, k.List.PageDown):
		p.cursor = min(p.cursor+p.sc.Height, last)
	case key.Matches(msg, k.List.Top):
		p.cursor = 0
	case key.Matches(msg, k.List.Bottom):
		p.cursor = last
	}
	return nil
}

func (p *regionPicker) SetSize(w, h int) {
	p.sc.SetSize(w, h)
	p.input.SetWidth(max(w-4, 1))
	p.redraw()
}

func (p regionPicker) View() string { return p.sc.View() }

// redraw prepares the lines and scrolls to the cursor's.
func (p *regionPicker) redraw() {
	lines, at := p.lines()
	p.sc.SetLines(lines)
	p.sc.ScrollTo(max(at-p.sc.Height+4, 0))
}

// lines draws the picker, and says which line the cursor is on.
func (p *regionPicker) lines() (out []string, at int) {
	s := p.c.Styles
	out = []string{" " + s.Title.Render("Switch region") + s.Dim.Render("  (current: "+p.c.Region+")")}
	switch {
	case p.typing:
		out = append(out, " "+p.input.View())
	case p.input.Value() != "":
		out = append(out, s.Dim.Render(fmt.Sprintf(" filter %q · / changes it · esc clears it", p.input.Value())))
	default:
		out = append(out, "")
	}
	switch {
	case p.loading:
		return append(out, "  Loading regions…"), 0
	case p.err != nil && len(p.regions) == 0:
		return append(out, "  "+ui.ErrorLine(p.err)), 0
	case p.err != nil: // the list, without knowing which are enabled
		out = append(out, s.Warn.Render("  could not read which regions are enabled: "+ui.ErrorLine(p.err)))
	}
	if len(p.shown) == 0 {
		// A misspelt id ("us-esat-1") matches nothing: say the one meant.
		ids := make([]string, len(p.regions))
		for i, r := range p.regions {
			ids[i] = r.ID
		}
		if near := api.Nearest(strings.ToLower(strings.TrimSpace(p.input.Value())), ids); near != "" {
			return append(out, fmt.Sprintf("  No region matches %q: did you mean %s?", p.input.Value(), near)), 0
		}
		return append(out, fmt.Sprintf("  No region matches %q.", p.input.Value())), 0
	}
	for i, idx := range p.shown {
		r := p.regions[idx]
		if r.NotEnabled && (i == 0 || !p.regions[p.shown[i-1]].NotEnabled) {
			out = append(out, "", s.Dim.Render("  ── not enabled for this account ──"))
		}
		line := ui.Fit(r.ID, 18) + " " + r.LocalName
		switch {
		case i == p.cursor:
			at = len(out)
			out = append(out, s.Selected.Render(ui.Fit("› "+line, p.sc.Width)))
		case r.NotEnabled:
			out = append(out, s.Dim.Render("  "+line))
		default:
			out = append(out, "  "+line)
		}
	}
	return out, at
}

// As a pane.

func (p *regionPicker) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.typing && key.Matches(k, p.c.Keys.List.Open) {
		if r, ok := p.choice(); ok {
			return ui.SwitchRegion(r.ID)
		}
		return nil
	}
	var cmd tea.Cmd
	*p, cmd = p.Update(msg)
	return cmd
}
func (p *regionPicker) ClaimsKeys() bool  { return p.typing }
func (p *regionPicker) HandlesBack() bool { return p.typing || p.input.Value() != "" }
func (p *regionPicker) Close()            {}
func (p *regionPicker) Crumbs() []string  { return []string{"regions"} }
func (p *regionPicker) FetchState() (bool, error) {
	if len(p.regions) > 0 {
		return p.loading, nil // what failed is said over the list
	}
	return p.loading, p.err
}
func (p *regionPicker) HelpGroups(k keymap.KeyMap) []keymap.Group {
	open := k.List.Open
	open.SetHelp("enter", "switch to the region")
	return []keymap.Group{{Title: "Regions", Bindings: []key.Binding{k.List.Up, k.List.Down, open, k.List.Filter}}}
}
func (p *regionPicker) Hints(k keymap.KeyMap) []key.Binding {
	if p.typing {
		return []key.Binding{k.Input.Apply, k.Input.Cancel}
	}
	open := k.List.Open
	open.SetHelp("enter", "switch")
	return []key.Binding{open, k.List.Filter, k.Global.Back}
}

// vetRegion switches to the region :region names when the provider has
// it: one its table lists at once, another once the account's regions
// (Regions, one call) list it. One neither lists is said so with the
// nearest ("us-esat-1 is no AWS region: did you mean us-east-1?"), rather
// than switched to: its calls would fail as a wrong key (EC2 answers
// AuthFailure) or a network error. When the account's list cannot be
// read, the switch goes ahead and the service answers.
func (a App) vetRegion(id string) (App, tea.Cmd) {
	if slices.Contains(a.provider().RegionIDs(), id) {
		return a.switchRegion(id)
	}
	prov, ctx, current := a.provider(), a.c.Ctx, a.current
	return a, tea.Batch(a.setFlash("checking "+id+"…"), func() tea.Msg {
		rs, err := prov.Regions(ctx)
		return regionVettedMsg{provider: current, id: id, regions: rs, err: err}
	})
}

// regionVettedMsg is the account's regions, read for a :region id the
// provider's table does not list.
type regionVettedMsg struct {
	provider int
	id       string
	regions  []api.Region
	err      error
}

func (a App) regionVetted(m regionVettedMsg) (App, tea.Cmd) {
	if m.provider != a.current { // p since: that provider's regions are not these
		return a, nil
	}
	ids := a.provider().RegionIDs()
	for _, r := range m.regions {
		if r.ID == m.id {
			return a.switchRegion(m.id)
		}
		ids = append(ids, r.ID)
	}
	if m.err != nil {
		return a.switchRegion(m.id)
	}
	return a, a.setFlash(fmt.Sprintf("%s is no %s region: did you mean %s?", m.id, a.provider().Name(), api.Nearest(m.id, ids)))
}
