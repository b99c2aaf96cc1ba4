package aws

import (
	"context"
	"fmt"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// bgpLogView is one BGP tunnel's BGP log in CloudWatch Logs, in the same
// log view as its tunnel activity log (+ and - the window, / to search):
// session changes and prefixes advertised and withdrawn recognised, the
// rest as logged. b (or l) goes back to the tunnel log; with the BGP log
// off it says what turns it on.
type bgpLogView struct {
	ui.LogView[bgpLogRow]
	c      *common
	conn   aws.VPNConnection
	tunnel aws.Tunnel
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ ui.Pane    = (*bgpLogView)(nil)
	_ ui.Helpful = (*bgpLogView)(nil)
)

type bgpLogRow struct {
	aws.BGPLogEntry
	annotation *aws.Annotation
}

func newBGPLogView(c *common, conn aws.VPNConnection, t aws.Tunnel, w, h int) (bgpLogView, tea.Cmd) {
	v := bgpLogView{c: c, conn: conn, tunnel: t}
	v.LogView = ui.NewLogView(c.Common, "BGP log", "tunnel "+t.OutsideIP+" of "+ui.OrDash(conn.Name), 2, v.read, v.explain)
	v.Hint = " · b tunnel log"
	v.SetSize(w, h)
	cmd := v.List.Start() // with the BGP log off, an empty page that says so
	return v, cmd
}

// read is the list of the BGP log of a window. A value receiver, as the
// tunnel log's: the log view keeps this copy.
func (v bgpLogView) read(span time.Duration, to time.Time) ui.PagedList[bgpLogRow] {
	q, why, ok := aws.BGPLogQuery(v.conn, v.tunnel, to, span)
	client, region, conn, tunnel := v.c.client, v.c.Region, v.conn, v.tunnel
	spec := &ui.ListSpec[bgpLogRow]{
		Noun:    "BGP log events",
		MaxPage: 500,
		ID:      func(r bgpLogRow) string { return r.Stream + r.Time.String() + r.Raw },
		Text: func(r bgpLogRow) string {
			return r.Detail + " " + r.Session + " " + r.Route + " " + r.Prefix + " " + r.Raw
		},
		Fetch: func(ctx context.Context, _ api.Cursor) (api.Page[bgpLogRow], error) {
			if !ok {
				return api.Page[bgpLogRow]{}, nil
			}
			return readBGPWindow(ctx, client, region, conn, tunnel, q)
		},
		Empty: func() string {
			if why != "" {
				return why
			}
			return fmt.Sprintf("No BGP events in the last %s: the session and the prefixes did not change.\nPress + to widen the window.", ui.ShortDuration(span))
		},
		Columns: []ui.Column[bgpLogRow]{
			{Title: "TIME", Width: 8, Cell: func(r bgpLogRow) string { return r.Time.In(v.c.Loc).Format("15:04:05") }},
			{Title: "SESSION", Width: 11, Cell: func(r bgpLogRow) string { return ui.OrDash(r.Session) },
				Paint: func(s *ui.Styles, r bgpLogRow, t string) string { return s.Paint(sessionTone(r.BGPLogEntry), t) }},
			{Title: "ROUTE", Width: 12, Cell: routeCell,
				Paint: func(s *ui.Styles, r bgpLogRow, t string) string { return s.Paint(routeTone(r.Route), t) }},
			{Title: "PREFIX", Width: 18, Cell: func(r bgpLogRow) string { return ui.OrDash(r.Prefix) }},
			{Title: "MESSAGE", Min: 20, Cell: func(r bgpLogRow) string { return r.Detail },
				Paint: func(s *ui.Styles, r bgpLogRow, t string) string {
					if r.annotation != nil && r.annotation.Failure {
						return s.Bad.Render(t)
					}
					return t
				}},
		},
	}
	return ui.NewPagedList(v.c.Common, spec)
}

// routeCell marks a prefix gained with + and one lost with -, so the
// column reads without colour.
func routeCell(r bgpLogRow) string {
	switch r.Route {
	case "":
		return "-"
	case "withdrawn":
		return "- withdrawn"
	case "advertised":
		return "+ advertised"
	}
	return "~ " + r.Route
}

func sessionTone(e aws.BGPLogEntry) ui.Tone {
	if e.Session == "" {
		return ui.ToneMuted
	}
	return map[int]ui.Tone{1: ui.ToneGood, 0: ui.ToneWarn, -1: ui.ToneBad}[e.SessionTone()]
}

func routeTone(route string) ui.Tone {
	switch route {
	case "advertised":
		return ui.ToneGood
	case "withdrawn":
		return ui.ToneWarn
	}
	return ui.ToneMuted
}

// explain is the event as logged, and what it means for this tunnel.
func (v bgpLogView) explain(r bgpLogRow) (line, meaning string) {
	if a := r.annotation; a != nil {
		meaning = "↳ " + a.Phase + ": " + a.Meaning
		if a.Check != "" {
			meaning += " — check: " + a.Check
		}
	}
	return r.Time.In(v.c.Loc).Format("2006-01-02 15:04:05") + " " + r.Raw, meaning
}

// readBGPWindow reads a whole window of the BGP group, keeps this
// tunnel's streams, and gives it newest first, each event recognised.
func readBGPWindow(ctx context.Context, client aws.Client, region string, conn aws.VPNConnection, t aws.Tunnel, q aws.LogQuery) (api.Page[bgpLogRow], error) {
	events, err := readLogWindow(ctx, client, region, q)
	if err != nil {
		return api.Page[bgpLogRow]{}, err
	}
	events = slices.DeleteFunc(events, func(e aws.LogEvent) bool { return !aws.BGPLogStreamIsTunnels(conn, t, e.Stream) })
	rows := make([]bgpLogRow, 0, len(events))
	for _, e := range events {
		r := bgpLogRow{BGPLogEntry: aws.ParseBGPLog(e.Stream, e.Time, e.Message)}
		if a, ok := aws.AnnotateBGPLog(r.BGPLogEntry, conn, t); ok {
			r.annotation = &a
		}
		rows = append(rows, r)
	}
	return api.Page[bgpLogRow]{Items: rows, Total: len(rows)}, nil
}

// Handle is the log view's, and b or l: the tunnel activity log in its place.
func (v *bgpLogView) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !v.List.ClaimsKeys() &&
		(key.Matches(k, v.c.Keys.Logs.BGP) || key.Matches(k, v.c.Keys.List.Logs)) {
		t := v.tunnel
		lv, cmd := newTunnelLogView(v.c, v.conn, &t, v.c.Width, v.c.Height)
		return ui.PopThen(ui.Push(&lv, cmd))
	}
	return v.LogView.Handle(msg)
}

func (v *bgpLogView) Hints(k keymap.KeyMap) []key.Binding {
	return withBGPKey(v.LogView.Hints(k), k, true, "tunnel log")
}

func (v *bgpLogView) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return withBGPHelp(v.LogView.HelpGroups(k), k, true)
}

func (v *bgpLogView) Crumbs() []string { return []string{"bgp log " + v.tunnel.OutsideIP} }

// bgpLogField is a BGP tunnel's BGP log among its details: its group and
// format, or off.
func bgpLogField(t aws.Tunnel) ui.Field {
	v := "off (l, then b: what turns it on)"
	if t.BGPLogging {
		v = aws.LogGroupName(t.BGPLogGroupARN)
		if t.BGPLogOutputFormat != "" {
			v += " (" + t.BGPLogOutputFormat + ")"
		}
		v += " · l, then b"
	}
	return ui.Field{Label: "BGP log", Value: v}
}

// withBGPKey puts b among a log's hints, after + and -, when it applies,
// saying in a word where it goes (the hint line is short; ? says it whole).
func withBGPKey(hints []key.Binding, k keymap.KeyMap, on bool, to string) []key.Binding {
	if !on {
		return hints
	}
	b := k.Logs.BGP
	b.SetHelp(b.Help().Key, to)
	return slices.Insert(slices.Clone(hints), min(2, len(hints)), b)
}

// withBGPHelp adds b to the log's group on ?, when it applies.
func withBGPHelp(groups []keymap.Group, k keymap.KeyMap, on bool) []keymap.Group {
	if !on || len(groups) == 0 {
		return groups
	}
	groups = slices.Clone(groups)
	groups[0].Bindings = append(slices.Clone(groups[0].Bindings), k.Logs.BGP)
	return groups
}
