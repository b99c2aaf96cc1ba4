package aws

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// A CRL is judged by the latest CrlDaysToExpiry point: past expiry the
// endpoint refuses clients (traffic down), within a week it is a warning,
// further off or with no point at all it is nothing.
func TestCRLFindingFollowsTheLatestDaysToExpiry(t *testing.T) {
	start := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	e := Endpoint{ID: "cvpn-endpoint-1", Name: "corp"}
	for _, c := range []struct {
		name   string
		points []float64
		want   api.Impact
		found  bool
		says   string
	}{
		{"expired yesterday", []float64{1, 0, -1}, api.TrafficDown, true, "has expired"},
		{"expires today", []float64{2, 1, 0}, api.Degraded, true, "expires within a day"},
		{"a week off", []float64{8, 7}, api.Degraded, true, "expires in 7 days"},
		{"eight days off, after a gap", []float64{3, math.NaN(), 8}, 0, false, ""},
		{"no point at all", []float64{math.NaN(), math.NaN()}, 0, false, ""},
	} {
		s := api.NewSeries(start, start.Add(time.Duration(len(c.points))*time.Hour), time.Hour)
		copy(s.Values, c.points)
		f := CRLFinding("us-east-1", e, s)
		if (f != nil) != c.found {
			t.Errorf("%s: finding %+v, want one: %v", c.name, f, c.found)
			continue
		}
		if f != nil && (f.Impact != c.want || !strings.Contains(f.Cause.Message, c.says) || f.Resource != "client-vpn-endpoint") {
			t.Errorf("%s: %v %+v, want %v saying %q", c.name, f.Impact, f.Cause, c.want, c.says)
		}
	}
}
