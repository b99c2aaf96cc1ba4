package alibaba

import (
	"fmt"
	"slices"
	"sync"
)

// The problems scan's route paths: the connections on a VPN gateway with
// phase 2 up (RoutePathApplies) are judged once their gateways' routes and
// the route tables of the gateways' VPCs are read: each gateway's once
// whatever the number of its connections, the gateways at once, within
// the scan's bound. A gateway costs a DescribeVpnRouteEntries (and a
// second, for bgp, when one of its connections runs BGP), a
// DescribeVpnPbrRouteEntries, a DescribeRouteTableList and a
// DescribeRouteEntryList per route table of its VPC, each more when it
// pages.

// routeJob is a connection waiting for its route path, with its finding
// so far (nil when the tunnels say it is fine).
type routeJob struct {
	g Gateway
	c Connection
	f *Finding
}

// routePaths reads what the jobs' gateways need, the gateways at once,
// and folds each connection's route path into its finding.
func (s *scan) routePaths(region string, jobs []routeJob) []*Finding {
	read := map[string]*GatewayRoutes{}
	var order []Gateway
	bgp := map[string]bool{}
	for _, j := range jobs {
		if _, ok := read[j.g.ID]; !ok {
			read[j.g.ID] = &GatewayRoutes{}
			order = append(order, j.g)
		}
		bgp[j.g.ID] = bgp[j.g.ID] || UsesBGP(j.c)
	}
	var wg sync.WaitGroup
	for _, g := range order {
		wg.Go(func() {
			kinds := []string{RouteCustom, RoutePolicy}
			if bgp[g.ID] {
				kinds = RouteKinds
			}
			// Fresh: a scan answers what is broken now, and a route fixed a
			// moment ago must not read as missing; what it reads is kept
			// for the route path view opened next.
			gr := ReadGatewayRoutes(s.ctx, s.c, s.Call, region, g, kinds, true)
			for _, kind := range kinds {
				if err := gr.RouteErrs[kind]; err != nil {
					s.send(ScanEvent{RegionErr: &RegionError{Region: region, GatewayID: g.ID, Err: fmt.Errorf("%s: %w", RouteKindWords(kind), err)}})
				}
			}
			if gr.TablesErr != nil {
				s.send(ScanEvent{RegionErr: &RegionError{Region: region, GatewayID: g.ID, Err: fmt.Errorf("route tables of %s: %w", orWord(g.VpcID, "its VPC"), gr.TablesErr)}})
			}
			*read[g.ID] = gr
		})
	}
	wg.Wait()
	out := make([]*Finding, 0, len(jobs))
	for _, j := range jobs {
		v := JudgeRoutePath(read[j.g.ID].Path(j.g, j.c))
		out = append(out, WithRoutePath(j.f, region, j.g, j.c, v))
	}
	return out
}

// UsesBGP reports whether the connection, or a tunnel of it, runs BGP:
// only then can the gateway hold BGP routes through it.
func UsesBGP(c Connection) bool {
	return c.BGP.Enabled || c.TunnelsBGP || slices.ContainsFunc(c.TunnelOptions, func(t Tunnel) bool { return t.BGP.Enabled })
}
