package tui

import (
	"context"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// newSSLClientsList lists the SSL-VPN clients connected to a gateway now.
func newSSLClientsList(c *common, gw api.Gateway) pagedList[api.SSLClient] {
	client, region, loc, now := c.client, c.region, c.loc, c.now
	spec := &listSpec[api.SSLClient]{
		noun:    "SSL clients",
		maxPage: 50,
		id:      func(x api.SSLClient) string { return x.CommonName + "@" + x.IP + ":" + x.Port },
		text: func(x api.SSLClient) string {
			return strings.Join([]string{x.CommonName, x.IP, x.Port, x.PrivateIP, x.Status}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[api.SSLClient], error) {
			return client.SSLClients(ctx, region, gw.ID, cur)
		},
		empty: func() string {
			if !gw.SSLEnabled {
				return "SSL-VPN is off on this gateway, so no client can connect."
			}
			return "No SSL-VPN client is connected right now."
		},
		columns: []column[api.SSLClient]{
			{title: "COMMON NAME", min: 14, cell: func(x api.SSLClient) string { return x.CommonName }},
			{title: "PUBLIC ADDRESS", width: 21, cell: func(x api.SSLClient) string { return x.IP + ":" + x.Port }},
			{title: "FOR", width: 7, cell: func(x api.SSLClient) string { return age(now(), x.ConnectedAt) }},
			{title: "SENT", width: 10, cell: func(x api.SSLClient) string { return humanBytes(x.SentBytes) }},
			{title: "RECEIVED", width: 10, cell: func(x api.SSLClient) string { return humanBytes(x.ReceivedBytes) }},
			{title: "PRIVATE IP", width: 15, cell: func(x api.SSLClient) string { return x.PrivateIP }},
			{title: "SINCE", width: 16, cell: func(x api.SSLClient) string { return stamp(x.ConnectedAt, loc) }},
			{title: "STATUS", width: 7, cell: func(x api.SSLClient) string { return x.Status },
				paint: func(s *Styles, x api.SSLClient, t string) string {
					if x.Status == "online" {
						return s.Good.Render(t)
					}
					return s.Muted.Render(t)
				}},
		},
	}
	return newPagedList(c, spec)
}
