package alibaba

// The phase model: what the service's status values mean for phase 1 (IKE)
// and phase 2 (IPsec), and an overall verdict per connection.

// PhaseState is one negotiation phase's state.
type PhaseState int

const (
	PhaseUnknown    PhaseState = iota // the status value is not one we know
	PhaseUp                           // negotiated
	PhaseDown                         // negotiation failed or not yet done
	PhaseNotReached                   // cannot start: the phase before it is down
)

func (p PhaseState) String() string {
	return [...]string{"unknown", "up", "down", "not reached"}[p]
}

// The service's status values.
const (
	StatusIKENotEstablished   = "ike_sa_not_established"
	StatusIKEEstablished      = "ike_sa_established"
	StatusIPsecNotEstablished = "ipsec_sa_not_established"
	StatusIPsecEstablished    = "ipsec_sa_established"
)

// Phases maps a status value to the state of each phase.
func Phases(status string) (ike, ipsec PhaseState) {
	switch status {
	case StatusIKENotEstablished:
		return PhaseDown, PhaseNotReached
	case StatusIKEEstablished:
		// Phase 1 is up and phase 2 has not (yet) succeeded.
		return PhaseUp, PhaseDown
	case StatusIPsecNotEstablished:
		return PhaseUp, PhaseDown
	case StatusIPsecEstablished:
		return PhaseUp, PhaseUp
	}
	return PhaseUnknown, PhaseUnknown
}

// TunnelUp reports whether a tunnel carries traffic: both phases up.
func TunnelUp(t Tunnel) bool {
	_, p2 := Phases(t.Status)
	return p2 == PhaseUp
}

// Verdict is a connection's overall health, worst first so it sorts.
type Verdict int

const (
	VerdictDown     Verdict = iota // no tunnel up
	VerdictDegraded                // some tunnels up, or up with BGP or health check failing
	VerdictUnknown                 // status values we cannot read
	VerdictHealthy                 // every tunnel up, BGP and health check fine
)

func (v Verdict) String() string {
	return [...]string{"down", "degraded", "unknown", "healthy"}[v]
}

// ConnectionVerdict judges a connection from its tunnels, BGP and health
// check.
func ConnectionVerdict(c Connection) Verdict {
	up, total := TunnelsUp(c)
	switch {
	case total == 0:
		return VerdictUnknown
	case up == 0:
		for i := range c.tunnelCount() {
			if p1, _ := Phases(c.tunnelAt(i).Status); p1 != PhaseUnknown {
				return VerdictDown
			}
		}
		return VerdictUnknown
	case up < total:
		return VerdictDegraded
	case BGPState(c.BGP) == SessionDown || HealthState(c.HealthCheck) == SessionDown:
		return VerdictDegraded
	}
	for i := range c.tunnelCount() {
		if BGPState(c.tunnelAt(i).BGP) == SessionDown {
			return VerdictDegraded
		}
	}
	return VerdictHealthy
}

// TunnelsUp counts the tunnels with both phases up.
func TunnelsUp(c Connection) (up, total int) {
	total = c.tunnelCount()
	for i := range total {
		if TunnelUp(c.tunnelAt(i)) {
			up++
		}
	}
	return up, total
}

// SessionState is the state of a BGP session or a health check.
type SessionState int

const (
	SessionOff SessionState = iota
	SessionUp
	SessionDown
	SessionUnknown
)

func (s SessionState) String() string {
	return [...]string{"off", "up", "down", "unknown"}[s]
}

// BGPState reads a BGP config's status.
func BGPState(b BGPConfig) SessionState {
	if !b.Enabled {
		return SessionOff
	}
	switch b.Status {
	case "success":
		return SessionUp
	case "false", "failed":
		return SessionDown
	}
	return SessionUnknown
}

// HealthState reads a health check's status.
func HealthState(h HealthCheck) SessionState {
	if !h.Enabled {
		return SessionOff
	}
	switch h.Status {
	case "success":
		return SessionUp
	case "failed":
		return SessionDown
	}
	return SessionUnknown
}
