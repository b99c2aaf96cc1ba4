package alibaba

import "github.com/vpnscope/vpnscope/api"

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
	VerdictDown     Verdict = iota // nothing carries the traffic (locked, no tunnel up, no route, probes failing)
	VerdictDegraded                // traffic flows, with a tunnel, a BGP session or the redundancy lost
	VerdictUnknown                 // status values we cannot read
	VerdictInactive                // being created or removed: not serving, on purpose (api.RankLifecycle)
	VerdictHealthy                 // every tunnel up, BGP and health check fine
)

func (v Verdict) String() string {
	return [...]string{"down", "degraded", "unknown", "inactive", "healthy"}[v]
}

// ConnectionVerdict judges a connection from its state, tunnels, BGP and
// health check.
func ConnectionVerdict(c Connection) Verdict { return AssessConnection(c).Verdict }

// Assessment is a verdict with what could not be checked to reach it: a
// state or status the service left empty or gave in a value vpnscope does
// not know. Unknown is never healthy: a connection whose tunnels are up
// but whose BGP status or own state cannot be read is VerdictUnknown, and
// says so.
type Assessment struct {
	Verdict   Verdict
	Unchecked []string
	facts     connFacts
}

// connFacts is what a connection's parts say, read once, so its verdict
// and its finding (ConnectionFinding) are one judgement and cannot
// disagree.
type connFacts struct {
	state      stateWord
	up, down   []Tunnel // both phases up; a phase known down
	carriers   int      // up tunnels whose BGP session is not down: the ones that route traffic
	bgpUnknown int      // up tunnels whose BGP session cannot be read
	bgpDownUp  []Tunnel // up tunnels whose BGP session is down
	hcDown     bool
	// connBGPDown: the connection's own BGP session (VpnBgpConfig) is
	// down; on a single tunnel it is the tunnel's.
	connBGPDown bool
}

// locked: stopped for an overdue payment (State financialLocked).
func (f connFacts) locked() bool { return f.state.locked }

// inactive: being created or removed, not judged on what it carries
// (api.RankLifecycle).
func (f connFacts) inactive() bool { return !api.RankLifecycle(f.state.lifecycle, false).Judge }

// AssessConnection judges a connection and lists what it could not read.
func AssessConnection(c Connection) Assessment {
	var a Assessment
	st, known := connectionState(c.State)
	a.facts.state = st
	switch {
	case st.locked:
		a.Verdict = VerdictDown
		return a
	case a.facts.inactive():
		a.Verdict = VerdictInactive
		return a
	case !known:
		a.Unchecked = append(a.Unchecked, unknownWord("the connection's state", c.State))
	}
	unreadable := func(what, word string) { a.Unchecked = append(a.Unchecked, unknownWord(what, word)) }
	total := c.tunnelCount()
	for i := range total {
		t := c.tunnelAt(i)
		name := "the tunnel"
		if c.DualTunnel() {
			name = "tunnel " + t.ID
			if _, ok := tunnelStates[t.State]; !ok {
				unreadable("the state of "+name, t.State)
			}
		}
		switch p1, p2 := Phases(t.Status); {
		case p2 == PhaseUp:
			a.facts.up = append(a.facts.up, t)
			switch BGPState(t.BGP) {
			case SessionDown:
				a.facts.bgpDownUp = append(a.facts.bgpDownUp, t)
			case SessionUnknown:
				a.facts.bgpUnknown++
				a.facts.carriers++
			default:
				a.facts.carriers++
			}
		case p1 == PhaseUnknown:
			unreadable(name+"'s status", t.Status)
		default:
			a.facts.down = append(a.facts.down, t)
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
	a.facts.hcDown = HealthState(c.HealthCheck) == SessionDown
	a.facts.connBGPDown = BGPState(c.BGP) == SessionDown
	f := a.facts
	switch {
	case len(f.up) == 0 && len(f.down) > 0:
		a.Verdict = VerdictDown
	case len(f.up) > 0 && f.carriers == 0:
		a.Verdict = VerdictDown // up, but no tunnel routes: every BGP session is down
	case f.hcDown && len(f.down) == 0:
		// Every tunnel up, yet the probes do not come back: traffic does
		// not pass end to end. (With a tunnel down, the failing probe is
		// that tunnel's, and the other carries: redundancy lost.)
		a.Verdict = VerdictDown
	case len(f.down) > 0 || f.connBGPDown || len(f.bgpDownUp) > 0:
		a.Verdict = VerdictDegraded
	case len(f.up) < total || len(a.Unchecked) > 0:
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
