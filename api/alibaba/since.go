package alibaba

import (
	"context"
	"time"
)

// "Since" from the service for the problems scan (issue 25): a down
// connection's Since from its state metric's history, for `vpnscope
// problems --history`, which reads no metric unless asked.

// StateQuery asks for the state metric of many connections of one region
// over a window ending at End: one DescribeMetricList call per metric
// (tun.state for dual-tunnel connections, ipsec.state for single-tunnel
// ones), every connection's tunnels in its Dimensions array, paged.
type StateQuery struct {
	Connections []Connection
	End         time.Time
	Span        time.Duration
}

// StateReader reads many connections' state history at once. vpcclient's
// Client implements it.
type StateReader interface {
	// StateHistory answers the state series of each tunnel of q's
	// connections that is down (TunnelUp false) by tunnel id (a
	// single-tunnel connection's by its connection id), and the calls made.
	StateHistory(ctx context.Context, region string, q StateQuery) (map[string]Series, int, error)
}

// FillSince sets the Since of each finding about a connection that has a
// tunnel down from the state metric's history, where the metric gives an
// earlier time than the finding has (the journal's first sight): the
// connection has held its state since the last of its down tunnels went
// down. SinceSource is then SinceMetric. One StateHistory call per region
// (2 DescribeMetricList calls at most, more when paged); a region whose
// read fails keeps its findings as they were, and its error is returned
// (the first) with the calls made.
func FillSince(ctx context.Context, r StateReader, findings []Finding, end time.Time, span time.Duration) (calls int, err error) {
	byRegion := map[string][]int{}
	var regions []string
	for i, f := range findings {
		if f.Connection == nil || len(downTunnels(*f.Connection)) == 0 {
			continue
		}
		if _, seen := byRegion[f.Region]; !seen {
			regions = append(regions, f.Region)
		}
		byRegion[f.Region] = append(byRegion[f.Region], i)
	}
	for _, region := range regions {
		idx := byRegion[region]
		q := StateQuery{End: end, Span: span}
		for _, i := range idx {
			q.Connections = append(q.Connections, *findings[i].Connection)
		}
		series, n, rerr := r.StateHistory(ctx, region, q)
		calls += n
		if rerr != nil {
			if err == nil {
				err = rerr
			}
			continue
		}
		for _, i := range idx {
			f := &findings[i]
			at, ok := connectionOnset(*f.Connection, series)
			if ok && (f.Since == nil || at.Before(*f.Since)) {
				f.Since, f.SinceSource = &at, SinceMetric
			}
		}
	}
	return calls, err
}

// downTunnels are the tunnels of c that are not up.
func downTunnels(c Connection) []Tunnel {
	var out []Tunnel
	for _, t := range c.Tunnels() {
		if !TunnelUp(t) {
			out = append(out, t)
		}
	}
	return out
}

// connectionOnset is since when every down tunnel of c has surely been
// down, by its state metric: the latest of their onsets; false when any
// has none (its metric does not say it is down all the latest period).
func connectionOnset(c Connection, series map[string]Series) (time.Time, bool) {
	var latest time.Time
	for _, t := range downTunnels(c) {
		at, _, ok := StateOnset(series[t.ID])
		if !ok {
			return time.Time{}, false
		}
		if at.After(latest) {
			latest = at
		}
	}
	return latest, !latest.IsZero()
}
