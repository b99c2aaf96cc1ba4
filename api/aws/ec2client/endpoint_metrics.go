package ec2client

import (
	"context"
	"errors"
	"math"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// endpointMetrics are a Client VPN endpoint's metrics, each with the
// statistic it is read by: the peak of active connections in a period,
// the sum of failures and bytes, and the least days left on the
// certificate revocation list (monitoring-cloudwatch.html lists them; the
// id is the query's, a lowercase letter first).
var endpointMetrics = []struct {
	id, name, stat string
	series         func(*aws.EndpointMetrics) *aws.Series
}{
	{"active", aws.MetricActiveConnections, "Maximum", func(m *aws.EndpointMetrics) *aws.Series { return &m.Active }},
	{"authfail", aws.MetricAuthFailures, "Sum", func(m *aws.EndpointMetrics) *aws.Series { return &m.AuthFailures }},
	{"ingress", aws.MetricIngressBytes, "Sum", func(m *aws.EndpointMetrics) *aws.Series { return &m.In }},
	{"egress", aws.MetricEgressBytes, "Sum", func(m *aws.EndpointMetrics) *aws.Series { return &m.Out }},
	{"crldays", aws.MetricCRLDaysToExpiry, "Minimum", func(m *aws.EndpointMetrics) *aws.Series { return &m.CRLDays }},
}

// EndpointMetrics reads an endpoint's five metrics over q's window in one
// GetMetricData call.
func (c *Client) EndpointMetrics(ctx context.Context, region string, q aws.EndpointMetricsQuery) (aws.EndpointMetrics, error) {
	start, end, period := q.Window()
	in := &cloudwatch.GetMetricDataInput{StartTime: awssdk.Time(start), EndTime: awssdk.Time(end),
		ScanBy: cwtypes.ScanByTimestampAscending}
	for _, m := range endpointMetrics {
		in.MetricDataQueries = append(in.MetricDataQueries, cwtypes.MetricDataQuery{
			Id: awssdk.String(m.id), ReturnData: awssdk.Bool(true),
			MetricStat: &cwtypes.MetricStat{Period: awssdk.Int32(int32(period.Seconds())), Stat: awssdk.String(m.stat),
				Metric: &cwtypes.Metric{Namespace: awssdk.String(aws.ClientVPNNamespace), MetricName: awssdk.String(m.name),
					Dimensions: []cwtypes.Dimension{{Name: awssdk.String(aws.ClientVPNDimension), Value: awssdk.String(q.EndpointID)}}}}})
	}
	out := aws.NewEndpointMetrics(q.EndpointID, start, end, period)
	var res *cloudwatch.GetMetricDataOutput
	err := c.retry.Do(ctx, "GetMetricData", c.onRetry, func() (err error) {
		res, err = c.metrics.GetMetricData(ctx, in, metricsInRegion(region))
		if errors.Is(err, errMalformed) {
			return api.ProviderError("GetMetricData", api.KindServer, 200, "MalformedResponse", "the endpoint's answer is not CBOR", "", "")
		}
		if err != nil {
			return metricsError(asError("GetMetricData", err))
		}
		points := 0
		for _, r := range res.MetricDataResults {
			points += len(r.Values)
		}
		// A series is at most MetricPoints points: more is a service that
		// did not read the period.
		return checkLimit("GetMetricData", points, len(in.MetricDataQueries)*(aws.MetricPoints+1), res.ResultMetadata)
	})
	if err != nil {
		return aws.EndpointMetrics{}, err
	}
	for _, r := range res.MetricDataResults {
		var s *aws.Series
		for _, m := range endpointMetrics {
			if m.id == deref(r.Id) {
				s = m.series(&out)
			}
		}
		if s == nil {
			continue // not one we asked for
		}
		if r.StatusCode != cwtypes.StatusCodeComplete {
			out.Partial = true
		}
		for j := range min(len(r.Timestamps), len(r.Values)) {
			// CrlDaysToExpiry may be below 0 (expired); the counts and bytes
			// may not.
			if v := r.Values[j]; !math.IsNaN(v) && !math.IsInf(v, 0) && (v >= 0 || s == &out.CRLDays) {
				s.Put(r.Timestamps[j], v)
			}
		}
	}
	return out, nil
}
