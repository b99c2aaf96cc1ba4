package alibaba

import (
	"context"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"

	ui "github.com/vpnscope/vpnscope/tui/ui"
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
func newSSLClientsList(c *common, gw alibaba.Gateway) ui.PagedList[sslRow] {
	client, region, loc, now := c.client, c.Region, c.Loc, c.Now
	spec := &ui.ListSpec[sslRow]{
		Noun:    "SSL clients",
		MaxPage: 50,
		ID:      func(x sslRow) string { return x.CommonName + "@" + x.IP + ":" + x.Port },
		Detail: func(x sslRow) (string, string, []ui.Field) {
			return "SSL client " + x.CommonName, x.CommonName, sslClientFields(x, c)
		},
		Text: func(x sslRow) string {
			return strings.Join([]string{x.CommonName, x.IP, x.Port, x.PrivateIP, x.status(loc)}, " ")
		},
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[sslRow], error) {
			p, err := client.SSLClients(ctx, region, gw.ID, cur)
			rows := make([]sslRow, len(p.Items))
			for i, x := range p.Items {
				rows[i] = sslRow{SSLClient: x}
			}
			return api.Page[sslRow]{Items: rows, Next: p.Next, More: p.More, Total: p.Total}, err
		},
		State: func(x sslRow) string { return x.Status },
		Gone: func(x sslRow, at time.Time) (sslRow, bool) {
			if x.goneAt.IsZero() {
				x.goneAt = at
			}
			return x, at.Sub(x.goneAt) < goneFor
		},
		IsGone: func(x sslRow) bool { return !x.goneAt.IsZero() },
		Empty: func() string {
			if !gw.SSLEnabled {
				return "SSL-VPN is off on this gateway, so no client can connect."
			}
			return "No SSL-VPN client is connected right now."
		},
		Columns: []ui.Column[sslRow]{
			{Title: "COMMON NAME", Min: 14, Max: 40, Cell: func(x sslRow) string { return x.CommonName }},
			{Title: "PUBLIC ADDRESS", Width: 21, Cell: func(x sslRow) string { return x.IP + ":" + x.Port }},
			{Title: "FOR", Width: 7, Cell: func(x sslRow) string {
				if !x.goneAt.IsZero() {
					return "gone"
				}
				return ui.Age(now(), x.ConnectedAt)
			}},
			{Title: "SENT", Width: 10, Cell: func(x sslRow) string { return ui.HumanBytes(x.SentBytes) }},
			{Title: "RECEIVED", Width: 10, Cell: func(x sslRow) string { return ui.HumanBytes(x.ReceivedBytes) }},
			{Title: "PRIVATE IP", Width: 15, Cell: func(x sslRow) string { return x.PrivateIP }},
			{Title: "SINCE", Width: 16, Cell: func(x sslRow) string { return ui.Stamp(x.ConnectedAt, loc) }},
			{Title: "STATUS", Width: 16, Cell: func(x sslRow) string { return x.status(loc) },
				Paint: func(s *ui.Styles, x sslRow, t string) string {
					if x.Status == "online" && x.goneAt.IsZero() {
						return s.Good.Render(t)
					}
					return s.Muted.Render(t)
				}},
		},
	}
	return ui.NewPagedList(c.Common, spec)
}

// status is "online", or "gone, seen 12:04" for a client that left.
func (x sslRow) status(loc *time.Location) string {
	if !x.goneAt.IsZero() {
		return "gone, seen " + x.goneAt.In(loc).Format("15:04")
	}
	return x.Status
}
