package alibaba

import (
	"sync"

	"github.com/vpnscope/vpnscope/api"
)

// connections reads every connection of a region, page by page, reports
// the unhealthy ones and counts each into its gateway's rollup; the first
// error when a call failed. DescribeVpnConnections without a VpnGatewayId
// lists them all (the reference page: VpnGatewayId is optional), those
// attached to a transit router (AttachType CEN, no gateway) included. Once
// the first page gives the total, the other pages are asked for all at
// once (the slots still bound them): a region of 700 connections costs
// two round trips on the critical path, and one call per 50 connections
// rather than one per gateway. known gives the region's gateways and their
// rollups, waiting until they are all listed.
func (s *scan) connections(region string, known func() (map[string]Gateway, map[string]*GatewayRollup)) error {
	var mu sync.Mutex // guards the rollups and the route jobs
	// Connections with phase 2 up wait for their route paths, read once
	// per gateway when every page is judged (scan_routes.go).
	var jobs []routeJob
	defer func() {
		if len(jobs) == 0 {
			return
		}
		_, rolls := known()
		for i, f := range s.routePaths(region, jobs) {
			j := jobs[i]
			if r := rolls[j.c.GatewayID]; r != nil && f != j.f {
				r.move(ConnectionVerdict(j.c), findingVerdict(f)) // the rollup and the findings are one model
			}
			if f != nil {
				s.send(ScanEvent{Findings: []Finding{*f}})
			}
		}
	}()
	judge := func(items []Connection) {
		gateways, rolls := known()
		var found []Finding
		var waiting []routeJob
		counted := map[string]GatewayRollup{}
		for _, c := range items {
			g := gatewayOf(c, gateways)
			f := ConnectionFinding(region, g, c)
			if RoutePathApplies(c) && !gatewayLocked(g) {
				waiting = append(waiting, routeJob{g: g, c: c, f: f})
			} else if f != nil {
				found = append(found, *f)
			}
			if rolls[c.GatewayID] == nil {
				continue // attached to a transit router, or on a gateway not listed
			}
			v := ConnectionVerdict(c)
			if gatewayLocked(g) {
				v = VerdictDown // its finding is the gateway's lock, whatever its tunnels say
			}
			part := counted[c.GatewayID]
			part.count(v)
			counted[c.GatewayID] = part
		}
		mu.Lock()
		for id, p := range counted {
			rolls[id].add(p)
		}
		jobs = append(jobs, waiting...)
		mu.Unlock()
		if len(found) > 0 {
			s.send(ScanEvent{Findings: found})
		}
	}
	first, err := s.connectionPage(region, api.FirstPage(MaxPageSize), judge)
	if err != nil || !first.More {
		return err
	}
	if first.Total < 0 || first.Next.Number() == 0 {
		// No total to plan with: one page after another.
		for cur := first.Next; ; {
			page, err := s.connectionPage(region, cur, judge)
			if err != nil || !page.More {
				return err
			}
			cur = page.Next
		}
	}
	size := len(first.Items)
	pages := (first.Total + size - 1) / size
	var wg sync.WaitGroup
	errs := make([]error, pages+1)
	for n := 2; n <= pages; n++ {
		wg.Go(func() {
			_, errs[n] = s.connectionPage(region, api.NumberCursor(n, first.Next.Size()), judge)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// gatewayOf is where a connection's finding says it is: its VPN gateway,
// as listed; for one attached to a transit router, the transit router
// (refTransitRouter), as an AWS finding names its transit gateway.
func gatewayOf(c Connection, gateways map[string]Gateway) Gateway {
	if g, ok := gateways[c.GatewayID]; ok {
		return g
	}
	if c.GatewayID == "" && c.TransitRouterID != "" {
		return Gateway{ID: c.TransitRouterID, Name: c.TransitRouterName}
	}
	return Gateway{ID: c.GatewayID}
}

// count adds one connection of verdict v.
func (r *GatewayRollup) count(v Verdict) {
	switch v {
	case VerdictDown:
		r.Down++
	case VerdictDegraded:
		r.Degraded++
	case VerdictUnknown:
		r.Unknown++
	}
	r.Total++
}

// move counts a connection counted as from as to instead.
func (r *GatewayRollup) move(from, to Verdict) {
	if from == to {
		return
	}
	var out GatewayRollup
	out.count(to)
	switch from {
	case VerdictDown:
		out.Down--
	case VerdictDegraded:
		out.Degraded--
	case VerdictUnknown:
		out.Unknown--
	}
	out.Total--
	r.add(out)
}

// findingVerdict is the verdict a connection's finding stands for.
func findingVerdict(f *Finding) Verdict {
	switch {
	case f == nil:
		return VerdictHealthy
	case f.Impact == api.TrafficDown:
		return VerdictDown
	case f.Impact == api.Unknown:
		return VerdictUnknown
	}
	return VerdictDegraded
}

func (r *GatewayRollup) add(o GatewayRollup) {
	r.Down, r.Degraded, r.Unknown, r.Total = r.Down+o.Down, r.Degraded+o.Degraded, r.Unknown+o.Unknown, r.Total+o.Total
}

// connectionPage reads one page of the region's connections and judges
// it.
func (s *scan) connectionPage(region string, cur api.Cursor, judge func([]Connection)) (api.Page[Connection], error) {
	var page api.Page[Connection]
	err := s.Call(func() (err error) { page, err = s.c.Connections(s.ctx, region, "", cur); return err })
	if err != nil {
		s.send(ScanEvent{RegionErr: &RegionError{Region: region, Err: err}})
		return page, err
	}
	judge(page.Items)
	return page, nil
}
