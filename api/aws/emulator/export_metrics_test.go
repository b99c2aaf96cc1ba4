package emulator

// TunnelOf is the id of the connection named name and its tunnel i's
// outside IP, for tests that call CloudWatch as a CLI would.
func (s *Server) TunnelOf(region, name string, i int) (vpnID, ip string) {
	s.tunnel(region, name, i, func(c *vpnConnection, t *telemetry) { vpnID, ip = c.ID, t.OutsideIPAddress })
	return vpnID, ip
}
