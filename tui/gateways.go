package tui

import (
	"context"
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// gatewaysPane lists the region's VPN gateways.
type gatewaysPane struct {
	list pagedList[api.Gateway]
}

func newGatewaysPane(c *common) gatewaysPane {
	client, region, loc := c.client, c.region, c.loc
	spec := &listSpec[api.Gateway]{
		noun:    "VPN gateways",
		maxPage: 50,
		id:      func(g api.Gateway) string { return g.ID },
		text: func(g api.Gateway) string {
			return strings.Join([]string{g.ID, g.Name, g.Status, g.InternetIP, g.DisasterRecoveryIP, g.VpcID, g.Spec}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[api.Gateway], error) {
			return client.Gateways(ctx, region, cur)
		},
		empty: func() string {
			return fmt.Sprintf("No VPN gateways in %s.\nPress R to switch region.", region)
		},
		state: gatewayState,
		describe: func(old, new api.Gateway) []string {
			return []string{fmt.Sprintf("gateway %s %s → %s", orDash(new.Name), gatewayState(old), gatewayState(new))}
		},
		columns: []column[api.Gateway]{
			{title: "NAME", min: 15, max: 32, cell: func(g api.Gateway) string { return orDash(g.Name) }},
			{title: "ID", width: 25, cell: func(g api.Gateway) string { return g.ID }},
			{title: "STATUS", width: 10, cell: gatewayState, paint: paintGatewayState},
			{title: "VPN", width: 9, cell: featuresCell},
			{title: "PUBLIC IP", width: 15, cell: func(g api.Gateway) string { return orDash(g.InternetIP) }},
			{title: "DR IP", width: 15, cell: func(g api.Gateway) string { return orDash(g.DisasterRecoveryIP) }},
			{title: "SPEC", width: 6, cell: func(g api.Gateway) string { return g.Spec }},
			{title: "SSL MAX", width: 7, cell: func(g api.Gateway) string { return fmt.Sprint(g.SSLMaxConnections) }},
			{title: "VPC", width: 25, cell: func(g api.Gateway) string { return g.VpcID }},
			{title: "CREATED", width: 16, cell: func(g api.Gateway) string { return stamp(g.Created, loc) }},
			{title: "DESCRIPTION", width: 16, max: 48, cell: func(g api.Gateway) string { return g.Description }},
		},
	}
	return gatewaysPane{list: newPagedList(c, spec)}
}
