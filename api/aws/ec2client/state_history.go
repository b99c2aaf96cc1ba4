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

// statePeriod is the period --history reads TunnelState at: five minutes,
// so a day is 288 points a tunnel.
const statePeriod = 5 * time.Minute

// maxQueriesPerCall is GetMetricData's limit on MetricDataQueries (500),
// lowered so a call's points stay within the 100,800 it returns at most
// (API_GetMetricData): 350 tunnels of a day at five minutes.
func maxQueriesPerCall(points int) int {
	return max(min(500, aws.MaxMetricDataPoints/max(points, 1)), 1)
}

var _ aws.HistoryReader = (*Client)(nil)

// RegionHistory reads, for the problems scan's --history, the TunnelState
// of tunnels and the CrlDaysToExpiry of Client VPN endpoints of one
// region in the same batch: a query each, as many to a GetMetricData call
// as it takes, more calls only past that.
func (c *Client) RegionHistory(ctx context.Context, region string, tunnels []aws.TunnelRef, endpoints []string, end time.Time, span time.Duration) (aws.RegionHistory, int, error) {
	end = end.Truncate(statePeriod)
	start := end.Add(-span)
	out := aws.RegionHistory{Tunnels: map[aws.TunnelRef]aws.Series{}, CRLDays: map[string]aws.Series{}}
	// One query a tunnel (Average of its state), one an endpoint (the
	// least days its CRL had left in the period).
	type ask struct {
		stat     string
		metric   *cwtypes.Metric
		series   aws.Series
		negative bool // may go below 0: days to a CRL's expiry, once past
	}
	var asks []ask
	for _, t := range tunnels {
		s := aws.NewSeries(start, end, statePeriod)
		out.Tunnels[t] = s
		asks = append(asks, ask{"Average", &cwtypes.Metric{Namespace: awssdk.String(aws.MetricNamespace), MetricName: awssdk.String(aws.MetricTunnelState),
			Dimensions: []cwtypes.Dimension{{Name: awssdk.String("VpnId"), Value: awssdk.String(t.VpnID)},
				{Name: awssdk.String("TunnelIpAddress"), Value: awssdk.String(t.OutsideIP)}}}, s, false})
	}
	for _, id := range endpoints {
		s := aws.NewSeries(start, end, statePeriod)
		out.CRLDays[id] = s
		asks = append(asks, ask{"Minimum", &cwtypes.Metric{Namespace: awssdk.String(aws.ClientVPNNamespace), MetricName: awssdk.String(aws.MetricCRLDaysToExpiry),
			Dimensions: []cwtypes.Dimension{{Name: awssdk.String(aws.ClientVPNDimension), Value: awssdk.String(id)}}}, s, true})
	}
	calls := 0
	for group := range slices.Chunk(asks, maxQueriesPerCall(int(span/statePeriod))) {
		in := &cloudwatch.GetMetricDataInput{StartTime: awssdk.Time(start), EndTime: awssdk.Time(end),
			ScanBy: cwtypes.ScanByTimestampAscending}
		for k, a := range group {
			in.MetricDataQueries = append(in.MetricDataQueries, cwtypes.MetricDataQuery{
				Id: awssdk.String(fmt.Sprintf("s%d", k)), ReturnData: awssdk.Bool(true),
				MetricStat: &cwtypes.MetricStat{Period: awssdk.Int32(int32(statePeriod.Seconds())), Stat: awssdk.String(a.stat), Metric: a.metric}})
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
			return aws.RegionHistory{}, calls, err
		}
		for _, r := range res.MetricDataResults {
			var k int
			if _, err := fmt.Sscanf(deref(r.Id), "s%d", &k); err != nil || k < 0 || k >= len(group) {
				continue // not one we asked for
			}
			s := group[k].series // a copy, but its Values are the map's
			for j := range min(len(r.Timestamps), len(r.Values)) {
				if v := r.Values[j]; !math.IsNaN(v) && !math.IsInf(v, 0) && (v >= 0 || group[k].negative) {
					s.Put(r.Timestamps[j], v)
				}
			}
		}
	}
	return out, calls, nil
}
