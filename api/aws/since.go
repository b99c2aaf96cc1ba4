package aws

import (
	"context"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// "Since" from the service for the problems scan (issue 25): a down
// connection's since from the TunnelState metric's history, for
// `vpnscope problems --history`, which reads no metric unless asked
// (CloudWatch bills GetMetricData by the metric).

// TunnelRef is one tunnel as CloudWatch's AWS/VPN dimensions name it:
// VpnId and TunnelIpAddress (monitoring-cloudwatch-vpn.html).
type TunnelRef struct{ VpnID, OutsideIP string }

// StateReader reads many tunnels' TunnelState at once. ec2client's Client
// implements it.
type StateReader interface {
	// TunnelStates answers each tunnel's TunnelState series (Average over
	// each period: 1 up, 0 down) over the span ending at end, and the
	// GetMetricData calls made: as many tunnels a call as the API takes.
	TunnelStates(ctx context.Context, region string, tunnels []TunnelRef, end time.Time, span time.Duration) (map[TunnelRef]Series, int, error)
}

// FillSince sets the since of each finding about a connection with a
// tunnel down from the TunnelState history, where the metric gives an
// earlier time than the finding has (the tunnel's LastStatusChange, which
// moves on any IKE, IPsec or BGP change, or the journal's first sight):
// the connection has held its state since the last of its down tunnels
// went down. SinceSource is then api.SinceMetric. One read per region; a
// region whose read fails keeps its findings as they were, and its error
// is returned (the first) with the calls made.
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
		var refs []TunnelRef
		for _, i := range byRegion[region] {
			c := findings[i].Connection
			for _, t := range downTunnels(*c) {
				refs = append(refs, TunnelRef{c.ID, t.OutsideIP})
			}
		}
		series, n, rerr := r.TunnelStates(ctx, region, refs, end, span)
		calls += n
		if rerr != nil {
			if err == nil {
				err = rerr
			}
			continue
		}
		for _, i := range byRegion[region] {
			f := &findings[i]
			if at, ok := connectionOnset(*f.Connection, series); ok && (f.Since == nil || at.Before(*f.Since)) {
				f.Since, f.SinceSource = &at, api.SinceMetric
			}
		}
	}
	return calls, err
}

// downTunnels are c's tunnels whose status is DOWN (API_VgwTelemetry); a
// tunnel in any other word is not known to be down.
func downTunnels(c VPNConnection) []Tunnel {
	var out []Tunnel
	for _, t := range c.Tunnels {
		if t.Status == "DOWN" {
			out = append(out, t)
		}
	}
	return out
}

// connectionOnset is since when every down tunnel of c has surely been
// down by TunnelState: the latest of their onsets; false when any has none
// (its metric does not say it is down all the latest period).
func connectionOnset(c VPNConnection, series map[TunnelRef]Series) (time.Time, bool) {
	var latest time.Time
	for _, t := range downTunnels(c) {
		at, _, ok := api.StateOnset(series[TunnelRef{c.ID, t.OutsideIP}])
		if !ok {
			return time.Time{}, false
		}
		if at.After(latest) {
			latest = at
		}
	}
	return latest, !latest.IsZero()
}
