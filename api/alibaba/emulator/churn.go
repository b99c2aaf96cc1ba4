package emulator

import "fmt"

// Changes over time, so watch mode has something to watch: a tunnel that
// flaps and SSL clients that come and go. Tests call the methods directly;
// Config.Churn runs them on a timer for the demo.

// FlapConnection toggles a connection (or, for a dual-tunnel connection,
// its master tunnel) between phase 2 up and phase 2 down, and returns the
// new status. The change is kept in the connection's history, so its
// negotiation log shows it.
func (s *Server) FlapConnection(region, connectionID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.world[region]
	if r == nil {
		return "", fmt.Errorf("no region %s", region)
	}
	c := r.connection(connectionID)
	if c == nil {
		return "", fmt.Errorf("no connection %s", connectionID)
	}
	next := "ipsec_sa_established"
	if c.Status == "ipsec_sa_established" {
		next = "ipsec_sa_not_established"
		if c.failure == 0 {
			c.failure = failuresOfPhase(2)[0]
		}
	}
	now := s.cfg.Now()
	c.recordStatus(now, "", c.Status, next)
	c.Status = next
	if c.TunnelOptionsSpecification != nil {
		t := &c.TunnelOptionsSpecification.TunnelOptions[0]
		c.recordStatus(now, t.TunnelId, t.Status, next)
		t.Status = next
	}
	up := next == "ipsec_sa_established"
	if c.VpnBgpConfig.EnableBgp == "true" {
		c.VpnBgpConfig.Status = okOr(up, "success", "false")
	}
	return next, nil
}

// DisconnectSSLClient removes the gateway's first connected client and
// returns its common name.
func (s *Server) DisconnectSSLClient(region, gatewayID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.world[region]
	if r == nil || len(r.clients[gatewayID]) == 0 {
		return "", fmt.Errorf("no SSL client on %s", gatewayID)
	}
	gone := r.clients[gatewayID][0]
	r.clients[gatewayID] = r.clients[gatewayID][1:]
	return gone.CommonName, nil
}

// ConnectSSLClient adds a client to the gateway's SSL server, connected
// now, and returns its common name.
func (s *Server) ConnectSSLClient(region, gatewayID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.world[region]
	if r == nil || r.gateway(gatewayID) == nil {
		return "", fmt.Errorf("no gateway %s", gatewayID)
	}
	if !r.hasSSLServer(gatewayID) {
		return "", fmt.Errorf("no SSL server on %s", gatewayID)
	}
	s.serial++
	c := sslClient{CommonName: fmt.Sprintf("visitor%03d@corp.example.com", s.serial), Ip: fmt.Sprintf("203.0.113.%d", s.serial%250+1),
		Port: fmt.Sprint(40000 + s.serial), PrivateIp: fmt.Sprintf("10.251.0.%d", s.serial%250+2), Status: "online",
		ConnectedTime: s.cfg.Now().UnixMilli()}
	r.clients[gatewayID] = append(r.clients[gatewayID], c)
	return c.CommonName, nil
}

// churnTick is what Config.Churn does each time: flap one connection of
// the busiest gateway, and swap one SSL client. Nil when there is nothing
// to churn.
func (s *Server) churnTick() func() {
	gw, conn := s.churnTarget()
	if conn == "" {
		return nil
	}
	n := 0
	return func() {
		s.FlapConnection("cn-hangzhou", conn)
		if n%2 == 0 {
			s.DisconnectSSLClient("cn-hangzhou", gw)
		} else {
			s.ConnectSSLClient("cn-hangzhou", gw)
		}
		n++
	}
}

// churnTarget is the gateway and connection churn flaps.
func (s *Server) churnTarget() (gw, conn string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.world["cn-hangzhou"]
	if r != nil && len(r.gateways) > 0 {
		gw = r.gateways[0].VpnGatewayId
		if cs := r.connections[gw]; len(cs) > 3 {
			conn = cs[3].VpnConnectionId // to-wuhan-004: healthy, single-tunnel
		}
	}
	return gw, conn
}
