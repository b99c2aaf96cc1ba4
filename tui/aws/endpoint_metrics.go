package aws

import (
	"context"
	"fmt"
	"math"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/aws"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The endpoint view's history from CloudWatch's AWS/ClientVPN: active
// connections, authentication failures, traffic in and out, and the days
// until the client certificate revocation list expires, over a window
// (+ and - change it, 1 h to 14 days, as the tunnels view), read by one
// GetMetricData call when the view opens, at r and at each window change.
// A read that fails leaves the rest of the view whole and says what could
// not be read and the permission it takes.

// endpointMetricRows is how many rows the history takes above the tabs,
// whatever it says, so the list below does not jump when it arrives.
const endpointMetricRows = 3

// minHeightForMetrics is the least height that shows them: below it the
// list's rows matter more.
const minHeightForMetrics = 14

// endpointMetrics is the view's metric read: the window, the request it
// waits for, and what came back.
type endpointMetrics struct {
	span    int // index into aws.MetricSpans
	seq     int
	loading bool
	cancel  context.CancelFunc
	data    aws.EndpointMetrics
	err     error
}

// endpointMetricsMsg is the answer for endpoint endpointID's request seq.
type endpointMetricsMsg struct {
	endpointID string
	seq        int
	data       aws.EndpointMetrics
	err        error
}

// readMetrics reads the window ending now; the answer to an older request
// (or for a view left) is dropped, and the older request cancelled.
func (v *endpointView) readMetrics() tea.Cmd {
	m := &v.metrics
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(v.c.Ctx)
	m.seq, m.loading, m.cancel = v.c.NewID(), true, cancel
	q := aws.EndpointMetricsQuery{EndpointID: v.ep.ID, End: v.c.Now(), Span: aws.MetricSpans[m.span]}
	client, region, seq, id := v.c.client, v.c.Region, m.seq, v.ep.ID
	return func() tea.Msg {
		data, err := client.EndpointMetrics(ctx, region, q)
		return endpointMetricsMsg{endpointID: id, seq: seq, data: data, err: err}
	}
}

// deliverMetrics takes an answer if it is the one the view waits for.
func (v *endpointView) deliverMetrics(msg endpointMetricsMsg) {
	m := &v.metrics
	if msg.endpointID != v.ep.ID || msg.seq != m.seq {
		return
	}
	m.loading, m.data, m.err = false, msg.data, msg.err
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
}

// rewindow moves to the next window (a step of + or -).
func (v *endpointView) rewindow(step int) tea.Cmd {
	next := v.metrics.span + step
	if next < 0 || next >= len(aws.MetricSpans) {
		return ui.Flash("the history's window is as " + map[bool]string{true: "wide", false: "narrow"}[step > 0] +
			" as it goes: " + ui.ShortDuration(aws.MetricSpans[v.metrics.span]))
	}
	// The old window's lines go: under the new window's label they would
	// say the wrong span.
	v.metrics.span, v.metrics.data, v.metrics.err = next, aws.EndpointMetrics{}, nil
	return v.readMetrics()
}

// metricLines are the history's rows: connections and failures, traffic
// in and out, the CRL and the window; none on a short screen.
func (v *endpointView) metricLines() []string {
	if v.height < minHeightForMetrics {
		return nil
	}
	s, m, w := v.c.Styles, v.metrics, v.width
	span := ui.SpanWords(aws.MetricSpans[m.span])
	rows := make([]string, endpointMetricRows)
	switch {
	case m.err != nil:
		rows[0] = s.Warn.Render(" history " + span + ": could not read CloudWatch (cloudwatch:GetMetricData)")
		for i, l := range ui.Wrap(ui.ErrorLine(m.err), w-3, "   ") {
			if i < endpointMetricRows-1 {
				rows[i+1] = "   " + s.Muted.Render(l)
			}
		}
	case m.data.Active.Period == 0:
		rows[0] = s.Muted.Render(" history " + span + ": reading CloudWatch (AWS/ClientVPN)…")
	default:
		rows = v.metricRowsOf(m.data, span)
	}
	for i := range rows {
		rows[i] = ui.Fit(rows[i], w)
	}
	return rows
}

// metricRowsOf draws the series in two columns: each a label, a sparkline
// and what it adds up to.
func (v *endpointView) metricRowsOf(d aws.EndpointMetrics, span string) []string {
	s := v.c.Styles
	const labelW, valueW = 14, 11
	col := (v.width - 2) / 2
	w := max(col-labelW-valueW, 4)
	cell := func(label, spark, value string) string {
		return ui.Fit(ui.Fit(label, labelW)+spark, col-valueW) + ui.Fit(" "+value, valueW)
	}
	active, _ := d.Active.Latest()
	connections := cell("connections", ui.TrafficSpark(d.Active.Values, w, ui.ColumnTop(w, peak, d.Active.Values), peak),
		countWords(active)+s.Muted.Render(" last"))
	failed, mark := windowSum(d.AuthFailures), s.Muted
	if failed > 0 {
		mark = s.Warn
	}
	failures := cell(mark.Render("auth failures"), ui.TrafficSpark(d.AuthFailures.Values, w, ui.ColumnTop(w, ui.Sum, d.AuthFailures.Values), ui.Sum),
		mark.Render(countWords(failed))+s.Muted.Render(" in "+span))
	top := ui.ColumnTop(w, ui.Sum, d.In.Values, d.Out.Values) // in and out on one scale, so they compare
	in := cell("traffic in", ui.TrafficSpark(d.In.Values, w, top, ui.Sum), "↓"+ui.ShortUnits(windowSum(d.In), 1024, "KMGTP", ""))
	out := cell("traffic out", ui.TrafficSpark(d.Out.Values, w, top, ui.Sum), "↑"+ui.ShortUnits(windowSum(d.Out), 1024, "KMGTP", ""))
	crl := cell("CRL days left", ui.TrafficSpark(d.CRLDays.Values, w, ui.ColumnTop(w, peak, d.CRLDays.Values), peak), v.crlWords(d))
	start, end := d.Active.Start.In(v.c.Loc), d.Active.End().In(v.c.Loc)
	window := s.Muted.Render(fmt.Sprintf("%s: %s – %s · +/-", span, start.Format("01-02 15:04"), end.Format("01-02 15:04")))
	if d.Partial {
		window += s.Muted.Render(" · part of it (PartialData)")
	}
	return []string{" " + connections + " " + failures, " " + in + " " + out, " " + crl + " " + window}
}

// crlWords is what the latest CrlDaysToExpiry says, marked as its
// finding (api/aws CRLFinding judges it): expired, within a week, fine,
// or no data (no CRL imported, or none published in the window).
func (v *endpointView) crlWords(d aws.EndpointMetrics) string {
	s := v.c.Styles
	days, i := d.CRLDays.Latest()
	words := fmt.Sprintf("%d days", int64(math.Floor(days)))
	switch f := aws.CRLFinding("", v.ep, d.CRLDays); {
	case i < 0:
		return s.Muted.Render("no data")
	case f == nil:
		return words
	case days < 0:
		return s.Bad.Render("✗ expired")
	case days < 1:
		return s.Warn.Render("◐ < 1 day")
	default:
		return s.Warn.Render("◐ " + words)
	}
}

// peak is a column's highest point: connections at their busiest, not
// their sum over the periods.
func peak(points []float64) float64 {
	top := 0.0
	for _, p := range points {
		top = max(top, p)
	}
	return top
}

// windowSum is a series' total over the window, NaN left out.
func windowSum(s aws.Series) float64 {
	sum := 0.0
	for _, v := range s.Values {
		if !math.IsNaN(v) {
			sum += v
		}
	}
	return sum
}

// countWords is a count, "–" for no data.
func countWords(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%d", int64(v))
}
