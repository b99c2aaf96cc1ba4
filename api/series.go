package api

import (
	"math"
	"time"
)

// Series is one metric of one tunnel over a window, as both clouds'
// monitoring services answer it: Values[i] covers
// [Start+i·Period, Start+(i+1)·Period); NaN where the service returned no
// data point (no data is not 0, and not down).
type Series struct {
	Start  time.Time
	Period time.Duration
	Values []float64
}

// NewSeries is a series of the window with no data point yet.
func NewSeries(start, end time.Time, period time.Duration) Series {
	n := max(int(end.Sub(start)/period), 0)
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return Series{Start: start, Period: period, Values: v}
}

// End is the end of the series' last period.
func (s Series) End() time.Time { return s.Start.Add(time.Duration(len(s.Values)) * s.Period) }

// Put sets the point of the period that starts at t, as CloudWatch stamps
// a point (GetMetricData: a timestamp is its period's start); one outside
// the window is ignored.
func (s *Series) Put(t time.Time, v float64) {
	if i := int(t.Sub(s.Start) / s.Period); t.Compare(s.Start) >= 0 && i < len(s.Values) {
		s.Values[i] = v
	}
}

// PutEnding sets the point of the period that ends at t, as CloudMonitor
// stamps a point (DescribeMetricList: "the period ... includes the time
// point specified by EndTime but does not include the time point
// specified by StartTime"); one outside the window is ignored.
func (s *Series) PutEnding(t time.Time, v float64) {
	d := t.Sub(s.Start)
	if d <= 0 {
		return
	}
	if i := int((d - 1) / s.Period); i < len(s.Values) {
		s.Values[i] = v
	}
}

// Latest is the last point with data, and its index; -1 when none.
func (s Series) Latest() (float64, int) {
	for i := len(s.Values) - 1; i >= 0; i-- {
		if !math.IsNaN(s.Values[i]) {
			return s.Values[i], i
		}
	}
	return math.NaN(), -1
}

// StateOnset is since when a state metric (1 up, 0 down, averaged over
// each period) says the outage now going on has surely held: the start of
// the earliest period of the run of periods, back from the latest with
// data, that were down all along (0). A period down part of the time
// (between 0 and 1) ends the run: the outage began within it, so it held
// surely only from the next. ok is false when the latest point is not down
// all along (up, or down only since within its period), or there is none.
// beforeWindow is set when the run reaches the window's start (or a gap
// with no data): the outage began then or earlier, which the window does
// not say.
func StateOnset(s Series) (at time.Time, beforeWindow, ok bool) {
	v, i := s.Latest()
	if i < 0 || v > 0 {
		return time.Time{}, false, false
	}
	j := i
	for j > 0 && !math.IsNaN(s.Values[j-1]) && s.Values[j-1] <= 0 {
		j--
	}
	beforeWindow = j == 0 || math.IsNaN(s.Values[j-1])
	return s.Start.Add(time.Duration(j) * s.Period), beforeWindow, true
}

// Carrier is the tunnel that carries the traffic now, of tunnels given as
// their traffic in and out: the one that moved the most in the latest
// period any has data for; -1 when none moved anything. It says where
// traffic goes, not that the tunnel is healthy (the data metrics "can
// report traffic even when a tunnel is down", monitoring-cloudwatch-vpn.html).
func Carrier(in, out []Series) int {
	last := -1
	for k := range in {
		_, i := in[k].Latest()
		_, o := out[k].Latest()
		last = max(last, i, o)
	}
	if last < 0 {
		return -1
	}
	best, most := -1, 0.0
	for k := range in {
		b := 0.0
		for _, s := range []Series{in[k], out[k]} {
			if last < len(s.Values) && !math.IsNaN(s.Values[last]) {
				b += s.Values[last]
			}
		}
		if b > most {
			best, most = k, b
		}
	}
	return best
}

// StateChanges counts the changes of a state metric since from, as the
// journal counts them: a period down all along after one up all along (or
// the reverse) is one change; periods down part of the time between two
// in the same state are a going and a coming back, two; between two in
// different states, the one change; at either end of the window, a change
// within. Periods with no data neither count nor break the count. For
// flapping where the journal has not watched: the service saw the changes.
func StateChanges(s Series, from time.Time) int {
	n, last, partial := 0, math.NaN(), false
	for i, v := range s.Values {
		if math.IsNaN(v) || s.Start.Add(time.Duration(i+1)*s.Period).Before(from) {
			continue
		}
		if v > 0 && v < 1 {
			partial = true
			continue
		}
		full := 0.0
		if v >= 1 {
			full = 1
		}
		switch {
		case math.IsNaN(last):
			if partial {
				n++ // it came to this state within the window's first periods
			}
		case full != last:
			n++
		case partial:
			n += 2 // away and back
		}
		last, partial = full, false
	}
	if partial {
		n++ // it is changing in the latest periods
	}
	return n
}
