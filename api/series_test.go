package api

import (
	"math"
	"testing"
	"time"
)

// A state metric's changes, counted as the journal counts them: up to
// down and back are two, a period down part of the time between two up is
// a going and a coming back (two), between up and down the one change; a
// gap with no data is neither, and what ended before the window asked for
// is not counted.
func TestStateChangesCountWhatTheMetricSaw(t *testing.T) {
	start := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	nan := math.NaN()
	for _, tc := range []struct {
		values []float64
		from   time.Duration
		want   int
	}{
		{[]float64{1, 1, 1, 1}, 0, 0},
		{[]float64{1, 0, 1, 1}, 0, 2},
		{[]float64{1, 0.5, 1, 0.25, 1}, 0, 4},
		{[]float64{1, 0.5, 0.5, 0}, 0, 1},
		{[]float64{1, 1, 0.5}, 0, 1},
		{[]float64{1, nan, 1, 0, nan, 0}, 0, 1},
		{[]float64{1, 0, 1, 1, 1, 0}, 3 * time.Hour, 1}, // the first two changes ended before 03:00
		{[]float64{0, 0.5, 0}, 0, 2},
	} {
		s := Series{Start: start, Period: time.Hour, Values: tc.values}
		if got := StateChanges(s, start.Add(tc.from)); got != tc.want {
			t.Errorf("%v from +%s: %d changes, want %d", tc.values, tc.from, got, tc.want)
		}
	}
}
