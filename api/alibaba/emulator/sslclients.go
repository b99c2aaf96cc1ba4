package emulator

// DescribeSslVpnClients. Unlike most lists, ClientInfoList is a bare array.

func (s *Server) describeSslVpnClients(req *request) (any, *apiError) {
	r := s.world[req.region]
	gw := req.params.Get("VpnGatewayId")
	if gw == "" {
		return nil, missing("VpnGatewayId")
	}
	if r.gateway(gw) == nil {
		return nil, gatewayNotFound(400)
	}
	list := r.clients[gw]
	number, size, lo, hi, err := pageWindow(req.params, len(list), 50)
	if err != nil {
		return nil, err
	}
	page := make([]sslClient, hi-lo)
	copy(page, list[lo:hi])
	return map[string]any{"VpnGatewayId": gw, "RegionId": req.region, "PageNumber": number, "PageSize": size,
		"TotalCount": len(list), "ClientInfoList": page}, nil
}
