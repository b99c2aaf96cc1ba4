package emulator

import "sort"

// DescribeRegions, DescribeVpnGateways, DescribeVpnGateway.

func (s *Server) describeRegions(req *request) (any, *apiError) {
	ids := make([]string, 0, len(s.world))
	for id := range s.world {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	regions := make([]region, 0, len(ids))
	for _, id := range ids {
		info := s.world[id].info
		if en := englishName(id); req.params.Get("AcceptLanguage") == "en-US" && en != "" {
			info.LocalName = en // the service's default is zh-CN
		}
		regions = append(regions, info)
	}
	return map[string]any{"Regions": map[string]any{"Region": regions}}, nil
}

func (s *Server) describeVpnGateways(req *request) (any, *apiError) {
	r := s.world[req.region]
	var list []*gateway
	for _, g := range r.gateways {
		if match(req, "VpnGatewayId", g.VpnGatewayId) && match(req, "VpcId", g.VpcId) &&
			match(req, "Status", s.gatewayStatus(g)) && match(req, "BusinessStatus", g.BusinessStatus) {
			list = append(list, g)
		}
	}
	number, size, lo, hi, err := pageWindow(req.params, len(list), 50)
	if err != nil {
		return nil, err
	}
	page := make([]gateway, 0, hi-lo)
	for _, g := range list[lo:hi] {
		page = append(page, s.gatewayView(g))
	}
	return map[string]any{"PageNumber": number, "PageSize": size, "TotalCount": len(list),
		"VpnGateways": map[string]any{"VpnGateway": page}}, nil
}

func (s *Server) describeVpnGateway(req *request) (any, *apiError) {
	id := req.params.Get("VpnGatewayId")
	if id == "" {
		return nil, missing("VpnGatewayId")
	}
	g := s.world[req.region].gateway(id)
	if g == nil {
		return nil, gatewayNotFound(404)
	}
	// The single-gateway answer has the list item's fields at the top.
	return s.gatewayView(g), nil
}

// gatewayView is the gateway as it is now: "updating" while a change runs.
func (s *Server) gatewayView(g *gateway) gateway {
	v := *g
	v.Status = s.gatewayStatus(g)
	return v
}

func (s *Server) gatewayStatus(g *gateway) string {
	if !g.updatingUntil.IsZero() {
		if wallNow().Before(g.updatingUntil) {
			return "updating"
		}
		g.updatingUntil = timeZero
		g.Status = "active"
	}
	return g.Status
}

// match is true when the request does not filter on name, or the value
// equals the filter.
func match(req *request, name, value string) bool {
	f := req.params.Get(name)
	return f == "" || f == value
}
