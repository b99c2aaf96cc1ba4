package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/keymap"
)

// pane is one screen of the app's stack. The root talks to every screen
// through it: keys to the top one, sizes and results to all, its view in
// the body, its crumbs in the header, its keys in the hint line. A new
// screen (another provider's) is a new pane, not a new case in a switch.
type pane interface {
	update(msg tea.Msg) tea.Cmd
	View() string
	setSize(w, h int)
	close() // cancel its calls in flight: the user left it
	crumbs() []string
	hints(k keymap.KeyMap) []key.Binding
	fetchState() (loading bool, err error)
}

// What only some panes can do; the root asks with a type assertion.
type (
	// keyOwner may hold an open input (a filter, a question) and so claim
	// keys, or use esc itself (to clear a filter).
	keyOwner interface {
		claimsKeys() bool
		handlesBack() bool
	}
	// sorter orders its rows by a column (⇧ letter, :sort).
	sorter interface {
		sortByTitle(name string) error
		sortHelp() []string
	}
	// refresher fetches again what it shows (r); watchRefresh is the
	// cheaper refresh of watch mode (w).
	refresher interface {
		refresh() tea.Cmd
		watchRefresh() tea.Cmd
	}
	// selector has a row under the cursor: d shows it, y copies its id.
	selector interface {
		selection() (title, id string, fields []field, ok bool)
	}
	// listHolder owns lists: results find them by id.
	listHolder interface {
		deliver(m listMsg) (tea.Cmd, bool)
		refreshedAt() time.Time
	}
	// fedFromBelow shows data of a pane below it (a connection, its
	// details): refreshing it refreshes that pane, when it feedsAbove.
	fedFromBelow interface{ fedFromBelow() bool }
	feeder       interface {
		refresher
		feedsAbove() bool
	}
	// regionless shows every region, not the current one.
	regionless interface {
		allRegions() bool
	}
	// helpful lists its keys for ?, grouped.
	helpful interface {
		helpGroups(k keymap.KeyMap) []keymap.Group
	}
)

// listHolderOf is the part shared by panes that are one list.
func deliverTo(l listPane, m listMsg) (tea.Cmd, bool) {
	if l.listID() != m.listID() {
		return nil, false
	}
	return l.update(m), true
}

// The gateway list, the root pane.

func (p *gatewaysPane) update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(scanEventMsg); ok {
		// News from the problems scan: this region's gateways, checked.
		if r := m.event.Checked; m.ok && r != nil && r.Region == p.region {
			p.rollups[r.GatewayID] = *r
		}
		return nil
	}
	if _, ok := msg.(sslServerCreatedMsg); ok {
		return p.list.reload() // the gateway's new state
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.list.claimsKeys() {
		switch {
		case key.Matches(k, p.c.keys.List.Open):
			g, ok := p.list.selected()
			if !ok {
				return nil
			}
			v, cmd := newGatewayView(p.c, g, p.c.width, p.c.height)
			return push(&v, cmd)
		case createPressed(p.c, k):
			g, ok := p.list.selected()
			if !ok {
				return nil
			}
			return openWizard(p.c, g, []string{orDash(g.Name), "new SSL server"}, false)
		}
	}
	return p.list.update(msg)
}
func (p *gatewaysPane) View() string     { return p.list.View() }
func (p *gatewaysPane) setSize(w, h int) { p.list.setSize(w, max(h-2, 1)) }
func (p *gatewaysPane) close()           { p.list.close() }
func (p *gatewaysPane) crumbs() []string { return nil }
func (p *gatewaysPane) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.Global.Problems, k.Global.Provider, k.List.Details, k.List.Create, k.List.Filter,
		k.List.Copy, k.Global.Refresh, k.Global.Region, k.Global.Command, k.Global.Help, k.Global.Quit}
}
func (p *gatewaysPane) fetchState() (bool, error)                  { return p.list.fetchState() }
func (p *gatewaysPane) claimsKeys() bool                           { return p.list.claimsKeys() }
func (p *gatewaysPane) handlesBack() bool                          { return p.list.handlesBack() }
func (p *gatewaysPane) sortByTitle(name string) error              { return p.list.sortByTitle(name) }
func (p *gatewaysPane) sortHelp() []string                         { return p.list.sortHelp() }
func (p *gatewaysPane) refresh() tea.Cmd                           { return p.list.reload() }
func (p *gatewaysPane) watchRefresh() tea.Cmd                      { return p.list.watchRefresh() }
func (p *gatewaysPane) deliver(m listMsg) (tea.Cmd, bool)          { return deliverTo(&p.list, m) }
func (p *gatewaysPane) refreshedAt() time.Time                     { return p.list.refreshedAt() }
func (p *gatewaysPane) start() tea.Cmd                             { return p.list.start() }
func (p *gatewaysPane) sized() tea.Cmd                             { return p.list.fetchMoreIfNear() }
func (p *gatewaysPane) selection() (string, string, []field, bool) { return p.list.selection() }
func (p *gatewaysPane) helpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{
		{Title: "Move", Bindings: moveHelp(k)},
		{Title: "Act", Bindings: keymap.Enabled(k.List.Open, k.List.Details, k.List.Copy, k.List.Filter, k.List.LoadAll, k.List.Create)},
	}
}

// The details of one item.

func (d *detailView) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*d, cmd = d.Update(msg)
	return cmd
}
func (d *detailView) close()                    {}
func (d *detailView) fedFromBelow() bool        { return true }
func (d *detailView) crumbs() []string          { return []string{"details"} }
func (d *detailView) fetchState() (bool, error) { return false, nil }
func (d *detailView) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Detail.Reveal, k.Detail.Down, k.Detail.Copy, k.Global.Back}
}
func (d *detailView) selection() (string, string, []field, bool) { return d.title, d.id, nil, true }
func (d *detailView) helpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{{Title: "Details", Bindings: []key.Binding{k.Detail.Up, k.Detail.Down, k.Detail.PageUp,
		k.Detail.PageDown, k.Detail.Top, k.Detail.Bottom, k.Detail.Reveal, k.Detail.Copy}}}
}

// The help screen: the keys of the pane below it.

type helpView struct {
	sc scroller
}

func (h *helpView) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		h.sc.scroll(k)
	}
	return nil
}
func (h *helpView) View() string                        { return h.sc.View() }
func (h *helpView) setSize(w, hh int)                   { h.sc.setSize(w, hh) }
func (h *helpView) close()                              {}
func (h *helpView) crumbs() []string                    { return nil }
func (h *helpView) fetchState() (bool, error)           { return false, nil }
func (h *helpView) hints(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Global.Back} }

// The region picker.

func (p *regionPicker) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, p.c.keys.List.Open) {
		if r, ok := p.choice(); ok {
			return switchRegion(r.ID)
		}
		return nil
	}
	var cmd tea.Cmd
	*p, cmd = p.Update(msg)
	return cmd
}
func (p *regionPicker) close()                    {}
func (p *regionPicker) crumbs() []string          { return []string{"regions"} }
func (p *regionPicker) fetchState() (bool, error) { return p.loading, p.err }
func (p *regionPicker) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.Global.Back}
}

// The CreateSslVpnServer wizard: its fields take every key.

func (w *wizard) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*w, cmd = w.Update(msg)
	return cmd
}
func (w *wizard) close()                    {}
func (w *wizard) crumbs() []string          { return w.crumb }
func (w *wizard) fetchState() (bool, error) { return false, nil }
func (w *wizard) claimsKeys() bool          { return true }
func (w *wizard) handlesBack() bool         { return true }
func (w *wizard) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Wizard.Confirm, k.Wizard.Prev, k.Wizard.Toggle, k.Wizard.ApplyFix, k.Wizard.Leave}
}
