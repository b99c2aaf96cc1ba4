package aws

import (
	"math"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api/aws"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// Sparklines of a tunnel's CloudWatch series, a column per slice of the
// window. A few lines of Lip Gloss: the blocks say it without colour
// (NO_COLOR), the colour only repeats it.

// The state line's blocks: up all along, down all along, down part of the
// time, and no data point (no data is not down).
const (
	sparkUp     = '▇'
	sparkDown   = '▁'
	sparkPart   = '▄'
	sparkNoData = '·'
)

// trafficLevels are the traffic line's heights; a slice that moved no
// byte is a space.
var trafficLevels = []rune("▁▂▃▄▅▆▇█")

// columns splits a series into w slices of its points (fewer when it has
// fewer points), each slice's points given to f; NaN points are left out.
func columns(s aws.Series, w int, f func(points []float64) rune) []rune {
	n := len(s.Values)
	if n == 0 || w <= 0 {
		return nil
	}
	w = min(w, n)
	out := make([]rune, w)
	for c := range w {
		lo, hi := c*n/w, (c+1)*n/w
		var pts []float64
		for _, v := range s.Values[lo:hi] {
			if !math.IsNaN(v) {
				pts = append(pts, v)
			}
		}
		out[c] = f(pts)
	}
	return out
}

// stateSpark is the state line: ▇ up, ▁ down, ▄ down part of the time
// (TunnelState is 1 for up and 0 for anything else, so an average between
// them is part of each), · no data.
func stateSpark(s *ui.Styles, series aws.Series, w int) string {
	runes := columns(series, w, func(pts []float64) rune {
		if len(pts) == 0 {
			return sparkNoData
		}
		lo, hi := 1.0, 0.0
		for _, p := range pts {
			lo, hi = min(lo, p), max(hi, p)
		}
		switch {
		case lo >= 1:
			return sparkUp
		case hi <= 0:
			return sparkDown
		}
		return sparkPart
	})
	var b strings.Builder
	for _, r := range runes {
		tone := ui.ToneMuted
		switch r {
		case sparkUp:
			tone = ui.ToneGood
		case sparkDown:
			tone = ui.ToneBad
		case sparkPart:
			tone = ui.ToneWarn
		}
		b.WriteString(s.Paint(tone, string(r)))
	}
	return b.String()
}

// trafficSpark is a traffic line, each column the bytes of its slice
// scaled to top (the most any column of the connection's lines moved), so
// both tunnels' lines compare.
func trafficSpark(series aws.Series, w int, top float64) string {
	return string(columns(series, w, func(pts []float64) rune {
		if len(pts) == 0 {
			return sparkNoData
		}
		sum := 0.0
		for _, p := range pts {
			sum += p
		}
		if sum <= 0 || top <= 0 {
			return ' '
		}
		i := int(math.Ceil(sum/top*float64(len(trafficLevels)))) - 1
		return trafficLevels[min(max(i, 0), len(trafficLevels)-1)]
	}))
}

// columnTop is the most bytes one column of w holds, over every series.
func columnTop(w int, series ...aws.Series) float64 {
	top := 0.0
	for _, s := range series {
		columns(s, w, func(pts []float64) rune {
			sum := 0.0
			for _, p := range pts {
				sum += p
			}
			top = max(top, sum)
			return 0
		})
	}
	return top
}

// sparkAxis is the window's start and end under a line of w columns, in
// the viewer's zone: "12-05 12:00" at the left, "12-06 12:00" (or only
// the time, the same day) at the right.
func sparkAxis(start, end time.Time, loc *time.Location, w int) string {
	left := start.In(loc).Format("01-02 15:04")
	right := end.In(loc).Format("15:04")
	if start.In(loc).YearDay() != end.In(loc).YearDay() {
		right = end.In(loc).Format("01-02 15:04")
	}
	if gap := w - len(left) - len(right); gap >= 1 {
		return left + strings.Repeat(" ", gap) + right
	}
	return ui.Fit(left, w)
}
