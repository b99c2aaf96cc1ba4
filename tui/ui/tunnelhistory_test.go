package ui

import (
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// A tunnel the journal never watched flap is flapping when its state
// metric saw three changes in the last six hours, as the journal counts
// them; two, or three of which one is older, are not; the journal's own
// flapping stands whatever the metric says.
func TestATunnelFlapsByTheMetricWhereTheJournalHasNotWatched(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	series := func(values ...float64) api.Series {
		return api.Series{Start: now.Add(-time.Duration(len(values)) * time.Hour), Period: time.Hour, Values: values}
	}
	for _, tc := range []struct {
		name    string
		journal bool
		state   api.Series
		want    bool
	}{
		{"three changes in six hours", false, series(1, 1, 0, 1, 0, 0), true},
		{"two changes", false, series(1, 1, 1, 0, 1, 1), false},
		{"the third change is older than six hours", false, series(0, 1, 1, 1, 1, 1, 0, 1), false},
		{"the journal saw it flap", true, series(1, 1, 1), true},
	} {
		h := TunnelHistory{Flapping: tc.journal}.WithMetricFlapping(tc.state, now)
		if h.Flapping != tc.want {
			t.Errorf("%s: flapping %v, want %v", tc.name, h.Flapping, tc.want)
		}
	}
}
