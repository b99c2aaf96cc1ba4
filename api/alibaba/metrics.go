package alibaba

import (
	"context"
	"github.com/vpnscope/vpnscope/api"
	"time"
)

// A connection's tunnels over time, from CloudMonitor's acs_vpn namespace
// (DescribeMetricList, CloudMonitor API 2019-01-01).
//
// The metric names are NOT confirmed against the vendor's metric list:
// that list is the CloudMonitor console's metric-meta/acs_vpn/vpnconnection
// page ("Appendix 1: Metrics", linked from the Cloud Monitor "Metrics"
// topic), which is not in any text reachable here. The names below are
// the ones a third-party exporter configures for the VPN gateway
// (github.com/fersandiP/alicloud-exporter, config.example.yaml): tun.state,
// tun.rx_bps and tun.tx_bps with the dimensions instanceId and tunnelId;
// ipsec.state, ipsec_rx.rate and ipsec_tx.rate with instanceId. What their
// values mean (1 up, 0 down; bits per second) is our reading of their
// names, not a documented fact; DescribeMetricMetaList answers both for
// an account, and the README says how to check. The traffic metrics are
// traffic, never health: no verdict reads them (issue 25, after AWS's
// warning that data metrics "can report traffic even when a tunnel is
// down").

// The namespace and metric names as CloudMonitor spells them (unconfirmed,
// see above).
const (
	MetricNamespace = "acs_vpn"
	// A dual-tunnel connection's tunnels: instanceId and tunnelId.
	MetricTunnelState = "tun.state"
	MetricTunnelRx    = "tun.rx_bps"
	MetricTunnelTx    = "tun.tx_bps"
	// A single-tunnel connection: instanceId only.
	MetricConnState = "ipsec.state"
	MetricConnRx    = "ipsec_rx.rate"
	MetricConnTx    = "ipsec_tx.rate"
)

// OnsetCloudMonitor labels an outage's start read from the state metric's
// history: the service's time, not vpnscope's.
const OnsetCloudMonitor = "the service's state metric (CloudMonitor)"

// SinceMetric is a finding's SinceSource when its Since comes from the
// state metric's history (FillSince).
const SinceMetric = api.SinceMetric

// MetricSpans are the windows + and - step through, 1 hour to 14 days
// (the same steps as the AWS view's). DescribeMetricList keeps 60-second
// data 31 days and 300-second and longer 91 days, so each is within what
// the service keeps.
var MetricSpans = []time.Duration{time.Hour, 3 * time.Hour, 12 * time.Hour, 24 * time.Hour,
	3 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour}

// MetricPeriods are the periods DescribeMetricList takes ("Period ... Valid
// values: 60, 300, and 900. Unit: seconds", CloudMonitor API reference,
// DescribeMetricList).
var MetricPeriods = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute}

// MetricPoints is how many points a window aims at: about as many columns
// as a tunnel's sparkline gets at 160 columns.
const MetricPoints = 120

// MetricPageLength is the Length vpnscope asks DescribeMetricList for: the
// rows (one per period and tunnel) of one page. Up to 3 days both tunnels
// of a connection fit one page; 7 days take 2 and 14 days 3 (900 s is the
// longest period the reference page lists).
const MetricPageLength = 1000

// MaxMetricPages bounds the pages read for one metric: 14 days of two
// tunnels is 2,688 rows, 3 pages.
const MaxMetricPages = 4

// MetricPeriod is the period of a window: the shortest the service takes
// that gives at most MetricPoints points, else the longest it takes.
func MetricPeriod(span time.Duration) time.Duration {
	for _, p := range MetricPeriods {
		if span/p <= MetricPoints {
			return p
		}
	}
	return MetricPeriods[len(MetricPeriods)-1]
}

// TunnelMetricsQuery asks for a connection's tunnels over a window ending
// at End. TunnelIDs are the tunnels of a dual-tunnel connection; none for
// a single-tunnel one, whose connection is its one tunnel.
type TunnelMetricsQuery struct {
	ConnectionID string
	TunnelIDs    []string
	End          time.Time
	Span         time.Duration
}

// Window is the query's start, end and period, the end aligned down to
// the period so the same window asked twice is the same call.
func (q TunnelMetricsQuery) Window() (start, end time.Time, period time.Duration) {
	period = MetricPeriod(q.Span)
	end = q.End.Truncate(period)
	return end.Add(-q.Span), end, period
}

// Series is one metric of one tunnel over the window (api.Series): a
// CloudMonitor point is stamped with its period's end (PutEnding).
type Series = api.Series

// NewSeries is a series of the window with no data point yet.
func NewSeries(start, end time.Time, period time.Duration) Series {
	return api.NewSeries(start, end, period)
}

// TunnelMetrics is one tunnel's state (the Average of the state metric
// over each period: 1 up all along, 0 down all along, between: part of
// it) and its traffic rates in and out (the Average of each period).
type TunnelMetrics struct {
	TunnelID string // empty for a single-tunnel connection
	State    Series
	In, Out  Series
}

// ConnectionMetrics is the answer for a connection: one entry per tunnel
// asked for, in the query's order. Partial is set when a metric had more
// pages than MaxMetricPages; Unread names the metrics that could not be
// read (the others are there), with the first error in Err.
type ConnectionMetrics struct {
	ConnectionID string
	Tunnels      []TunnelMetrics
	Partial      bool
	Unread       []string
	Err          error
	Calls        int // DescribeMetricList calls made, pages included
}

// Carrier is the tunnel that carries the traffic now: the one with the
// highest rate (in and out) in the latest period either has data for; -1
// when none moved anything. It says where traffic goes, not that the
// tunnel is healthy.
func (m ConnectionMetrics) Carrier() int {
	in, out := make([]Series, len(m.Tunnels)), make([]Series, len(m.Tunnels))
	for k, t := range m.Tunnels {
		in[k], out[k] = t.In, t.Out
	}
	return api.Carrier(in, out)
}

// StateOnset is since when the state metric says the outage now going on
// has surely held (api.StateOnset).
func StateOnset(s Series) (at time.Time, beforeWindow, ok bool) { return api.StateOnset(s) }

// MetricsReader reads tunnels' history from CloudMonitor. A Client that
// can implements it (vpcclient does); a screen asks with a type assertion,
// so a client without it shows no history rather than failing.
type MetricsReader interface {
	// TunnelMetrics reads the state and traffic of a connection's tunnels
	// over q's window: one DescribeMetricList call per metric (more when a
	// window has more rows than a page), each for every tunnel at once. A
	// metric that cannot be read leaves the others (ConnectionMetrics.Unread);
	// the error is returned only when none could be read.
	TunnelMetrics(ctx context.Context, region string, q TunnelMetricsQuery) (ConnectionMetrics, error)
}
