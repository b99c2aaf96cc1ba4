package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"
)

// rawView shows one resource as the service returned it (v): its JSON,
// secrets masked, scrollable; y copies all of it, for a ticket.
type rawView struct {
	c        *common
	seq      int
	kind, id string
	text     string
	err      error
	loaded   bool
	sc       scroller
	cancel   context.CancelFunc
}

// rawTargeter has a resource under the cursor that v can show raw.
type rawTargeter interface {
	rawTarget() (region, kind, id string, ok bool)
}

// rawLoadedMsg answers the raw read for view seq.
type rawLoadedMsg struct {
	seq  int
	text string
	err  error
}

// openRaw reads the resource under the cursor again (one call) and shows
// it as the service returned it.
func (a App) openRaw() (App, tea.Cmd) {
	t, ok := a.top().(rawTargeter)
	if !ok {
		return a, a.setFlash("v shows a connection, gateway or server as the API returned it; nothing such here")
	}
	region, kind, id, ok := t.rawTarget()
	if !ok {
		return a, nil
	}
	reader, ok := a.c.client.(alibaba.RawReader)
	if !ok {
		return a, a.setFlash("this client cannot read a resource raw")
	}
	ctx, cancel := context.WithCancel(a.c.ctx)
	v := &rawView{c: a.c, seq: a.c.newID(), kind: kind, id: id, sc: scroller{c: a.c}, cancel: cancel}
	v.setSize(a.width, a.bodyHeight())
	a.push(v)
	seq := v.seq
	return a, func() tea.Msg {
		b, err := reader.Raw(ctx, region, kind, id)
		return rawLoadedMsg{seq: seq, text: string(b), err: err}
	}
}

func (v *rawView) setSize(w, h int) {
	v.sc.setSize(w, h)
	v.sc.setLines(v.lines())
}

func (v *rawView) lines() []string {
	s := v.c.styles
	head := " " + s.Title.Render(v.kind+" "+v.id) + "  " + s.Dim.Render("as the API returned it · secrets masked · y copies it")
	switch {
	case v.err != nil:
		return []string{head, "", s.Bad.Render(" " + errorLine(v.err))}
	case !v.loaded:
		return []string{head, "", s.Dim.Render(" asking…")}
	}
	out := []string{head, ""}
	for _, l := range strings.Split(v.text, "\n") {
		out = append(out, " "+l)
	}
	return out
}

func (v *rawView) update(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case rawLoadedMsg:
		if m.seq == v.seq {
			v.text, v.err, v.loaded = m.text, m.err, true
			v.sc.setLines(v.lines())
		}
	case tea.KeyPressMsg:
		v.sc.scroll(m)
	}
	return nil
}

func (v rawView) View() string { return v.sc.View() }

func (v *rawView) close() {
	if v.cancel != nil {
		v.cancel()
	}
}
func (v *rawView) crumbs() []string          { return []string{"raw"} }
func (v *rawView) fetchState() (bool, error) { return !v.loaded, v.err }
func (v *rawView) selection() (string, string, []field, bool) {
	return v.kind + " " + v.id, v.text, nil, v.loaded && v.err == nil
}
func (v *rawView) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Detail.Down, k.Detail.Up, k.List.Copy, k.Global.Back, k.Global.Help}
}

// What v shows on each screen: the connection of a tunnels view, the
// resource of a finding, the gateway under the cursor, and in a gateway
// the connection under the cursor (the gateway itself on its other tabs).

func (v *tunnelsView) rawTarget() (string, string, string, bool) {
	return v.region, "connection", v.conn.ID, true
}

func (v *problemsView) rawTarget() (string, string, string, bool) {
	f, ok := v.list.selected()
	if !ok {
		return "", "", "", false
	}
	kind, id := f.Resource, f.ResourceID
	if kind == "tunnel" {
		kind, id = "connection", f.ConnectionID // a tunnel is an item of its connection
	}
	return f.Region, kind, id, true
}

func (p *gatewaysPane) rawTarget() (string, string, string, bool) {
	g, ok := p.list.selected()
	return g.RegionID, "gateway", g.ID, ok
}

func (v *gatewayView) rawTarget() (string, string, string, bool) {
	if v.tab == tabConnections {
		if r, ok := v.conns.selected(); ok {
			return v.c.region, "connection", r.id, true
		}
	}
	return v.c.region, "gateway", v.gw.ID, true
}
