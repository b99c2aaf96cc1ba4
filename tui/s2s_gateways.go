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

// s2sGatewaysPane lists a region's Site-to-Site gateways: virtual private
// gateways and transit gateways in one list, the kind shown.
type s2sGatewaysPane struct {
	c *common
	listBase[aws.VPNGateway]
}

var gatewayTones = map[string]tone{"available": toneGood, "pending": toneWarn, "modifying": toneWarn, "deleting": toneBad, "deleted": toneBad}

func newS2SGatewaysPane(c *common) s2sGatewaysPane {
	client, region := c.aws, c.region
	spec := &listSpec[aws.VPNGateway]{
		noun:    "VPN gateways",
		maxPage: 1000,
		id:      func(g aws.VPNGateway) string { return g.ID },
		text:    func(g aws.VPNGateway) string { return strings.Join([]string{g.ID, g.Name, g.Kind, g.State}, " ") },
		fetch: func(ctx context.Context, _ api.Cursor) (api.Page[aws.VPNGateway], error) {
			gws, err := client.VPNGateways(ctx, region)
			return api.Page[aws.VPNGateway]{Items: gws, Total: len(gws)}, err
		},
		empty: func() string {
			return fmt.Sprintf("No virtual private or transit gateways in %s.\nPress R to switch region.", region)
		},
		state: func(g aws.VPNGateway) string { return g.State },
		detail: func(g aws.VPNGateway) (string, string, []field) {
			fields := []field{{label: "ID", value: g.ID}, {label: "Name", value: g.Name}, {label: "Kind", value: kindWord(g.Kind)},
				{label: "State", value: g.State}, {label: "Amazon side ASN", value: fmt.Sprint(g.AmazonASN)},
				{label: "VPCs", value: strings.Join(g.VpcIDs, ", ")}}
			return kindWord(g.Kind) + " " + orDash(g.Name), g.ID, fields
		},
		columns: []column[aws.VPNGateway]{
			{title: "NAME", min: 12, max: 32, cell: func(g aws.VPNGateway) string { return orDash(g.Name) }},
			{title: "ID", width: 21, cell: func(g aws.VPNGateway) string { return g.ID }},
			{title: "KIND", width: 4, cell: func(g aws.VPNGateway) string { return strings.ToUpper(g.Kind) }},
			{title: "STATE", width: 11, cell: func(g aws.VPNGateway) string { return g.State },
				paint: func(s *Styles, g aws.VPNGateway, t string) string { return s.paint(gatewayTones[g.State], t) }},
			{title: "ASN", width: 6, cell: func(g aws.VPNGateway) string { return fmt.Sprint(g.AmazonASN) }},
			{title: "VPC", width: 21, cell: func(g aws.VPNGateway) string { return orDash(strings.Join(g.VpcIDs, ",")) }},
		},
	}
	return s2sGatewaysPane{c: c, listBase: listBase[aws.VPNGateway]{newPagedList(c, spec)}}
}

func kindWord(kind string) string {
	if kind == aws.KindTGW {
		return "transit gateway"
	}
	return "virtual private gateway"
}

func (p *s2sGatewaysPane) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.list.claimsKeys() && key.Matches(k, p.c.keys.List.Open) {
		g, ok := p.list.selected()
		if !ok {
			return nil
		}
		v := newS2SConnectionsPane(p.c, g)
		v.setSize(p.c.width, p.c.height)
		return push(&v, v.list.start())
	}
	return p.list.update(msg)
}
func (p *s2sGatewaysPane) crumbs() []string { return []string{"Site-to-Site"} }
func (p *s2sGatewaysPane) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}
