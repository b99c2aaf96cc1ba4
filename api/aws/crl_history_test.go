package aws

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// crlReader answers each region's CRL days as given, and counts calls.
type crlReader struct {
	days  map[string]float64 // endpoint id: its latest CrlDaysToExpiry
	fail  string             // a region whose read fails
	calls map[string]int
}

func (r *crlReader) RegionHistory(_ context.Context, region string, _ []TunnelRef, endpoints []string, end time.Time, span time.Duration) (RegionHistory, int, error) {
	r.calls[region]++
	if region == r.fail {
		return RegionHistory{}, 1, errors.New("throttled")
	}
	h := RegionHistory{CRLDays: map[string]Series{}}
	for _, id := range endpoints {
		s := api.NewSeries(end.Add(-span), end, span)
		if d, ok := r.days[id]; ok {
			s.Values[0] = d
		}
		h.CRLDays[id] = s
	}
	return h, 1, nil
}

// The CRL check folds into what the scan found: an expired CRL leads an
// endpoint's lesser finding (its old cause becomes "also"), a CRL near
// expiry on an endpoint with no finding is one of its own, a CRL far off
// or unread is nothing, and a region is one read whatever it holds.
func TestFillHistoryFoldsTheCRLIntoTheEndpointsFinding(t *testing.T) {
	ep := Endpoint{ID: "cvpn-endpoint-a", Name: "a"}
	stuck := newFinding("r1", "client-vpn-endpoint", ep.ID, ep.Name)
	stuck.Impact, stuck.Cause = api.Degraded, api.Cause{Phase: "terminate", State: "failed-to-terminate", Message: "stuck"}
	findings := []Finding{{Finding: stuck, Endpoint: &ep}}
	r := &crlReader{days: map[string]float64{"cvpn-endpoint-a": -2, "cvpn-endpoint-b": 5, "cvpn-endpoint-c": 30}, fail: "r2", calls: map[string]int{}}
	refs := []EndpointRef{{"r1", "cvpn-endpoint-a", "a"}, {"r1", "cvpn-endpoint-b", "b"}, {"r1", "cvpn-endpoint-c", "c"},
		{"r1", "cvpn-endpoint-d", "d"}, {"r2", "cvpn-endpoint-e", "e"}}
	out, calls, err := FillHistory(context.Background(), r, findings, refs, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC), time.Hour)
	if calls != 2 || r.calls["r1"] != 1 || err == nil {
		t.Errorf("%d calls (%v), err %v: want one a region, r2's error", calls, r.calls, err)
	}
	if len(out) != 2 {
		t.Fatalf("%d findings, want a's and b's: %+v", len(out), out)
	}
	a := out[0]
	if a.Impact != api.TrafficDown || a.Cause.State != "expired" || len(a.Also) != 1 || a.Also[0].State != "failed-to-terminate" || a.ResourceName != "a" {
		t.Errorf("a: %v %+v also %+v", a.Impact, a.Cause, a.Also)
	}
	b := out[1]
	if b.ResourceID != "cvpn-endpoint-b" || b.ResourceName != "b" || b.Impact != api.Degraded || b.Region != "r1" {
		t.Errorf("b: %+v", b.Finding)
	}
}
