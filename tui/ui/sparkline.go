package ui

import (
	"math"
	"strings"
	"time"
)

// Sparklines of a tunnel's history, a column per slice of the window,
// whatever the cloud: a series is its points, NaN where the service
// returned none. A few lines of Lip Gloss: the blocks say it without
// colour (NO_COLOR), the colour only repeats it.

// The state line's blocks: up all along, down all along, down part of the
// time, and no data point (no data is not down).
const (
	SparkUp     = '▇'
	SparkDown   = '▁'
	SparkPart   = '▄'
	SparkNoData = '·'
)

// trafficLevels are the traffic line's heights; a slice that moved
// nothing is a space.
var trafficLevels = []rune("▁▂▃▄▅▆▇█")

// Combine makes one column's value of its points: Sum for amounts (bytes
// a period), Mean for rates (bits per second).
type Combine func(points []float64) float64

// Sum is the total of the points.
func Sum(points []float64) float64 {
	sum := 0.0
	for _, p := range points {
		sum += p
	}
	return sum
}

// Mean is the average of the points, 0 for none.
func Mean(points []float64) float64 {
	if len(points) == 0 {
		return 0
	}
	return Sum(points) / float64(len(points))
}

// sparkColumns splits values into w slices (fewer when it has fewer
// points), each slice's points given to f; NaN points are left out.
func sparkColumns(values []float64, w int, f func(points []float64) rune) []rune {
	n := len(values)
	if n == 0 || w <= 0 {
		return nil
	}
	w = min(w, n)
	out := make([]rune, w)
	for c := range w {
		lo, hi := c*n/w, (c+1)*n/w
		var pts []float64
		for _, v := range values[lo:hi] {
			if !math.IsNaN(v) {
				pts = append(pts, v)
			}
		}
		out[c] = f(pts)
	}
	return out
}

// StateSpark is the state line: ▇ up, ▁ down, ▄ down part of the time (a
// state point is 1 for up and 0 for anything else, so one between them is
// part of each), · no data.
func StateSpark(s *Styles, values []float64, w int) string {
	runes := sparkColumns(values, w, func(pts []float64) rune {
		if len(pts) == 0 {
			return SparkNoData
		}
		lo, hi := 1.0, 0.0
		for _, p := range pts {
			lo, hi = min(lo, p), max(hi, p)
		}
		switch {
		case lo >= 1:
			return SparkUp
		case hi <= 0:
			return SparkDown
		}
		return SparkPart
	})
	var b strings.Builder
	for _, r := range runes {
		tone := ToneMuted
		switch r {
		case SparkUp:
			tone = ToneGood
		case SparkDown:
			tone = ToneBad
		case SparkPart:
			tone = ToneWarn
		}
		b.WriteString(s.Paint(tone, string(r)))
	}
	return b.String()
}

// TrafficSpark is a traffic line, each column its slice's points combined
// and scaled to top (the most any column of the view's lines holds, from
// ColumnTop), so the tunnels' lines compare.
func TrafficSpark(values []float64, w int, top float64, combine Combine) string {
	return string(sparkColumns(values, w, func(pts []float64) rune {
		if len(pts) == 0 {
			return SparkNoData
		}
		v := combine(pts)
		if v <= 0 || top <= 0 {
			return ' '
		}
		i := int(math.Ceil(v/top*float64(len(trafficLevels)))) - 1
		return trafficLevels[min(max(i, 0), len(trafficLevels)-1)]
	}))
}

// ColumnTop is the most one column of w holds, over every series.
func ColumnTop(w int, combine Combine, series ...[]float64) float64 {
	top := 0.0
	for _, s := range series {
		sparkColumns(s, w, func(pts []float64) rune {
			top = max(top, combine(pts))
			return 0
		})
	}
	return top
}

// SparkAxis is the window's start and end under a line of w columns, in
// the viewer's zone: "12-05 12:00" at the left, "12-06 12:00" (or only
// the time, the same day) at the right.
func SparkAxis(start, end time.Time, loc *time.Location, w int) string {
	left := start.In(loc).Format("01-02 15:04")
	right := end.In(loc).Format("15:04")
	if start.In(loc).YearDay() != end.In(loc).YearDay() {
		right = end.In(loc).Format("01-02 15:04")
	}
	if gap := w - len(left) - len(right); gap >= 1 {
		return left + strings.Repeat(" ", gap) + right
	}
	return Fit(left, w)
}
