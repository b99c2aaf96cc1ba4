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
	var mu sync.Mutex // guards the rollups
	judge := func(items []Connection) {
		gateways, rolls := known()
		var found []Finding
		counted := map[string]GatewayRollup{}
		for _, c := range items {
			g := gatewayOf(c, gateways)
			if f := ConnectionFinding(region, g, c); f != nil {
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
