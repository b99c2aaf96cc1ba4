package tui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"
)

// alibabaProvider browses Alibaba Cloud's VPN gateways.
type alibabaProvider struct {
	client   alibaba.Client
	region   string
	endpoint string
}

// NewAlibaba is the Alibaba Cloud provider on client, starting in region
// (default cn-hangzhou); endpoint is what the status line says of it.
func NewAlibaba(client alibaba.Client, region, endpoint string) Provider {
	if region == "" {
		region = alibaba.DefaultRegion
	}
	// Both come from flags, env vars or files: text, never a terminal sequence.
	return &alibabaProvider{client: client, region: api.Printable(region), endpoint: api.Printable(endpoint)}
}

func (p *alibabaProvider) Name() string     { return "Alibaba Cloud" }
func (p *alibabaProvider) Region() string   { return p.region }
func (p *alibabaProvider) Endpoint() string { return p.endpoint }
func (p *alibabaProvider) RegionIDs() []string {
	return alibaba.RegionIDs
}
func (p *alibabaProvider) Regions(ctx context.Context) ([]api.Region, error) {
	return p.client.Regions(ctx)
}
func (p *alibabaProvider) attach(c *common) { c.client = p.client }
func (p *alibabaProvider) Root(c *common) rootPane {
	g := newGatewaysPane(c)
	return &g
}

func (p *alibabaProvider) Keys(k *keymap.KeyMap, readOnly bool) {
	k.List.Create.SetEnabled(!readOnly)
	k.List.Logs.SetEnabled(true)
	k.List.Terminate.SetEnabled(false)
	k.List.TerminateUser.SetEnabled(false)
	k.List.Explain.SetEnabled(false)
	k.Global.Problems.SetEnabled(true)
}

func (p *alibabaProvider) Legend() []string {
	return []string{
		"   P1 P2    phase 1 (IKE), 2 (IPsec)",
		"   ✓ ✗ - ?  up, down, not reached, ?",
		"   ≠        tunnels disagree",
		"   ••••     secret: d, then s shows",
	}
}

func (p *alibabaProvider) Commands() []command {
	return []command{{name: "gateways", desc: "back to the gateway list", run: func(*common, string) tea.Cmd { return popToRoot }}}
}

func (p *alibabaProvider) Problems(c *common) tea.Cmd { return openProblems(c) }

func (p *alibabaProvider) OpenByID(c *common, id string) tea.Cmd {
	ctx, client, region := c.ctx, p.client, c.region
	return tea.Batch(flash("looking up "+id+"…"), func() tea.Msg {
		l, err := alibaba.Locate(ctx, client, id, region)
		if err != nil {
			return openedMsg{id: id, err: err}
		}
		return openedMsg{id: id, region: l.Region, note: fmt.Sprintf("found %s in %s (%d calls)", id, l.Region, l.Calls),
			open: func(c *common, w, h int) ([]pane, tea.Cmd) { return openLocated(c, l, w, h) }}
	})
}

// openLocated is what `:id` found, as browsing there would show it: the
// gateway, and the connection's tunnels.
func openLocated(c *common, l alibaba.Located, w, h int) ([]pane, tea.Cmd) {
	g, cmd := newGatewayView(c, l.Gateway, w, h)
	panes, cmds := []pane{&g}, []tea.Cmd{cmd}
	if l.Connection != nil {
		t, cmd := newTunnelsView(c, l.Region, *l.Connection, w, h)
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
		return pushMsg{pane: &v, start: v.start, reuse: func(p pane) (tea.Cmd, bool) {
			if old, ok := p.(*problemsView); ok {
				return old.start(), true
			}
			return nil, false
		}}
	}
}
