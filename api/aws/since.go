package aws

import (
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

// downByRegion are the findings about a connection with a tunnel down,
// by region (their indexes), and the regions in the order first seen.
func downByRegion(findings []Finding) ([]string, map[string][]int) {
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
	return regions, byRegion
}

// downRefs are the down tunnels of the findings at idx.
func downRefs(findings []Finding, idx []int) []TunnelRef {
	var refs []TunnelRef
	for _, i := range idx {
		c := findings[i].Connection
		for _, t := range downTunnels(*c) {
			refs = append(refs, TunnelRef{c.ID, t.OutsideIP})
		}
	}
	return refs
}

// applySince sets the findings at idx their since from the series, where
// it is earlier than what they have.
func applySince(findings []Finding, idx []int, series map[TunnelRef]Series) {
	for _, i := range idx {
		f := &findings[i]
		if at, ok := connectionOnset(*f.Connection, series); ok && (f.Since == nil || at.Before(*f.Since)) {
			f.Since, f.SinceSource = &at, api.SinceMetric
		}
	}
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
