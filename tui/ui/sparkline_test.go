package ui

import (
	"math"
	"testing"
)

// A column of rates is their mean, a column of amounts their sum: two
// periods at 800 bit/s are as high as one at 800, while two periods of
// 800 bytes are twice one; no data stays no data.
func TestAColumnOfRatesIsTheirMeanAndOfAmountsTheirSum(t *testing.T) {
	values := []float64{800, 800, 800, math.NaN()}
	top := ColumnTop(2, Mean, values)
	if got := TrafficSpark(values, 2, top, Mean); got != "██" {
		t.Errorf("rates: %q, want ██ (both columns at 800 bit/s)", got)
	}
	top = ColumnTop(2, Sum, values)
	if got := TrafficSpark(values, 2, top, Sum); got != "█▄" {
		t.Errorf("amounts: %q, want █▄ (1600 bytes, then 800)", got)
	}
	if got := TrafficSpark([]float64{math.NaN()}, 1, 1, Mean); got != "·" {
		t.Errorf("no data: %q, want ·", got)
	}
}
