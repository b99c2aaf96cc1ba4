package tui

import (
	"context"
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// newIPsecServersList lists a gateway's IPsec servers (client-to-site).
// ListIpsecServers pages with tokens, up to 20 a page.
func newIPsecServersList(c *common, gw alibaba.Gateway) pagedList[alibaba.IPsecServer] {
	client, region, loc := c.client, c.region, c.loc
	spec := &listSpec[alibaba.IPsecServer]{
		noun:    "IPsec servers",
		maxPage: 20,
		id:      func(x alibaba.IPsecServer) string { return x.ID },
		detail: func(x alibaba.IPsecServer) (string, string, []field) {
			return "IPsec server " + orDash(x.Name), x.ID, ipsecServerFields(x, c)
		},
		text: func(x alibaba.IPsecServer) string {
			return strings.Join([]string{x.ID, x.Name, x.ClientIPPool, strings.Join(x.LocalSubnets, ",")}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[alibaba.IPsecServer], error) {
			return client.IPsecServers(ctx, region, gw.ID, cur)
		},
		empty: func() string {
			if !gw.IPsecEnabled {
				return "IPsec-VPN is off on this gateway."
			}
			return "This gateway has no IPsec server."
		},
		columns: []column[alibaba.IPsecServer]{
			{title: "NAME", min: 12, max: 32, cell: func(x alibaba.IPsecServer) string { return orDash(x.Name) }},
			{title: "ID", width: 25, cell: func(x alibaba.IPsecServer) string { return x.ID }},
			{title: "ONLINE", width: 7, cell: func(x alibaba.IPsecServer) string {
				return fmt.Sprintf("%d/%d", x.OnlineClients, x.MaxConnections)
			}},
			{title: "CLIENT POOL", width: 18, cell: func(x alibaba.IPsecServer) string { return x.ClientIPPool }},
			{title: "PSK", width: 3, cell: func(x alibaba.IPsecServer) string { return yesNo(x.PSKEnabled) }},
			{title: "MFA", width: 3, cell: func(x alibaba.IPsecServer) string { return yesNo(x.MFAEnabled) }},
			{title: "LOCAL SUBNETS", width: 20, max: 48, cell: func(x alibaba.IPsecServer) string { return subnetsCell(x.LocalSubnets) }},
			{title: "CREATED", width: 16, cell: func(x alibaba.IPsecServer) string { return stamp(x.Created, loc) }},
		},
	}
	return newPagedList(c, spec)
}
