package alibaba

import "fmt"

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
func ConnectionVerdict(c Connection) Verdict { return AssessConnection(c).Verdict }

// Assessment is a verdict with what could not be checked to reach it: a
// status the service left empty or gave in a value vpnscope does not know.
// Unknown is never healthy: a connection whose tunnels are up but whose
// BGP status cannot be read is VerdictUnknown, and says so.
type Assessment struct {
	Verdict   Verdict
	Unchecked []string
}

// AssessConnection judges a connection and lists what it could not read.
func AssessConnection(c Connection) Assessment {
	var a Assessment
	unreadable := func(what, status string) {
		a.Unchecked = append(a.Unchecked, fmt.Sprintf("%s (status %q is not one vpnscope knows)", what, status))
	}
	up, down := 0, 0
	total := c.tunnelCount()
	for i := range total {
		t := c.tunnelAt(i)
		name := "the tunnel"
		if c.DualTunnel() {
			name = "tunnel " + t.ID
		}
		switch p1, p2 := Phases(t.Status); {
		case p2 == PhaseUp:
			up++
		case p1 == PhaseUnknown:
			unreadable(name, t.Status)
		default:
			down++
		}
		if c.DualTunnel() && BGPState(t.BGP) == SessionUnknown {
			unreadable("the BGP session of "+name, t.BGP.Status)
		}
	}
	if BGPState(c.BGP) == SessionUnknown {
		unreadable("the BGP session", c.BGP.Status)
	}
	if HealthState(c.HealthCheck) == SessionUnknown {
		unreadable("the health check", c.HealthCheck.Status)
	}
	sessionDown := BGPState(c.BGP) == SessionDown || HealthState(c.HealthCheck) == SessionDown
	for i := range total {
		sessionDown = sessionDown || c.DualTunnel() && BGPState(c.tunnelAt(i).BGP) == SessionDown
	}
	switch {
	case up == 0 && down > 0:
		a.Verdict = VerdictDown
	case up == 0:
		a.Verdict = VerdictUnknown
	case down > 0 || sessionDown:
		a.Verdict = VerdictDegraded
	case up < total || len(a.Unchecked) > 0:
		a.Verdict = VerdictUnknown // what is read is fine; the rest cannot be
	default:
		a.Verdict = VerdictHealthy
	}
	return a
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
