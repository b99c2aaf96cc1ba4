package tui

// Drilling in and out: what enter, d, l, y and c open from each screen.

import (
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// canOpenLogs: the log is of a connection, from its tunnels or its row.
func (a *App) canOpenLogs() bool {
	if topIs[*tunnelsView](a) {
		return true
	}
	g, ok := a.top().(*gatewayView)
	return ok && g.tab == tabConnections
}

// openLogs shows the negotiation log of the selected connection, or of the
// tunnel picked in the tunnels view.
func (a App) openLogs() (App, tea.Cmd) {
	var conn alibaba.Connection
	var tunnel *alibaba.Tunnel
	region, crumb := a.c.region, []string{"log"}
	switch p := a.top().(type) {
	case *tunnelsView:
		conn, region = p.conn, p.region
		t := p.selected()
		tunnel = &t
	case *gatewayView:
		r, ok := p.conns.selected()
		if !ok {
			return a, nil
		}
		conn = r.connection()
		crumb = []string{orDash(conn.Name), "log"}
	default:
		return a, nil
	}
	v, cmd := newLogsView(a.c, region, crumb, conn, tunnel, a.width, a.bodyHeight())
	a.push(&v)
	return a, cmd
}

// openWizard starts the CreateSslVpnServer wizard on the selected gateway
// (or the open one), unless vpnscope runs read-only.
func (a App) openWizard() (App, tea.Cmd) {
	if a.cfg.ReadOnly {
		return a, a.setFlash("read-only: creating an SSL server is disabled (started with --readonly)")
	}
	var gw alibaba.Gateway
	crumb := []string{"new SSL server"}
	switch p := a.top().(type) {
	case *gatewayView:
		gw = p.gw
	case *gatewaysPane:
		var ok bool
		if gw, ok = p.list.selected(); !ok {
			return a, nil
		}
		crumb = []string{orDash(gw.Name), "new SSL server"}
	default:
		return a, nil
	}
	a.wizardSeq++
	w, cmd := newWizard(a.c, gw, a.wizardSeq, a.width, a.bodyHeight())
	w.crumb = crumb
	a.push(&w)
	return a, cmd
}

// closeWizard leaves the wizard. After a create it lands on the gateway's
// view, which shows the new server (opening it if the wizard was started
// from the gateway list), and the gateway list reloads its new state.
func (a App) closeWizard(msg closeWizardMsg) (App, tea.Cmd) {
	w, ok := a.top().(*wizard)
	if !ok {
		return a, nil
	}
	a.pop()
	a.wizardSeq++ // drop anything still in flight for it
	if msg.created.ID == "" {
		return a, nil
	}
	root, _ := a.stack[0].(*gatewaysPane)
	cmds := []tea.Cmd{root.list.reload(), a.setFlash("SSL server " + msg.created.ID + " created on " + orDash(w.gw.Name))}
	g, ok := a.top().(*gatewayView)
	if !ok || g.gw.ID != w.gw.ID {
		gw := w.gw
		if w.phase == phaseFinished && !w.timedOut {
			gw.Status = "active"
		}
		v, cmd := newGatewayView(a.c, gw, a.width, a.bodyHeight())
		g = &v
		a.push(g)
		cmds = append(cmds, cmd)
	}
	g.ssl, g.sslSeq = msg.server, a.c.newID() // newer than any side call in flight
	return a, tea.Batch(cmds...)
}

// open drills in: gateway → its view; connection → its tunnels; finding →
// what it is about; region → switch to it.
func (a App) open() (App, tea.Cmd) {
	switch p := a.top().(type) {
	case *gatewaysPane:
		g, ok := p.list.selected()
		if !ok {
			return a, nil
		}
		v, cmd := newGatewayView(a.c, g, a.width, a.bodyHeight())
		a.push(&v)
		return a, cmd
	case *gatewayView:
		if p.tab != tabConnections {
			return a.openDetail()
		}
		r, ok := p.conns.selected()
		if !ok {
			return a, nil
		}
		c := r.connection()
		v, cmd := newTunnelsView(a.c, a.c.region, c, a.width, a.bodyHeight())
		v.setConn(c, p.conns.events)
		a.push(&v)
		return a, cmd
	case *problemsView:
		return a.openFinding(p)
	case *endpointsPane:
		e, ok := p.list.selected()
		if !ok {
			return a, nil
		}
		v, cmd := newEndpointView(a.c, e, a.width, a.bodyHeight())
		a.push(&v)
		return a, cmd
	case *endpointView:
		return a.openDetail()
	case *regionPicker:
		r, ok := p.choice()
		if !ok {
			return a, nil
		}
		return a.switchRegion(r.ID)
	}
	return a, nil
}

// switchRegion starts over in another region, keeping nothing of the old.
func (a App) switchRegion(region string) (App, tea.Cmd) {
	for _, p := range a.stack {
		p.close()
	}
	a.c.region = region
	root := a.provider().Root(a.c)
	a.stack = []pane{root}
	a.retry = nil
	a.resize(a.width, a.height)
	return a, tea.Batch(root.start(), a.setFlash("switched to "+region))
}

func (a App) openDetail() (App, tea.Cmd) {
	title, id, fields, ok := a.selection()
	if !ok {
		return a, nil
	}
	d := newDetailView(a.c, title, id, fields, a.width, a.bodyHeight())
	a.push(&d)
	return a, nil
}

// selection is what d shows and y copies on the current screen.
func (a *App) selection() (title, id string, fields []field, ok bool) {
	if s, isSel := a.top().(selector); isSel {
		return s.selection()
	}
	return "", "", nil, false
}

// selectedID is what y copies on the current screen.
func (a *App) selectedID() string {
	_, id, _, _ := a.selection()
	return id
}

// copyID copies the selected id with OSC 52, which works over SSH.
func (a App) copyID() (App, tea.Cmd) {
	id := a.selectedID()
	if id == "" {
		return a, nil
	}
	return a, tea.Batch(tea.SetClipboard(id), a.setFlash("copied "+id+" (OSC 52)"))
}

// openFinding opens what a finding is about as browsing there would: a
// connection's tunnels, in its own region (esc comes back to the
// overview), or the details of a gateway or server.
func (a App) openFinding(v *problemsView) (App, tea.Cmd) {
	f, ok := v.list.selected()
	if !ok {
		return a, nil
	}
	if f.Connection == nil {
		return a.openDetail()
	}
	t, cmd := newTunnelsView(a.c, f.Region, *f.Connection, a.width, a.bodyHeight())
	t.crumb = []string{f.Region, orDash(f.Connection.Name)}
	t.setConn(*f.Connection, nil)
	a.push(&t)
	return a, cmd
}

// openFound opens what an open-by-id found, as browsing there would: in
// its region, above the provider's root.
func (a App) openFound(msg openedMsg) (App, tea.Cmd) {
	if msg.seq != a.locateSeq {
		return a, nil
	}
	a.flash = ""
	if msg.err != nil {
		a.cmdline.err = msg.id + ": " + errorLine(msg.err)
		return a, nil
	}
	var cmds []tea.Cmd
	if msg.region != a.c.region {
		var cmd tea.Cmd
		a, cmd = a.switchRegion(msg.region)
		cmds = append(cmds, cmd)
	} else {
		a.popTo(1)
	}
	panes, cmd := msg.open(a.c, a.width, a.bodyHeight())
	for _, p := range panes {
		a.push(p)
	}
	cmds = append(cmds, cmd, a.setFlash(msg.note))
	return a, tea.Batch(cmds...)
}

// pushWanted puts the pane a pane or command asked for in front, or goes
// back to the one it may reuse.
func (a App) pushWanted(msg pushMsg) (App, tea.Cmd) {
	if msg.reuse != nil {
		for i := len(a.stack) - 1; i >= 0; i-- {
			if cmd, ok := msg.reuse(a.stack[i]); ok {
				a.popTo(i + 1)
				return a, cmd
			}
		}
	}
	a.push(msg.pane)
	if msg.start != nil {
		return a, msg.start()
	}
	return a, msg.cmd
}

// openExplanation shows why an AWS endpoint's clients cannot connect.
func (a App) openExplanation() (App, tea.Cmd) {
	v, ok := a.top().(*endpointView)
	if !ok {
		return a, nil
	}
	title, id, fields, ok := v.explanation()
	if !ok {
		return a, a.setFlash("still checking the endpoint's target networks, routes and rules")
	}
	d := newDetailView(a.c, title, id, fields, a.width, a.bodyHeight())
	a.push(&d)
	return a, nil
}
