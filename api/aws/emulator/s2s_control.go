package emulator

import (
	"fmt"
)

// SetTunnelStatus changes one tunnel's telemetry as the device going down
// or coming back would: tunnel i (0 or 1) of the connection named name
// (its Name tag) in region, to status "UP" or "DOWN", changed now. A BGP
// tunnel that comes UP accepts what the device advertises; one that goes
// DOWN, nothing (its session runs inside it). Tests call it to watch a run
// see a change; it returns an error for a connection or tunnel that does
// not exist.
func (s *Server) SetTunnelStatus(region, name string, i int, status, message string) error {
	return s.tunnel(region, name, i, func(c *vpnConnection, t *telemetry) {
		t.noteOutage(s.cfg.Now()) // the metric remembers what the telemetry forgets
		t.Status, t.StatusMessage = status, message
		t.LastStatusChange = s.cfg.Now().UTC().Format(telemetryTime)
		switch {
		case c.Options.StaticRoutesOnly:
		case status == "UP":
			t.AcceptedRouteCount = count(t.advertised)
		case status == "DOWN":
			t.AcceptedRouteCount = count(0)
		}
		s.s2s.logBGPChange(region, c, t, s.cfg.Now()) // the BGP log tells it too
	})
}

// OmitTunnelRoutes leaves tunnel i's acceptedRouteCount out of the
// telemetry, as the service may (the field is optional).
func (s *Server) OmitTunnelRoutes(region, name string, i int) error {
	return s.tunnel(region, name, i, func(_ *vpnConnection, t *telemetry) { t.AcceptedRouteCount = nil })
}

func (s *Server) tunnel(region, name string, i int, change func(*vpnConnection, *telemetry)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.s2s.conns[region] {
		if nameTag(c.Tags) != name {
			continue
		}
		if i < 0 || i >= len(c.Telemetry) {
			return fmt.Errorf("connection %s has no tunnel %d", name, i)
		}
		change(c, &c.Telemetry[i])
		return nil
	}
	return fmt.Errorf("no connection named %s in %s", name, region)
}

func count(n int) *int { return &n }
