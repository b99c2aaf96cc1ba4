package alibaba

import (
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// Judging one resource into at most one finding: its worst cause, what
// follows from that cause as consequences, its other causes as "also",
// and what could not be read as unchecked.

// The causes, worded once. Phase 1 is IKE, phase 2 the IPsec (child) SA
// that carries the traffic (RFC 7296 §1.1.2; IKEv1: RFC 2409).
var (
	causeBGPBehindTunnel = api.Cause{Phase: "bgp", State: "down",
		Message: "the BGP session runs inside the tunnel, so it is down with it"}
	causeHealthBehindTunnel = api.Cause{Phase: "health check", State: "failed",
		Message: "its probes go through the tunnel, so they fail while no tunnel is up"}
	causeBGPConnection = api.Cause{Phase: "bgp", State: "down", Message: "the BGP session is down: routes learned from the peer are withdrawn"}
	// The tunnels of a locked connection are down because it is stopped,
	// not because of a setting.
	causeTunnelsBehindLock = api.Cause{Phase: "tunnel", State: "down", Message: "no tunnel negotiates while it is locked"}
)

func phase1Cause(t Tunnel) api.Cause {
	what := "the pre-shared key, IKE version, identifiers or phase 1 proposal"
	if t.IKE.Version == "ikev1" {
		what = "the pre-shared key, IKE version, negotiation mode (main or aggressive), identifiers or phase 1 proposal"
	}
	return api.Cause{Phase: "phase 1", State: t.Status,
		Message: "IKE SA not established: the peer does not answer, or the two ends differ on " + what}
}

func phase2Cause(t Tunnel) api.Cause {
	return api.Cause{Phase: "phase 2", State: t.Status,
		Message: "IKE is up but the IPsec SA is not: the ends differ on the subnets (traffic selectors), the phase 2 proposal or PFS"}
}

// tunnelCause is why tunnel t carries no traffic, and whether it is known.
func tunnelCause(t Tunnel) (api.Cause, bool) {
	switch p1, p2 := Phases(t.Status); {
	case p1 == PhaseDown:
		return phase1Cause(t), true
	case p2 == PhaseDown:
		return phase2Cause(t), true
	}
	return api.Cause{}, false
}

func newFinding(region string, g Gateway, resource, id, name string) api.Finding {
	return api.Finding{Provider: "alibaba", Region: region, Resource: resource, ResourceID: id, ResourceName: name,
		GatewayID: g.ID, GatewayName: g.Name}
}

// ConnectionFinding judges one connection: nil when it is healthy and
// every part of it could be read. A dual-tunnel connection with one tunnel
// down is a finding about that tunnel (the connection still carries
// traffic, through the other); with nothing carrying the traffic, about
// the connection. The impact is api/finding.go's: traffic down when no
// tunnel carries it (locked, no tunnel up, no up tunnel with its BGP
// session, or probes that do not come back), redundancy lost when the last
// path carries it, degraded when routes fail beside a working path.
//
// One being created or removed is ranked by its state alone
// (api.RankLifecycle), as on every provider; one locked for an overdue
// payment, by the lock.
func ConnectionFinding(region string, g Gateway, c Connection) *Finding {
	a := AssessConnection(c)
	j := a.facts
	f := newFinding(region, g, "connection", c.ID, c.Name)
	f.ConnectionID, f.ConnectionName = c.ID, c.Name
	found := &Finding{Finding: f, Connection: &c}
	if j.locked() || gatewayLocked(g) {
		found.Impact, found.Cause = api.TrafficDown, lockCause(c, g)
		if len(j.up) == 0 {
			found.Consequences = append(found.Consequences, causeTunnelsBehindLock)
		}
		return found
	}
	rank := api.RankLifecycle(j.state.lifecycle, false)
	if !rank.Judge {
		if !rank.Report {
			return nil
		}
		found.Impact, found.Cause = rank.Impact, stateCause("connection", c.State)
		return found
	}
	found.Unchecked = a.Unchecked
	if !judgeConnection(&found.Finding, c, j, a.Unchecked) {
		if !rank.Report {
			return nil
		}
		found.Impact, found.Cause = rank.Impact, stateCause("connection", c.State)
	}
	return found
}

// judgeConnection fills f from what c's parts say (j), in the order the
// verdict (AssessConnection) takes them; false when nothing is wrong.
func judgeConnection(f *api.Finding, c Connection, j connFacts, unchecked []string) bool {
	prefixed := func(cs api.Cause, t Tunnel) api.Cause {
		if !t.Synthetic {
			cs.Message = "tunnel " + t.ID + ": " + cs.Message
		}
		return cs
	}
	// The causes of the tunnels that are down, worst (phase 1) first, and
	// what follows from each (the BGP session inside it).
	downCauses := func() (causes, behind []api.Cause) {
		var phase2 []api.Cause
		for _, t := range j.down {
			cs, _ := tunnelCause(t)
			if p1, _ := Phases(t.Status); p1 == PhaseDown {
				causes = append(causes, prefixed(cs, t))
			} else {
				phase2 = append(phase2, prefixed(cs, t))
			}
			if c.DualTunnel() && BGPState(t.BGP) == SessionDown {
				behind = append(behind, prefixed(causeBGPBehindTunnel, t))
			}
		}
		return append(causes, phase2...), behind
	}
	switch {
	case len(j.up) == 0 && len(j.down) > 0:
		// Nothing carries the traffic: the connection is the thing to fix.
		f.Impact = api.TrafficDown
		causes, behind := downCauses()
		f.Cause, f.Also = causes[0], dedupePhase(causes[1:], causes[0].Phase)
		if c.DualTunnel() {
			f.TunnelID = j.down[0].ID
			for _, t := range j.down {
				if p1, _ := Phases(t.Status); p1 == PhaseDown {
					f.TunnelID = t.ID
					break
				}
			}
			f.Message = "no tunnel is up; " + f.Message
		}
		f.Consequences = behind
		if j.connBGPDown {
			f.Consequences = append(f.Consequences, causeBGPBehindTunnel)
		}
		if j.hcDown {
			f.Consequences = append(f.Consequences, causeHealthBehindTunnel)
		}
	case len(j.up) > 0 && j.carriers == 0:
		// Up, but every up tunnel's BGP session is down: no route is learned
		// through any of them, so none carries the traffic.
		f.Impact = api.TrafficDown
		f.Cause = bgpNoCarrierCause(c, j)
		causes, behind := downCauses()
		f.Also, f.Consequences = causes, behind
		if j.hcDown {
			f.Also = append(f.Also, healthCause(c))
		}
	case j.hcDown && len(j.down) == 0:
		// Every tunnel up, yet the probes do not come back.
		f.Impact, f.Cause = api.TrafficDown, healthCause(c)
		if j.connBGPDown {
			f.Also = append(f.Also, causeBGPConnection)
		}
	case len(j.down) > 0:
		// A tunnel of two down, the other up and routing: it carries the
		// traffic alone, as far as its BGP session can be read.
		t := j.down[0]
		f.Resource, f.ResourceID, f.TunnelID = "tunnel", t.ID, t.ID
		f.Impact = api.RedundancyLost
		f.Cause, _ = tunnelCause(t)
		switch {
		case j.bgpUnknown > 0:
			f.Message += "; the other tunnel is up, but its BGP session could not be read: whether it carries the traffic is unknown"
		case j.hcDown:
			f.Message += "; the other tunnel is up, but the health check's probes fail too"
		default:
			f.Message += "; the other tunnel carries the traffic alone"
		}
		if BGPState(t.BGP) == SessionDown {
			f.Consequences = append(f.Consequences, causeBGPBehindTunnel)
		}
		if j.hcDown {
			f.Also = append(f.Also, healthCause(c))
		}
		if j.connBGPDown {
			f.Also = append(f.Also, causeBGPConnection)
		}
	case j.connBGPDown:
		f.Impact, f.Cause = api.Degraded, causeBGPConnection
	case len(j.bgpDownUp) > 0:
		t := j.bgpDownUp[0]
		f.Resource, f.ResourceID, f.TunnelID = "tunnel", t.ID, t.ID
		f.Impact = api.RedundancyLost
		f.Cause = api.Cause{Phase: "bgp", State: "down",
			Message: "the tunnel is up but its BGP session is down: it carries no learned routes, the other tunnel carries them alone"}
	case len(unchecked) > 0:
		f.Impact = api.Unknown
		f.Cause = api.Cause{Phase: "unchecked", State: "unknown", Message: "could not check " + strings.Join(unchecked, "; ")}
	default:
		return false
	}
	return true
}

// dedupePhase drops the causes of the phase the lead cause already names.
func dedupePhase(cs []api.Cause, phase string) []api.Cause {
	var out []api.Cause
	for _, c := range cs {
		if c.Phase != phase {
			out = append(out, c)
		}
	}
	return out
}

// bgpNoCarrierCause: the tunnels that are up all have their BGP session
// down. A tunnel that is up but learns no route carries nothing (the
// routes are BGP's: refBGP), so it is no survivor.
func bgpNoCarrierCause(c Connection, j connFacts) api.Cause {
	cs := api.Cause{Phase: "bgp", State: "down"}
	switch {
	case !c.DualTunnel():
		cs.Message = "the tunnel is up but its BGP session is down: no route is learned through it, so it carries nothing"
	case len(j.down) > 0:
		cs.Message = fmt.Sprintf("tunnel %s is up but its BGP session is down: no route is learned through it, so it carries nothing while its twin is down", j.bgpDownUp[0].ID)
	default:
		cs.Message = "both tunnels are up but their BGP sessions are down: no route is learned through either, so they carry nothing"
	}
	return cs
}

// healthCause: the health check fails with a tunnel up. Its probes are
// ICMP from Sip to Dip through the tunnel, so traffic does not pass end
// to end; and each failed check makes the service reset the tunnel
// (refHealthCheck), which breaks what might pass.
func healthCause(c Connection) api.Cause {
	h := c.HealthCheck
	msg := fmt.Sprintf("ICMP probes from %s to %s through the tunnel get no answer: traffic does not pass end to end, and the service resets the tunnel each time the check fails",
		api.OrDash(h.SourceIP), api.OrDash(h.DestIP))
	if h.Policy == "revoke_route" {
		msg += "; the routes through this connection are withdrawn (revoke_route)"
	}
	return api.Cause{Phase: "health check", State: "failed", Message: msg}
}

// lockCause: the connection, or its VPN gateway, is locked for an overdue
// payment. The lock, not the key: nothing about IKE or the peer.
func lockCause(c Connection, g Gateway) api.Cause {
	if st, _ := connectionState(c.State); st.locked {
		return api.Cause{Phase: "status", State: c.State, Message: st.meaning}
	}
	return api.Cause{Phase: "status", State: "locked",
		Message: "its VPN gateway is locked for an overdue payment: the service has stopped it, so no tunnel negotiates until the account's overdue payment is settled; nothing on the peer or in the IPsec settings will bring it back"}
}

// GatewayFinding: a gateway locked for an overdue payment, or not active
// (ranked by api.RankLifecycle, as on every provider).
func GatewayFinding(region string, g Gateway) *Finding {
	f := newFinding(region, g, "gateway", g.ID, g.Name)
	l := gatewayLifecycle(g.Status)
	rank := api.RankLifecycle(l, false)
	switch {
	case gatewayLocked(g):
		f.Impact = api.TrafficDown
		f.Cause = api.Cause{Phase: "status", State: "locked",
			Message: "locked for an overdue payment: every tunnel and SSL client is cut off until it is paid"}
	case rank.Report:
		f.Impact, f.Cause = rank.Impact, stateCause("gateway", g.Status)
		if l == api.UnknownLifecycle {
			// Unknown outranks a note (api/finding.go): a status no
			// document names may hide a gateway that is down.
			f.Impact, f.Unchecked = api.Unknown, []string{unknownWord("the gateway's status", g.Status)}
		}
	default:
		return nil
	}
	return &Finding{Finding: f}
}

// GatewayScanFinding is the gateway's one finding in a scan: its own
// (GatewayFinding), with what could not be read about it (its
// connections, its SSL server) folded in; unknown, never nothing, when
// only that is wrong.
func GatewayScanFinding(region string, g Gateway, unread []api.Unread) *Finding {
	return withUnread(GatewayFinding(region, g), newFinding(region, g, "gateway", g.ID, g.Name), unread)
}

// RegionFinding is a region whose gateways or IPsec servers could not be
// read: unknown, saying what and what to do; nil when all was read.
func RegionFinding(region string, unread []api.Unread) *Finding {
	f := api.Finding{Provider: "alibaba", Region: region, Resource: "region", ResourceID: region, ResourceName: region}
	return withUnread(nil, f, unread)
}

// AccountFinding is the account whose regions could not be listed: no
// region was checked.
func AccountFinding(err error) *Finding {
	f := api.Finding{Provider: "alibaba", Resource: "account", ResourceName: "every region"}
	return withUnread(nil, f, []api.Unread{{What: "the list of regions (so no region was checked)", Err: err}})
}

// withUnread folds what could not be read about a resource into its
// finding f (nil: none yet, base says which resource): the unknown leads
// over a note, follows anything worse as "also"; Unchecked and Reason say
// what and why.
func withUnread(f *Finding, base api.Finding, unread []api.Unread) *Finding {
	if len(unread) == 0 {
		return f
	}
	cause, reason := api.UnreadCause("vpc", unread)
	switch {
	case f == nil:
		base.Impact, base.Cause = api.Unknown, cause
		f = &Finding{Finding: base}
	case f.Impact > api.Unknown:
		f.Also = append([]api.Cause{f.Cause}, f.Also...)
		f.Impact, f.Cause = api.Unknown, cause
	default:
		f.Also = append(f.Also, cause)
	}
	for _, u := range unread {
		f.Unchecked = append(f.Unchecked, u.What)
	}
	f.Reason = reason
	return f
}

// CapacityFinding: an SSL or IPsec server at or near its connection limit.
func CapacityFinding(region, gatewayID, gatewayName, resource, id, name string, used, limit int, near float64) *Finding {
	if limit <= 0 || float64(used) < near*float64(limit) {
		return nil
	}
	f := newFinding(region, Gateway{ID: gatewayID, Name: gatewayName}, resource, id, name)
	f.ServerID = id
	f.Impact = api.Note
	f.Cause = api.Cause{Phase: "capacity", State: fmt.Sprintf("%d/%d", used, limit),
		Message: fmt.Sprintf("%d%% of its connection limit in use: new clients will be refused at %d", used*100/limit, limit)}
	if used >= limit {
		f.Impact = api.Degraded
		f.Message = fmt.Sprintf("at its connection limit (%d): new clients are refused", limit)
	}
	return &Finding{Finding: f}
}

// TunnelStates are the states of c's tunnels, one per tunnel, keyed as
// findings are ("tunnel", the tunnel's id; a single-tunnel connection's
// tunnel has the connection's id), so the state journal keeps each
// tunnel's timeline, judged as the connection's finding is: StateOK when
// it carries traffic; traffic-down when no tunnel of the connection does
// (none up, or none up with its BGP session), or the connection is locked;
// redundancy-lost when another still does; a note for a connection being
// created or removed; unknown when its status cannot be read.
func TunnelStates(region string, c Connection) []api.ResourceState {
	j := AssessConnection(c).facts
	var out []api.ResourceState
	for i := range c.tunnelCount() {
		t := c.tunnelAt(i)
		s := api.ResourceState{Key: api.ResourceKey("alibaba", region, "tunnel", t.ID), State: api.StateOK}
		// Not carrying, and not unknown: lost while another carries, down
		// when none does.
		lost := api.TunnelRecordState(false, false, j.carriers, 0)
		switch cause, down := tunnelCause(t); {
		case j.locked():
			s.State, s.Cause = api.TrafficDown.Word(), "status"
		case j.inactive() && !TunnelUp(t):
			s.State, s.Cause = api.Note.Word(), "status"
		case TunnelUp(t) && BGPState(t.BGP) == SessionDown:
			s.State, s.Cause = lost, "bgp"
		case TunnelUp(t):
		case !down:
			s.State, s.Cause = api.Unknown.Word(), "status"
		default:
			s.State, s.Cause = lost, cause.Phase
		}
		out = append(out, s)
	}
	return out
}

// Record is the finding as the state journal keeps it (api.ToRecord):
// shared, so the journal fills in its since and flapping, and the tunnels
// of its connection, if it is about one, so each tunnel has its timeline.
func (f *Finding) Record() (*api.Finding, []api.ResourceState) {
	if f.Connection == nil {
		return &f.Finding, nil
	}
	return &f.Finding, TunnelStates(f.Region, *f.Connection)
}
