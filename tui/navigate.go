package tui

// Drilling in and out: what enter, d, l, y and c open from each screen.

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
)

// openLogs shows the negotiation log of the selected connection, or of the
// tunnel picked in the tunnels view.
func (a App) openLogs() (App, tea.Cmd) {
	var conn api.Connection
	var tunnel *api.Tunnel
	region := a.c.region
	if a.top() == screenTunnels {
		conn, region = a.tunnels.conn, a.tunnels.region
		t := a.tunnels.selected()
		tunnel = &t
	} else {
		r, ok := a.gateway.conns.selected()
		if !ok {
			return a, nil
		}
		conn = r.connection()
	}
	var cmd tea.Cmd
	a.logs, cmd = newLogsView(a.c, region, conn, tunnel, a.width, a.bodyHeight())
	a.push(screenLogs)
	return a, cmd
}

// openWizard starts the CreateSslVpnServer wizard on the selected gateway
// (or the open one), unless vpnscope runs read-only.
func (a App) openWizard() (App, tea.Cmd) {
	if a.cfg.ReadOnly {
		return a, a.setFlash("read-only: creating an SSL server is disabled (started with --readonly)")
	}
	gw := a.gateway.gw
	if a.top() == screenGateways {
		var ok bool
		if gw, ok = a.gateways.list.selected(); !ok {
			return a, nil
		}
	}
	a.wizardSeq++
	var cmd tea.Cmd
	a.wizard, cmd = newWizard(a.c, gw, a.wizardSeq, a.width, a.bodyHeight())
	a.wizard.setSize(a.width, a.bodyHeight())
	a.push(screenWizard)
	return a, cmd
}

// closeWizard leaves the wizard. After a create it lands on the gateway's
// view, which shows the new server (opening it if the wizard was started
// from the gateway list), and the gateway list reloads its new state.
func (a App) closeWizard(msg closeWizardMsg) (App, tea.Cmd) {
	if a.top() != screenWizard {
		return a, nil
	}
	a.pop()
	a.wizardSeq++ // drop anything still in flight for it
	if msg.created.ID == "" {
		return a, nil
	}
	cmds := []tea.Cmd{a.gateways.list.reload(), a.setFlash("SSL server " + msg.created.ID + " created on " + orDash(a.wizard.gw.Name))}
	if !a.has(screenGateway) || a.gateway.gw.ID != a.wizard.gw.ID {
		gw := a.wizard.gw
		if a.wizard.phase == phaseFinished && !a.wizard.timedOut {
			gw.Status = "active"
		}
		var cmd tea.Cmd
		a.gateway, cmd = newGatewayView(a.c, gw, a.width, a.bodyHeight())
		a.push(screenGateway)
		cmds = append(cmds, cmd)
	}
	a.gateway.ssl, a.gateway.sslSeq = msg.server, a.c.newID() // newer than any side call in flight
	return a, tea.Batch(cmds...)
}

// open drills in: gateway → its view; connection → its tunnels; region →
// switch to it.
func (a App) open() (App, tea.Cmd) {
	switch a.top() {
	case screenGateways:
		g, ok := a.gateways.list.selected()
		if !ok {
			return a, nil
		}
		var cmd tea.Cmd
		a.gateway, cmd = newGatewayView(a.c, g, a.width, a.bodyHeight())
		a.push(screenGateway)
		return a, cmd
	case screenGateway:
		if a.gateway.tab != tabConnections {
			return a.openDetail()
		}
		r, ok := a.gateway.conns.selected()
		if !ok {
			return a, nil
		}
		c := r.connection()
		var cmd tea.Cmd
		a.tunnels, cmd = newTunnelsView(a.c, a.c.region, c, a.width, a.bodyHeight())
		a.tunnels.setConn(c, a.gateway.conns.events)
		a.push(screenTunnels)
		return a, cmd
	case screenProblems:
		return a.openFinding()
	case screenRegions:
		r, ok := a.regions.choice()
		if !ok {
			return a, nil
		}
		return a.switchRegion(r.ID)
	}
	return a, nil
}

// switchRegion starts over in another region, keeping nothing of the old.
func (a App) switchRegion(region string) (App, tea.Cmd) {
	if a.has(screenGateway) {
		a.gateway.close()
	}
	if a.has(screenProblems) {
		a.problems.close()
	}
	a.gateways.list.close()
	a.c.region = region
	a.gateways = newGatewaysPane(a.c)
	a.stack = []screen{screenGateways}
	a.retry = nil
	a.resize(a.width, a.height)
	return a, tea.Batch(a.gateways.list.start(), a.setFlash("switched to "+region))
}

func (a App) openDetail() (App, tea.Cmd) {
	title, id, fields, ok := a.selection()
	if !ok {
		return a, nil
	}
	a.detail = newDetailView(a.c, title, id, fields, a.width, a.bodyHeight())
	a.push(screenDetail)
	return a, nil
}

// selection is what d shows and y copies on the current screen: the row
// under the cursor of its list, or the tunnel picked.
func (a *App) selection() (title, id string, fields []field, ok bool) {
	switch a.top() {
	case screenTunnels:
		t := a.tunnels.selected()
		return "Tunnel " + t.ID, t.ID, tunnelFields(t), true
	case screenDetail:
		return a.detail.title, a.detail.id, nil, true
	}
	if l := a.listOn(a.top()); l != nil {
		return l.selection()
	}
	return "", "", nil, false
}

// listOn is the list that fills screen s, if one does.
func (a *App) listOn(s screen) listPane {
	switch s {
	case screenGateways:
		return &a.gateways.list
	case screenGateway:
		return a.gateway.current()
	case screenLogs:
		return &a.logs.list
	case screenProblems:
		return &a.problems.list
	}
	return nil
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

// openProblems shows the problems overview, starting a scan of the whole
// account; from the overview itself, P checks again.
func (a App) openProblems() (App, tea.Cmd) {
	if a.has(screenProblems) {
		for a.top() != screenProblems {
			a.pop()
		}
		return a, a.problems.start()
	}
	a.problems = newProblemsView(a.c, a.width, a.bodyHeight())
	a.push(screenProblems)
	return a, a.problems.start()
}

// openFinding opens what a finding is about as browsing there would: a
// connection's tunnels (esc comes back to the overview), or the details of
// a gateway or server.
func (a App) openFinding() (App, tea.Cmd) {
	f, ok := a.problems.list.selected()
	if !ok {
		return a, nil
	}
	if f.Connection == nil {
		return a.openDetail()
	}
	var cmd tea.Cmd
	a.tunnels, cmd = newTunnelsView(a.c, f.Region, *f.Connection, a.width, a.bodyHeight())
	a.tunnels.setConn(*f.Connection, nil)
	a.push(screenTunnels)
	return a, cmd
}

// openLocated opens what `:id` found as browsing there would: its region,
// the gateway, and the connection's tunnels.
func (a App) openLocated(msg locatedMsg) (App, tea.Cmd) {
	if msg.seq != a.locateSeq {
		return a, nil
	}
	a.flash = ""
	if msg.err != nil {
		a.cmdline.err = msg.id + ": " + errorLine(msg.err)
		return a, nil
	}
	l := msg.located
	var cmds []tea.Cmd
	if l.Region != a.c.region {
		var cmd tea.Cmd
		a, cmd = a.switchRegion(l.Region)
		cmds = append(cmds, cmd)
	} else {
		for len(a.stack) > 1 {
			a.pop()
		}
	}
	var cmd tea.Cmd
	a.gateway, cmd = newGatewayView(a.c, l.Gateway, a.width, a.bodyHeight())
	a.push(screenGateway)
	cmds = append(cmds, cmd)
	if l.Connection != nil {
		a.tunnels, cmd = newTunnelsView(a.c, l.Region, *l.Connection, a.width, a.bodyHeight())
		a.tunnels.setConn(*l.Connection, nil)
		a.push(screenTunnels)
		cmds = append(cmds, cmd)
	}
	cmds = append(cmds, a.setFlash(fmt.Sprintf("found %s in %s (%d calls)", msg.id, l.Region, l.Calls)))
	return a, tea.Batch(cmds...)
}
