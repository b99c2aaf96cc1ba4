package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"
)

// gatewayView is one gateway: its IPsec connections, SSL clients and IPsec
// servers as tabs. A tab's list is opened (one call) the first time it is
// shown. Tabs are a slice of lists of any row type: what differs between
// them is in their listSpecs.
type gatewayView struct {
	c  *common
	gw alibaba.Gateway
	tabs
	conns  *pagedList[connRow] // the connections tab, for tunnels, logs and watch
	ssl    *alibaba.SSLServer  // the gateway's SSL server, once known
	sslSeq int                 // the SSL server call this view waits for
	width  int
	height int
}

// The gateway view's tabs, in order.
const (
	tabConnections = iota
	tabSSLClients
	tabIPsecServers
)

func newGatewayView(c *common, gw alibaba.Gateway, w, h int) (gatewayView, tea.Cmd) {
	conns := newConnectionsList(c, gw)
	clients := newSSLClientsList(c, gw)
	servers := newIPsecServersList(c, gw)
	v := gatewayView{c: c, gw: gw, conns: &conns, tabs: newTabs(
		tabPane{name: "IPsec connections", list: &conns},
		tabPane{name: "SSL clients", list: &clients},
		tabPane{name: "IPsec servers", list: &servers},
	)}
	v.setSize(w, h)
	// The connections call goes first; the SSL server is a side call that
	// runs beside it, never after it.
	return v, tea.Batch(v.open(tabConnections), v.fetchSSLServer())
}

// fetchSSLServer asks for the gateway's SSL server, for the summary line,
// when the gateway has SSL-VPN on.
func (v *gatewayView) fetchSSLServer() tea.Cmd {
	if !v.gw.SSLEnabled {
		return nil
	}
	v.sslSeq = v.c.newID()
	ctx, client, region, gw, seq := v.conns.ctx, v.c.client, v.c.region, v.gw.ID, v.sslSeq
	return func() tea.Msg {
		server, err := client.SSLServer(ctx, region, gw)
		return sslServerLoadedMsg{seq: seq, server: server, err: err}
	}
}

func (v *gatewayView) close() { v.closeAll() }

func (v *gatewayView) setSize(w, h int) {
	v.width, v.height = w, h
	v.tabs.setSize(w, max(h-4, 1)) // summary, tabs, list header, list footer
}

// The open tab answers for the view: keys, sorting.
func (v *gatewayView) claimsKeys() bool              { return v.current().claimsKeys() }
func (v *gatewayView) handlesBack() bool             { return v.current().handlesBack() }
func (v *gatewayView) sortByTitle(name string) error { return v.current().sortByTitle(name) }
func (v *gatewayView) sortHelp() []string            { return v.current().sortHelp() }

func (v *gatewayView) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case sslServerLoadedMsg:
		// A failure leaves the summary without the server: the tabs carry
		// the errors that matter.
		if msg.seq == v.sslSeq && msg.err == nil {
			v.ssl = msg.server
		}
		return nil
	case sslServerCreatedMsg:
		if msg.gateway == v.gw.ID {
			v.ssl, v.sslSeq = msg.server, v.c.newID() // newer than any side call in flight
		}
		return nil
	case listMsg:
		cmd, _ := v.deliver(msg)
		return cmd
	case tea.KeyPressMsg:
		if !v.claimsKeys() {
			if cmd, ok := v.switchKey(msg, v.c.keys.List.NextTab, v.c.keys.List.PrevTab); ok {
				return cmd
			}
			if cmd, ok := v.openKey(msg); ok {
				return cmd
			}
		}
	}
	return v.current().update(msg)
}

// openKey drills in: enter opens a connection's tunnels (or the details
// of a client or server), l a connection's log, c the SSL server wizard.
func (v *gatewayView) openKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := v.c.keys.List
	switch {
	case key.Matches(msg, k.Open) && v.tab != tabConnections:
		return openDetail(v.c, v), true
	case key.Matches(msg, k.Open):
		r, ok := v.conns.selected()
		if !ok {
			return nil, true
		}
		c := r.connection()
		t, cmd := newTunnelsView(v.c, v.c.region, c, v.c.width, v.c.height)
		t.setConn(c, v.conns.events)
		return push(&t, cmd), true
	case key.Matches(msg, k.Logs) && v.tab == tabConnections:
		r, ok := v.conns.selected()
		if !ok {
			return nil, true
		}
		c := r.connection()
		l, cmd := newLogsView(v.c, v.c.region, []string{orDash(c.Name), "log"}, c, nil, v.c.width, v.c.height)
		return push(&l, cmd), true
	case createPressed(v.c, msg):
		return openWizard(v.c, v.gw, []string{"new SSL server"}, true), true
	}
	return nil, false
}

// deliver hands a result to its tab; a refreshed page of connections is
// news for the tunnels view of one of them.
func (v *gatewayView) deliver(m listMsg) (tea.Cmd, bool) {
	cmd, ok := v.tabs.deliver(m)
	if ok && m.listID() == v.conns.listID() && v.conns.mode != modeRefresh {
		// Read when the news is taken, in Update: the list as it is then.
		conns := v.conns
		news := connectionsRefreshedMsg{find: func(id string) (alibaba.Connection, []changeEvent, bool) {
			if conns.mode == modeRefresh {
				return alibaba.Connection{}, nil, false
			}
			for _, r := range conns.items {
				if r.id == id {
					return r.connection(), conns.events, true
				}
			}
			return alibaba.Connection{}, nil, false
		}}
		cmd = tea.Batch(cmd, func() tea.Msg { return news })
	}
	return cmd, ok
}

// feedsAbove: a tunnels view or details above show this view's
// connections, so refreshing there refreshes them.
func (v *gatewayView) feedsAbove() bool { return v.tab == tabConnections }

// As a pane: the open tab answers for most of it.
func (v *gatewayView) crumbs() []string                           { return []string{orDash(v.gw.Name)} }
func (v *gatewayView) fetchState() (bool, error)                  { return v.current().fetchState() }
func (v *gatewayView) refresh() tea.Cmd                           { return v.current().reload() }
func (v *gatewayView) watchRefresh() tea.Cmd                      { return v.current().watchRefresh() }
func (v *gatewayView) refreshedAt() time.Time                     { return v.current().refreshedAt() }
func (v *gatewayView) selection() (string, string, []field, bool) { return v.current().selection() }
func (v *gatewayView) hints(k keymap.KeyMap) []key.Binding {
	switch v.tab {
	case tabSSLClients:
		return []key.Binding{k.List.Open, k.List.NextTab, k.List.HideGone, k.List.Filter, k.Global.Back, k.Global.Help}
	case tabIPsecServers:
		return []key.Binding{k.List.Open, k.List.NextTab, k.List.Filter, k.Global.Back, k.Global.Help}
	}
	return []key.Binding{k.List.Open, k.List.NextTab, k.List.Logs, k.List.Sort, k.List.Details, k.List.Filter,
		k.Global.Back, k.Global.Help}
}
func (v *gatewayView) helpGroups(k keymap.KeyMap) []keymap.Group {
	tabs := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/⇧tab", "next / previous tab"))
	act := []key.Binding{k.List.Open, k.List.Details, k.List.Copy, k.List.Filter, k.List.LoadAll, k.List.Create, tabs}
	switch v.tab {
	case tabConnections:
		act = append(act, k.List.Logs, k.List.Sort)
	case tabSSLClients:
		act = append(act, k.List.HideGone)
	}
	return []keymap.Group{{Title: "Move", Bindings: moveHelp(k)}, {Title: "Act", Bindings: keymap.Enabled(act...)}}
}

func (v gatewayView) View() string {
	return v.summary() + "\n" + v.line(v.c.styles, v.width) + "\n" + v.current().View()
}

func (v *gatewayView) summary() string {
	s, g := v.c.styles, v.gw
	parts := []string{
		paintGatewayState(s, g, gatewayState(g)),
		"IP " + orDash(g.InternetIP),
	}
	if v.ssl != nil {
		// What a person asks first of an SSL server: how full, and where.
		parts = append(parts, fmt.Sprintf("SSL server %s/%d %d/%d clients (%s)", v.ssl.Proto, v.ssl.Port,
			v.ssl.Connections, v.ssl.MaxConnections, v.ssl.ID))
	}
	if g.DisasterRecoveryIP != "" {
		parts = append(parts, "DR "+g.DisasterRecoveryIP)
	}
	parts = append(parts, "IPsec "+yesNo(g.IPsecEnabled))
	if v.ssl == nil {
		parts = append(parts, fmt.Sprintf("SSL %s (max %d)", yesNo(g.SSLEnabled), g.SSLMaxConnections))
	}
	parts = append(parts, g.Spec, g.VpcID)
	return fit(" "+strings.Join(parts, s.Dim.Render(" · ")), v.width)
}
