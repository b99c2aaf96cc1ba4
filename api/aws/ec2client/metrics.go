package ec2client

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go/encoding/cbor"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// CloudWatch metrics, for the tunnels' state and traffic over time:
// GetMetricData only, one call per tunnels view with every metric of
// every tunnel in it, never a call per row.

// newMetricsClient builds the CloudWatch client beside the EC2 one, by the
// same rules: endpoint override (the emulator serves it on the same
// listener), retries off (ours apply), its own transport with HTTPS
// required, the answer bounded and read whole, each exchange recorded.
// aws-sdk-go-v2's cloudwatch speaks Smithy RPC v2 CBOR (its api_client.go:
// rpcv2.NewCBOR), so answers are application/cbor.
func newMetricsClient(cfg awssdk.Config, o Options) *cloudwatch.Client {
	return cloudwatch.NewFromConfig(cfg, func(opts *cloudwatch.Options) {
		if o.Endpoint != "" {
			opts.BaseEndpoint = awssdk.String(o.Endpoint)
		}
		opts.Retryer = awssdk.NopRetryer{}
		opts.HTTPClient = newHTTPClient(o, "cbor", maxMetricsAnswer)
	})
}

// maxMetricsAnswer bounds a GetMetricData answer: a view asks for 720
// points (aws.MetricPoints, six series), a few KB in CBOR; 1 MB is far
// above it and below the service's 100,800 points a call.
const maxMetricsAnswer = 1 << 20

func metricsInRegion(region string) func(*cloudwatch.Options) {
	return func(o *cloudwatch.Options) {
		if region != "" {
			o.Region = region
		}
	}
}

// The metrics of a tunnel, with the statistic each is read by: the state's
// Average (1 up all period, 0 down all period, between: part of it), the
// bytes' Sum (monitoring-cloudwatch-vpn.html: "Sum" for the data metrics).
var tunnelMetrics = []struct{ id, name, stat string }{
	{"s", aws.MetricTunnelState, "Average"},
	{"i", aws.MetricTunnelDataIn, "Sum"},
	{"o", aws.MetricTunnelDataOut, "Sum"},
}

// TunnelMetrics reads the state and traffic of a connection's tunnels over
// q's window in one GetMetricData call.
func (c *Client) TunnelMetrics(ctx context.Context, region string, q aws.TunnelMetricsQuery) (aws.ConnectionMetrics, error) {
	start, end, period := q.Window()
	in := &cloudwatch.GetMetricDataInput{StartTime: awssdk.Time(start), EndTime: awssdk.Time(end),
		ScanBy: cwtypes.ScanByTimestampAscending}
	for k, ip := range q.TunnelIPs {
		for _, m := range tunnelMetrics {
			in.MetricDataQueries = append(in.MetricDataQueries, cwtypes.MetricDataQuery{
				Id: awssdk.String(fmt.Sprintf("%s%d", m.id, k)), ReturnData: awssdk.Bool(true),
				MetricStat: &cwtypes.MetricStat{Period: awssdk.Int32(int32(period.Seconds())), Stat: awssdk.String(m.stat),
					Metric: &cwtypes.Metric{Namespace: awssdk.String(aws.MetricNamespace), MetricName: awssdk.String(m.name),
						Dimensions: []cwtypes.Dimension{{Name: awssdk.String("VpnId"), Value: awssdk.String(q.VpnID)},
							{Name: awssdk.String("TunnelIpAddress"), Value: awssdk.String(ip)}}}}})
		}
	}
	out := aws.ConnectionMetrics{VpnID: q.VpnID}
	for _, ip := range q.TunnelIPs {
		out.Tunnels = append(out.Tunnels, aws.TunnelMetrics{OutsideIP: ip, State: aws.NewSeries(start, end, period),
			In: aws.NewSeries(start, end, period), Out: aws.NewSeries(start, end, period)})
	}
	if len(q.TunnelIPs) == 0 {
		return out, nil
	}
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
		// A window is at most MetricPoints points a series: more is a
		// service that did not read the period.
		return checkLimit("GetMetricData", points, len(in.MetricDataQueries)*(aws.MetricPoints+1), res.ResultMetadata)
	})
	if err != nil {
		return aws.ConnectionMetrics{}, err
	}
	for _, r := range res.MetricDataResults {
		var kind string
		var k int
		if _, err := fmt.Sscanf(deref(r.Id), "%1s%d", &kind, &k); err != nil || k < 0 || k >= len(out.Tunnels) {
			continue // not one we asked for
		}
		t := &out.Tunnels[k]
		s := map[string]*aws.Series{"s": &t.State, "i": &t.In, "o": &t.Out}[kind]
		if s == nil {
			continue
		}
		if r.StatusCode != cwtypes.StatusCodeComplete {
			out.Partial = true
		}
		for j := range min(len(r.Timestamps), len(r.Values)) {
			if v := r.Values[j]; !math.IsNaN(v) && !math.IsInf(v, 0) && v >= 0 {
				s.Put(r.Timestamps[j], v)
			}
		}
	}
	return out, nil
}

// metricsError reads CloudWatch's own codes (as the CBOR protocol names
// them, and as its Query protocol did: the service is query-compatible).
func metricsError(e *api.Error) *api.Error {
	switch e.Code {
	case "AccessDenied", "AccessDeniedException":
		e.Kind, e.Hint = api.KindPermission, permissionHint("cloudwatch", "GetMetricData")
	case "Throttling", "ThrottlingException", "LimitExceededException":
		e.Kind, e.Hint = api.KindThrottled, "CloudWatch is throttling this account's calls: wait a moment, then press r"
	case "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "IncompleteSignature":
		e.Kind, e.Hint = api.KindAuth, "the access key or secret is wrong: check AWS_ACCESS_KEY_ID / the profile"
	case "InternalServiceError", "InternalServiceFault", "ServiceUnavailable":
		e.Kind = api.KindServer
	}
	return e
}

// cborErrorCode is the code of a Smithy RPC v2 CBOR error: the code the
// Query protocol used (X-Amzn-Query-Error "Code;Sender", sent by a
// query-compatible service such as CloudWatch), else the body's __type
// without its namespace.
func cborErrorCode(queryHeader string, body []byte) string {
	if code, _, _ := strings.Cut(queryHeader, ";"); code != "" {
		return code
	}
	v, err := cbor.Decode(body)
	m, ok := v.(cbor.Map)
	if err != nil || !ok {
		return ""
	}
	s, _ := m["__type"].(cbor.String)
	return jsonErrorCode(string(s), nil) // "com.amazonaws.cloudwatch#X" is X
}
