package ui

import (
	"fmt"
	"math"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/journal"
)

// The rows a tunnels view draws under its table from the tunnels'
// metrics, on either cloud: each tunnel's state line, its time axis,
// traffic in and out scaled alike (so the tunnels compare), and what each
// moved in the last period with ▶ on the one that carries the traffic
// now. The traffic says where traffic goes, never whether a tunnel is up:
// AWS notes its data metrics "can report traffic even when a tunnel is
// down" (monitoring-cloudwatch-vpn.html).

// TunnelSeries is one tunnel's state and traffic over the window.
type TunnelSeries struct{ State, In, Out api.Series }

// Traffic is how a cloud's traffic metric reads: how one period of a
// column adds up (Sum of bytes, Mean of a rate), how a value is written
// in a few characters ("35.9M", "3.2Mb/s"), and the words before the
// carrier's numbers, longest first ("▶ carries it ", "▶ ").
type Traffic struct {
	Fold  Combine
	Short func(float64) string
	Leads []string
}

// HistoryCells are the history's cells, a column of w a tunnel: the state
// lines, their axes, traffic in, traffic out, and the last period's
// numbers; carrier is the tunnel that carries the traffic (-1: none).
func HistoryCells(s *Styles, loc *time.Location, tunnels []TunnelSeries, carrier, w int, t Traffic) (state, axis, in, out, now []string) {
	var series [][]float64
	for _, x := range tunnels {
		series = append(series, x.In.Values, x.Out.Values)
	}
	top := ColumnTop(w, t.Fold, series...)
	for i, x := range tunnels {
		state = append(state, StateSpark(s, x.State.Values, w))
		axis = append(axis, s.Muted.Render(SparkAxis(x.State.Start, x.State.End(), loc, min(w, len(x.State.Values)))))
		in = append(in, TrafficSpark(x.In.Values, w, top, t.Fold))
		out = append(out, TrafficSpark(x.Out.Values, w, top, t.Fold))
		now = append(now, t.carrierCell(x, i == carrier, w))
	}
	return state, axis, in, out, now
}

// carrierCell says what a tunnel moved in its latest period with data (in
// ↓, out ↑), with the lead on the one that carries the traffic, in w
// cells: the words give way before a number is cut.
func (t Traffic) carrierCell(x TunnelSeries, carries bool, w int) string {
	in, _ := x.In.Latest()
	out, _ := x.Out.Latest()
	if math.IsNaN(in) && math.IsNaN(out) {
		return "no data"
	}
	text := "↓" + t.Short(zeroIfNaN(in)) + " ↑" + t.Short(zeroIfNaN(out))
	if !carries {
		return text
	}
	for _, lead := range t.Leads {
		if ansi.StringWidth(lead+text) <= w {
			return lead + text
		}
	}
	return "▶ " + text
}

func zeroIfNaN(f float64) float64 {
	if math.IsNaN(f) {
		return 0
	}
	return f
}

// ShortUnits is v in a few characters, step a unit: ShortUnits(3.2e6,
// 1000, "kMGT", "b/s") is "3.2Mb/s"; below one step, a whole number.
func ShortUnits(v, step float64, units, suffix string) string {
	if math.IsNaN(v) || v < 0 {
		v = 0 // no data, or a counter that cannot be negative: nothing to scale
	}
	if v < step {
		return fmt.Sprintf("%d%s", int64(v), suffix)
	}
	i := -1
	for v >= step && i < len(units)-1 {
		v /= step
		i++
	}
	return fmt.Sprintf("%.1f%c%s", v, units[i], suffix)
}

// PeriodWords is a period to the minute: "5m", "1h", "2h48m" (the 14-day
// window's period is not "2h").
func PeriodWords(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}

// SpanWords is a window's length: "1h", "24h", "3d", "14d".
func SpanWords(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
	return ShortDuration(d)
}

// WithMetricFlapping is h, flapping also when the service's state metric
// saw the tunnel change state DefaultFlapChanges times in the last
// DefaultFlapWindow: the journal only knows what vpnscope watched.
func (h TunnelHistory) WithMetricFlapping(state api.Series, now time.Time) TunnelHistory {
	if !h.Flapping && api.StateChanges(state, now.Add(-journal.DefaultFlapWindow)) >= journal.DefaultFlapChanges {
		h.Flapping = true
	}
	return h
}
