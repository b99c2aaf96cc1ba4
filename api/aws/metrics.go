package aws

import (
	"github.com/vpnscope/vpnscope/api"
	"math"
	"time"
)

// A connection's tunnels over time, from CloudWatch's AWS/VPN namespace
// (Site-to-Site VPN User Guide, "Monitoring your Site-to-Site VPN tunnels
// using Amazon CloudWatch", monitoring-cloudwatch-vpn.html): TunnelState,
// TunnelDataIn and TunnelDataOut per VpnId and TunnelIpAddress.
//
// TunnelState is 1 when the tunnel is up (BGP: established) and 0 for
// anything else. TunnelDataIn and TunnelDataOut are bytes; the same page
// warns that they "can report traffic even when a tunnel is down", so they
// are traffic, never health: no verdict reads them.

// The metric names and the namespace, as CloudWatch spells them.
const (
	MetricNamespace     = "AWS/VPN"
	MetricTunnelState   = "TunnelState"
	MetricTunnelDataIn  = "TunnelDataIn"
	MetricTunnelDataOut = "TunnelDataOut"
)

// MetricSpans are the windows + and - step through, 1 hour to 14 days:
// 14 days is as long as CloudWatch keeps one-minute data (GetMetricData,
// CloudWatch API Reference: "Data points with a period of 60 seconds (1
// minute) are available for 15 days").
var MetricSpans = []time.Duration{time.Hour, 3 * time.Hour, 12 * time.Hour, 24 * time.Hour,
	3 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour}

// MetricPoints is the most points a series of a window has: about as many
// columns as a tunnel's sparkline gets at 160 columns.
const MetricPoints = 120

// MaxMetricDataPoints is what one GetMetricData call returns at most
// (CloudWatch API Reference, GetMetricData: "A GetMetricData operation
// ... can retrieve as many as 100,800 data points").
const MaxMetricDataPoints = 100800

// MetricPeriod is the period of a window: the smallest multiple of 60
// seconds (GetMetricData: a standard-resolution period is a multiple of
// 60) that gives at most MetricPoints points, so a connection's six series
// (3 metrics, 2 tunnels) are 720 points: one call answers.
func MetricPeriod(span time.Duration) time.Duration {
	per := time.Duration(math.Ceil(float64(span) / MetricPoints / float64(time.Minute)))
	return max(per, 1) * time.Minute
}

// TunnelMetricsQuery asks for a connection's tunnels over a window ending
// at End.
type TunnelMetricsQuery struct {
	VpnID     string
	TunnelIPs []string // outside IPs, the TunnelIpAddress dimension
	End       time.Time
	Span      time.Duration
}

// Window is the query's start, end and period, the end aligned down to
// the period so the same window asked twice is the same call.
func (q TunnelMetricsQuery) Window() (start, end time.Time, period time.Duration) {
	period = MetricPeriod(q.Span)
	end = q.End.Truncate(period)
	return end.Add(-q.Span), end, period
}

// Series is one metric of one tunnel over the window (api.Series): a
// CloudWatch point is stamped with its period's start (Put).
type Series = api.Series

// TunnelMetrics is one tunnel's state (Average of TunnelState over each
// period: 1 up all along, 0 down all along, between: part of it) and its
// traffic (Sum of bytes each period).
type TunnelMetrics struct {
	OutsideIP string
	State     Series
	In, Out   Series
}

// ConnectionMetrics is the answer for a connection: one entry per tunnel
// asked for, in the query's order. Partial is set when CloudWatch said a
// series was not complete (StatusCode PartialData).
type ConnectionMetrics struct {
	VpnID   string
	Tunnels []TunnelMetrics
	Partial bool
}

// NewSeries is a series of the window with no data point yet.
func NewSeries(start, end time.Time, period time.Duration) Series {
	return api.NewSeries(start, end, period)
}

// Carrier is the tunnel that carries the traffic now: the one with the
// most bytes (in and out) in the latest period either has data for; -1
// when none moved a byte. It says where traffic goes, not that the
// tunnel is healthy (monitoring-cloudwatch-vpn.html).
func (m ConnectionMetrics) Carrier() int {
	in, out := make([]Series, len(m.Tunnels)), make([]Series, len(m.Tunnels))
	for k, t := range m.Tunnels {
		in[k], out[k] = t.In, t.Out
	}
	return api.Carrier(in, out)
}
