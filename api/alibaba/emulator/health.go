package emulator

import "sort"

// UnhealthyConnections is the emulator's own account of which connections
// are not healthy, read from its records: one whose State is not a working
// one (the reference page's active, or attached to a transit router), a
// tunnel (or a single-tunnel connection) whose status is not
// ipsec_sa_established, a BGP session whose status is "false", or a health
// check whose status is "failed", or, with phase 2 up, a remote subnet
// that the gateway routes into no connection or the VPC sends nowhere
// (routes_world.go). It exists so tests can check a client's
// problem scan against the world, not against the client's own rules.
// Keys are "region/connection id"; every connection counts, those attached
// to a transit router too.
func (s *Server) UnhealthyConnections() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for id, r := range s.world {
		for _, c := range r.allConnections() {
			if connectionUnhealthy(c) || r.routeUnhealthy(c) {
				out = append(out, id+"/"+c.VpnConnectionId)
			}
		}
	}
	sort.Strings(out)
	return out
}

func connectionUnhealthy(c *connection) bool {
	if c.State != "active" && c.State != "attached" {
		return true
	}
	if c.VcoHealthCheck.Enable == "true" && c.VcoHealthCheck.Status == "failed" {
		return true
	}
	if c.VpnBgpConfig.EnableBgp == "true" && c.VpnBgpConfig.Status == "false" {
		return true
	}
	if c.TunnelOptionsSpecification == nil {
		return c.Status != "ipsec_sa_established"
	}
	for _, t := range c.TunnelOptionsSpecification.TunnelOptions {
		if t.Status != "ipsec_sa_established" || c.EnableTunnelsBgp && t.TunnelBgpConfig.BgpStatus == "false" {
			return true
		}
	}
	return false
}
