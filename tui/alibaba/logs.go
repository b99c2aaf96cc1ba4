package alibaba

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// logsView is the negotiation log of a connection, or of one tunnel of a
// dual-tunnel connection (DescribeVpnConnectionLogs), newest first, over a
// time window the user can widen. Lines that match a known failure text
// are marked, and the selected line's cause and what to check are shown
// under the list.
type logsView struct {
	c      *common
	region string
	crumb  []string // what the header says for it
	conn   alibaba.Connection
	tunnel *alibaba.Tunnel // nil: the whole connection
	window int             // index into logWindows
	to     time.Time       // the window ends here, fixed when opened
	list   ui.PagedList[logLine]
	width  int
	height int
}

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
	v := logsView{c: c, region: region, crumb: crumb, conn: conn, tunnel: tunnel, to: c.Now()}
	v.list = v.newList()
	v.SetSize(w, h)
	return v, v.list.Start()
}

func (v *logsView) newList() ui.PagedList[logLine] {
	q := alibaba.LogQuery{ConnectionID: v.conn.ID, From: v.to.Add(-ui.LogWindows[v.window]), To: v.to}
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
			return fmt.Sprintf("No negotiation log lines in the last %s.\nPress + to widen the window.", ui.ShortDuration(ui.LogWindows[v.window]))
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

func (v *logsView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.list.SetSize(w, max(h-3-ui.LogAnnotationLines, 1)) // title, list header, footer, annotation
}

func (v *logsView) Close() { v.list.Close() }

func (v *logsView) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !v.list.ClaimsKeys() {
		switch {
		case key.Matches(k, v.c.Keys.Logs.Widen) && v.window < len(ui.LogWindows)-1:
			return v.rewindow(v.window + 1)
		case key.Matches(k, v.c.Keys.Logs.Narrow) && v.window > 0:
			return v.rewindow(v.window - 1)
		}
	}
	return v.list.Handle(msg)
}

// rewindow reloads the log over another window, ending now.
func (v *logsView) rewindow(w int) tea.Cmd {
	v.list.Close()
	v.window, v.to = w, v.c.Now()
	v.list = v.newList()
	v.SetSize(v.width, v.height)
	return v.list.Start()
}

// As a pane: the list answers for most of it; refreshing, in the log, is
// the window again ending now, so watching tails it.
func (v *logsView) Crumbs() []string                     { return v.crumb }
func (v *logsView) FetchState() (bool, error)            { return v.list.FetchState() }
func (v *logsView) ClaimsKeys() bool                     { return v.list.ClaimsKeys() }
func (v *logsView) HandlesBack() bool                    { return v.list.HandlesBack() }
func (v *logsView) Refresh() tea.Cmd                     { return v.rewindow(v.window) }
func (v *logsView) WatchRefresh() tea.Cmd                { return v.rewindow(v.window) }
func (v *logsView) Deliver(m ui.ListMsg) (tea.Cmd, bool) { return ui.DeliverTo(&v.list, m) }
func (v *logsView) RefreshedAt() time.Time               { return v.list.RefreshedAt() }
func (v *logsView) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Logs.Widen, k.Logs.Narrow, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}
func (v *logsView) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{{Title: "Log", Bindings: []key.Binding{k.List.Up, k.List.Down, k.List.Top, k.List.Bottom,
		k.List.Filter, k.Logs.Widen, k.Logs.Narrow}}}
}

func (v logsView) View() string {
	s := v.c.Styles
	what := "connection " + ui.OrDash(v.conn.Name)
	if v.tunnel != nil && v.conn.DualTunnel() {
		what = fmt.Sprintf("tunnel %s (%s)", v.tunnel.ID, v.tunnel.Role)
	}
	from := v.to.Add(-ui.LogWindows[v.window])
	title := fmt.Sprintf(" %s · last %s (%s–%s) · %s", s.Title.Render("Negotiation log"),
		ui.ShortDuration(ui.LogWindows[v.window]), from.In(v.c.Loc).Format("15:04"), v.to.In(v.c.Loc).Format("15:04"), what)
	lines := []string{ui.Fit(title+s.Dim.Render(" · +/- window"), v.width), v.list.View()}
	lines = append(lines, v.annotation()...)
	return strings.Join(lines, "\n")
}

// annotation shows the selected line whole, and what it most likely means.
func (v *logsView) annotation() []string {
	s := v.c.Styles
	out := make([]string, 0, ui.LogAnnotationLines)
	if l, ok := v.list.Selected(); ok {
		text := ui.Wrap(l.when+" "+l.message, v.width-4, "  ")
		out = append(out, text[:min(len(text), 2)]...)
		if l.pattern != nil {
			for _, w := range ui.Wrap(fmt.Sprintf("↳ likely: %s — check: %s", l.pattern.Cause, l.pattern.Check), v.width-4, "  ") {
				out = append(out, s.Warn.Render(w))
			}
		}
	}
	for len(out) < ui.LogAnnotationLines {
		out = append(out, "")
	}
	return out[:ui.LogAnnotationLines]
}
