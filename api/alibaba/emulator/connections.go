package emulator

// DescribeVpnConnections.

func (s *Server) describeVpnConnections(req *request) (any, *apiError) {
	r := s.world[req.region]
	gw := req.params.Get("VpnGatewayId")
	var list []*connection
	if gw == ScaleGatewayID && r.scale.count > 0 {
		return r.scale.page(req)
	}
	if gw != "" {
		if r.gateway(gw) == nil {
			return nil, gatewayNotFound(404)
		}
		list = r.connections[gw]
	} else {
		for _, g := range r.gateways {
			list = append(list, r.connections[g.VpnGatewayId]...)
		}
	}
	if id := req.params.Get("VpnConnectionId"); id != "" || req.params.Get("CustomerGatewayId") != "" {
		var filtered []*connection
		for _, c := range list {
			if match(req, "VpnConnectionId", c.VpnConnectionId) && match(req, "CustomerGatewayId", c.CustomerGatewayId) {
				filtered = append(filtered, c)
			}
		}
		list = filtered
	}
	number, size, lo, hi, err := pageWindow(req.params, len(list), 50)
	if err != nil {
		return nil, err
	}
	page := make([]*connection, hi-lo)
	copy(page, list[lo:hi])
	return map[string]any{"PageNumber": number, "PageSize": size, "TotalCount": len(list),
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
