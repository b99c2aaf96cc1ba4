package alibaba

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The tunnels view's history from CloudMonitor: each tunnel's state and
// traffic over a window (+ and - change it, 1 h to 14 days), read by one
// DescribeMetricList call per metric, both tunnels in each, when the view
// opens and at each window change. A read that fails leaves the rest of
// the view as it is and says what could not be read and the permission it
// takes; the traffic is traffic, never health: no verdict reads it.

// defaultMetricSpan is the window the view opens with: a day, so an
// outage overnight is on it.
const defaultMetricSpan = 3 // alibaba.MetricSpans[3] = 24 h

// tunnelMetrics is the view's metric read (ui.WindowRead): the window,
// the request it waits for, and what came back.
type tunnelMetrics = ui.WindowRead[alibaba.ConnectionMetrics]

// metricsQuery is what the view asks for its connection: its tunnels by
// id when it has two, the connection itself when it has one.
func metricsQuery(c alibaba.Connection, end time.Time, span time.Duration) alibaba.TunnelMetricsQuery {
	q := alibaba.TunnelMetricsQuery{ConnectionID: c.ID, End: end, Span: span}
	for _, t := range c.Tunnels() {
		if !t.Synthetic {
			q.TunnelIDs = append(q.TunnelIDs, t.ID)
		}
	}
	return q
}

// readMetrics reads the window ending now; nil when the client reads no
// metrics.
func (v *tunnelsView) readMetrics() tea.Cmd {
	reader, ok := v.c.client.(alibaba.MetricsReader)
	if !ok || len(v.conn.Tunnels()) == 0 {
		return nil
	}
	q := metricsQuery(v.conn, v.c.Now(), alibaba.MetricSpans[v.metrics.Span])
	region := v.region
	return v.metrics.Read(v.c.Common, func(ctx context.Context) (alibaba.ConnectionMetrics, error) {
		return reader.TunnelMetrics(ctx, region, q)
	})
}

// rewindow moves to the next window (a step of + or -).
func (v *tunnelsView) rewindow(step int) tea.Cmd {
	if _, ok := v.c.client.(alibaba.MetricsReader); !ok {
		return ui.Flash("this client reads no history")
	}
	if moved, why := v.metrics.Step(step, alibaba.MetricSpans); !moved {
		return why
	}
	cmd := v.readMetrics()
	v.sc.SetLines(v.lines())
	return cmd
}

// metricRows are the history's rows under the tunnels' table, in the same
// columns: the state line, its time axis, traffic in and out, and each
// tunnel's rates in the last period (▶ on the one that carries the
// traffic now). row draws one row of the table.
func (v *tunnelsView) metricRows(row func(label string, cells []string) string, colW int) []string {
	if _, ok := v.c.client.(alibaba.MetricsReader); !ok {
		return nil
	}
	m, s := v.metrics, v.c.Styles
	label := "Up/down " + ui.SpanWords(alibaba.MetricSpans[m.Span])
	n := len(v.conn.Tunnels())
	same := func(text string) []string {
		cells := make([]string, n)
		for i := range cells {
			cells[i] = text
		}
		return cells
	}
	switch {
	case m.Loading && len(m.Data.Tunnels) != n:
		return []string{row(label, same(s.Muted.Render("reading CloudMonitor…")))}
	case m.Err != nil:
		return append([]string{row(label, same("could not read (cms:DescribeMetricList)"))}, v.metricError(m.Err)...)
	case len(m.Data.Tunnels) != n:
		return nil
	}
	w := colW - 3 // the cells' two leading spaces and the column's gap
	state, axis, in, out, now := ui.HistoryCells(s, v.c.Loc, tunnelSeries(m.Data), m.Data.Carrier(), w, alibabaTraffic)
	rows := []string{row(label, state), row("", axis), row("Traffic in", in), row("Traffic out", out),
		row("Traffic, last "+ui.PeriodWords(m.Data.Tunnels[0].In.Period), now)}
	if m.Data.Err != nil {
		// Some metrics were read, some not: say which.
		rows = append(rows, v.metricError(m.Data.Err)...)
		rows = append(rows, "   "+s.Muted.Render("not read: "+strings.Join(m.Data.Unread, ", ")))
	}
	if m.Data.Partial {
		rows = append(rows, "   "+s.Muted.Render(fmt.Sprintf("CloudMonitor had more than %d pages: part of the window", alibaba.MaxMetricPages)))
	}
	return rows
}

// metricError is a failed read's error, wrapped under the rows.
func (v *tunnelsView) metricError(err error) []string {
	var out []string
	for _, l := range ui.Wrap(ui.ErrorLine(err), v.width-4, "   ") {
		out = append(out, "   "+v.c.Styles.Muted.Render(l))
	}
	return out
}

// metricOnset is when the state metric says tunnel t's outage began, for
// a tunnel that is not up: the service's time. An outage that fills the
// window says it began by the window's start at the latest.
func (v *tunnelsView) metricOnset(t alibaba.Tunnel) []api.Onset {
	if alibaba.TunnelUp(t) {
		return nil
	}
	for i, tt := range v.conn.Tunnels() {
		if tt.ID != t.ID || i >= len(v.metrics.Data.Tunnels) {
			continue
		}
		at, before, ok := alibaba.StateOnset(v.metrics.Data.Tunnels[i].State)
		if !ok {
			return nil
		}
		source := alibaba.OnsetCloudMonitor
		if before {
			source += ", down all of its " + ui.SpanWords(alibaba.MetricSpans[v.metrics.Span])
		}
		return []api.Onset{{At: at, Source: source}}
	}
	return nil
}

// onsets are what the service says of tunnel t's outage: its state
// metric's history and its negotiation log.
func (v *tunnelsView) onsets(t alibaba.Tunnel) []api.Onset {
	return append(v.metricOnset(t), v.logOnset(t)...)
}

// alibabaTraffic is how CloudMonitor's traffic metrics read: rates,
// averaged over a column, in bits per second (1000 a step: "640b/s",
// "3.2Mb/s"); ▶ on the tunnel that carries the traffic now.
var alibabaTraffic = ui.Traffic{Fold: ui.Mean, Leads: []string{"▶ carries it ", "▶ "},
	Short: func(b float64) string { return ui.ShortUnits(b, 1000, "kMGT", "b/s") }}

// tunnelSeries are m's tunnels as the history rows draw them.
func tunnelSeries(m alibaba.ConnectionMetrics) []ui.TunnelSeries {
	out := make([]ui.TunnelSeries, len(m.Tunnels))
	for i, t := range m.Tunnels {
		out[i] = ui.TunnelSeries{State: t.State, In: t.In, Out: t.Out}
	}
	return out
}

// historyKeys are the log's + and -, said for the history's window.
func historyKeys(k keymap.KeyMap) (wider, narrower key.Binding) {
	wider, narrower = k.Logs.Widen, k.Logs.Narrow
	wider.SetHelp("+", "longer history")
	narrower.SetHelp("-", "shorter history")
	return wider, narrower
}

// metricsSaySince is whether the state metric gives a tunnel's outage a
// start, so the Since row shows without a journal.
func (v *tunnelsView) metricsSaySince() bool {
	for _, t := range v.conn.Tunnels() {
		if len(v.metricOnset(t)) > 0 {
			return true
		}
	}
	return false
}

// failingSince is the line under a failing tunnel's title: state as it
// is, and for a tunnel failing now, since when, whole and wrapped (the
// table's Since cell is cut at 80 columns).
func (v *tunnelsView) failingSince(t alibaba.Tunnel, state string) []string {
	since := v.tunnelHistory(t).SinceCell(v.c.Loc, v.c.Now(), v.onsets(t)...)
	if alibaba.TunnelUp(t) || since == "-" {
		return []string{state}
	}
	var out []string
	for _, l := range ui.WrapProse("failing now · "+since, v.width-4, "") {
		out = append(out, v.c.Styles.Bad.Render("   "+l))
	}
	return out
}

// tunnelHistory is what the journal remembers of tunnel t, flapping also
// when CloudMonitor's state metric saw it flap.
func (v *tunnelsView) tunnelHistory(t alibaba.Tunnel) ui.TunnelHistory {
	h := v.history[t.ID]
	for i, tt := range v.conn.Tunnels() {
		if tt.ID == t.ID && i < len(v.metrics.Data.Tunnels) {
			return h.WithMetricFlapping(v.metrics.Data.Tunnels[i].State, v.c.Now())
		}
	}
	return h
}
