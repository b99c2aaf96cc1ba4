package alibaba

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// gatewaysPane lists the region's VPN gateways.
type gatewaysPane struct {
	ui.ListBase[alibaba.Gateway]
	// rollups are each gateway's connection health, as the last problems
	// scan found it (the scan checks this region's gateways first). Listing
	// gateways never costs a call per gateway.
	rollups *rollupStore
	c       *common
}

// What the root asks of it beyond what ListBase answers (asserted there):
// a renamed method fails here, not silently.
var (
	_ ui.RootPane    = (*gatewaysPane)(nil)
	_ ui.RawTargeter = (*gatewaysPane)(nil)
)

func newGatewaysPane(c *common) gatewaysPane {
	client, region, loc := c.client, c.Region, c.Loc
	rollups := c.rollups // the provider's: kept across regions
	spec := &ui.ListSpec[alibaba.Gateway]{
		Noun:    "VPN gateways",
		MaxPage: 50,
		// CONNS is filled by the problems scan, not by listing gateways.
		Note: func() string {
			if rollups.size() == 0 {
				return "CONNS: P checks every connection"
			}
			return ""
		},
		ID: func(g alibaba.Gateway) string { return g.ID },
		Detail: func(g alibaba.Gateway) (string, string, []ui.Field) {
			return "VPN gateway " + ui.OrDash(g.Name), g.ID, gatewayFields(g, c)
		},
		Text: func(g alibaba.Gateway) string {
			return strings.Join([]string{g.ID, g.Name, g.Status, g.InternetIP, g.DisasterRecoveryIP, g.VpcID, g.Spec}, " ")
		},
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[alibaba.Gateway], error) {
			return client.Gateways(ctx, region, cur)
		},
		Empty: func() string {
			return fmt.Sprintf("No VPN gateways in %s.\nPress R to switch region.", region)
		},
		State: gatewayState,
		Describe: func(old, new alibaba.Gateway) []string {
			return []string{fmt.Sprintf("gateway %s %s → %s", ui.OrDash(new.Name), gatewayState(old), gatewayState(new))}
		},
		Columns: []ui.Column[alibaba.Gateway]{
			{Title: "NAME", Min: 15, Max: 32, Cell: func(g alibaba.Gateway) string { return ui.OrDash(g.Name) }},
			{Title: "ID", Width: 25, Cell: func(g alibaba.Gateway) string { return g.ID }},
			{Title: "STATUS", Width: 12, Cell: gatewayState, // "provisioning" whole
				Paint: func(s *ui.Styles, g alibaba.Gateway, text string) string {
					return paintGatewayState(s, region, g, text)
				}},
			{Title: "CONNS", Width: 14,
				Cell: func(g alibaba.Gateway) string { return rollupCell(rollups, g.ID) },
				Paint: func(s *ui.Styles, g alibaba.Gateway, text string) string {
					r, ok := rollups.get(g.ID)
					return s.PaintRollup(sharedRollup(r), ok, text)
				}},
			{Title: "VPN", Width: 9, Cell: featuresCell},
			{Title: "PUBLIC IP", Width: 15, Cell: func(g alibaba.Gateway) string { return ui.OrDash(g.InternetIP) }},
			{Title: "DR IP", Width: 15, Cell: func(g alibaba.Gateway) string { return ui.OrDash(g.DisasterRecoveryIP) }},
			{Title: "SPEC", Width: 6, Cell: func(g alibaba.Gateway) string { return g.Spec }},
			{Title: "SSL MAX", Width: 7, Cell: func(g alibaba.Gateway) string { return fmt.Sprint(g.SSLMaxConnections) }},
			{Title: "VPC", Width: 25, Cell: func(g alibaba.Gateway) string { return g.VpcID }},
			{Title: "CREATED", Width: 16, Cell: func(g alibaba.Gateway) string { return ui.Stamp(g.Created, loc) }},
			{Title: "DESCRIPTION", Width: 16, Max: 48, Cell: func(g alibaba.Gateway) string { return g.Description }},
		},
	}
	return gatewaysPane{ListBase: ui.ListBase[alibaba.Gateway]{List: ui.NewPagedList(c.Common, spec)}, rollups: rollups, c: c}
}

// rollupCell is "2✗ 1◐ /520": connections down, degraded, and all; "–"
// until a problems scan has checked the gateway (ui.RollupCell).
func rollupCell(rollups *rollupStore, id string) string {
	r, ok := rollups.get(id)
	return ui.RollupCell(sharedRollup(r), ok)
}

// sharedRollup is the scan's rollup as every provider's list shows one.
func sharedRollup(r alibaba.GatewayRollup) api.Rollup {
	return api.Rollup{Down: r.Down, Degraded: r.Degraded, Unknown: r.Unknown, Total: r.Total, Failed: r.Failed, Unsure: len(r.Unchecked) > 0}
}

// As a pane, the root one.

func (p *gatewaysPane) Handle(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(scanEventMsg); ok {
		// News from the problems scan: a gateway checked, in any region
		// (a region switched to later shows it).
		if r := m.event.Checked; m.ok && r != nil {
			p.rollups.put(*r)
		}
		if m.ok && len(m.event.Findings) > 0 {
			p.c.routes.note(m.seq, m.event.Findings)
		}
		return nil
	}
	if _, ok := msg.(sslServerCreatedMsg); ok {
		return p.List.Reload() // the gateway's new state
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() {
		switch {
		case key.Matches(k, p.c.Keys.List.Open):
			g, ok := p.List.Selected()
			if !ok {
				return nil
			}
			v, cmd := newGatewayView(p.c, g, p.c.Width, p.c.Height)
			return ui.Push(&v, cmd)
		case key.Matches(k, p.c.Keys.List.Changes):
			if g, ok := p.List.Selected(); ok {
				return openChanges(p.c, g.RegionID, []string{ui.OrDash(g.Name)}, g.ID, g.Name)
			}
			return nil
		case key.Matches(k, p.c.Keys.List.Create):
			g, ok := p.List.Selected()
			if !ok {
				return nil
			}
			return openWizard(p.c, g, []string{ui.OrDash(g.Name), "new SSL server"}, false)
		}
	}
	return p.List.Handle(msg)
}
func (p *gatewaysPane) Crumbs() []string { return nil }
func (p *gatewaysPane) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.Global.Problems, k.Global.Provider, k.List.Details, k.List.Create, k.List.Filter,
		k.List.Copy, k.Global.Refresh, k.Global.Region, k.Global.Command, k.Global.Help, k.Global.Quit}
}
func (p *gatewaysPane) Start() tea.Cmd { return p.List.Start() }
func (p *gatewaysPane) Sized() tea.Cmd { return p.List.FetchMoreIfNear() }
func (p *gatewaysPane) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{
		{Title: "Move", Bindings: ui.MoveHelp(k)},
		{Title: "Act", Bindings: keymap.Enabled(k.List.Open, ui.DetailsHelp(k), k.List.Copy, k.List.Filter, k.List.LoadAll, k.List.Create, k.List.Changes)},
	}
}

// RawTarget is what the v key reads raw: the gateway under the cursor.
func (p *gatewaysPane) RawTarget() (ui.RawTarget, bool) {
	g, ok := p.List.Selected()
	return p.c.raw(g.RegionID, "gateway", g.ID), ok
}
