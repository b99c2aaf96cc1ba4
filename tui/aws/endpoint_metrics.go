package aws

import (
	"context"
	"fmt"
	"math"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
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

// endpointMetrics is the view's metric read (ui.WindowRead): the window,
// the request it waits for, and what came back.
type endpointMetrics = ui.WindowRead[aws.EndpointMetrics]

// readMetrics reads the window ending now.
func (v *endpointView) readMetrics() tea.Cmd {
	q := aws.EndpointMetricsQuery{EndpointID: v.ep.ID, End: v.c.Now(), Span: aws.MetricSpans[v.metrics.Span]}
	client, region := v.c.client, v.c.Region
	return v.metrics.Read(v.c.Common, func(ctx context.Context) (aws.EndpointMetrics, error) {
		return client.EndpointMetrics(ctx, region, q)
	})
}

// rewindow moves to the next window (a step of + or -).
func (v *endpointView) rewindow(step int) tea.Cmd {
	if moved, why := v.metrics.Step(step, aws.MetricSpans); !moved {
		return why
	}
	return v.readMetrics()
}

// metricLines are the history's rows: connections and failures, traffic
// in and out, the CRL and the window; none on a short screen.
func (v *endpointView) metricLines() []string {
	if v.height < minHeightForMetrics {
		return nil
	}
	s, m, w := v.c.Styles, v.metrics, v.width
	span := ui.SpanWords(aws.MetricSpans[m.Span])
	rows := make([]string, endpointMetricRows)
	switch {
	case m.Err != nil:
		rows[0] = s.Warn.Render(" history " + span + ": could not read CloudWatch (cloudwatch:GetMetricData)")
		for i, l := range ui.Wrap(ui.ErrorLine(m.Err), w-3, "   ") {
			if i < endpointMetricRows-1 {
				rows[i+1] = "   " + s.Muted.Render(l)
			}
		}
	case m.Data.Active.Period == 0:
		rows[0] = s.Muted.Render(" history " + span + ": reading CloudWatch (AWS/ClientVPN)…")
	default:
		rows = v.metricRowsOf(m.Data, span)
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
	case f.Impact == api.TrafficDown: // the finding's verdict, not the view's own reading of the days
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
