package aws

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/tui"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// One outage shows one time on the tunnels view, the earliest anything
// gives, said with its source (issue 28): branch-london's tunnel 1 went
// down before vpnscope first saw it, so its problem line and its History
// both say the service's last status change (07:00), not the journal's
// later first sight; a tunnel vpnscope saw down before its last status
// change moved says the journal's time, labelled so.
func TestATunnelsOutageShowsOneTimeWithItsSource(t *testing.T) {
	for _, tc := range []struct {
		name      string
		firstSeen time.Time
		want      string
	}{
		{"the service's time is earlier", tuitest.FixedNow.Add(2 * time.Hour), "at least since 07:00 (5h00m ago) · last status change (AWS)"},
		{"the journal's time is earlier", tuitest.FixedNow.Add(-6 * time.Hour), "at least since 06:00 (6h00m ago) · first seen by vpnscope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, _ := newAWSHarness(t, 160, 80, false)
			h.Common().Journal = tuitest.NewJournal(t, tc.firstSeen).Open()
			h.Keys(":", "text:gateways", "enter", "enter", "/", "text:branch-london", "enter", "enter")
			h.MustShow("Tunnels · branch-london", "✗ Tunnel 203.0.113.237 is down · "+tc.want,
				"Tunnel 1 203.0.113.237: down "+tc.want)
			other := map[bool]string{true: "14:00", false: "07:00"}[tc.firstSeen.After(tuitest.FixedNow)]
			for _, line := range strings.Split(h.Screen(), "\n") {
				if strings.Contains(line, "since "+other) || strings.Contains(line, "203.0.113.237") && strings.Count(line, "since") > 1 {
					t.Errorf("a second since for the outage: %q", line)
				}
			}
		})
	}
}

// earlierOutage is the emulator's client with CloudWatch saying every
// tunnel asked for has been down since 03:00: later IKE, IPsec or BGP
// changes move LastStatusChange, not the outage's start.
type earlierOutage struct{ aws.Client }

func (c earlierOutage) TunnelMetrics(_ context.Context, _ string, q aws.TunnelMetricsQuery) (aws.ConnectionMetrics, error) {
	start, end, period := q.Window()
	out := aws.ConnectionMetrics{VpnID: q.VpnID}
	for _, ip := range q.TunnelIPs {
		state := aws.NewSeries(start, end, period)
		for at := start; at.Before(end); at = at.Add(period) {
			state.Put(at, map[bool]float64{true: 1, false: 0}[at.Before(time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC))])
		}
		out.Tunnels = append(out.Tunnels, aws.TunnelMetrics{OutsideIP: ip, State: state,
			In: aws.NewSeries(start, end, period), Out: aws.NewSeries(start, end, period)})
	}
	return out, nil
}

// When TunnelState puts the outage before the last status change, the
// tunnels view says the metric's time, labelled so, and no second since.
func TestATunnelsOutageTakesTheStateMetricsEarlierTime(t *testing.T) {
	_, client := startAWSEmulator(t)
	h := tuitest.New(t, 160, 80, tui.Config{Providers: []ui.Provider{NewProvider(earlierOutage{client}, "us-east-1", "http://emulator")}})
	h.Keys(":", "text:gateways", "enter", "enter", "/", "text:branch-london", "enter", "enter")
	h.MustShow("Tunnels · branch-london", "✗ Tunnel 203.0.113.237 is down · at least since 03:00 (9h00m ago) · the service's state metric (CloudWatch TunnelState)")
	h.MustNotShow("since 07:00")
}
