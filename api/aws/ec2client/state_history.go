package ec2client

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

var _ aws.StateReader = (*Client)(nil)

// statePeriod is the period --history reads TunnelState at: five minutes,
// so a day is 288 points a tunnel.
const statePeriod = 5 * time.Minute

// maxQueriesPerCall is GetMetricData's limit on MetricDataQueries (500),
// lowered so a call's points stay within the 100,800 it returns at most
// (API_GetMetricData): 350 tunnels of a day at five minutes.
func maxQueriesPerCall(points int) int {
	return max(min(500, aws.MaxMetricDataPoints/max(points, 1)), 1)
}

// TunnelStates reads TunnelState for many tunnels of one region: one
// GetMetricData call for as many as it takes (a query a tunnel), more
// calls only past that.
func (c *Client) TunnelStates(ctx context.Context, region string, tunnels []aws.TunnelRef, end time.Time, span time.Duration) (map[aws.TunnelRef]aws.Series, int, error) {
	end = end.Truncate(statePeriod)
	start := end.Add(-span)
	out := map[aws.TunnelRef]aws.Series{}
	for _, t := range tunnels {
		out[t] = aws.NewSeries(start, end, statePeriod)
	}
	calls := 0
	for group := range slices.Chunk(tunnels, maxQueriesPerCall(int(span/statePeriod))) {
		in := &cloudwatch.GetMetricDataInput{StartTime: awssdk.Time(start), EndTime: awssdk.Time(end),
			ScanBy: cwtypes.ScanByTimestampAscending}
		for k, t := range group {
			in.MetricDataQueries = append(in.MetricDataQueries, cwtypes.MetricDataQuery{
				Id: awssdk.String(fmt.Sprintf("s%d", k)), ReturnData: awssdk.Bool(true),
				MetricStat: &cwtypes.MetricStat{Period: awssdk.Int32(int32(statePeriod.Seconds())), Stat: awssdk.String("Average"),
					Metric: &cwtypes.Metric{Namespace: awssdk.String(aws.MetricNamespace), MetricName: awssdk.String(aws.MetricTunnelState),
						Dimensions: []cwtypes.Dimension{{Name: awssdk.String("VpnId"), Value: awssdk.String(t.VpnID)},
							{Name: awssdk.String("TunnelIpAddress"), Value: awssdk.String(t.OutsideIP)}}}}})
		}
		var res *cloudwatch.GetMetricDataOutput
		calls++
		err := c.retry.Do(ctx, "GetMetricData", c.onRetry, func() (err error) {
			res, err = c.metrics.GetMetricData(ctx, in, metricsInRegion(region))
			if errors.Is(err, errMalformed) {
				return api.ProviderError("GetMetricData", api.KindServer, 200, "MalformedResponse", "the endpoint's answer is not CBOR", "", "")
			}
			if err != nil {
				return metricsError(asError("GetMetricData", err))
			}
			return nil
		})
		if err != nil {
			return nil, calls, err
		}
		for _, r := range res.MetricDataResults {
			var k int
			if _, err := fmt.Sscanf(deref(r.Id), "s%d", &k); err != nil || k < 0 || k >= len(group) {
				continue // not one we asked for
			}
			s := out[group[k]]
			for j := range min(len(r.Timestamps), len(r.Values)) {
				if v := r.Values[j]; !math.IsNaN(v) && !math.IsInf(v, 0) && v >= 0 {
					s.Put(r.Timestamps[j], v) // a copy, but its Values are the map's
				}
			}
		}
	}
	return out, calls, nil
}
