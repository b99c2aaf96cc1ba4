package aws

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// s2sGatewaysPane lists a region's Site-to-Site gateways: virtual private
// gateways and transit gateways in one list, the kind shown.
type s2sGatewaysPane struct {
	c *common
	ui.ListBase[aws.VPNGateway]
}

// What the root asks of it beyond what ListBase answers (asserted there):
// a renamed method fails here, not silently.
var (
	_ ui.Pane        = (*s2sGatewaysPane)(nil)
	_ ui.RawTargeter = (*s2sGatewaysPane)(nil)
	_ ui.Helpful     = (*s2sGatewaysPane)(nil)
)

func newS2SGatewaysPane(c *common) s2sGatewaysPane {
	client, region, verdicts := c.client, c.Region, c.verdicts
	// A gateway's own state is judged as the scan judges it; its
	// connections are the last scan's rollup (HEALTH), as on Alibaba
	// Cloud's gateway list: listing gateways reads no connection.
	rollup := func(g aws.VPNGateway) (api.Rollup, bool) { return verdicts.rollup(region, g.ID) }
	// worst is the row's place worst first: its own verdict or its
	// connections', whichever is worse.
	worst := func(g aws.VPNGateway) api.Verdict {
		v := aws.VerdictOfGateway(region, g)
		if r, ok := rollup(g); ok && api.CompareVerdicts(r.Verdict(), v) < 0 {
			return r.Verdict()
		}
		return v
	}
	spec := &ui.ListSpec[aws.VPNGateway]{
		Noun:    "VPN gateways",
		MaxPage: 1000,
		Note: func() string {
			if !verdicts.judged() {
				return "HEALTH: P checks every connection"
			}
			return ""
		},
		Order: func(a, b aws.VPNGateway) int { return api.CompareVerdicts(worst(a), worst(b)) },
		ID:    func(g aws.VPNGateway) string { return g.ID },
		Text:  func(g aws.VPNGateway) string { return strings.Join([]string{g.ID, g.Name, g.Kind, g.State}, " ") },
		Fetch: func(ctx context.Context, _ api.Cursor) (api.Page[aws.VPNGateway], error) {
			gws, err := client.VPNGateways(ctx, region)
			return api.Page[aws.VPNGateway]{Items: gws, Total: len(gws)}, err
		},
		Empty: func() string {
			return fmt.Sprintf("No virtual private or transit gateways in %s.\nPress R to switch region.", region)
		},
		State: func(g aws.VPNGateway) string { return g.State },
		Detail: func(g aws.VPNGateway) (string, string, []ui.Field) {
			fields := []ui.Field{{Label: "ID", Value: g.ID}, {Label: "Name", Value: g.Name}, {Label: "Kind", Value: kindWord(g.Kind)},
				{Label: "State", Value: g.State}, {Label: "Amazon side ASN", Value: fmt.Sprint(g.AmazonASN)},
				{Label: "VPCs", Value: strings.Join(g.VpcIDs, ", ")}}
			return kindWord(g.Kind) + " " + ui.OrDash(g.Name), g.ID, fields
		},
		Columns: []ui.Column[aws.VPNGateway]{
			{Title: "NAME", Min: 12, Max: 32, Cell: func(g aws.VPNGateway) string { return ui.OrDash(g.Name) }},
			{Title: "ID", Width: 21, Cell: func(g aws.VPNGateway) string { return g.ID }},
			{Title: "KIND", Width: 4, Cell: func(g aws.VPNGateway) string { return strings.ToUpper(g.Kind) }},
			{Title: "STATE", Width: 11, Cell: func(g aws.VPNGateway) string { return g.State },
				Paint: func(s *ui.Styles, g aws.VPNGateway, t string) string {
					return s.PaintState(aws.VerdictOfGateway(region, g), t)
				}},
			{Title: "HEALTH", Width: 14, Cell: func(g aws.VPNGateway) string {
				r, ok := rollup(g)
				return ui.RollupCell(r, ok)
			},
				Paint: func(s *ui.Styles, g aws.VPNGateway, t string) string {
					r, ok := rollup(g)
					return s.PaintRollup(r, ok, t)
				}},
			{Title: "ASN", Width: 6, Cell: func(g aws.VPNGateway) string { return fmt.Sprint(g.AmazonASN) }},
			{Title: "VPC", Width: 21, Cell: func(g aws.VPNGateway) string { return ui.OrDash(strings.Join(g.VpcIDs, ",")) }},
		},
	}
	return s2sGatewaysPane{c: c, ListBase: ui.ListBase[aws.VPNGateway]{List: ui.NewPagedList(c.Common, spec)}}
}

func kindWord(kind string) string {
	if kind == aws.KindTGW {
		return "transit gateway"
	}
	return "virtual private gateway"
}

func (p *s2sGatewaysPane) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.Kinds.Next, p.c.Keys.Kinds.Prev) {
		return ui.PopToRoot // back to the root's other kind: the endpoints, right below
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.List.Changes) {
		if g, ok := p.List.Selected(); ok {
			return openChanges(p.c, []string{ui.OrDash(g.Name)}, g.ID, g.Name)
		}
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.List.Open) {
		g, ok := p.List.Selected()
		if !ok {
			return nil
		}
		v := newS2SConnectionsPane(p.c, g)
		v.SetSize(p.c.Width, p.c.Height)
		return ui.Push(&v, v.List.Start())
	}
	return p.List.Handle(msg)
}
func (p *s2sGatewaysPane) Crumbs() []string { return []string{"Site-to-Site"} }
func (p *s2sGatewaysPane) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, toClientVPN(k), k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}
func (p *s2sGatewaysPane) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return append(p.ListBase.HelpGroups(k), keymap.Group{Title: "Gateway", Bindings: []key.Binding{k.List.Changes}}, keymap.Group{Title: "Client VPN", Bindings: []key.Binding{toClientVPN(k), k.Kinds.Prev}})
}

// toClientVPN is tab as the gateway list says it.
func toClientVPN(k keymap.KeyMap) key.Binding {
	b := k.Kinds.Next
	b.SetHelp("tab", "Client VPN (:endpoints)")
	return b
}

// RawTarget is what the v key reads raw: the gateway under the cursor.
func (p *s2sGatewaysPane) RawTarget() (ui.RawTarget, bool) {
	g, ok := p.List.Selected()
	return p.c.raw(p.c.Region, "gateway", g.ID, aws.RawRef{Kind: aws.RawGateway, ID: g.ID}), ok
}

// openS2SGateways shows the region's Site-to-Site gateways above the
// endpoint list, wherever it is typed (not under an endpoint's crumbs).
func openS2SGateways(c *common) tea.Cmd {
	p := newS2SGatewaysPane(c)
	p.SetSize(c.Width, c.Height)
	return ui.PushFromRoot(&p, p.List.Start())
}
