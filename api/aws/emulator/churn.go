package emulator

import (
	"fmt"
)

// ChurnOnce changes the world a little, as people come and go: on the first
// available endpoint with clients, the oldest active client disconnects and
// a new one connects (listed after the rest, with an address from the
// client CIDR). Connections that ended over an hour ago are forgotten. It
// returns the new connection's id. Tests call it; Config.Churn runs it on
// a timer.
func (s *Server) ChurnOnce(region string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.world[region] {
		if e.Status.Code != "available" || len(e.connections) == 0 {
			continue
		}
		now := s.cfg.Now()
		for _, c := range e.connections {
			if c.Status.Code == "active" {
				e.end(c, now, "Connection ended by the client")
				break
			}
		}
		s.churned++
		user := fmt.Sprintf("visitor%03d", s.churned)
		c := &connection{EndpointID: e.ID, Timestamp: now.UTC().Format(connectionTime),
			ID: "cvpn-connection-" + fmt.Sprintf("%017x", 0xc0ffee00+s.churned), Username: user,
			EstablishedTime: now.UTC().Format(connectionTime), ClientIP: e.nextClientIP(),
			CommonName: user + ".corp.example.com", Status: status{Code: "active"}, EndTime: "-",
			IngressBytes: "0", EgressBytes: "0", IngressPackets: "0", EgressPackets: "0"}
		e.add(c)
		e.expire(now)
		return c.ID, nil
	}
	return "", fmt.Errorf("no endpoint with clients in %s", region)
}

// churnTick is what Config.Churn does each time: ChurnOnce in every
// account's every region.
func (s *Server) churnTick() {
	for _, a := range s.accounts {
		for _, r := range regionNames {
			a.ChurnOnce(r)
		}
	}
}
