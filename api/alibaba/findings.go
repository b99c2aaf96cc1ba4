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
// traffic); with both down, about the connection.
//
// One being created or deleted is ranked by its state alone
// (api.RankLifecycle), as on every provider.
func ConnectionFinding(region string, g Gateway, c Connection) *Finding {
	rank := api.RankLifecycle(connectionLifecycle(c.State), false)
	if !rank.Judge && !rank.Report {
		return nil
	}
	f := newFinding(region, g, "connection", c.ID, c.Name)
	f.ConnectionID, f.ConnectionName = c.ID, c.Name
	if !rank.Judge {
		f.Impact, f.Cause = rank.Impact, stateCause("connection", c.State)
		return &Finding{Finding: f, Connection: &c}
	}
	a := AssessConnection(c)
	f.Unchecked = a.Unchecked
	tunnels := c.Tunnels()
	hcDown := HealthState(c.HealthCheck) == SessionDown
	connBGPDown := BGPState(c.BGP) == SessionDown
	hcCause := func() api.Cause {
		return api.Cause{Phase: "health check", State: "failed", Message: fmt.Sprintf("probes from %s to %s through the tunnel fail",
			orDash(c.HealthCheck.SourceIP), orDash(c.HealthCheck.DestIP))}
	}
	bgpCause := api.Cause{Phase: "bgp", State: "down", Message: "the BGP session is down: routes learned from the peer are withdrawn"}
	tunnelBGPDown := func(t Tunnel) bool { return c.DualTunnel() && BGPState(t.BGP) == SessionDown }

	var down []Tunnel
	for _, t := range tunnels {
		if _, ok := tunnelCause(t); ok {
			down = append(down, t)
		}
	}
	up, _ := TunnelsUp(c)
	switch {
	case len(down) > 0 && up == 0:
		// Nothing carries the traffic: the connection is the thing to fix.
		f.Impact = api.TrafficDown
		worst := down[0]
		for _, t := range down {
			if p1, _ := Phases(t.Status); p1 == PhaseDown {
				worst = t
				break
			}
		}
		f.Cause, _ = tunnelCause(worst)
		if c.DualTunnel() {
			f.TunnelID = worst.ID
			f.Message = fmt.Sprintf("no tunnel is up; tunnel %s: %s", worst.ID, f.Message)
			for _, t := range down {
				if t.ID != worst.ID {
					if cause, _ := tunnelCause(t); cause.Phase != f.Phase {
						cause.Message = "tunnel " + t.ID + ": " + cause.Message
						f.Also = append(f.Also, cause)
					}
				}
			}
		}
		for _, t := range tunnels {
			if tunnelBGPDown(t) {
				cs := causeBGPBehindTunnel
				cs.Message = "tunnel " + t.ID + ": " + cs.Message
				f.Consequences = append(f.Consequences, cs)
			}
		}
		if connBGPDown {
			f.Consequences = append(f.Consequences, causeBGPBehindTunnel)
		}
		if hcDown {
			f.Consequences = append(f.Consequences, causeHealthBehindTunnel)
		}
	case len(down) > 0:
		// One tunnel of two down: the other carries the traffic alone.
		t := down[0]
		f.Resource, f.ResourceID, f.TunnelID = "tunnel", t.ID, t.ID
		f.Impact = api.RedundancyLost
		f.Cause, _ = tunnelCause(t)
		f.Message += "; the other tunnel carries the traffic alone"
		if tunnelBGPDown(t) {
			f.Consequences = append(f.Consequences, causeBGPBehindTunnel)
		}
		if hcDown {
			f.Also = append(f.Also, hcCause())
		}
		if connBGPDown {
			f.Also = append(f.Also, bgpCause)
		}
	case connBGPDown:
		f.Impact, f.Cause = api.Degraded, bgpCause
		if hcDown {
			f.Also = append(f.Also, hcCause())
		}
	case hcDown:
		f.Impact, f.Cause = api.Degraded, hcCause()
		if c.HealthCheck.Policy == "revoke_route" {
			f.Message += ": the routes through this connection are withdrawn (revoke_route)"
		}
	default:
		var bgpDown []Tunnel
		for _, t := range tunnels {
			if tunnelBGPDown(t) {
				bgpDown = append(bgpDown, t)
			}
		}
		switch {
		case len(bgpDown) == 1:
			t := bgpDown[0]
			f.Resource, f.ResourceID, f.TunnelID = "tunnel", t.ID, t.ID
			f.Impact = api.RedundancyLost
			f.Cause = api.Cause{Phase: "bgp", State: "down",
				Message: "the tunnel is up but its BGP session is down: it carries no learned routes, the other tunnel carries them alone"}
		case len(bgpDown) > 1:
			f.Impact = api.Degraded
			f.Cause = api.Cause{Phase: "bgp", State: "down",
				Message: "both tunnels are up but their BGP sessions are down: routes learned from the peer are withdrawn"}
		case len(a.Unchecked) > 0:
			f.Impact = api.Unknown
			f.Cause = api.Cause{Phase: "unchecked", State: "unknown", Message: "could not check " + strings.Join(a.Unchecked, "; ")}
		case rank.Report:
			f.Impact, f.Cause = rank.Impact, stateCause("connection", c.State)
		default:
			return nil
		}
	}
	return &Finding{Finding: f, Connection: &c}
}

// GatewayFinding: a gateway locked for an overdue payment, or not active
// (ranked by api.RankLifecycle, as on every provider).
func GatewayFinding(region string, g Gateway) *Finding {
	f := newFinding(region, g, "gateway", g.ID, g.Name)
	l := gatewayLifecycle(g.Status)
	rank := api.RankLifecycle(l, false)
	switch {
	case g.BusinessStatus == "FinancialLocked":
		f.Impact = api.TrafficDown
		f.Cause = api.Cause{Phase: "status", State: "locked",
			Message: "locked for an overdue payment: every tunnel and SSL client is cut off until it is paid"}
	case rank.Report:
		f.Impact, f.Cause = rank.Impact, stateCause("gateway", g.Status)
		if l == api.UnknownLifecycle {
			f.Unchecked = []string{"the gateway's status"}
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

// Alibaba Cloud's lifecycle words (VPN gateway Status; connection and
// tunnel State in DescribeVpnConnections) onto the lifecycle
// api.RankLifecycle ranks.
var lifecycles = map[string]api.Lifecycle{
	"init": api.Creating, "provisioning": api.Creating,
	"active":   api.Serving,
	"updating": api.Changing, "upgrading": api.Changing,
	"deleting": api.Deleting,
	"deleted":  api.Gone,
}

func gatewayLifecycle(status string) api.Lifecycle {
	if l, ok := lifecycles[status]; ok {
		return l
	}
	return api.UnknownLifecycle
}

// connectionLifecycle: a connection with no lifecycle word is judged on
// its phases, which are what it reports and what is read.
func connectionLifecycle(state string) api.Lifecycle {
	if state == "" {
		return api.Serving
	}
	return gatewayLifecycle(state)
}

// stateCause says what a gateway's or connection's own state means, for
// one that is not simply active.
func stateCause(kind, state string) api.Cause {
	c := api.Cause{Phase: "status", State: state}
	switch gatewayLifecycle(state) {
	case api.Creating:
		c.Message = "being created: not serving yet"
		if kind == "gateway" {
			c.Message = "being created: its connections and SSL clients can use it once it is active"
		}
	case api.Changing:
		c.Message = "being updated: it still serves; configuration changes are refused until it is active"
	case api.Deleting:
		c.Message = "being deleted on purpose: its tunnels are going away"
		if kind == "gateway" {
			c.Message = "being deleted on purpose: its connections and SSL clients go with it"
		}
	default:
		c.State = "unknown"
		c.Message = "the service gave no status for this " + kind
		if state != "" {
			c.Message = fmt.Sprintf("status %q is not one vpnscope knows", state)
		}
	}
	return c
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

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// TunnelStates are the states of c's tunnels, one per tunnel, keyed as
// findings are ("tunnel", the tunnel's id; a single-tunnel connection's
// tunnel has the connection's id), so the state journal keeps each
// tunnel's timeline: StateOK when both phases are up; traffic-down when no
// tunnel of the connection is up; redundancy-lost when its twin is.
func TunnelStates(region string, c Connection) []api.ResourceState {
	up, _ := TunnelsUp(c)
	var out []api.ResourceState
	for i := range c.tunnelCount() {
		t := c.tunnelAt(i)
		s := api.ResourceState{Key: api.ResourceKey("alibaba", region, "tunnel", t.ID), State: api.StateOK}
		switch cause, down := tunnelCause(t); {
		case TunnelUp(t):
		case !down:
			s.State, s.Cause = "unknown", "status"
		case up == 0:
			s.State, s.Cause = "traffic-down", cause.Phase
		default:
			s.State, s.Cause = "redundancy-lost", cause.Phase
		}
		out = append(out, s)
	}
	return out
}

// ToRecord is what a scan's findings put in the state journal: each
// finding (shared, so the journal fills in its since and flapping) and
// each tunnel of a broken connection, so the tunnels view has its
// timeline.
func ToRecord(found []Finding) (findings []*api.Finding, tunnels []api.ResourceState) {
	findings = make([]*api.Finding, len(found))
	for i := range found {
		findings[i] = &found[i].Finding
		if c := found[i].Connection; c != nil {
			tunnels = append(tunnels, TunnelStates(found[i].Region, *c)...)
		}
	}
	return findings, tunnels
}
