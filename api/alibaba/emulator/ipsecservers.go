package emulator

// ListIpsecServers: NextToken/MaxResults paging, a bare IpsecServers array.

func (s *Server) listIpsecServers(req *request) (any, *apiError) {
	r := s.world[req.region]
	ids := req.params["IpsecServerId.1"]
	var list []*ipsecServer
	for _, is := range r.ipsec {
		if match(req, "VpnGatewayId", is.VpnGatewayId) && match(req, "IpsecServerName", is.IpsecServerName) &&
			match(req, "ResourceGroupId", is.ResourceGroupId) && (len(ids) == 0 || hasServerID(req, is.IpsecServerId)) {
			list = append(list, is)
		}
	}
	scope := req.region + "/" + req.params.Get("VpnGatewayId")
	size, lo, hi, next, err := tokenWindow(req.params, scope, len(list), 20)
	if err != nil {
		return nil, err
	}
	page := make([]*ipsecServer, hi-lo)
	copy(page, list[lo:hi])
	out := map[string]any{"MaxResults": size, "TotalCount": len(list), "IpsecServers": page}
	if next != "" {
		out["NextToken"] = next
	}
	return out, nil
}

// hasServerID reports whether IpsecServerId.N names id.
func hasServerID(req *request, id string) bool {
	for n := 1; n <= 20; n++ {
		if req.params.Get("IpsecServerId."+itoa(n)) == id {
			return true
		}
	}
	return false
}
