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
// shown. Tabs are a slice of lists of any row type: what differs between
// them is in their listSpecs.
type gatewayView struct {
	c      *common
	gw     api.Gateway
	tab    gatewayTab
	tabs   []gatewayTabPane
	conns  *pagedList[connRow] // the connections tab, for tunnels, logs and watch
	ssl    *api.SSLServer      // the gateway's SSL server, once known
	sslSeq int                 // the SSL server call this view waits for
	width  int
	height int
}

// gatewayTabPane is one tab: its name and its list.
type gatewayTabPane struct {
	name   string
	list   listPane
	opened bool
}

type gatewayTab int

const (
	tabConnections gatewayTab = iota
	tabSSLClients
	tabIPsecServers
)

func newGatewayView(c *common, gw api.Gateway, w, h int) (gatewayView, tea.Cmd) {
	conns := newConnectionsList(c, gw)
	clients := newSSLClientsList(c, gw)
	servers := newIPsecServersList(c, gw)
	v := gatewayView{c: c, gw: gw, conns: &conns, tabs: []gatewayTabPane{
		{name: "IPsec connections", list: &conns},
		{name: "SSL clients", list: &clients},
		{name: "IPsec servers", list: &servers},
	}}
	v.setSize(w, h)
	// The connections call goes first; the SSL server is a side call that
	// runs beside it, never after it.
	return v, tea.Batch(v.open(tabConnections), v.fetchSSLServer())
}

// current is the open tab's list.
func (v *gatewayView) current() listPane { return v.tabs[v.tab].list }

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
	if v.tabs[t].opened {
		return nil
	}
	v.tabs[t].opened = true
	return v.tabs[t].list.start()
}

func (v *gatewayView) close() {
	for _, t := range v.tabs {
		t.list.close()
	}
}

func (v *gatewayView) setSize(w, h int) {
	v.width, v.height = w, h
	for _, t := range v.tabs {
		t.list.setSize(w, max(h-4, 1)) // summary, tabs, list header, list footer
	}
}

// The open tab answers for the view: keys, sorting, refresh, state.
func (v *gatewayView) claimsKeys() bool                  { return v.current().claimsKeys() }
func (v *gatewayView) handlesBack() bool                 { return v.current().handlesBack() }
func (v *gatewayView) sortByTitle(name string) error     { return v.current().sortByTitle(name) }
func (v *gatewayView) sortHelp() []string                { return v.current().sortHelp() }
func (v *gatewayView) reload() tea.Cmd                   { return v.current().reload() }
func (v *gatewayView) status() (loading bool, err error) { return v.current().fetchState() }

// deliver hands a result to the tab whose list it is for; false when none
// is (a list of a gateway left, or of another view).
func (v *gatewayView) deliver(m listMsg) (tea.Cmd, bool) {
	for _, t := range v.tabs {
		if t.list.listID() == m.listID() {
			return t.list.update(m), true
		}
	}
	return nil, false
}

func (v gatewayView) Update(msg tea.Msg) (gatewayView, tea.Cmd) {
	switch msg := msg.(type) {
	case sslServerLoadedMsg:
		// A failure leaves the summary without the server: the tabs carry
		// the errors that matter.
		if msg.seq == v.sslSeq && msg.err == nil {
			v.ssl = msg.server
		}
		return v, nil
	case listMsg:
		cmd, _ := v.deliver(msg)
		return v, cmd
	case tea.KeyPressMsg:
		if !v.claimsKeys() {
			n := gatewayTab(len(v.tabs))
			switch {
			case key.Matches(msg, v.c.keys.List.NextTab):
				return v, v.open((v.tab + 1) % n)
			case key.Matches(msg, v.c.keys.List.PrevTab):
				return v, v.open((v.tab + n - 1) % n)
			}
		}
	}
	return v, v.current().update(msg)
}

func (v gatewayView) View() string {
	return v.summary() + "\n" + v.tabsLine() + "\n" + v.current().View()
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
	var b strings.Builder
	b.WriteString(" ")
	for i, t := range v.tabs {
		label := t.name + t.list.totalLabel()
		if gatewayTab(i) == v.tab {
			b.WriteString(s.TabActive.Render("[" + label + "]"))
		} else {
			b.WriteString(s.TabInactive.Render(" " + label + " "))
		}
		b.WriteString("  ")
	}
	return fit(b.String(), v.width)
}
