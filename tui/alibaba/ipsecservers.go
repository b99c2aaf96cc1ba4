package alibaba

import (
	"context"
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// newIPsecServersList lists a gateway's IPsec servers (client-to-site).
// ListIpsecServers pages with tokens, up to 20 a page.
func newIPsecServersList(c *common, gw alibaba.Gateway) ui.PagedList[alibaba.IPsecServer] {
	client, region, loc := c.client, c.Region, c.Loc
	spec := &ui.ListSpec[alibaba.IPsecServer]{
		Noun:    "IPsec servers",
		MaxPage: 20,
		ID:      func(x alibaba.IPsecServer) string { return x.ID },
		Detail: func(x alibaba.IPsecServer) (string, string, []ui.Field) {
			return "IPsec server " + ui.OrDash(x.Name), x.ID, ipsecServerFields(x, c)
		},
		Text: func(x alibaba.IPsecServer) string {
			return strings.Join([]string{x.ID, x.Name, x.ClientIPPool, strings.Join(x.LocalSubnets, ",")}, " ")
		},
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[alibaba.IPsecServer], error) {
			return client.IPsecServers(ctx, region, gw.ID, cur)
		},
		Empty: func() string {
			if !gw.IPsecEnabled {
				return "IPsec-VPN is off on this gateway."
			}
			return "This gateway has no IPsec server."
		},
		Columns: []ui.Column[alibaba.IPsecServer]{
			{Title: "NAME", Min: 12, Max: 32, Cell: func(x alibaba.IPsecServer) string { return ui.OrDash(x.Name) }},
			{Title: "ID", Width: 25, Cell: func(x alibaba.IPsecServer) string { return x.ID }},
			{Title: "ONLINE", Width: 7, Cell: func(x alibaba.IPsecServer) string {
				return fmt.Sprintf("%d/%d", x.OnlineClients, x.MaxConnections)
			}},
			{Title: "CLIENT POOL", Width: 18, Cell: func(x alibaba.IPsecServer) string { return x.ClientIPPool }},
			{Title: "PSK", Width: 3, Cell: func(x alibaba.IPsecServer) string { return ui.YesNo(x.PSKEnabled) }},
			{Title: "MFA", Width: 3, Cell: func(x alibaba.IPsecServer) string { return ui.YesNo(x.MFAEnabled) }},
			{Title: "LOCAL SUBNETS", Width: 20, Max: 48, Cell: func(x alibaba.IPsecServer) string { return subnetsCell(x.LocalSubnets) }},
			{Title: "CREATED", Width: 16, Cell: func(x alibaba.IPsecServer) string { return ui.Stamp(x.Created, loc) }},
		},
	}
	return ui.NewPagedList(c.Common, spec)
}
