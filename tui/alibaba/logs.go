package alibaba

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// logsView is the negotiation log of a connection, or of one tunnel of a
// dual-tunnel connection (DescribeVpnConnectionLogs), newest first, over a
// time window the user can widen. Lines that match a known failure text
// are marked, and the selected line's cause and what to check are shown
// under the list.
type logsView struct {
	ui.LogView[logLine]
	c      *common
	region string
	crumb  []string // what the header says for it
	conn   alibaba.Connection
	tunnel *alibaba.Tunnel // nil: the whole connection
}

// What the root asks of it beyond what ListBase answers (asserted there):
// a renamed method fails here, not silently.
var (
	_ ui.Pane     = (*logsView)(nil)
	_ ui.Regional = (*logsView)(nil)
)

// logLine is one log line, split for display.
type logLine struct {
	when    string // "2026-11-20 11:50:00"
	message string // after the timestamp and connection id
	pattern *alibaba.LogPattern
}

// logPageSize is the API's maximum: log pages are cheap to render and
// fewer calls matter more.
const logPageSize = 50

func newLogsView(c *common, region string, crumb []string, conn alibaba.Connection, tunnel *alibaba.Tunnel, w, h int) (logsView, tea.Cmd) {
	v := logsView{c: c, region: region, crumb: crumb, conn: conn, tunnel: tunnel}
	what := "connection " + ui.OrDash(conn.Name)
	if tunnel != nil && conn.DualTunnel() {
		what = fmt.Sprintf("tunnel %s (%s)", tunnel.ID, tunnel.Role)
	}
	v.LogView = ui.NewLogView(c.Common, "Negotiation log", what, 0, v.read, func(l logLine) (line, meaning string) {
		if l.pattern != nil {
			meaning = fmt.Sprintf("↳ likely: %s — check: %s", l.pattern.Cause, l.pattern.Check)
		}
		return l.when + " " + l.message, meaning
	})
	v.SetSize(w, h)
	cmd := v.List.Start()
	return v, cmd // the call first: it changes v
}

// A value receiver: the log view is handed this method before the pane
// is pushed (by pointer, as a copy), so it keeps its own copy, and reads
// only what never changes after construction.
// read is the list of the log lines of a window.
func (v logsView) read(span time.Duration, to time.Time) ui.PagedList[logLine] {
	q := alibaba.LogQuery{ConnectionID: v.conn.ID, From: to.Add(-span), To: to}
	if v.tunnel != nil && v.conn.DualTunnel() {
		q.TunnelID = v.tunnel.ID
	}
	client, region := v.c.client, v.region
	spec := &ui.ListSpec[logLine]{
		Noun:    "log lines",
		MaxPage: logPageSize,
		ID:      func(l logLine) string { return l.when + l.message },
		Text:    func(l logLine) string { return l.when + " " + l.message },
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[logLine], error) {
			return fetchLogsNewestFirst(ctx, client, region, q, cur)
		},
		Empty: func() string {
			return fmt.Sprintf("No negotiation log lines in the last %s.\nPress + to widen the window.", ui.ShortDuration(span))
		},
		Columns: []ui.Column[logLine]{
			{Title: "TIME", Width: 8, Cell: func(l logLine) string { return timeOfDay(l.when) }},
			{Title: "MESSAGE", Min: 20, Cell: func(l logLine) string { return l.message },
				Paint: func(s *ui.Styles, l logLine, t string) string {
					if l.pattern != nil {
						return s.Bad.Render(t)
					}
					return t
				}},
			{Title: "LIKELY CAUSE", Width: 24, Cell: func(l logLine) string {
				if l.pattern == nil {
					return ""
				}
				return "⚠ " + l.pattern.Cause
			}, Paint: func(s *ui.Styles, l logLine, t string) string { return s.Warn.Render(t) }},
		},
	}
	return ui.NewPagedList(v.c.Common, spec)
}

// fetchLogsNewestFirst pages backwards through the window: the first call
// learns how many lines there are, and when they fill more than one page it
// fetches the last (newest) page next; later cursors walk back a page at a
// time. Each page is reversed, so rows run newest first.
func fetchLogsNewestFirst(ctx context.Context, client alibaba.Client, region string, q alibaba.LogQuery, cur api.Cursor) (api.Page[logLine], error) {
	page := 1
	if !cur.IsFirst() {
		page, _ = strconv.Atoi(cur.Token())
	}
	p, err := client.ConnectionLogs(ctx, region, q, api.NumberCursor(page, logPageSize))
	if err != nil {
		return api.Page[logLine]{}, err
	}
	if cur.IsFirst() && p.More && p.Total > logPageSize {
		page = (p.Total + logPageSize - 1) / logPageSize
		if p, err = client.ConnectionLogs(ctx, region, q, api.NumberCursor(page, logPageSize)); err != nil {
			return api.Page[logLine]{}, err
		}
	}
	out := api.Page[logLine]{Items: make([]logLine, 0, len(p.Items)), Total: p.Total}
	for _, raw := range slices.Backward(p.Items) {
		out.Items = append(out.Items, parseLogLine(raw))
	}
	if page > 1 {
		out.More, out.Next = true, api.TokenCursor(strconv.Itoa(page-1), logPageSize)
	}
	return out, nil
}

// parseLogLine splits "2022-12-14 15:52:28 vco-… [PROTO_ERR]: …".
func parseLogLine(raw string) logLine {
	l := logLine{message: raw, pattern: alibaba.MatchLog(raw)}
	if len(raw) >= 19 && raw[4] == '-' && raw[13] == ':' {
		l.when = raw[:19]
		rest := strings.TrimSpace(raw[19:])
		if id, msg, ok := strings.Cut(rest, " "); ok && (strings.HasPrefix(id, "vco-") || strings.HasPrefix(id, "tun-")) {
			rest = msg
		}
		l.message = rest
	}
	return l
}

func timeOfDay(when string) string {
	if len(when) >= 19 {
		return when[11:19]
	}
	return "-"
}

// Crumbs are what the header says of the log.
func (v *logsView) Crumbs() []string { return v.crumb }

// InRegion is the connection's region (see tunnelsView.InRegion).
func (v *logsView) InRegion() string { return v.region }
