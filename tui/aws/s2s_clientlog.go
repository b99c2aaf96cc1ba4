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
	ui.ListBase[clientLogRow]
	width, height int
}

type clientLogRow struct{ aws.ConnectionLogEntry }

func newClientLogView(c *common, ep aws.Endpoint, w, h int) (clientLogView, tea.Cmd) {
	v := clientLogView{c: c, ep: ep, window: 2, to: c.Now()}
	v.List = v.newList()
	v.SetSize(w, h)
	return v, v.List.Start() // with logging off, an empty page that says so
}

func (v *clientLogView) newList() ui.PagedList[clientLogRow] {
	q, why, ok := aws.ConnectionLogQuery(v.ep, "", v.to, ui.LogWindows[v.window])
	v.why = why
	client, region := v.c.client, v.c.Region
	spec := &ui.ListSpec[clientLogRow]{
		Noun:    "connection attempts",
		MaxPage: 500,
		ID:      func(r clientLogRow) string { return r.ConnectionID + r.Time.String() },
		Text: func(r clientLogRow) string {
			return strings.Join([]string{r.Username, r.CommonName, r.AttemptStatus, r.FailureReason, r.ConnectionID, r.DeviceIP}, " ")
		},
		Fetch: func(ctx context.Context, _ api.Cursor) (api.Page[clientLogRow], error) {
			if !ok {
				return api.Page[clientLogRow]{}, nil
			}
			return readClientLogWindow(ctx, client, region, q)
		},
		Empty: func() string {
			if v.why != "" {
				return v.why
			}
			return fmt.Sprintf("No connection attempts in the last %s.\nPress + to widen the window. %s",
				ui.ShortDuration(ui.LogWindows[v.window]), aws.MutualAuthNotLogged)
		},
		Columns: []ui.Column[clientLogRow]{
			{Title: "TIME", Width: 8, Cell: func(r clientLogRow) string { return r.Time.In(v.c.Loc).Format("15:04:05") }},
			{Title: "WHO", Width: 18, Cell: func(r clientLogRow) string { return ui.OrDash(r.Who()) }},
			{Title: "ATTEMPT", Width: 10, Cell: func(r clientLogRow) string { return attemptWord(r.ConnectionLogEntry) },
				Paint: func(s *ui.Styles, r clientLogRow, t string) string {
					if r.Failed() {
						return s.Bad.Render(t)
					}
					return s.Good.Render(t)
				}},
			{Title: "REASON", Min: 12, Cell: func(r clientLogRow) string { return ui.OrDash(r.FailureReason) }},
			{Title: "CLIENT IP", Width: 15, Cell: func(r clientLogRow) string { return ui.OrDash(r.ClientIP) }},
			{Title: "DEVICE", Width: 15, Cell: func(r clientLogRow) string { return ui.OrDash(r.DeviceIP) }},
		},
	}
	return ui.NewPagedList(v.c.Common, spec)
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
	return ui.OrDash(e.AttemptStatus)
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

func (v *clientLogView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.List.SetSize(w, max(h-3-ui.LogAnnotationLines, 1))
}

func (v *clientLogView) Handle(msg tea.Msg) tea.Cmd {
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

func (v *clientLogView) rewindow(w int) tea.Cmd {
	v.List.Close()
	v.window, v.to = w, v.c.Now()
	v.List = v.newList()
	v.SetSize(v.width, v.height)
	return v.List.Start()
}

func (v *clientLogView) Refresh() tea.Cmd      { return v.rewindow(v.window) }
func (v *clientLogView) WatchRefresh() tea.Cmd { return v.rewindow(v.window) }
func (v *clientLogView) Crumbs() []string      { return []string{"connection log"} }
func (v *clientLogView) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.Logs.Widen, k.Logs.Narrow, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}

func (v clientLogView) View() string {
	s := v.c.Styles
	from := v.to.Add(-ui.LogWindows[v.window])
	title := fmt.Sprintf(" %s · last %s (%s–%s) · %s", s.Title.Render("Connection log"),
		ui.ShortDuration(ui.LogWindows[v.window]), from.In(v.c.Loc).Format("15:04"), v.to.In(v.c.Loc).Format("15:04"), ui.OrDash(v.ep.Name))
	lines := []string{ui.Fit(title+s.Dim.Render(" · +/- window · / user"), v.width), v.List.View()}
	out := make([]string, 0, ui.LogAnnotationLines)
	if r, ok := v.List.Selected(); ok {
		out = append(out, ui.Fit(fmt.Sprintf("  %s %s · %s · device %s %s", r.Time.In(v.c.Loc).Format("2006-01-02 15:04:05"),
			ui.OrDash(r.Who()), ui.OrDash(r.ConnectionID), ui.OrDash(r.DeviceType), ui.OrDash(r.DeviceIP)), v.width))
		if r.Failed() {
			if m, check, ok := aws.ExplainFailureReason(r.FailureReason); ok {
				for _, w := range ui.Wrap("↳ "+m+" — check: "+check, v.width-4, "  ") {
					out = append(out, s.Warn.Render(w))
				}
			}
		}
	}
	for len(out) < ui.LogAnnotationLines {
		out = append(out, "")
	}
	return strings.Join(append(lines, out[:ui.LogAnnotationLines]...), "\n")
}
