package aws

import (
	"fmt"

	"github.com/vpnscope/vpnscope/api"
)

// lifecycles maps AWS's state words (VpnConnection.State, VpnGateway.State,
// TransitGateway.State, ClientVpnEndpointStatus.Code in the EC2 API
// reference) onto the lifecycle api.RankLifecycle ranks. A word not here
// is one no document names: unknown.
var lifecycles = map[string]api.Lifecycle{
	// A Client VPN endpoint "created with a Transit Gateway configuration
	// and ... waiting for the Transit Gateway attachment to be accepted"
	// (API_ClientVpnEndpointStatus); anything else being created.
	"pending":           api.Creating,
	"pending-associate": api.Creating, // a Client VPN endpoint with no target network
	"available":         api.Serving,
	"modifying":         api.Changing, // a transit gateway
	"deleting":          api.Deleting,
	"deleted":           api.Gone,
}

// documentedStates are the states each kind's API reference lists.
var documentedStates = map[string]string{
	"connection": "pending, available, deleting, deleted",                    // VpnConnection.State
	"gateway":    "pending, available, modifying, deleting, deleted",         // VpnGateway, TransitGateway
	"endpoint":   "pending-associate, available, deleting, deleted, pending", // ClientVpnEndpointStatus
}

// StateLifecycle is where an AWS resource in state is in its life.
func StateLifecycle(state string) api.Lifecycle {
	if l, ok := lifecycles[state]; ok {
		return l
	}
	return api.UnknownLifecycle
}

// EndpointServedBefore reports whether a Client VPN endpoint's lists show
// it served: a client connection (the list keeps ended ones for a while),
// or a target network still being disassociated. An endpoint whose last
// target network was removed is pending-associate again, like a new one;
// this tells the two apart.
func EndpointServedBefore(networks []TargetNetwork, conns []Connection) bool {
	if len(conns) > 0 {
		return true
	}
	for _, n := range networks {
		if n.Status == "disassociating" {
			return true
		}
	}
	return false
}

// stateCause says what a resource's own state means, for one that is not
// simply serving. kind is "connection", "gateway" or "endpoint".
func stateCause(kind, state string, servedBefore bool) api.Cause {
	c := api.Cause{Phase: "status", State: state}
	switch StateLifecycle(state) {
	case api.Creating:
		switch {
		case state == "pending-associate" && servedBefore:
			c.Message = "no target network is associated any more: its clients are cut off; associate a subnet again (AssociateClientVpnTargetNetwork)"
		case state == "pending-associate":
			c.Message = "created, but no target network is associated yet: no client can connect until one is (AssociateClientVpnTargetNetwork)"
		case state == "pending" && kind == "endpoint":
			// API_ClientVpnEndpointStatus: pending is this, not "being created".
			c.Message = "waiting for its Transit Gateway attachment to be accepted: it accepts no client until the transit gateway's owner " +
				"accepts the attachment (AcceptTransitGatewayClientVpnAttachment)"
		case kind == "connection":
			c.Message = "being created: not serving yet; its tunnels come up once it is available"
		case kind == "gateway":
			c.Message = "being created: VPN connections can use it once it is available"
		}
	case api.Changing:
		c.Message = "being modified: it still serves; changes are refused until it is available"
	case api.Deleting:
		c.Message = map[string]string{
			"connection": "being deleted on purpose: its tunnels are going away",
			"gateway":    "being deleted on purpose: its VPN connections go with it",
			"endpoint":   "being deleted on purpose: it accepts no client",
		}[kind]
	case api.UnknownLifecycle:
		c.State = "unknown"
		c.Message = fmt.Sprintf("the service gave no state for this %s: whether it serves is unknown", kind)
		if state != "" {
			c.Message = fmt.Sprintf("state %q is not one AWS documents for a %s (%s): whether it serves is unknown",
				state, kind, documentedStates[kind])
		}
	}
	return c
}

// stateUnchecked is what an unknown state leaves unchecked.
func stateUnchecked(kind, state string) []string {
	if StateLifecycle(state) != api.UnknownLifecycle {
		return nil
	}
	return []string{"the " + kind + "'s state"}
}

// TunnelStates are the states of c's tunnels, keyed as tunnel findings are
// (the connection's id / the tunnel's outside IP), so the state journal
// keeps each tunnel's timeline, each read by ReadTunnel as its
// connection's finding reads it: StateOK when it carries traffic; unknown
// when that cannot be told; otherwise traffic-down when no tunnel of the
// connection carries traffic (and none is unknown), redundancy-lost when
// another does. A connection being created or deleted has none: its
// tunnels are down on purpose.
func TunnelStates(region string, c VPNConnection) []api.ResourceState {
	if !api.RankLifecycle(StateLifecycle(c.State), false).Judge {
		return nil
	}
	x := tallyTunnels(c)
	var out []api.ResourceState
	for _, rt := range x.all {
		t, r := rt.Tunnel, rt.r
		s := api.ResourceState{Key: api.ResourceKey("aws", region, "tunnel", c.ID+"/"+t.OutsideIP),
			State: api.TunnelRecordState(r.Carries, r.Unknown, len(x.carrying), len(x.unsure))}
		if s.State != api.StateOK {
			s.Cause = r.Phase
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
