package alibaba_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	"github.com/vpnscope/vpnscope/api/fault"
)

// downFindings are the findings of the first hangzhou gateway's first
// page of connections.
func downFindings(t *testing.T, r rig) []alibaba.Finding {
	t.Helper()
	var out []alibaba.Finding
	for _, c := range firstGatewayConnections(t, r) {
		if f := alibaba.ConnectionFinding("cn-hangzhou", alibaba.Gateway{ID: c.GatewayID}, c); f != nil && len(c.Tunnels()) > 0 {
			out = append(out, *f)
		}
	}
	if len(out) == 0 {
		t.Fatal("no findings")
	}
	return out
}

// A finding about a connection with a tunnel down takes its Since from
// the state metric, the service's time, labelled so: its tunnels have been
// down all of the day asked for (their negotiation log has failed all
// along), so at least since its start; a journal's earlier sight stays.
// One region is one DescribeMetricList call per metric (tun.state,
// ipsec.state) and page, however many connections: only the tunnels down
// are asked for.
func TestFillSinceTakesTheStateMetricsTime(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
	findings := downFindings(t, r)
	earlier := fixedNow.Add(-48 * time.Hour)
	findings[0].Since, findings[0].SinceSource = &earlier, "journal"
	calls, err := alibaba.FillSince(context.Background(), r.client, findings, fixedNow, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	// 24 h at 900 s is 96 points a tunnel; a page holds 1,000 rows.
	dual, single := 0, 0
	for _, f := range findings {
		for _, tn := range f.Connection.Tunnels() {
			switch {
			case alibaba.TunnelUp(tn):
			case tn.Synthetic:
				single++
			default:
				dual++
			}
		}
	}
	pages := func(tunnels int) int { return (tunnels*96 + alibaba.MetricPageLength - 1) / alibaba.MetricPageLength }
	if n := r.emu.Calls("DescribeMetricList"); n != calls || calls != pages(dual)+pages(single) {
		t.Errorf("%d calls (counted %d), want %d: one a metric and page for the region's %d+%d tunnels down",
			n, calls, pages(dual)+pages(single), dual, single)
	}
	dayAgo := fixedNow.Add(-24 * time.Hour)
	filled := 0
	for i, f := range findings {
		down := false
		for _, tn := range f.Connection.Tunnels() {
			down = down || !alibaba.TunnelUp(tn)
		}
		switch {
		case i == 0:
			if !f.Since.Equal(earlier) || f.SinceSource != "journal" {
				t.Errorf("%s: the journal's earlier sight was replaced: %v %s", f.ConnectionID, f.Since, f.SinceSource)
			}
		case down:
			if f.Since == nil || !f.Since.Equal(dayAgo) || f.SinceSource != alibaba.SinceMetric {
				t.Errorf("%s: since %v (%s), want %v from the metric", f.ConnectionID, f.Since, f.SinceSource, dayAgo)
			}
			filled++
		case f.Since != nil:
			t.Errorf("%s has no tunnel down, yet a since %v", f.ConnectionID, f.Since)
		}
	}
	if filled == 0 {
		t.Error("no finding filled")
	}
}

// A refused read leaves the findings as they were and says why.
func TestFillSinceLeavesTheFindingsWhenCloudMonitorRefuses(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
	findings := downFindings(t, r)
	f, _ := fault.Parse("forbidden:action=DescribeMetricList")
	r.emu.SetFaults(f)
	_, err := alibaba.FillSince(context.Background(), r.client, findings, fixedNow, 24*time.Hour)
	var e *api.Error
	if !errors.As(err, &e) || e.Kind != api.KindPermission {
		t.Fatalf("error %v, want the refusal", err)
	}
	for _, f := range findings {
		if f.Since != nil {
			t.Errorf("%s: since %v from a refused read", f.ConnectionID, f.Since)
		}
	}
}
