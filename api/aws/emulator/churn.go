package emulator

import (
	"fmt"
	"strconv"
	"time"
)

// ChurnOnce changes the world a little, as people come and go: on the first
// available endpoint with clients, one new client connects and the oldest
// active one disconnects. It returns the new connection's id. Tests call it;
// Config.Churn runs it on a timer.
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
				c.Status = status{Code: "terminated", Message: "Connection ended by the client"}
				c.EndTime = now.UTC().Format(connectionTime)
				break
			}
		}
		s.churned++
		user := fmt.Sprintf("visitor%03d", s.churned)
		c := &connection{EndpointID: e.ID, Timestamp: now.UTC().Format(connectionTime),
			ID: "cvpn-connection-" + fmt.Sprintf("%017x", 0xc0ffee00+s.churned), Username: user,
			EstablishedTime: now.UTC().Format(connectionTime), ClientIP: "198.51.100." + strconv.Itoa(s.churned%250+1),
			CommonName: user + ".corp.example.com", Status: status{Code: "active"}, EndTime: "-",
			IngressBytes: "0", EgressBytes: "0", IngressPackets: "0", EgressPackets: "0"}
		e.connections = append([]*connection{c}, e.connections...)
		return c.ID, nil
	}
	return "", fmt.Errorf("no endpoint with clients in %s", region)
}

// churn runs ChurnOnce in every region until stop closes.
func (s *Server) churn(every time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			for _, r := range regionNames {
				s.ChurnOnce(r)
			}
		}
	}
}
