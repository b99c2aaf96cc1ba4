package emulator

import (
	"fmt"
)

// SetTunnelStatus changes one tunnel's telemetry as the device going down
// or coming back would: tunnel i (0 or 1) of the connection named name
// (its Name tag) in region, to status "UP" or "DOWN", changed now. Tests
// call it to watch a run see a change; it returns an error for a
// connection or tunnel that does not exist.
func (s *Server) SetTunnelStatus(region, name string, i int, status, message string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.s2s.conns[region] {
		if nameTag(c.Tags) != name {
			continue
		}
		if i < 0 || i >= len(c.Telemetry) {
			return fmt.Errorf("connection %s has no tunnel %d", name, i)
		}
		t := &c.Telemetry[i]
		t.Status, t.StatusMessage = status, message
		t.LastStatusChange = s.cfg.Now().UTC().Format(telemetryTime)
		return nil
	}
	return fmt.Errorf("no connection named %s in %s", name, region)
}
