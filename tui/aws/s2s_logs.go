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
	c      *common
	conn   aws.VPNConnection
	tunnel *aws.Tunnel // nil: both tunnels
	why    string      // set when the log is off: what turns it on
	window int
	to     time.Time
	ui.ListBase[tunnelLogRow]
	width, height int
}

type tunnelLogRow struct {
	aws.TunnelLogEntry
	tunnel     aws.Tunnel
	annotation *aws.Annotation
}

// logReadPages bounds one window's read (500 events a page).
const logReadPages = 20

func newTunnelLogView(c *common, conn aws.VPNConnection, t *aws.Tunnel, w, h int) (tunnelLogView, tea.Cmd) {
	v := tunnelLogView{c: c, conn: conn, tunnel: t, window: 2, to: c.Now()}
	v.List = v.newList()
	v.SetSize(w, h)
	return v, v.List.Start() // with logging off, an empty page that says so
}

// query is the window's query: the tunnel's stream, or every stream of the
// connection in the group its first logging tunnel names.
func (v *tunnelLogView) query() (aws.LogQuery, bool) {
	span := ui.LogWindows[v.window]
	if v.tunnel != nil {
		q, why, ok := aws.TunnelLogQuery(v.conn, *v.tunnel, v.to, span)
		v.why = why
		return q, ok
	}
	for _, t := range v.conn.Tunnels {
		if q, _, ok := aws.TunnelLogQuery(v.conn, t, v.to, span); ok {
			q.Streams, q.StreamPrefix = nil, v.conn.ID+"-"
			return q, true
		}
	}
	if len(v.conn.Tunnels) > 0 {
		_, v.why, _ = aws.TunnelLogQuery(v.conn, v.conn.Tunnels[0], v.to, span)
		v.why = strings.Replace(v.why, "for tunnel "+v.conn.Tunnels[0].OutsideIP, "for both tunnels", 1)
	}
	return aws.LogQuery{}, false
}

func (v *tunnelLogView) newList() ui.PagedList[tunnelLogRow] {
	q, ok := v.query()
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
			if v.why != "" {
				return v.why
			}
			return fmt.Sprintf("No tunnel activity in the last %s.\nPress + to widen the window.", ui.ShortDuration(ui.LogWindows[v.window]))
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
	var events []aws.LogEvent
	for range logReadPages {
		p, err := client.FilterLogEvents(ctx, region, q)
		if err != nil {
			return api.Page[tunnelLogRow]{}, err
		}
		events = append(events, p.Events...)
		if !p.More {
			break
		}
		q.Token = p.Next
	}
	rows := make([]tunnelLogRow, 0, len(events))
	for _, e := range aws.NewestFirst(events) {
		r := tunnelLogRow{TunnelLogEntry: aws.ParseTunnelLog(e.Stream, e.Time, e.Message)}
		for _, t := range conn.Tunnels {
			if aws.TunnelLogStream(conn.ID, t.OutsideIP) == e.Stream {
				r.tunnel = t
			}
		}
		if a, ok := aws.AnnotateForTunnel(r.Detail, conn, r.tunnel); ok {
			r.annotation = &a
		}
		rows = append(rows, r)
	}
	return api.Page[tunnelLogRow]{Items: rows, Total: len(rows)}, nil
}

func (v *tunnelLogView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.List.SetSize(w, max(h-3-ui.LogAnnotationLines, 1))
}

func (v *tunnelLogView) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !v.List.ClaimsKeys() {
		switch {
		case key.Matches(k, v.c.Keys.Logs.Widen) && v.window < len(ui.LogWindows)-1:
			return v.rewindow(v.window + 1)
		case key.Matches(k, v.c.Keys.Logs.Narrow) && v.window > 0:
			return v.rewindow(v.window - 1)
		}
	}
	return v.List.Handle(msg)
}

func (v *tunnelLogView) rewindow(w int) tea.Cmd {
	v.List.Close()
	v.window, v.to = w, v.c.Now()
	v.List = v.newList()
	v.SetSize(v.width, v.height)
	return v.List.Start()
}

func (v *tunnelLogView) Refresh() tea.Cmd      { return v.rewindow(v.window) }
func (v *tunnelLogView) WatchRefresh() tea.Cmd { return v.rewindow(v.window) }
func (v *tunnelLogView) Crumbs() []string {
	if v.tunnel != nil {
		return []string{"log " + v.tunnel.OutsideIP}
	}
	return []string{"log"}
}
func (v *tunnelLogView) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Logs.Widen, k.Logs.Narrow, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}

func (v tunnelLogView) View() string {
	s := v.c.Styles
	what := "both tunnels of " + ui.OrDash(v.conn.Name)
	if v.tunnel != nil {
		what = "tunnel " + v.tunnel.OutsideIP + " of " + ui.OrDash(v.conn.Name)
	}
	from := v.to.Add(-ui.LogWindows[v.window])
	title := fmt.Sprintf(" %s · last %s (%s–%s) · %s", s.Title.Render("Tunnel activity log"),
		ui.ShortDuration(ui.LogWindows[v.window]), from.In(v.c.Loc).Format("15:04"), v.to.In(v.c.Loc).Format("15:04"), what)
	lines := []string{ui.Fit(title+s.Dim.Render(" · +/- window"), v.width), v.List.View()}
	out := make([]string, 0, ui.LogAnnotationLines)
	if r, ok := v.List.Selected(); ok {
		text := ui.Wrap(r.Time.In(v.c.Loc).Format("2006-01-02 15:04:05")+" "+r.Detail, v.width-4, "  ")
		out = append(out, text[:min(len(text), 2)]...)
		if a := r.annotation; a != nil && a.Check != "" {
			for _, w := range ui.Wrap(fmt.Sprintf("↳ %s: %s — check: %s", a.Phase, a.Meaning, a.Check), v.width-4, "  ") {
				out = append(out, s.Warn.Render(w))
			}
		}
	}
	for len(out) < ui.LogAnnotationLines {
		out = append(out, "")
	}
	return strings.Join(append(lines, out[:ui.LogAnnotationLines]...), "\n")
}
