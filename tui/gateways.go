package tui

import (
	"context"
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// gatewaysPane lists the region's VPN gateways.
type gatewaysPane struct {
	list pagedList[alibaba.Gateway]
	// rollups are each gateway's connection health, as the last problems
	// scan found it (the scan checks this region's gateways first). Listing
	// gateways never costs a call per gateway.
	rollups map[string]alibaba.GatewayRollup
	region  string
	c       *common
}

func newGatewaysPane(c *common) gatewaysPane {
	client, region, loc := c.client, c.region, c.loc
	rollups := map[string]alibaba.GatewayRollup{}
	spec := &listSpec[alibaba.Gateway]{
		noun:    "VPN gateways",
		maxPage: 50,
		id:      func(g alibaba.Gateway) string { return g.ID },
		detail: func(g alibaba.Gateway) (string, string, []field) {
			return "VPN gateway " + orDash(g.Name), g.ID, gatewayFields(g, c)
		},
		text: func(g alibaba.Gateway) string {
			return strings.Join([]string{g.ID, g.Name, g.Status, g.InternetIP, g.DisasterRecoveryIP, g.VpcID, g.Spec}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[alibaba.Gateway], error) {
			return client.Gateways(ctx, region, cur)
		},
		empty: func() string {
			return fmt.Sprintf("No VPN gateways in %s.\nPress R to switch region.", region)
		},
		state: gatewayState,
		describe: func(old, new alibaba.Gateway) []string {
			return []string{fmt.Sprintf("gateway %s %s → %s", orDash(new.Name), gatewayState(old), gatewayState(new))}
		},
		columns: []column[alibaba.Gateway]{
			{title: "NAME", min: 15, max: 32, cell: func(g alibaba.Gateway) string { return orDash(g.Name) }},
			{title: "ID", width: 25, cell: func(g alibaba.Gateway) string { return g.ID }},
			{title: "STATUS", width: 10, cell: gatewayState, paint: paintGatewayState},
			{title: "CONNS", width: 14,
				cell: func(g alibaba.Gateway) string { return rollupCell(rollups, g.ID) },
				paint: func(s *Styles, g alibaba.Gateway, text string) string {
					r := rollups[g.ID]
					switch {
					case r.Down > 0:
						return s.Bad.Render(text)
					case r.Degraded > 0:
						return s.Warn.Render(text)
					}
					return text
				}},
			{title: "VPN", width: 9, cell: featuresCell},
			{title: "PUBLIC IP", width: 15, cell: func(g alibaba.Gateway) string { return orDash(g.InternetIP) }},
			{title: "DR IP", width: 15, cell: func(g alibaba.Gateway) string { return orDash(g.DisasterRecoveryIP) }},
			{title: "SPEC", width: 6, cell: func(g alibaba.Gateway) string { return g.Spec }},
			{title: "SSL MAX", width: 7, cell: func(g alibaba.Gateway) string { return fmt.Sprint(g.SSLMaxConnections) }},
			{title: "VPC", width: 25, cell: func(g alibaba.Gateway) string { return g.VpcID }},
			{title: "CREATED", width: 16, cell: func(g alibaba.Gateway) string { return stamp(g.Created, loc) }},
			{title: "DESCRIPTION", width: 16, max: 48, cell: func(g alibaba.Gateway) string { return g.Description }},
		},
	}
	return gatewaysPane{list: newPagedList(c, spec), rollups: rollups, region: region, c: c}
}

// rollupCell is "2✗ 1◐ /520": connections down, degraded, and all; "–"
// until a problems scan has checked the gateway.
func rollupCell(rollups map[string]alibaba.GatewayRollup, id string) string {
	r, ok := rollups[id]
	switch {
	case !ok:
		return "–"
	case r.Failed:
		return "?"
	case r.Total == 0:
		return "none"
	}
	var parts []string
	if r.Down > 0 {
		parts = append(parts, fmt.Sprintf("%d✗", r.Down))
	}
	if r.Degraded > 0 {
		parts = append(parts, fmt.Sprintf("%d◐", r.Degraded))
	}
	if len(parts) == 0 {
		parts = append(parts, "✓")
	}
	return strings.Join(parts, " ") + fmt.Sprintf(" /%d", r.Total)
}
