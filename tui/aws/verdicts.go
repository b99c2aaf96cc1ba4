package aws

import (
	"sync/atomic"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// What the last whole problems scan judged, for the HEALTH columns of the
// endpoint and gateway lists: an endpoint's verdict needs its target
// networks, routes, rules and connections, four calls a row, which a list
// never makes; the scan has them. As Alibaba Cloud's gateway list shows
// its CONNS, the columns say "–" until P has checked.

// scanVerdicts is one scan's answer; never changed once stored.
type scanVerdicts struct {
	impacts map[string]api.Impact // the findings' impacts, by resource key
	judged  map[string]bool       // resources the scan judged, a finding or not
	rollups map[string]api.Rollup // each gateway's connections, by region and id
}

// verdictStore holds the last whole scan's verdicts: the scan's command
// stores, lists load when they draw. A nil store has none.
type verdictStore struct{ p atomic.Pointer[scanVerdicts] }

func (s *verdictStore) load() *scanVerdicts {
	if s == nil {
		return nil
	}
	return s.p.Load()
}

func (s *verdictStore) store(v *scanVerdicts) {
	if s != nil {
		s.p.Store(v)
	}
}

// newScanVerdicts gathers a whole scan's answer.
func newScanVerdicts(found []aws.Finding, judged []string, rollups []aws.GatewayRollup) *scanVerdicts {
	v := &scanVerdicts{impacts: map[string]api.Impact{}, judged: map[string]bool{}, rollups: map[string]api.Rollup{}}
	for _, f := range found {
		// The provider's own key, without the account: each account has a
		// verdict store of its own, and the lists look a resource up so.
		v.impacts[api.ResourceKey(f.Provider, f.Region, f.Resource, f.ResourceID)] = f.Impact
	}
	for _, k := range judged {
		v.judged[k] = true
	}
	for _, r := range rollups {
		v.rollups[r.Region+"|"+r.GatewayID] = r.Rollup
	}
	return v
}

// endpoint is e's verdict as the last scan judged it; not judged without
// a scan, or when the scan could not list the region's endpoints.
func (s *verdictStore) endpoint(region string, e aws.Endpoint) api.Verdict {
	v := s.load()
	if v == nil {
		return api.Verdict{}
	}
	key := api.ResourceKey("aws", region, "client-vpn-endpoint", e.ID)
	if i, ok := v.impacts[key]; ok {
		return api.FoundAt(i)
	}
	if !v.judged[key] {
		return api.Verdict{}
	}
	return api.VerdictOf(nil, aws.StateLifecycle(e.Status))
}

// rollup is gateway id's connections as the last scan counted them.
func (s *verdictStore) rollup(region, id string) (api.Rollup, bool) {
	v := s.load()
	if v == nil {
		return api.Rollup{}, false
	}
	r, ok := v.rollups[region+"|"+id]
	return r, ok
}

// judged reports whether any scan has been stored.
func (s *verdictStore) judged() bool { return s.load() != nil }

// connection is c's verdict: its own (its tunnels, judged as the scan
// judges them), made worse by what the last whole scan found of its route
// path, which the list cannot see (the route tables of its VPC or transit
// gateway, calls the list does not make), so a connection with its tunnels up and
// nothing routed into it is not "healthy" here and "traffic down" in P.
func (s *verdictStore) connection(region string, c aws.VPNConnection, own api.Verdict) api.Verdict {
	v := s.load()
	if v == nil || !aws.RoutePathApplies(c) && !aws.TGWPathApplies(c) {
		return own
	}
	if i, ok := v.impacts[api.ResourceKey("aws", region, "connection", c.ID)]; ok && api.CompareVerdicts(api.FoundAt(i), own) < 0 {
		return api.FoundAt(i)
	}
	return own
}
