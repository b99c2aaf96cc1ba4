package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
)

// gatewayView is one gateway: its IPsec connections, SSL clients and IPsec
// servers as tabs. A tab's list is opened (one call) the first time it is
// shown.
type gatewayView struct {
	c       *common
	gw      api.Gateway
	tab     gatewayTab
	conns   pagedList[connRow]
	clients pagedList[sslRow]
	servers pagedList[api.IPsecServer]
	opened  [tabCount]bool
	ssl     *api.SSLServer // the gateway's SSL server, once known
	sslSeq  int            // the SSL server call this view waits for
	width   int
	height  int
}

type gatewayTab int

const (
	tabConnections gatewayTab = iota
	tabSSLClients
	tabIPsecServers
	tabCount
)

var tabNames = [tabCount]string{"IPsec connections", "SSL clients", "IPsec servers"}

func newGatewayView(c *common, gw api.Gateway, w, h int) (gatewayView, tea.Cmd) {
	v := gatewayView{c: c, gw: gw,
		conns: newConnectionsList(c, gw), clients: newSSLClientsList(c, gw), servers: newIPsecServersList(c, gw)}
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

// open shows a tab, fetching its first page the first time.
func (v *gatewayView) open(t gatewayTab) tea.Cmd {
	v.tab = t
	if v.opened[t] {
		return nil
	}
	v.opened[t] = true
	switch t {
	case tabSSLClients:
		return v.clients.start()
	case tabIPsecServers:
		return v.servers.start()
	}
	return v.conns.start()
}

func (v *gatewayView) close() {
	v.conns.close()
	v.clients.close()
	v.servers.close()
}

func (v *gatewayView) setSize(w, h int) {
	v.width, v.height = w, h
	lh := max(h-4, 1) // summary, tabs, list header, list footer
	v.conns.setSize(w, lh)
	v.clients.setSize(w, lh)
	v.servers.setSize(w, lh)
}

// claimsKeys is true while the open tab's filter or question has focus.
func (v *gatewayView) claimsKeys() bool {
	switch v.tab {
	case tabSSLClients:
		return v.clients.claimsKeys()
	case tabIPsecServers:
		return v.servers.claimsKeys()
	}
	return v.conns.claimsKeys()
}

func (v *gatewayView) handlesBack() bool {
	switch v.tab {
	case tabSSLClients:
		return v.clients.handlesBack()
	case tabIPsecServers:
		return v.servers.handlesBack()
	}
	return v.conns.handlesBack()
}

func (v *gatewayView) reload() tea.Cmd {
	switch v.tab {
	case tabSSLClients:
		return v.clients.reload()
	case tabIPsecServers:
		return v.servers.reload()
	}
	return v.conns.reload()
}

// status is the open tab's fetch state, for the status line.
func (v *gatewayView) status() (loading bool, err error) {
	switch v.tab {
	case tabSSLClients:
		return v.clients.loading, v.clients.err
	case tabIPsecServers:
		return v.servers.loading, v.servers.err
	}
	return v.conns.loading, v.conns.err
}

func (v gatewayView) Update(msg tea.Msg) (gatewayView, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case sslServerLoadedMsg:
		// A failure leaves the summary without the server: the tabs carry
		// the errors that matter.
		if msg.seq == v.sslSeq && msg.err == nil {
			v.ssl = msg.server
		}
		return v, nil
	case pageLoadedMsg[connRow]:
		v.conns, cmd = v.conns.Update(msg)
		return v, cmd
	case pageLoadedMsg[sslRow]:
		v.clients, cmd = v.clients.Update(msg)
		return v, cmd
	case pageLoadedMsg[api.IPsecServer]:
		v.servers, cmd = v.servers.Update(msg)
		return v, cmd
	case tea.KeyPressMsg:
		if !v.claimsKeys() {
			switch {
			case key.Matches(msg, v.c.keys.List.NextTab):
				return v, v.open((v.tab + 1) % tabCount)
			case key.Matches(msg, v.c.keys.List.PrevTab):
				return v, v.open((v.tab + tabCount - 1) % tabCount)
			}
		}
	}
	switch v.tab {
	case tabSSLClients:
		v.clients, cmd = v.clients.Update(msg)
	case tabIPsecServers:
		v.servers, cmd = v.servers.Update(msg)
	default:
		v.conns, cmd = v.conns.Update(msg)
	}
	return v, cmd
}

func (v gatewayView) View() string {
	var list string
	switch v.tab {
	case tabSSLClients:
		list = v.clients.View()
	case tabIPsecServers:
		list = v.servers.View()
	default:
		list = v.conns.View()
	}
	return v.summary() + "\n" + v.tabsLine() + "\n" + list
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

func (v *gatewayView) tabsLine() string {
	s := v.c.styles
	totals := [tabCount]int{v.conns.total, v.clients.total, v.servers.total}
	loaded := [tabCount]bool{v.conns.loaded, v.clients.loaded, v.servers.loaded}
	var b strings.Builder
	b.WriteString(" ")
	for t := range tabCount {
		label := tabNames[t]
		if loaded[t] && totals[t] >= 0 {
			label += fmt.Sprintf(" (%d)", totals[t])
		}
		if t == v.tab {
			b.WriteString(s.TabActive.Render("[" + label + "]"))
		} else {
			b.WriteString(s.TabInactive.Render(" " + label + " "))
		}
		b.WriteString("  ")
	}
	return fit(b.String(), v.width)
}

func (v *gatewayView) sortByTitle(name string) error {
	switch v.tab {
	case tabSSLClients:
		return v.clients.sortByTitle(name)
	case tabIPsecServers:
		return v.servers.sortByTitle(name)
	}
	return v.conns.sortByTitle(name)
}

func (v *gatewayView) sortHelp() []string {
	switch v.tab {
	case tabSSLClients:
		return v.clients.sortHelp()
	case tabIPsecServers:
		return v.servers.sortHelp()
	}
	return v.conns.sortHelp()
}
