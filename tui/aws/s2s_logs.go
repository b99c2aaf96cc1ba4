package aws

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// tunnelLogView is the tunnel activity log in CloudWatch Logs of one
// tunnel, or of both tunnels of a connection: newest first, one window at
// a time (+ and - change it), each documented message recognised, with
// what it means and what to check for that tunnel's options.
type tunnelLogView struct {
	ui.LogView[tunnelLogRow]
	c      *common
	conn   aws.VPNConnection
	tunnel *aws.Tunnel // nil: both tunnels
}

// What the root asks of it beyond what ListBase answers (asserted there):
// a renamed method fails here, not silently.
var _ ui.Pane = (*tunnelLogView)(nil)

type tunnelLogRow struct {
	aws.TunnelLogEntry
	tunnel     aws.Tunnel
	annotation *aws.Annotation
}

// logReadPages bounds one window's read (500 events a page).
const logReadPages = 20

func newTunnelLogView(c *common, conn aws.VPNConnection, t *aws.Tunnel, w, h int) (tunnelLogView, tea.Cmd) {
	v := tunnelLogView{c: c, conn: conn, tunnel: t}
	what := "both tunnels of " + ui.OrDash(conn.Name)
	if t != nil {
		what = "tunnel " + t.OutsideIP + " of " + ui.OrDash(conn.Name)
	}
	v.LogView = ui.NewLogView(c.Common, "Tunnel activity log", what, 2, v.read, v.explain)
	if v.hasBGPLog() {
		v.Hint = " · b BGP log"
	}
	v.SetSize(w, h)
	cmd := v.List.Start() // with logging off, an empty page that says so
	return v, cmd         // the call first: it changes v
}

// query is the window's query: the tunnel's stream, or every stream of the
// connection in the group its first logging tunnel names; when logging is
// off, why and what turns it on.
func (v tunnelLogView) query(span time.Duration, to time.Time) (q aws.LogQuery, why string, ok bool) {
	if v.tunnel != nil {
		return aws.TunnelLogQuery(v.conn, *v.tunnel, to, span)
	}
	for _, t := range v.conn.Tunnels {
		if q, _, ok := aws.TunnelLogQuery(v.conn, t, to, span); ok {
			q.Streams, q.StreamPrefix = nil, v.conn.ID+"-"
			return q, "", true
		}
	}
	if len(v.conn.Tunnels) > 0 {
		_, why, _ = aws.TunnelLogQuery(v.conn, v.conn.Tunnels[0], to, span)
		why = strings.Replace(why, "for tunnel "+v.conn.Tunnels[0].OutsideIP, "for both tunnels", 1)
	}
	return aws.LogQuery{}, why, false
}

// A value receiver: the log view is handed this method before the pane
// is pushed (by pointer, as a copy), so it keeps its own copy, and reads
// only what never changes after construction.
// read is the list of the tunnel activity of a window.
func (v tunnelLogView) read(span time.Duration, to time.Time) ui.PagedList[tunnelLogRow] {
	q, why, ok := v.query(span, to)
	client, region, conn := v.c.client, v.c.Region, v.conn
	spec := &ui.ListSpec[tunnelLogRow]{
		Noun:    "log events",
		MaxPage: 500,
		ID:      func(r tunnelLogRow) string { return r.Stream + r.Time.String() + r.Detail },
		Text:    func(r tunnelLogRow) string { return r.Detail + " " + r.Phase1 + " " + r.Phase2 },
		Fetch: func(ctx context.Context, _ api.Cursor) (api.Page[tunnelLogRow], error) {
			if !ok {
				return api.Page[tunnelLogRow]{}, nil
			}
			return readTunnelWindow(ctx, client, region, conn, q)
		},
		Empty: func() string {
			if why != "" {
				return why
			}
			return fmt.Sprintf("No tunnel activity in the last %s.\nPress + to widen the window.", ui.ShortDuration(span))
		},
		Columns: []ui.Column[tunnelLogRow]{
			{Title: "TIME", Width: 8, Cell: func(r tunnelLogRow) string { return r.Time.In(v.c.Loc).Format("15:04:05") }},
			{Title: "TUNNEL", Width: 15, Cell: func(r tunnelLogRow) string { return r.tunnel.OutsideIP }},
			{Title: "P1", Width: 11, Cell: func(r tunnelLogRow) string { return ui.OrDash(r.Phase1) },
				Paint: func(s *ui.Styles, r tunnelLogRow, t string) string { return s.Paint(phaseWordTone(r.Phase1), t) }},
			{Title: "P2", Width: 11, Cell: func(r tunnelLogRow) string { return ui.OrDash(r.Phase2) },
				Paint: func(s *ui.Styles, r tunnelLogRow, t string) string { return s.Paint(phaseWordTone(r.Phase2), t) }},
			{Title: "MESSAGE", Min: 20, Cell: func(r tunnelLogRow) string { return r.Detail },
				Paint: func(s *ui.Styles, r tunnelLogRow, t string) string {
					if r.annotation != nil && r.annotation.Failure {
						return s.Bad.Render(t)
					}
					return t
				}},
		},
	}
	return ui.NewPagedList(v.c.Common, spec)
}

// explain is the event whole, and what a recognised message means for
// this tunnel's options.
func (v tunnelLogView) explain(r tunnelLogRow) (line, meaning string) {
	if a := r.annotation; a != nil && a.Check != "" {
		meaning = fmt.Sprintf("↳ %s: %s — check: %s", a.Phase, a.Meaning, a.Check)
	}
	return r.Time.In(v.c.Loc).Format("2006-01-02 15:04:05") + " " + r.Detail, meaning
}

func phaseWordTone(p string) ui.Tone {
	switch p {
	case "Established":
		return ui.ToneGood
	case "Down":
		return ui.ToneBad
	case "Negotiating", "Rekeying":
		return ui.ToneWarn
	}
	return ui.ToneMuted
}

// readTunnelWindow reads a whole window (FilterLogEvents pages oldest
// first) and gives it newest first, each line parsed and annotated.
func readTunnelWindow(ctx context.Context, client aws.Client, region string, conn aws.VPNConnection, q aws.LogQuery) (api.Page[tunnelLogRow], error) {
	events, err := readLogWindow(ctx, client, region, q)
	if err != nil {
		return api.Page[tunnelLogRow]{}, err
	}
	rows := make([]tunnelLogRow, 0, len(events))
	for _, e := range events {
		r := tunnelLogRow{TunnelLogEntry: aws.ParseTunnelLog(e.Stream, e.Time, e.Message)}
		for _, t := range conn.Tunnels {
			if aws.TunnelLogStream(conn.ID, t.OutsideIP) == e.Stream {
				r.tunnel = t
			}
		}
		if a, ok := aws.AnnotateForTunnel(r.TunnelLogEntry, conn, r.tunnel); ok {
			r.annotation = &a
		}
		rows = append(rows, r)
	}
	return api.Page[tunnelLogRow]{Items: rows, Total: len(rows)}, nil
}

// hasBGPLog reports whether b offers this tunnel's BGP log (s2s_bgplog.go):
// one tunnel of a BGP connection, its BGP log on or off.
func (v *tunnelLogView) hasBGPLog() bool { return v.tunnel != nil && v.conn.BGP() }

// Handle is the log view's, and b: the tunnel's BGP log in its place.
func (v *tunnelLogView) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && v.conn.BGP() && !v.List.ClaimsKeys() && key.Matches(k, v.c.Keys.Logs.BGP) {
		if !v.hasBGPLog() { // both tunnels: each has its own BGP log, maybe in its own group
			return ui.Flash("the BGP log is per tunnel: open the connection's tunnels (enter), pick one, then l and b")
		}
		bv, cmd := newBGPLogView(v.c, v.conn, *v.tunnel, v.c.Width, v.c.Height)
		return ui.PopThen(ui.Push(&bv, cmd))
	}
	return v.LogView.Handle(msg)
}

func (v *tunnelLogView) Hints(k keymap.KeyMap) []key.Binding {
	return withBGPKey(v.LogView.Hints(k), k, v.hasBGPLog(), "BGP log")
}

func (v *tunnelLogView) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return withBGPHelp(v.LogView.HelpGroups(k), k, v.hasBGPLog())
}

func (v *tunnelLogView) Crumbs() []string {
	if v.tunnel != nil {
		return []string{"log " + v.tunnel.OutsideIP}
	}
	return []string{"log"}
}

// readLogWindow reads a whole window of a log group (FilterLogEvents pages
// run oldest first), newest first, at most logReadPages pages.
func readLogWindow(ctx context.Context, client aws.Client, region string, q aws.LogQuery) ([]aws.LogEvent, error) {
	var events []aws.LogEvent
	for range logReadPages {
		p, err := client.FilterLogEvents(ctx, region, q)
		if err != nil {
			return nil, err
		}
		events = append(events, p.Events...)
		if !p.More {
			break
		}
		q.Token = p.Next
	}
	return aws.NewestFirst(events), nil
}
