package aws

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// s2sConn is a connection with its customer gateway, one row, and its
// verdict: the finding the problems scan makes of it
// (aws.VerdictOfConnection), judged once when the page arrives.
type s2sConn struct {
	aws.VPNConnection
	cgw     aws.CustomerGateway
	verdict api.Verdict
}

// s2sConnectionsPane lists a gateway's VPN connections: one
// DescribeVpnConnections with the gateway's filter, and their customer
// gateways by id.
type s2sConnectionsPane struct {
	c  *common
	gw aws.VPNGateway
	ui.ListBase[s2sConn]
}

// What the root asks of it beyond what ListBase answers (asserted there):
// a renamed method fails here, not silently.
var (
	_ ui.Pane        = (*s2sConnectionsPane)(nil)
	_ ui.RawTargeter = (*s2sConnectionsPane)(nil)
)

func newS2SConnectionsPane(c *common, g aws.VPNGateway) s2sConnectionsPane {
	client, region, now, verdicts := c.client, c.Region, c.Now, c.verdicts
	spec := &ui.ListSpec[s2sConn]{
		Noun:    "VPN connections",
		MaxPage: 1000,
		ID:      func(x s2sConn) string { return x.ID },
		Text: func(x s2sConn) string {
			return strings.Join([]string{x.ID, x.Name, x.State, x.cgw.IP, x.cgw.ASN}, " ")
		},
		Fetch: func(ctx context.Context, _ api.Cursor) (api.Page[s2sConn], error) {
			return fetchS2SConnections(ctx, client, region, g, now(), verdicts)
		},
		Empty: func() string { return "No VPN connections on " + ui.OrDash(g.Name) + "." },
		State: func(x s2sConn) string { return fmt.Sprintf("%s %d", x.State, x.TunnelsUp()) },
		// o: worst first, by the verdict the problems view gives (a
		// deleted connection last: nothing left to fix), then fewest
		// tunnels up; ⇧T sorts the same way.
		Order: worstFirst,
		Detail: func(x s2sConn) (string, string, []ui.Field) {
			return "VPN connection " + ui.OrDash(x.Name), x.ID, []ui.Field{{Label: "ID", Value: x.ID}, {Label: "State", Value: x.State},
				{Label: "Customer gateway", Value: strings.TrimSpace(x.CustomerGatewayID + " " + x.cgw.Or(x.cgw.IP))},
				{Label: "ASN", Value: x.cgw.Or(x.cgw.ASN)},
				{Label: "Routing", Value: routingWord(x.VPNConnection)}, {Label: "Local CIDR", Value: x.LocalCIDR},
				{Label: "Remote CIDR", Value: x.RemoteCIDR}}
		},
		Columns: []ui.Column[s2sConn]{
			{Title: "NAME", Min: 10, Max: 24, Cell: func(x s2sConn) string { return ui.OrDash(x.Name) }},
			{Title: "ID", Width: 21, Cell: func(x s2sConn) string { return x.ID }},
			// The service's word, plain: the verdict is TUNNELS' mark.
			{Title: "STATE", Width: 9, Cell: func(x s2sConn) string { return x.State }},
			// The mark is the connection's verdict, the count its tunnels
			// up: "✗ 2/2" is up with no route accepted, as P says.
			{Title: "TUNNELS", Width: 7, Cell: func(x s2sConn) string {
				return fmt.Sprintf("%s %d/%d", ui.VerdictMark(x.verdict), x.TunnelsUp(), len(x.Tunnels))
			},
				Paint:   func(s *ui.Styles, x s2sConn, t string) string { return s.PaintVerdict(x.verdict, t) },
				Compare: worstFirst},
			// "could not read (ec2:…)" whole in d and the tunnels view.
			{Title: "CUSTOMER GW", Width: 15, Cell: func(x s2sConn) string { return x.cgw.Or(x.cgw.IP) }},
			// Unread, it says so as CUSTOMER GW does ("could…" in its
			// room), not "?" beside "could not read…": unknown, not none.
			{Title: "ASN", Width: 6, Cell: func(x s2sConn) string { return x.cgw.Or(x.cgw.ASN) }},
			{Title: "ROUTING", Width: 7, Cell: func(x s2sConn) string { return routingWord(x.VPNConnection) }},
			{Title: "ROUTES", Width: 6, Cell: func(x s2sConn) string {
				if !x.BGP() {
					return "-"
				}
				if n, known := x.AcceptedRoutes(); known {
					return fmt.Sprint(n)
				}
				return "?"
			}},
		},
	}
	return s2sConnectionsPane{c: c, gw: g, ListBase: ui.ListBase[s2sConn]{List: ui.NewPagedList(c.Common, spec)}}
}

// fetchS2SConnections is the pane's one page: the gateway's connections,
// then their customer gateways (the device IP and ASN) by id.
func fetchS2SConnections(ctx context.Context, client aws.Client, region string, g aws.VPNGateway, now time.Time, verdicts *verdictStore) (api.Page[s2sConn], error) {
	conns, err := client.VPNConnections(ctx, region, aws.VPNConnectionFilter{GatewayID: g.ID})
	if err != nil {
		return api.Page[s2sConn]{}, err
	}
	var ids []string
	for _, c := range conns {
		if c.CustomerGatewayID != "" && !slices.Contains(ids, c.CustomerGatewayID) {
			ids = append(ids, c.CustomerGatewayID)
		}
	}
	byID := map[string]aws.CustomerGateway{}
	if len(ids) > 0 {
		// Without them the rows still show; the device's IP and ASN say
		// they could not be read (and why), never "-", which says there
		// is none.
		cgws, err := client.CustomerGateways(ctx, region, ids)
		for _, id := range ids {
			if err != nil {
				byID[id] = aws.UnreadCustomerGateway(id, err)
			}
		}
		for _, g := range cgws {
			byID[g.ID] = g
		}
	}
	out := api.Page[s2sConn]{Items: make([]s2sConn, len(conns)), Total: len(conns)}
	for i, c := range conns {
		cgw := byID[c.CustomerGatewayID]
		own := aws.VerdictOfConnection(region, g, cgw, c, now)
		out.Items[i] = s2sConn{VPNConnection: c, cgw: cgw, verdict: verdicts.connection(region, c, own)}
	}
	return out, nil
}

// worstFirst orders connections as the problems view ranks them (a
// deleted one last: nothing left to fix), then by the tunnels up, fewest
// first.
func worstFirst(a, b s2sConn) int {
	if c := api.CompareVerdicts(a.verdict, b.verdict); c != 0 {
		return c
	}
	return cmp.Compare(a.TunnelsUp(), b.TunnelsUp())
}

func routingWord(c aws.VPNConnection) string {
	if c.StaticRoutesOnly {
		return "static"
	}
	return "BGP"
}

func (p *s2sConnectionsPane) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() {
		x, selected := p.List.Selected()
		switch {
		case !selected:
		case key.Matches(k, p.c.Keys.List.Open):
			v := newS2STunnelsView(p.c, p.gw, x.VPNConnection, x.cgw)
			v.SetSize(p.c.Width, p.c.Height)
			return ui.Push(&v, v.readHistory())
		case key.Matches(k, p.c.Keys.List.Logs):
			v, cmd := newTunnelLogView(p.c, x.VPNConnection, nil, p.c.Width, p.c.Height)
			return ui.Push(&v, cmd)
		case key.Matches(k, p.c.Keys.List.RoutePath):
			return openRoutePath(p.c, p.gw, x.VPNConnection, x.cgw, []string{ui.OrDash(x.Name), "route path"})
		case key.Matches(k, p.c.Keys.List.Changes):
			return openChanges(p.c, []string{ui.OrDash(x.Name)}, x.ID, x.Name)
		}
	}
	return p.List.Handle(msg)
}
func (p *s2sConnectionsPane) Crumbs() []string { return []string{ui.OrDash(p.gw.Name)} }
func (p *s2sConnectionsPane) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.List.RoutePath, k.List.Logs, k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}

// HelpGroups are the list's keys and what this pane adds: a connection's
// route path (t), tunnel log (l), its raw answer (v).
func (p *s2sConnectionsPane) HelpGroups(k keymap.KeyMap) []keymap.Group {
	act := append([]key.Binding{k.List.Open, k.List.RoutePath, k.List.Changes, k.List.Logs, ui.DetailsHelp(k), k.List.Copy}, p.List.ListKeys(k)...)
	return []keymap.Group{{Title: "Move", Bindings: ui.MoveHelp(k)}, {Title: "Act", Bindings: keymap.Enabled(act...)}}
}

// RawTarget is what the v key reads raw: the connection under the cursor.
func (p *s2sConnectionsPane) RawTarget() (ui.RawTarget, bool) {
	x, ok := p.List.Selected()
	return p.c.raw(p.c.Region, "vpn-connection", x.ID, aws.RawRef{Kind: aws.RawVPNConnection, ID: x.ID}), ok
}
