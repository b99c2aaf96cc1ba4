package aws

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// clientLogView is a Client VPN endpoint's connection log in CloudWatch
// Logs: attempts, successful and failed, newest first, one window at a
// time, with why each failed. It answers "why can't Alice connect", which
// DescribeClientVpnConnections cannot; / filters by user or common name.
type clientLogView struct {
	ui.LogView[clientLogRow]
	c  *common
	ep aws.Endpoint
}

// What the root asks of it beyond what ListBase answers (asserted there):
// a renamed method fails here, not silently.
var _ ui.Pane = (*clientLogView)(nil)

type clientLogRow struct{ aws.ConnectionLogEntry }

func newClientLogView(c *common, ep aws.Endpoint, w, h int) (clientLogView, tea.Cmd) {
	v := clientLogView{c: c, ep: ep}
	v.LogView = ui.NewLogView(c.Common, "Connection log", ui.OrDash(ep.Name), 2, v.read, v.explain)
	v.Hint = " · / user"
	v.SetSize(w, h)
	cmd := v.List.Start() // with logging off, an empty page that says so
	return v, cmd         // the call first: it changes v
}

// A value receiver: the log view is handed this method before the pane
// is pushed (by pointer, as a copy), so it keeps its own copy, and reads
// only what never changes after construction.
// read is the list of the connection attempts of a window.
func (v clientLogView) read(span time.Duration, to time.Time) ui.PagedList[clientLogRow] {
	q, why, ok := aws.ConnectionLogQuery(v.ep, "", to, span)
	client, region := v.c.client, v.c.Region
	spec := &ui.ListSpec[clientLogRow]{
		Noun:    "connection attempts",
		MaxPage: 500,
		ID:      func(r clientLogRow) string { return r.ConnectionID + r.Time.String() },
		Text: func(r clientLogRow) string {
			return strings.Join([]string{r.Username, r.CommonName, r.AttemptStatus, r.Reason(), r.ConnectionID, r.DeviceIP}, " ")
		},
		Fetch: func(ctx context.Context, _ api.Cursor) (api.Page[clientLogRow], error) {
			if !ok {
				return api.Page[clientLogRow]{}, nil
			}
			return readClientLogWindow(ctx, client, region, q)
		},
		Empty: func() string {
			if why != "" {
				return why
			}
			return fmt.Sprintf("No connection attempts in the last %s.\nPress + to widen the window. %s",
				ui.ShortDuration(span), aws.MutualAuthNotLogged)
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
			{Title: "REASON", Min: 12, Cell: func(r clientLogRow) string { return ui.OrDash(r.Reason()) }},
			{Title: "CLIENT IP", Width: 15, Cell: func(r clientLogRow) string { return ui.OrDash(r.ClientIP) }},
			{Title: "DEVICE", Width: 15, Cell: func(r clientLogRow) string { return ui.OrDash(r.DeviceIP) }},
		},
	}
	return ui.NewPagedList(v.c.Common, spec)
}

// explain is the attempt whole, and why a failed one failed.
func (v clientLogView) explain(r clientLogRow) (line, meaning string) {
	line = fmt.Sprintf("%s %s · %s · device %s %s", r.Time.In(v.c.Loc).Format("2006-01-02 15:04:05"),
		ui.OrDash(r.Who()), ui.OrDash(r.ConnectionID), ui.OrDash(r.DeviceType), ui.OrDash(r.DeviceIP))
	if m, check, ok := aws.ExplainEntry(r.ConnectionLogEntry); ok {
		meaning = "↳ " + m + " — check: " + check
	}
	return line, meaning
}

func attemptWord(e aws.ConnectionLogEntry) string {
	switch {
	case e.PolicyReset():
		return "✗ reset"
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
	events, err := readLogWindow(ctx, client, region, q)
	if err != nil {
		return api.Page[clientLogRow]{}, err
	}
	rows := make([]clientLogRow, 0, len(events))
	for _, e := range events {
		if entry, ok := aws.ParseConnectionLog(e.Time, e.Message); ok {
			rows = append(rows, clientLogRow{entry})
		}
	}
	return api.Page[clientLogRow]{Items: rows, Total: len(rows)}, nil
}

// Crumbs are what the header says of the log.
func (v *clientLogView) Crumbs() []string { return []string{"connection log"} }
