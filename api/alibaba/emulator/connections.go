package emulator

// DescribeVpnConnections. VpnGatewayId is optional (the reference page):
// with it, that gateway's connections; without it, every connection of
// the region, those attached to a transit router (no gateway) included,
// paged by PageNumber and PageSize (1..50) like the rest.

func (s *Server) describeVpnConnections(req *request) (any, *apiError) {
	r := s.world[req.region]
	gw := req.params.Get("VpnGatewayId")
	var list []*connection
	if gw == ScaleGatewayID && r.scale.count > 0 {
		return r.scale.page(req)
	}
	filtered := req.params.Get("VpnConnectionId") != "" || req.params.Get("CustomerGatewayId") != ""
	if gw != "" {
		if r.gateway(gw) == nil {
			return nil, gatewayNotFound(404)
		}
		list = r.connections[gw]
	} else {
		list = r.allConnections()
	}
	if filtered {
		var kept []*connection
		for _, c := range list {
			if match(req, "VpnConnectionId", c.VpnConnectionId) && match(req, "CustomerGatewayId", c.CustomerGatewayId) {
				kept = append(kept, c)
			}
		}
		list = kept
	}
	// The region's list holds the scale gateway's connections too, made
	// for the page only, after the stored ones.
	made := 0
	if gw == "" && !filtered {
		made = r.scale.count
	}
	number, size, lo, hi, err := pageWindow(req.params, len(list)+made, 50)
	if err != nil {
		return nil, err
	}
	page := make([]*connection, 0, hi-lo)
	for j := lo; j < hi; j++ {
		if j < len(list) {
			page = append(page, list[j])
		} else {
			page = append(page, r.scale.connection(j-len(list)))
		}
	}
	return map[string]any{"PageNumber": number, "PageSize": size, "TotalCount": len(list) + made,
		"VpnConnections": map[string]any{"VpnConnection": page}}, nil
}

// page serves the scale gateway's connections, made for this page only.
func (s scaleGateway) page(req *request) (any, *apiError) {
	number, size, lo, hi, err := pageWindow(req.params, s.count, 50)
	if err != nil {
		return nil, err
	}
	page := make([]*connection, 0, hi-lo)
	for j := lo; j < hi; j++ {
		page = append(page, s.connection(j))
	}
	return map[string]any{"PageNumber": number, "PageSize": size, "TotalCount": s.count,
		"VpnConnections": map[string]any{"VpnConnection": page}}, nil
}
