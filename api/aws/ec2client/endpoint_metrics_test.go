package ec2client_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/fault"
)

// sumOf is the total of a series' points, NaN left out.
func sumOf(s aws.Series) float64 {
	sum := 0.0
	for _, v := range s.Values {
		if !math.IsNaN(v) {
			sum += v
		}
	}
	return sum
}

// The real SDK's GetMetricData against the emulator reads an endpoint's
// five AWS/ClientVPN metrics in one call, and they agree with what
// DescribeClientVpnConnections lists: the connections open now are the
// latest ActiveConnectionsCount, the attempts terminated for failed
// authentication in the last hour are its AuthenticationFailures, bytes
// moved, and corp-vpn's client CRL expires in three days.
func TestEndpointMetricsAgreeWithTheConnectionsListed(t *testing.T) {
	r := newRig(t, "")
	e := endpointNamed(t, r, "us-east-1", "corp-vpn")
	p, err := r.client.Connections(context.Background(), "us-east-1", e.ID, aws.ConnectionFilter{}, api.FirstPage(1000))
	if err != nil || p.More {
		t.Fatalf("%v (more: %v)", err, p.More)
	}
	open, failed := 0, 0
	for _, c := range p.Items {
		switch {
		case c.Status == "active" || c.Status == "failed-to-terminate":
			open++
		case strings.Contains(c.StatusMessage, "authentication failed"):
			failed++
		}
	}
	if open == 0 || failed == 0 {
		t.Fatalf("the world has %d open and %d failed: nothing to agree with", open, failed)
	}
	before := r.emu.Calls("")
	// The hour up to and including the five minutes that begin now.
	m, err := r.client.EndpointMetrics(context.Background(), "us-east-1", aws.EndpointMetricsQuery{EndpointID: e.ID, End: fixedNow.Add(5 * time.Minute), Span: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if n := r.emu.Calls("") - before; n != 1 {
		t.Errorf("%d calls for one endpoint view's metrics, want 1", n)
	}
	if m.Active.Period != 5*time.Minute || len(m.Active.Values) != 12 {
		t.Fatalf("period %v, %d points: want 12 of five minutes", m.Active.Period, len(m.Active.Values))
	}
	if v, i := m.Active.Latest(); v != float64(open) || m.Active.Start.Add(time.Duration(i)*m.Active.Period) != fixedNow {
		t.Errorf("active connections at %d: %v, want the %d listed open now", i, v, open)
	}
	if got := sumOf(m.AuthFailures); got != float64(failed) {
		t.Errorf("authentication failures in the hour: %v, want the %d listed", got, failed)
	}
	if sumOf(m.In) <= 0 || sumOf(m.Out) <= sumOf(m.In) {
		t.Errorf("bytes in %v, out %v: the world's clients send a third of what they get", sumOf(m.In), sumOf(m.Out))
	}
	if v, _ := m.CRLDays.Latest(); v != 3 {
		t.Errorf("corp-vpn's CRL: %v days, want 3", v)
	}
	if f := aws.CRLFinding("us-east-1", e, m.CRLDays); f == nil || f.Impact != api.Degraded {
		t.Errorf("a CRL three days from expiry: %+v, want a degraded finding", f)
	}

	lab := endpointNamed(t, r, "us-east-1", "lab")
	m, err = r.client.EndpointMetrics(context.Background(), "us-east-1", aws.EndpointMetricsQuery{EndpointID: lab.ID, End: fixedNow, Span: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if _, i := m.CRLDays.Latest(); i >= 0 {
		t.Errorf("lab has no CRL imported, yet CrlDaysToExpiry has a point at %d", i)
	}
	if aws.CRLFinding("us-east-1", lab, m.CRLDays) != nil {
		t.Error("no CRL, no data: not a finding")
	}
}

// Every window is one call whose every series fits the view: at least
// the five minutes Client VPN publishes at, at most MetricPoints points.
func TestEveryEndpointWindowFitsOneCall(t *testing.T) {
	for _, span := range aws.MetricSpans {
		_, _, p := aws.EndpointMetricsQuery{Span: span}.Window()
		if p < aws.ClientVPNPublishEvery || p%time.Minute != 0 || int(span/p) > aws.MetricPoints {
			t.Errorf("%v: period %v, %d points", span, p, int(span/p))
		}
	}
}

// An endpoint metric call that fails says what and why, with the
// permission to ask for; never an empty history.
func TestEndpointMetricsFaults(t *testing.T) {
	r := newRig(t, "")
	e := endpointNamed(t, r, "us-east-1", "corp-vpn")
	q := aws.EndpointMetricsQuery{EndpointID: e.ID, End: fixedNow, Span: 3 * time.Hour}
	for spec, want := range map[string]api.Kind{"throttle": api.KindThrottled, "503": api.KindServer,
		"malformed": api.KindServer, "truncate": api.KindServer, "forbidden": api.KindPermission, "oversize": api.KindServer} {
		f, err := fault.Parse(spec + ":action=GetMetricData")
		if err != nil {
			t.Fatal(err)
		}
		r.emu.SetFaults(f)
		_, err = r.client.EndpointMetrics(context.Background(), "us-east-1", q)
		if e, ok := api.AsError(err); !ok || e.Kind != want {
			t.Errorf("%s: got %+v, want kind %v", spec, err, want)
		} else if spec == "forbidden" && !strings.Contains(e.Hint, "cloudwatch:GetMetricData") {
			t.Errorf("forbidden: hint %q", e.Hint)
		}
	}
}

// Four days on, corp-vpn's CRL has expired: CrlDaysToExpiry goes below
// zero, and both reads keep that point (the endpoint view's and the
// scan's batch), so the finding is traffic down, not "no data".
func TestAnExpiredCRLReadsBelowZeroThroughBothReads(t *testing.T) {
	r := newRig(t, "")
	e := endpointNamed(t, r, "us-east-1", "corp-vpn")
	*r.now = fixedNow.Add(4 * 24 * time.Hour)
	m, err := r.client.EndpointMetrics(context.Background(), "us-east-1", aws.EndpointMetricsQuery{EndpointID: e.ID, End: *r.now, Span: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := m.CRLDays.Latest(); v >= 0 {
		t.Errorf("the view's read: %v days, want below 0", v)
	}
	h, calls, err := r.client.RegionHistory(context.Background(), "us-east-1", nil, []string{e.ID}, *r.now, 24*time.Hour)
	if err != nil || calls != 1 {
		t.Fatalf("%d calls: %v", calls, err)
	}
	f := aws.CRLFinding("us-east-1", e, h.CRLDays[e.ID])
	if f == nil || f.Impact != api.TrafficDown || f.Cause.State != "expired" {
		t.Errorf("the scan's read: %+v, want traffic down, expired", f)
	}
}
