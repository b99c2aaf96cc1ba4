package aws

import (
	"time"

	"github.com/vpnscope/vpnscope/api/aws"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// Sparklines of a tunnel's CloudWatch series: the drawing is the
// provider-neutral tui/ui/sparkline.go; a CloudWatch traffic point is the
// bytes of its period, so a column sums its points.

// stateSpark is the state line: ▇ up, ▁ down, ▄ down part of the time
// (TunnelState is 1 for up and 0 for anything else), · no data.
func stateSpark(s *ui.Styles, series aws.Series, w int) string {
	return ui.StateSpark(s, series.Values, w)
}

// trafficSpark is a traffic line, each column the bytes of its slice
// scaled to top, so both tunnels' lines compare.
func trafficSpark(series aws.Series, w int, top float64) string {
	return ui.TrafficSpark(series.Values, w, top, ui.Sum)
}

// columnTop is the most bytes one column of w holds, over every series.
func columnTop(w int, series ...aws.Series) float64 {
	values := make([][]float64, len(series))
	for i, s := range series {
		values[i] = s.Values
	}
	return ui.ColumnTop(w, ui.Sum, values...)
}

// sparkAxis is the window's start and end in the viewer's zone.
func sparkAxis(start, end time.Time, loc *time.Location, w int) string {
	return ui.SparkAxis(start, end, loc, w)
}
