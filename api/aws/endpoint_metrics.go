package aws

import (
	"fmt"
	"math"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// A Client VPN endpoint over time, from CloudWatch's AWS/ClientVPN
// namespace (AWS Client VPN Administrator Guide, "Monitoring with Amazon
// CloudWatch", monitoring-cloudwatch.html): "AWS Client VPN publishes the
// following metrics for your Client VPN endpoints ... every five
// minutes", ActiveConnectionsCount, AuthenticationFailures (Count),
// IngressBytes, EgressBytes (Bytes) and CrlDaysToExpiry, which "you can
// filter ... by endpoint": the dimension Endpoint, the cvpn-endpoint id.

// The namespace, its dimension and the metrics, as CloudWatch spells them.
const (
	ClientVPNNamespace      = "AWS/ClientVPN"
	ClientVPNDimension      = "Endpoint"
	MetricActiveConnections = "ActiveConnectionsCount"
	MetricAuthFailures      = "AuthenticationFailures"
	MetricIngressBytes      = "IngressBytes"
	MetricEgressBytes       = "EgressBytes"
	MetricCRLDaysToExpiry   = "CrlDaysToExpiry"
)

// ClientVPNPublishEvery is how often Client VPN publishes a point: a
// shorter period only has gaps.
const ClientVPNPublishEvery = 5 * time.Minute

// EndpointMetricsQuery asks for an endpoint over a window ending at End.
type EndpointMetricsQuery struct {
	EndpointID string
	End        time.Time
	Span       time.Duration
}

// Window is the query's start, end and period: the tunnels' period for the
// span (MetricPeriod), at least the five minutes the service publishes
// at, the end aligned down to it so the same window asked twice is the
// same call.
func (q EndpointMetricsQuery) Window() (start, end time.Time, period time.Duration) {
	period = max(MetricPeriod(q.Span), ClientVPNPublishEvery)
	end = q.End.Truncate(period)
	return end.Add(-q.Span), end, period
}

// EndpointMetrics is an endpoint's five series over the window: active
// connections (Maximum each period), authentication failures, bytes in
// and out (Sum each period), and the days until its certificate
// revocation list expires (Minimum each period). Partial is set when
// CloudWatch said a series was not complete (StatusCode PartialData).
type EndpointMetrics struct {
	EndpointID   string
	Active       Series
	AuthFailures Series
	In, Out      Series
	CRLDays      Series
	Partial      bool
}

// NewEndpointMetrics is the window's series with no data point yet.
func NewEndpointMetrics(id string, start, end time.Time, period time.Duration) EndpointMetrics {
	s := func() Series { return api.NewSeries(start, end, period) }
	return EndpointMetrics{EndpointID: id, Active: s(), AuthFailures: s(), In: s(), Out: s(), CRLDays: s()}
}

// CRLWarnDays is how near its expiry a certificate revocation list is
// worth a finding: a week, time to generate and import the next one.
const CRLWarnDays = 7

// CRLFinding judges an endpoint's certificate revocation list from the
// latest CrlDaysToExpiry point: traffic down once it has expired (the
// endpoint then refuses clients: Client VPN Administrator Guide,
// "Troubleshooting Client VPN", "Client certificate revocation list
// expired": the CRL must be regenerated and imported again,
// ImportClientVpnClientCertificateRevocationList); degraded within
// CRLWarnDays; nil when further off, or when the metric has no point (no
// CRL imported, or nothing published in the window: no data is not
// expiry).
func CRLFinding(region string, e Endpoint, days Series) *Finding {
	v, i := days.Latest()
	if i < 0 || v > CRLWarnDays {
		return nil
	}
	f := newFinding(region, "client-vpn-endpoint", e.ID, e.Name)
	f.ServerID = e.ID
	const fix = "generate a new certificate revocation list and import it (ImportClientVpnClientCertificateRevocationList)"
	if v < 0 {
		f.Impact = api.TrafficDown
		f.Cause = api.Cause{Phase: "certificate revocation list", State: "expired",
			Message: "the client certificate revocation list has expired, so the endpoint refuses clients: " + fix}
	} else {
		f.Impact = api.Degraded
		f.Cause = api.Cause{Phase: "certificate revocation list", State: "expires soon",
			Message: "the client certificate revocation list expires " + CRLExpiryWords(v) + "; then the endpoint refuses clients: " + fix}
	}
	return &Finding{Finding: f, Endpoint: &e}
}

// CRLExpiryWords says a CrlDaysToExpiry value: "in 3 days", "within a
// day", "expired".
func CRLExpiryWords(days float64) string {
	switch d := math.Floor(days); {
	case math.IsNaN(days):
		return "unknown"
	case d < 0:
		return "expired"
	case d < 1:
		return "within a day"
	case d == 1:
		return "in 1 day"
	default:
		return fmt.Sprintf("in %d days", int(d))
	}
}
