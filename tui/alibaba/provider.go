// Package alibaba is Alibaba Cloud's panes: the VPN gateway list (the
// root), a gateway's tabs (IPsec connections, SSL clients, IPsec servers),
// a connection's tunnels with their phases and history, the negotiation
// log, the problems overview and the CreateSslVpnServer wizard. They talk
// to alibaba.Client, never to the SDK: tests run them on
// api/alibaba/emulator through the real SDK, and on fakes.
package alibaba

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// provider browses Alibaba Cloud's VPN gateways.
type provider struct {
	ui.InAccount
	client   alibaba.Client
	rollups  *rollupStore // the last scan's, by gateway id
	routes   *routeFound  // the last scan's route findings
	region   string
	endpoint string
}

// What the app asks of it: a renamed method fails here, not silently.
var (
	_ ui.Provider  = (*provider)(nil)
	_ ui.IDForms   = (*provider)(nil)
	_ ui.Accounted = (*provider)(nil)
)

// NewProvider is the Alibaba Cloud provider on client, starting in region
// (default cn-hangzhou); endpoint is what the status line says of it.
func NewProvider(client alibaba.Client, region, endpoint string) ui.Provider {
	if region == "" {
		region = alibaba.DefaultRegion
	}
	// Both come from flags, env vars or files: text, never a terminal sequence.
	return &provider{client: client, region: api.Printable(region), endpoint: api.Printable(endpoint), rollups: newRollupStore(), routes: newRouteFound()}
}

func (p *provider) Name() string     { return "Alibaba Cloud" }
func (p *provider) Region() string   { return p.region }
func (p *provider) Endpoint() string { return p.endpoint }
func (p *provider) RegionIDs() []string {
	return alibaba.RegionIDs
}
func (p *provider) Regions(ctx context.Context) ([]api.Region, error) {
	return p.client.Regions(ctx)
}

// with is the app's context with this provider's client, for its panes.
func (p *provider) with(c *ui.Common) *common {
	return &common{Common: c, client: p.client, rollups: p.rollups, routes: p.routes}
}

func (p *provider) Root(c *ui.Common) ui.RootPane {
	g := newGatewaysPane(p.with(c))
	return &g
}

func (p *provider) Keys(k *keymap.KeyMap, readOnly bool) {
	k.List.Create.SetEnabled(!readOnly)
	k.List.Logs.SetEnabled(true)
	k.List.Terminate.SetEnabled(false)
	k.List.TerminateUser.SetEnabled(false)
	k.List.Explain.SetEnabled(false)
	k.List.RoutePath.SetEnabled(true) // a connection's on a VPN gateway (routepath.go)
	k.Global.Problems.SetEnabled(true)
}

func (p *provider) Legend() []string {
	return append(ui.VerdictLegend(),
		"   P1 P2    phase 1 (IKE), 2 (IPsec)",
		"   ✓ ✗      up, down",
		"   - ?      not reached, unknown",
		"   ≠        tunnels disagree",
		"   ••••     secret: d, then s shows",
	)
}

func (p *provider) Commands() []ui.Command {
	return []ui.Command{
		{Name: "gateways", Desc: "back to the gateway list", Run: func(*ui.Common, string) tea.Cmd { return ui.PopToRoot }},
		{Name: "create", Desc: "new SSL server on the selected gateway (c)", Key: "c"},
	}
}

// IDForms are the ids :id opens, for its example: a connection's and a
// gateway's (alibaba.Locate).
func (p *provider) IDForms() []string { return []string{"vco-…", "vpn-…"} }

// OwnsID: vpn- or vco- and the id's lower-case letters and digits.
func (p *provider) OwnsID(id string) bool { return alibaba.IsID(id) }

func (p *provider) Problems(c *ui.Common) tea.Cmd { return openProblems(p.with(c)) }

func (p *provider) OpenByID(c *ui.Common, id string) tea.Cmd {
	ctx, client, region := c.Ctx, p.client, c.Region
	return tea.Batch(ui.Flash("looking up "+id+"…"), func() tea.Msg {
		l, err := alibaba.Locate(ctx, client, id, region)
		if err != nil {
			return ui.OpenedMsg{ID: id, Err: err}
		}
		return ui.OpenedMsg{ID: id, Region: l.Region, Note: fmt.Sprintf("found %s in %s (%s)", id, l.Region, api.Count(l.Calls, "call")),
			Open: func(c *ui.Common, w, h int) ([]ui.Pane, tea.Cmd) { return openLocated(p.with(c), l, w, h) }}
	})
}

// openLocated is what `:id` found, as browsing there would show it: the
// gateway, and the connection's tunnels.
func openLocated(c *common, l alibaba.Located, w, h int) ([]ui.Pane, tea.Cmd) {
	g, cmd := newGatewayView(c, l.Gateway, w, h)
	panes, cmds := []ui.Pane{&g}, []tea.Cmd{cmd}
	if l.Connection != nil {
		t, cmd := newTunnelsView(c, l.Region, *l.Connection, w, h)
		t.gw = l.Gateway
		t.setConn(*l.Connection, nil)
		panes, cmds = append(panes, &t), append(cmds, cmd)
	}
	return panes, tea.Batch(cmds...)
}

// openProblems asks for the problems overview, starting a scan of the
// whole account; when the overview is open already, it goes back to it
// and checks again.
func openProblems(c *common) tea.Cmd {
	v := newProblemsView(c, 0, 0)
	return func() tea.Msg {
		return ui.PushMsg{Pane: &v, Start: v.Start, Reuse: func(p ui.Pane) (tea.Cmd, bool) {
			if old, ok := p.(*problemsView); ok {
				return old.Start(), true
			}
			return nil, false
		}}
	}
}
