package tui

import (
	"context"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// sslRow is an SSL client as the list shows it: connected now, or gone
// since goneAt (a client seen earlier in this session that a refresh no
// longer reports, kept for an hour, the way another cloud's client VPN API
// reports terminated connections).
type sslRow struct {
	alibaba.SSLClient
	goneAt time.Time
}

// goneFor is how long a disconnected client stays listed.
const goneFor = time.Hour

// newSSLClientsList lists the SSL-VPN clients connected to a gateway now.
func newSSLClientsList(c *common, gw alibaba.Gateway) pagedList[sslRow] {
	client, region, loc, now := c.client, c.region, c.loc, c.now
	spec := &listSpec[sslRow]{
		noun:    "SSL clients",
		maxPage: 50,
		id:      func(x sslRow) string { return x.CommonName + "@" + x.IP + ":" + x.Port },
		detail: func(x sslRow) (string, string, []field) {
			return "SSL client " + x.CommonName, x.CommonName, sslClientFields(x, c)
		},
		text: func(x sslRow) string {
			return strings.Join([]string{x.CommonName, x.IP, x.Port, x.PrivateIP, x.status(loc)}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[sslRow], error) {
			p, err := client.SSLClients(ctx, region, gw.ID, cur)
			rows := make([]sslRow, len(p.Items))
			for i, x := range p.Items {
				rows[i] = sslRow{SSLClient: x}
			}
			return api.Page[sslRow]{Items: rows, Next: p.Next, More: p.More, Total: p.Total}, err
		},
		state: func(x sslRow) string { return x.Status },
		gone: func(x sslRow, at time.Time) (sslRow, bool) {
			if x.goneAt.IsZero() {
				x.goneAt = at
			}
			return x, at.Sub(x.goneAt) < goneFor
		},
		isGone: func(x sslRow) bool { return !x.goneAt.IsZero() },
		empty: func() string {
			if !gw.SSLEnabled {
				return "SSL-VPN is off on this gateway, so no client can connect."
			}
			return "No SSL-VPN client is connected right now."
		},
		columns: []column[sslRow]{
			{title: "COMMON NAME", min: 14, max: 40, cell: func(x sslRow) string { return x.CommonName }},
			{title: "PUBLIC ADDRESS", width: 21, cell: func(x sslRow) string { return x.IP + ":" + x.Port }},
			{title: "FOR", width: 7, cell: func(x sslRow) string {
				if !x.goneAt.IsZero() {
					return "gone"
				}
				return age(now(), x.ConnectedAt)
			}},
			{title: "SENT", width: 10, cell: func(x sslRow) string { return humanBytes(x.SentBytes) }},
			{title: "RECEIVED", width: 10, cell: func(x sslRow) string { return humanBytes(x.ReceivedBytes) }},
			{title: "PRIVATE IP", width: 15, cell: func(x sslRow) string { return x.PrivateIP }},
			{title: "SINCE", width: 16, cell: func(x sslRow) string { return stamp(x.ConnectedAt, loc) }},
			{title: "STATUS", width: 16, cell: func(x sslRow) string { return x.status(loc) },
				paint: func(s *Styles, x sslRow, t string) string {
					if x.Status == "online" && x.goneAt.IsZero() {
						return s.Good.Render(t)
					}
					return s.Muted.Render(t)
				}},
		},
	}
	return newPagedList(c, spec)
}

// status is "online", or "gone, seen 12:04" for a client that left.
func (x sslRow) status(loc *time.Location) string {
	if !x.goneAt.IsZero() {
		return "gone, seen " + x.goneAt.In(loc).Format("15:04")
	}
	return x.Status
}
