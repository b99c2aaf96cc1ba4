package alibaba

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// gatewayView is one gateway: its IPsec connections, SSL clients and IPsec
// servers as tabs. A tab's list is opened (one call) the first time it is
// shown. Tabs are a slice of lists of any row type: what differs between
// them is in their ListSpecs.
type gatewayView struct {
	c  *common
	gw alibaba.Gateway
	ui.Tabs
	conns  *ui.PagedList[connRow] // the connections tab, for tunnels, logs and watch
	ssl    *alibaba.SSLServer     // the gateway's SSL server, once known
	sslSeq int                    // the SSL server call this view waits for
	width  int
	height int
}

// What the root asks of it beyond what its tabs answer (asserted in
// ui.Tabs): a renamed method fails here, not silently.
var (
	_ ui.Pane        = (*gatewayView)(nil)
	_ ui.Feeder      = (*gatewayView)(nil)
	_ ui.Helpful     = (*gatewayView)(nil)
	_ ui.RawTargeter = (*gatewayView)(nil)
)

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
	v := gatewayView{c: c, gw: gw, conns: &conns, Tabs: ui.NewTabs(
		ui.TabPane{Name: "IPsec connections", List: &conns},
		ui.TabPane{Name: "SSL clients", List: &clients},
		ui.TabPane{Name: "IPsec servers", List: &servers},
	)}
	v.SetSize(w, h)
	// The connections call goes first; the SSL server is a side call that
	// runs beside it, never after it.
	cmd := tea.Batch(v.Open(tabConnections), v.fetchSSLServer())
	return v, cmd // the call first: it changes v
}

// fetchSSLServer asks for the gateway's SSL server, for the summary line,
// when the gateway has SSL-VPN on.
func (v *gatewayView) fetchSSLServer() tea.Cmd {
	if !v.gw.SSLEnabled {
		return nil
	}
	v.sslSeq = v.c.NewID()
	ctx, client, region, gw, seq := v.conns.Ctx, v.c.client, v.c.Region, v.gw.ID, v.sslSeq
	return func() tea.Msg {
		server, err := client.SSLServer(ctx, region, gw)
		return sslServerLoadedMsg{seq: seq, server: server, err: err}
	}
}

func (v *gatewayView) Close() { v.CloseAll() }

func (v *gatewayView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.Tabs.SetSize(w, max(h-4, 1)) // summary, tabs, list header, list footer
}

func (v *gatewayView) Handle(msg tea.Msg) tea.Cmd {
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
			v.ssl, v.sslSeq = msg.server, v.c.NewID() // newer than any side call in flight
		}
		return nil
	case ui.ListMsg:
		cmd, _ := v.Deliver(msg)
		return cmd
	case tea.KeyPressMsg:
		if !v.ClaimsKeys() {
			if cmd, ok := v.SwitchKey(msg, v.c.Keys.List.NextTab, v.c.Keys.List.PrevTab); ok {
				return cmd
			}
			if cmd, ok := v.openKey(msg); ok {
				return cmd
			}
		}
	}
	return v.Current().Handle(msg)
}

// openKey drills in: enter opens a connection's tunnels (or the details
// of a client or server), l a connection's log, t its route path, c the
// SSL server wizard.
func (v *gatewayView) openKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := v.c.Keys.List
	switch {
	case key.Matches(msg, k.Open) && v.Tab != tabConnections:
		return ui.OpenDetail(v.c.Common, v), true
	case key.Matches(msg, k.Open):
		r, ok := v.conns.Selected()
		if !ok {
			return nil, true
		}
		c := r.connection()
		t, cmd := newTunnelsView(v.c, v.c.Region, c, v.c.Width, v.c.Height)
		t.gw = v.gw
		if len(c.PeerIDs()) == 1 { // what the row shows, until the view's own read comes
			t.peers = map[string]peer{r.cgw: r.peer}
		}
		t.setConn(c, v.conns.Events)
		return ui.Push(&t, cmd), true
	case key.Matches(msg, k.Logs) && v.Tab == tabConnections:
		r, ok := v.conns.Selected()
		if !ok {
			return nil, true
		}
		c := r.connection()
		l, cmd := newLogsView(v.c, v.c.Region, []string{ui.OrDash(c.Name), "log"}, c, nil, v.c.Width, v.c.Height)
		return ui.Push(&l, cmd), true
	case key.Matches(msg, k.Logs):
		return ui.Flash("l shows a connection's negotiation log: on the IPsec connections tab"), true
	case key.Matches(msg, k.Changes) && v.Tab == tabConnections:
		r, ok := v.conns.Selected()
		if !ok {
			return nil, true
		}
		c := r.connection()
		return openChanges(v.c, v.c.Region, []string{ui.OrDash(c.Name)}, c.ID, c.Name), true
	case key.Matches(msg, k.Changes):
		return openChanges(v.c, v.c.Region, nil, v.gw.ID, v.gw.Name), true
	case key.Matches(msg, k.RoutePath) && v.Tab == tabConnections:
		r, ok := v.conns.Selected()
		if !ok {
			return nil, true
		}
		c := r.connection()
		return openRoutePath(v.c, v.c.Region, v.gw, c, []string{ui.OrDash(c.Name), "route path"}), true
	case key.Matches(msg, k.RoutePath):
		return ui.Flash("t shows a connection's route path: on the IPsec connections tab"), true
	case key.Matches(msg, v.c.Keys.List.Create):
		return openWizard(v.c, v.gw, []string{"new SSL server"}, true), true
	}
	return nil, false
}

// Deliver hands a result to its tab; a refreshed page of connections is
// news for the tunnels view of one of them.
func (v *gatewayView) Deliver(m ui.ListMsg) (tea.Cmd, bool) {
	cmd, ok := v.Tabs.Deliver(m)
	if ok && m.ListID() == v.conns.ListID() && !v.conns.Refreshing() {
		// Read when the news is taken, in Update: the list as it is then.
		conns := v.conns
		news := connectionsRefreshedMsg{find: func(id string) (alibaba.Connection, []ui.ChangeEvent, bool) {
			if conns.Refreshing() {
				return alibaba.Connection{}, nil, false
			}
			for _, r := range conns.Items {
				if r.id == id {
					return r.connection(), conns.Events, true
				}
			}
			return alibaba.Connection{}, nil, false
		}}
		cmd = tea.Batch(cmd, func() tea.Msg { return news })
	}
	return cmd, ok
}

// FeedsAbove: a tunnels view or details above show this view's
// connections, so refreshing there refreshes them.
func (v *gatewayView) FeedsAbove() bool { return v.Tab == tabConnections }

// As a pane: the open tab answers for most of it (ui.Tabs).
func (v *gatewayView) Crumbs() []string { return []string{ui.OrDash(v.gw.Name)} }
func (v *gatewayView) Hints(k keymap.KeyMap) []key.Binding {
	switch v.Tab {
	case tabSSLClients:
		return []key.Binding{k.List.Open, k.List.NextTab, k.List.HideGone, k.List.Filter, k.Global.Back, k.Global.Help}
	case tabIPsecServers:
		return []key.Binding{k.List.Open, k.List.NextTab, k.List.Filter, k.Global.Back, k.Global.Help}
	}
	return []key.Binding{k.List.Open, k.List.NextTab, k.List.RoutePath, k.List.Logs, k.List.Sort, k.List.Details, k.List.Filter,
		k.Global.Back, k.Global.Help}
}
func (v *gatewayView) HelpGroups(k keymap.KeyMap) []keymap.Group {
	tabs := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/⇧tab", "next / previous tab"))
	act := []key.Binding{k.List.Open, ui.DetailsHelp(k), k.List.Copy, k.List.Filter, k.List.LoadAll, k.List.Create, tabs}
	switch v.Tab {
	case tabConnections:
		act = append(act, pathAndLog(k), k.List.Sort) // a (what changed) is in the gateway list's and the tunnels view's ?
	case tabSSLClients:
		act = append(act, k.List.HideGone, k.List.Changes)
	default:
		act = append(act, k.List.Changes)
	}
	return []keymap.Group{{Title: "Move", Bindings: ui.MoveHelp(k)}, {Title: "Act", Bindings: keymap.Enabled(act...)}}
}

func (v gatewayView) View() string {
	return v.summary() + "\n" + v.Line(v.c.Styles, v.width) + "\n" + v.Current().View()
}

func (v *gatewayView) summary() string {
	s, g := v.c.Styles, v.gw
	parts := []string{
		paintGatewayState(s, v.c.Region, g, gatewayState(g)),
		"IP " + ui.OrDash(g.InternetIP),
	}
	sslAt := -1
	if v.ssl != nil {
		// What a person asks first of an SSL server: how full, and where.
		sslAt = len(parts)
		parts = append(parts, fmt.Sprintf("SSL server %s/%d %d/%d clients (%s)", v.ssl.Proto, v.ssl.Port,
			v.ssl.Connections, v.ssl.MaxConnections, v.ssl.ID))
	}
	if g.DisasterRecoveryIP != "" {
		parts = append(parts, "DR "+g.DisasterRecoveryIP)
	}
	parts = append(parts, "IPsec "+ui.YesNo(g.IPsecEnabled))
	if v.ssl == nil {
		parts = append(parts, fmt.Sprintf("SSL %s (max %d)", ui.YesNo(g.SSLEnabled), g.SSLMaxConnections))
	}
	parts = append(parts, g.Spec, g.VpcID)
	line := " " + strings.Join(parts, s.Dim.Render(" · "))
	if sslAt >= 0 && ansi.StringWidth(strings.Join(parts[:sslAt+1], " · "))+1 > v.width {
		// Too narrow for the server's id: leave it out rather than show a
		// cut one (a wider screen shows it whole).
		parts[sslAt] = fmt.Sprintf("SSL server %s/%d %d/%d clients", v.ssl.Proto, v.ssl.Port, v.ssl.Connections, v.ssl.MaxConnections)
		line = " " + strings.Join(parts, s.Dim.Render(" · "))
	}
	return ui.Fit(line, v.width)
}

// The gateway view's other tabs, typed.
func (v *gatewayView) clients() *ui.PagedList[sslRow] {
	return v.Panes[tabSSLClients].List.(*ui.PagedList[sslRow])
}

func (v *gatewayView) servers() *ui.PagedList[alibaba.IPsecServer] {
	return v.Panes[tabIPsecServers].List.(*ui.PagedList[alibaba.IPsecServer])
}

// RawTarget is what the v key reads raw: the connection or IPsec server under the
// cursor, the SSL server on the SSL clients tab; the gateway itself when
// the tab is empty.
func (v *gatewayView) RawTarget() (ui.RawTarget, bool) {
	switch v.Tab {
	case tabConnections:
		if r, ok := v.conns.Selected(); ok {
			return v.c.raw(v.c.Region, "connection", r.id), true
		}
	case tabIPsecServers:
		if s, ok := v.servers().Selected(); ok {
			return v.c.raw(v.c.Region, "ipsec-server", s.ID), true
		}
	case tabSSLClients:
		if v.ssl != nil { // a client is a row of its server's answer
			return v.c.raw(v.c.Region, "ssl-server", v.ssl.ID), true
		}
	}
	return v.c.raw(v.c.Region, "gateway", v.gw.ID), true
}

// pathAndLog is t and l in one line of help, as d and v share one: the
// help fits 80x24.
func pathAndLog(k keymap.KeyMap) key.Binding {
	return key.NewBinding(key.WithKeys(append(k.List.RoutePath.Keys(), k.List.Logs.Keys()...)...),
		key.WithHelp(k.List.RoutePath.Help().Key+" "+k.List.Logs.Help().Key, k.List.RoutePath.Help().Desc+" · "+k.List.Logs.Help().Desc))
}
