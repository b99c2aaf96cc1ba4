package tui

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
)

// clientLogView is a Client VPN endpoint's connection log in CloudWatch
// Logs: attempts, successful and failed, newest first, one window at a
// time, with why each failed. It answers "why can't Alice connect", which
// DescribeClientVpnConnections cannot; / filters by user or common name.
type clientLogView struct {
	c      *common
	ep     aws.Endpoint
	why    string
	window int
	to     time.Time
	listBase[clientLogRow]
	width, height int
}

type clientLogRow struct{ aws.ConnectionLogEntry }

func newClientLogView(c *common, ep aws.Endpoint, w, h int) (clientLogView, tea.Cmd) {
	v := clientLogView{c: c, ep: ep, window: 2, to: c.now()}
	v.list = v.newList()
	v.setSize(w, h)
	return v, v.list.start() // with logging off, an empty page that says so
}

func (v *clientLogView) newList() pagedList[clientLogRow] {
	q, why, ok := aws.ConnectionLogQuery(v.ep, "", v.to, logWindows[v.window])
	v.why = why
	client, region := v.c.aws, v.c.region
	spec := &listSpec[clientLogRow]{
		noun:    "connection attempts",
		maxPage: 500,
		id:      func(r clientLogRow) string { return r.ConnectionID + r.Time.String() },
		text: func(r clientLogRow) string {
			return strings.Join([]string{r.Username, r.CommonName, r.AttemptStatus, r.FailureReason, r.ConnectionID, r.DeviceIP}, " ")
		},
		fetch: func(ctx context.Context, _ api.Cursor) (api.Page[clientLogRow], error) {
			if !ok {
				return api.Page[clientLogRow]{}, nil
			}
			return readClientLogWindow(ctx, client, region, q)
		},
		empty: func() string {
			if v.why != "" {
				return v.why
			}
			return fmt.Sprintf("No connection attempts in the last %s.\nPress + to widen the window. %s",
				shortDuration(logWindows[v.window]), aws.MutualAuthNotLogged)
		},
		columns: []column[clientLogRow]{
			{title: "TIME", width: 8, cell: func(r clientLogRow) string { return r.Time.In(v.c.loc).Format("15:04:05") }},
			{title: "WHO", width: 18, cell: func(r clientLogRow) string { return orDash(r.Who()) }},
			{title: "ATTEMPT", width: 10, cell: func(r clientLogRow) string { return attemptWord(r.ConnectionLogEntry) },
				paint: func(s *Styles, r clientLogRow, t string) string {
					if r.Failed() {
						return s.Bad.Render(t)
					}
					return s.Good.Render(t)
				}},
			{title: "REASON", min: 12, cell: func(r clientLogRow) string { return orDash(r.FailureReason) }},
			{title: "CLIENT IP", width: 15, cell: func(r clientLogRow) string { return orDash(r.ClientIP) }},
			{title: "DEVICE", width: 15, cell: func(r clientLogRow) string { return orDash(r.DeviceIP) }},
		},
	}
	return newPagedList(v.c, spec)
}

func attemptWord(e aws.ConnectionLogEntry) string {
	switch {
	case e.Failed():
		return "✗ failed"
	case !e.Ended.IsZero():
		return "○ ended"
	case e.AttemptStatus == "successful":
		return "● ok"
	}
	return orDash(e.AttemptStatus)
}

// readClientLogWindow reads a whole window, newest first.
func readClientLogWindow(ctx context.Context, client aws.Client, region string, q aws.LogQuery) (api.Page[clientLogRow], error) {
	var events []aws.LogEvent
	for range logReadPages {
		p, err := client.FilterLogEvents(ctx, region, q)
		if err != nil {
			return api.Page[clientLogRow]{}, err
		}
		events = append(events, p.Events...)
		if !p.More {
			break
		}
		q.Token = p.Next
	}
	rows := make([]clientLogRow, 0, len(events))
	for _, e := range aws.NewestFirst(events) {
		if entry, ok := aws.ParseConnectionLog(e.Time, e.Message); ok {
			rows = append(rows, clientLogRow{entry})
		}
	}
	return api.Page[clientLogRow]{Items: rows, Total: len(rows)}, nil
}

func (v *clientLogView) setSize(w, h int) {
	v.width, v.height = w, h
	v.list.setSize(w, max(h-3-logAnnotationLines, 1))
}

func (v *clientLogView) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !v.list.claimsKeys() {
		switch {
		case key.Matches(k, v.c.keys.Logs.Widen) && v.window < len(logWindows)-1:
			return v.rewindow(v.window + 1)
		case key.Matches(k, v.c.keys.Logs.Narrow) && v.window > 0:
			return v.rewindow(v.window - 1)
		}
	}
	return v.list.update(msg)
}

func (v *clientLogView) rewindow(w int) tea.Cmd {
	v.list.close()
	v.window, v.to = w, v.c.now()
	v.list = v.newList()
	v.setSize(v.width, v.height)
	return v.list.start()
}

func (v *clientLogView) refresh() tea.Cmd      { return v.rewindow(v.window) }
func (v *clientLogView) watchRefresh() tea.Cmd { return v.rewindow(v.window) }
func (v *clientLogView) crumbs() []string      { return []string{"connection log"} }
func (v *clientLogView) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Logs.Widen, k.Logs.Narrow, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}

func (v clientLogView) View() string {
	s := v.c.styles
	from := v.to.Add(-logWindows[v.window])
	title := fmt.Sprintf(" %s · last %s (%s–%s) · %s", s.Title.Render("Connection log"),
		shortDuration(logWindows[v.window]), from.In(v.c.loc).Format("15:04"), v.to.In(v.c.loc).Format("15:04"), orDash(v.ep.Name))
	lines := []string{fit(title+s.Dim.Render(" · +/- window · / user"), v.width), v.list.View()}
	out := make([]string, 0, logAnnotationLines)
	if r, ok := v.list.selected(); ok {
		out = append(out, fit(fmt.Sprintf("  %s %s · %s · device %s %s", r.Time.In(v.c.loc).Format("2006-01-02 15:04:05"),
			orDash(r.Who()), orDash(r.ConnectionID), orDash(r.DeviceType), orDash(r.DeviceIP)), v.width))
		if r.Failed() {
			if m, check, ok := aws.ExplainFailureReason(r.FailureReason); ok {
				for _, w := range wrap("↳ "+m+" — check: "+check, v.width-4, "  ") {
					out = append(out, s.Warn.Render(w))
				}
			}
		}
	}
	for len(out) < logAnnotationLines {
		out = append(out, "")
	}
	return strings.Join(append(lines, out[:logAnnotationLines]...), "\n")
}
