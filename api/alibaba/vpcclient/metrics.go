package vpcclient

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cms"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// Tunnels' history from CloudMonitor (DescribeMetricList, API version
// 2019-01-01), on the same pool, retries and call log as the VPC calls:
// an SDK client sends any RPC request, the product and version are the
// request's own.

var _ alibaba.MetricsReader = (*Client)(nil)

// cmsDomain is CloudMonitor's endpoint in region: the SDK's endpoint list
// names metrics.<region>.aliyuncs.com for every region it lists, and the
// cms package has no endpoint map of its own, so without a domain the SDK
// would ask the location service, a network call of its own. An
// --endpoint serves CloudMonitor too (the emulator does, on one listener).
func (c *Client) cmsDomain(region string) string {
	if c.domain != "" {
		return ""
	}
	return "metrics." + region + ".aliyuncs.com"
}

// TunnelMetrics reads a connection's tunnels' state and traffic: one
// DescribeMetricList call per metric, every tunnel in the same call (the
// Dimensions array names each), the three at once; a window with more
// rows than a page takes a call per page.
func (c *Client) TunnelMetrics(ctx context.Context, region string, q alibaba.TunnelMetricsQuery) (alibaba.ConnectionMetrics, error) {
	start, end, period := q.Window()
	out := alibaba.ConnectionMetrics{ConnectionID: q.ConnectionID}
	names := [3]string{alibaba.MetricConnState, alibaba.MetricConnRx, alibaba.MetricConnTx}
	dims := []map[string]string{{"instanceId": q.ConnectionID}}
	keys := []string{""}
	if len(q.TunnelIDs) > 0 {
		names = [3]string{alibaba.MetricTunnelState, alibaba.MetricTunnelRx, alibaba.MetricTunnelTx}
		dims, keys = nil, q.TunnelIDs
		for _, id := range q.TunnelIDs {
			dims = append(dims, map[string]string{"instanceId": q.ConnectionID, "tunnelId": id})
		}
	}
	for _, k := range keys {
		s := alibaba.NewSeries(start, end, period)
		out.Tunnels = append(out.Tunnels, alibaba.TunnelMetrics{TunnelID: k, State: s,
			In: alibaba.NewSeries(start, end, period), Out: alibaba.NewSeries(start, end, period)})
	}
	dimJSON, _ := json.Marshal(dims) // strings only: cannot fail
	type answer struct {
		points  []datapoint
		calls   int
		partial bool
		err     error
	}
	answers := make([]answer, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			a := &answers[i]
			a.points, a.calls, a.partial, a.err = c.metricList(ctx, region, name, string(dimJSON), start, end, period)
		})
	}
	wg.Wait()
	for i, a := range answers {
		out.Calls += a.calls
		out.Partial = out.Partial || a.partial
		if a.err != nil {
			out.Unread = append(out.Unread, names[i])
			if out.Err == nil {
				out.Err = a.err
			}
			continue
		}
		for _, p := range a.points {
			k := indexOf(keys, p.TunnelID)
			if len(q.TunnelIDs) == 0 {
				k = 0 // one tunnel: the connection's points, whatever they carry
			}
			if p.InstanceID != q.ConnectionID || k < 0 {
				continue
			}
			t := &out.Tunnels[k]
			series := [3]*alibaba.Series{&t.State, &t.In, &t.Out}[i]
			series.PutEnding(p.At, p.Value)
		}
	}
	if len(out.Unread) == len(names) {
		return out, out.Err
	}
	return out, nil
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// datapoint is one row of Datapoints: a period's statistic for one
// instance (and tunnel).
type datapoint struct {
	At         time.Time
	InstanceID string
	TunnelID   string
	Value      float64
}

// metricList reads one metric over the window, page after page up to
// alibaba.MaxMetricPages; partial is set when more pages were left.
func (c *Client) metricList(ctx context.Context, region, metric, dims string, start, end time.Time, period time.Duration) (points []datapoint, calls int, partial bool, err error) {
	const action = "DescribeMetricList"
	token := ""
	for calls < alibaba.MaxMetricPages {
		req := cms.CreateDescribeMetricListRequest()
		req.RegionId = region
		req.Domain = c.cmsDomain(region)
		req.Namespace = alibaba.MetricNamespace
		req.MetricName = metric
		req.Dimensions = dims
		// UNIX milliseconds, one of the two forms the reference page takes.
		req.StartTime = strconv.FormatInt(start.UnixMilli(), 10)
		req.EndTime = strconv.FormatInt(end.UnixMilli(), 10)
		req.Period = strconv.Itoa(int(period / time.Second))
		req.Length = strconv.Itoa(alibaba.MetricPageLength)
		req.NextToken = token
		resp := cms.CreateDescribeMetricListResponse()
		calls++
		if err := c.call(ctx, region, req, resp); err != nil {
			return nil, calls, false, cmsError(err)
		}
		// The service can answer HTTP 200 with Success false and its code
		// in Code ("200" when it succeeded).
		if !resp.Success || resp.Code != "" && resp.Code != "200" {
			return nil, calls, false, api.ProviderError(action, api.KindServer, resp.GetHttpStatus(), resp.Code,
				api.Printable(resp.Message), resp.RequestId, "")
		}
		page, err := parseDatapoints(resp.Datapoints)
		if err != nil {
			return nil, calls, false, api.ProviderError(action, api.KindServer, resp.GetHttpStatus(), "MalformedResponse",
				"Datapoints could not be read: "+err.Error(), resp.RequestId, "")
		}
		points = append(points, page...)
		if token = resp.NextToken; token == "" {
			return points, calls, false, nil
		}
	}
	return points, calls, true, nil
}

// cmsError says which permission a refusal wants: cms:, not the vpc: the
// VPC calls' hint names.
func cmsError(err error) error {
	e, ok := err.(*api.Error)
	if ok && e.Kind == api.KindPermission {
		e.Hint = "ask for RAM permission for cms:" + e.Action + " (see README: minimal RAM policy)"
	}
	return err
}

// parseDatapoints reads the Datapoints string: a JSON array of objects
// with timestamp (UNIX ms), the dimensions (instanceId, tunnelId) and the
// statistics (Average, Maximum, Minimum, or Value for some metrics).
// Average is taken, else Value.
func parseDatapoints(s string) ([]datapoint, error) {
	if s == "" {
		return nil, nil
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(s), &rows); err != nil {
		return nil, err
	}
	out := make([]datapoint, 0, len(rows))
	for _, r := range rows {
		ts, ok := number(r["timestamp"])
		if !ok {
			return nil, fmt.Errorf("a point without a timestamp")
		}
		v, ok := number(r["Average"])
		if !ok {
			if v, ok = number(r["Value"]); !ok {
				continue // a point without a value says nothing
			}
		}
		out = append(out, datapoint{At: time.UnixMilli(int64(ts)), InstanceID: text(r["instanceId"]),
			TunnelID: text(r["tunnelId"]), Value: v})
	}
	return out, nil
}

// number reads a JSON number, or a number in a string.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

// text reads a JSON string, or a number as its text.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

var _ alibaba.StateReader = (*Client)(nil)

// StateHistory reads the state metric of many connections' tunnels that
// are down, at once: one call for the dual-tunnel ones (tun.state, a
// Dimensions entry per tunnel) and one for the single-tunnel ones
// (ipsec.state, one per connection), each paged up to
// alibaba.MaxMetricPages.
func (c *Client) StateHistory(ctx context.Context, region string, q alibaba.StateQuery) (map[string]alibaba.Series, int, error) {
	start, end, period := alibaba.TunnelMetricsQuery{End: q.End, Span: q.Span}.Window()
	out := map[string]alibaba.Series{}
	var dual, single []map[string]string
	for _, conn := range q.Connections {
		for _, t := range conn.Tunnels() {
			if alibaba.TunnelUp(t) {
				continue // an outage's start is asked for: the tunnels down only
			}
			out[t.ID] = alibaba.NewSeries(start, end, period)
			if t.Synthetic {
				single = append(single, map[string]string{"instanceId": conn.ID})
			} else {
				dual = append(dual, map[string]string{"instanceId": conn.ID, "tunnelId": t.ID})
			}
		}
	}
	calls := 0
	for _, ask := range []struct {
		metric string
		dims   []map[string]string
	}{{alibaba.MetricTunnelState, dual}, {alibaba.MetricConnState, single}} {
		// As many tunnels a call as the pages it may read hold whole: a
		// call cut at MaxMetricPages would leave the last tunnels without
		// their latest points, and an outage's start is read from those.
		for _, group := range slices.Collect(slices.Chunk(ask.dims, tunnelsPerCall(start, end, period))) {
			dims, _ := json.Marshal(group)
			points, n, _, err := c.metricList(ctx, region, ask.metric, string(dims), start, end, period)
			calls += n
			if err != nil {
				return nil, calls, err
			}
			for _, p := range points {
				key := p.TunnelID
				if ask.metric == alibaba.MetricConnState {
					key = p.InstanceID
				}
				if s, ok := out[key]; ok {
					s.PutEnding(p.At, p.Value) // a copy, but its Values are the map's
				}
			}
		}
	}
	return out, calls, nil
}

// tunnelsPerCall is how many tunnels' series one call's pages hold whole
// over the window: a series is a row a period (DescribeMetricList), a
// page MetricPageLength rows, a call MaxMetricPages pages; one at least.
func tunnelsPerCall(start, end time.Time, period time.Duration) int {
	rows := max(int(end.Sub(start)/period), 1)
	return max(alibaba.MetricPageLength*alibaba.MaxMetricPages/rows, 1)
}
