package alibaba

import (
	"fmt"
	"net/netip"
	"strings"
)

// A connection's health check, explained like a phase: what the probe is,
// what its state means given the phases, and what to check. The facts are
// the reference page's (DescribeVpnConnections, VcoHealthCheck): probes
// from Sip to Dip through the tunnel, Interval seconds apart, Retry
// retries, and Policy revoke_route (the advertised routes are withdrawn
// while it fails) or reserve_route (they are kept); and the VPN Gateway
// guide's (refHealthCheck): the probes are ICMP, and a failed check
// resets the tunnel.

// HealthExplanation is a health check explained.
type HealthExplanation struct {
	State   SessionState
	Probe   string // what is sent, from where to where, how often
	Policy  string // what happens to routes when it fails
	Meaning string // what the state means, given the phases
	Checks  []string
	// Unchecked are the settings or states that could not be read.
	Unchecked []string
}

// ExplainHealthCheck explains c's health check, or nil when it is off.
func ExplainHealthCheck(c Connection) *HealthExplanation {
	h := c.HealthCheck
	st := HealthState(h)
	if st == SessionOff {
		return nil
	}
	e := &HealthExplanation{State: st}
	e.Unchecked = blank("the probe's source IP", h.SourceIP, "the probe's destination IP", h.DestIP)
	every := "at an interval the service did not report"
	if h.Interval > 0 {
		every = fmt.Sprintf("every %d s", h.Interval)
	} else {
		e.Unchecked = append(e.Unchecked, "the probe interval")
	}
	retries := ""
	if h.Retry > 0 {
		retries = fmt.Sprintf(", and counts it failed after %d retries without an answer", h.Retry)
	}
	e.Probe = fmt.Sprintf("The gateway sends ICMP echo requests (ping) %s from %s to %s through the tunnel%s; each failed check makes the service reset the tunnel.",
		every, orNone(h.SourceIP), orNone(h.DestIP), retries)
	switch h.Policy {
	case "revoke_route":
		e.Policy = "While it fails, the routes this connection advertises are withdrawn (revoke_route), so traffic can move to another path if there is one."
	case "reserve_route":
		e.Policy = "While it fails, the routes are kept (reserve_route): traffic keeps being sent into this tunnel."
	default:
		e.Unchecked = append(e.Unchecked, "what happens to the routes when it fails")
	}
	up, total := TunnelsUp(c)
	switch {
	case st == SessionUnknown:
		e.Meaning = fmt.Sprintf("The service reports the health check as %q, which vpnscope does not know: it cannot tell whether the probes pass.", h.Status)
		e.Unchecked = append(e.Unchecked, "the health check's state")
	case st == SessionUp:
		e.Meaning = "The probes come back: traffic passes through the tunnel end to end."
		return e
	case up == 0:
		e.Meaning = "The probes fail because no tunnel is up: fix the phase that failed first; the health check follows."
		return e
	case up < total:
		// One tunnel of two down: the failing probe may be that tunnel's
		// (as the finding ranks it: redundancy lost), or the survivor's.
		e.Meaning = fmt.Sprintf("%d of %d tunnels have both phases up, and the probes do not come back: either they still go through the tunnel that is down (fix it first), or traffic does not pass end to end through the one that is up; the service resets the tunnel after each failed check.", up, total)
	default:
		e.Meaning = fmt.Sprintf("All %d tunnels have both phases up, but the probes do not come back through them: traffic does not pass end to end, and the service resets the tunnel after each failed check.", total)
		if total == 1 {
			e.Meaning = "The tunnel has both phases up, but the probes do not come back through it: traffic does not pass end to end, and the service resets the tunnel after each failed check."
		}
	}
	for _, ck := range healthChecks {
		if ck.when == nil || ck.when(c) {
			e.Checks = append(e.Checks, ck.text(c))
		}
	}
	return e
}

// healthCheck is one statement of the health-check checklist, with where
// it comes from.
type healthCheck struct {
	when func(Connection) bool
	text func(Connection) string
	ref  string
}

var healthChecks = []healthCheck{
	{text: func(c Connection) string {
		return fmt.Sprintf("The destination %s exists on the peer's side and answers ICMP echo (ping) from %s: a host or firewall there that drops ping fails the check, and the service then resets a tunnel that works.",
			orNone(c.HealthCheck.DestIP), orNone(c.HealthCheck.SourceIP))
	}, ref: "the seed: Dip, the destination of the probe; " + refHealthCheck},
	{text: func(c Connection) string {
		return fmt.Sprintf("The source %s is an address on this side that is inside the local subnets (%s), so the probe enters the tunnel and the answer has a way back.",
			orNone(c.HealthCheck.SourceIP), cidrList(c.LocalSubnets))
	}, ref: "the seed: Sip; phase 2 carries only traffic between the local and remote subnets"},
	{when: func(c Connection) bool {
		return c.HealthCheck.DestIP != "" && len(c.RemoteSubnets) > 0 && !inSubnets(c.HealthCheck.DestIP, c.RemoteSubnets)
	}, text: func(c Connection) string {
		return fmt.Sprintf("The destination %s is outside the remote subnets (%s): the probe does not match the tunnel's traffic selectors.", c.HealthCheck.DestIP, cidrList(c.RemoteSubnets))
	}, ref: "RFC 7296 §2.9: only traffic within the selectors goes through the SA"},
	{text: func(Connection) string {
		return "The peer has a route back to the source through the tunnel, not through its internet link."
	}, ref: "routing: the answer must come back the way the probe went"},
	{when: func(c Connection) bool { return c.HealthCheck.Interval > 0 && c.HealthCheck.Retry > 0 }, text: func(c Connection) string {
		return fmt.Sprintf("Interval %d s and %d retries are not too tight for the path's loss and latency.", c.HealthCheck.Interval, c.HealthCheck.Retry)
	}, ref: "the seed: Interval, Retry"},
}

func inSubnets(ip string, cidrs []string) bool {
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(strings.TrimSpace(c))
		a, err2 := netip.ParseAddr(ip)
		if err == nil && err2 == nil && p.Contains(a) {
			return true
		}
	}
	return false
}
