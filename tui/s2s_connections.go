package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"
)

// s2sConn is a connection with its customer gateway, one row.
type s2sConn struct {
	aws.VPNConnection
	cgw aws.CustomerGateway
}

// s2sConnectionsPane lists a gateway's VPN connections: one
// DescribeVpnConnections with the gateway's filter, and their customer
// gateways by id.
type s2sConnectionsPane struct {
	c  *common
	gw aws.VPNGateway
	listBase[s2sConn]
}

var vpnStateTones = map[string]tone{"available": toneGood, "pending": toneWarn, "deleting": toneBad, "deleted": toneBad}

func newS2SConnectionsPane(c *common, g aws.VPNGateway) s2sConnectionsPane {
	client, region := c.aws, c.region
	spec := &listSpec[s2sConn]{
		noun:    "VPN connections",
		maxPage: 1000,
		id:      func(x s2sConn) string { return x.ID },
		text: func(x s2sConn) string {
			return strings.Join([]string{x.ID, x.Name, x.State, x.cgw.IP, x.cgw.ASN}, " ")
		},
		fetch: func(ctx context.Context, _ api.Cursor) (api.Page[s2sConn], error) {
			return fetchS2SConnections(ctx, client, region, g.ID)
		},
		empty: func() string { return "No VPN connections on " + orDash(g.Name) + "." },
		state: func(x s2sConn) string { return fmt.Sprintf("%s %d", x.State, x.TunnelsUp()) },
		order: func(a, b s2sConn) int { return a.TunnelsUp() - b.TunnelsUp() },
		detail: func(x s2sConn) (string, string, []field) {
			return "VPN connection " + orDash(x.Name), x.ID, []field{{label: "ID", value: x.ID}, {label: "State", value: x.State},
				{label: "Customer gateway", value: x.CustomerGatewayID + " " + x.cgw.IP}, {label: "ASN", value: x.cgw.ASN},
				{label: "Routing", value: routingWord(x.VPNConnection)}, {label: "Local CIDR", value: x.LocalCIDR},
				{label: "Remote CIDR", value: x.RemoteCIDR}}
		},
		columns: []column[s2sConn]{
			{title: "NAME", min: 10, max: 24, cell: func(x s2sConn) string { return orDash(x.Name) }},
			{title: "ID", width: 21, cell: func(x s2sConn) string { return x.ID }},
			{title: "STATE", width: 9, cell: func(x s2sConn) string { return x.State },
				paint: func(s *Styles, x s2sConn, t string) string { return s.paint(vpnStateTones[x.State], t) }},
			{title: "TUNNELS", width: 7, cell: func(x s2sConn) string { return fmt.Sprintf("%d/%d", x.TunnelsUp(), len(x.Tunnels)) },
				paint: func(s *Styles, x s2sConn, t string) string { return s.paint(tunnelsTone(x.VPNConnection), t) }},
			{title: "CUSTOMER GW", width: 15, cell: func(x s2sConn) string { return orDash(x.cgw.IP) }},
			{title: "ASN", width: 6, cell: func(x s2sConn) string { return orDash(x.cgw.ASN) }},
			{title: "ROUTING", width: 7, cell: func(x s2sConn) string { return routingWord(x.VPNConnection) }},
			{title: "ROUTES", width: 6, cell: func(x s2sConn) string {
				if !x.BGP() {
					return "-"
				}
				return fmt.Sprint(x.AcceptedRoutes())
			}},
		},
	}
	return s2sConnectionsPane{c: c, gw: g, listBase: listBase[s2sConn]{newPagedList(c, spec)}}
}

// fetchS2SConnections is the pane's one page: the gateway's connections,
// then their customer gateways (the device IP and ASN) by id.
func fetchS2SConnections(ctx context.Context, client aws.Client, region, gatewayID string) (api.Page[s2sConn], error) {
	conns, err := client.VPNConnections(ctx, region, aws.VPNConnectionFilter{GatewayID: gatewayID})
	if err != nil {
		return api.Page[s2sConn]{}, err
	}
	var ids []string
	for _, c := range conns {
		if c.CustomerGatewayID != "" && !contains(ids, c.CustomerGatewayID) {
			ids = append(ids, c.CustomerGatewayID)
		}
	}
	byID := map[string]aws.CustomerGateway{}
	if len(ids) > 0 {
		// Without them the rows still show; the device's IP and ASN read "-".
		if cgws, err := client.CustomerGateways(ctx, region, ids); err == nil {
			for _, g := range cgws {
				byID[g.ID] = g
			}
		}
	}
	out := api.Page[s2sConn]{Items: make([]s2sConn, len(conns)), Total: len(conns)}
	for i, c := range conns {
		out.Items[i] = s2sConn{VPNConnection: c, cgw: byID[c.CustomerGatewayID]}
	}
	return out, nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func routingWord(c aws.VPNConnection) string {
	if c.StaticRoutesOnly {
		return "static"
	}
	return "BGP"
}

func tunnelsTone(c aws.VPNConnection) tone {
	switch up := c.TunnelsUp(); {
	case up == len(c.Tunnels) && up > 0:
		return toneGood
	case up == 0:
		return toneBad
	}
	return toneWarn
}

func (p *s2sConnectionsPane) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.list.claimsKeys() {
		x, selected := p.list.selected()
		switch {
		case !selected:
		case key.Matches(k, p.c.keys.List.Open):
			v := newS2STunnelsView(p.c, p.gw, x.VPNConnection, x.cgw)
			v.setSize(p.c.width, p.c.height)
			return push(&v, nil)
		case key.Matches(k, p.c.keys.List.Logs):
			v, cmd := newTunnelLogView(p.c, x.VPNConnection, nil, p.c.width, p.c.height)
			return push(&v, cmd)
		}
	}
	return p.list.update(msg)
}
func (p *s2sConnectionsPane) crumbs() []string { return []string{orDash(p.gw.Name)} }
func (p *s2sConnectionsPane) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.List.Logs, k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}
