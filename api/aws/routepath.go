package aws

import (
	"net/netip"
	"slices"
)

// The route path of a Site-to-Site connection on a virtual private
// gateway: what sends traffic from the VPC into the connection, as it
// flows — the VPC's route tables, the gateway, the connection and its
// tunnels, the customer's prefixes. A tunnel can be UP with nothing routed
// into it; AWS's guides answer "tunnel up, no traffic" with "check the
// routing" (vpn-route-priority.html, below). The rules that judge it are
// in routepath_rules.go; transit gateways are not read here yet.

// RouteTable is a VPC route table, as DescribeRouteTables gives it.
type RouteTable struct {
	ID    string
	Name  string // the Name tag
	VpcID string
	// Main is the VPC's main route table: "If a subnet is not explicitly
	// associated with any route table, it is implicitly associated with
	// the main route table" (DescribeRouteTables, EC2 API reference).
	Main bool
	// Subnets are the subnets explicitly associated with it; Gateways the
	// gateways edge-associated with it (ingress routing).
	Subnets  []string
	Gateways []string
	// PropagatingVGWs are the virtual private gateways propagating routes
	// into it (PropagatingVgws).
	PropagatingVGWs []string
	Routes          []VPCRoute
}

// VPCRoute is one route of a VPC route table.
type VPCRoute struct {
	Destination string // an IPv4 or IPv6 CIDR, or a prefix list (pl-…)
	Target      string // local, igw-…, vgw-…, nat-…, tgw-…, pcx-…, eni-…, i-…
	Origin      string // CreateRouteTable, CreateRoute, EnableVgwRoutePropagation
	State       string // active, blackhole
}

// A route's origin, as the Route data type (EC2 API reference) names it.
const (
	OriginTable      = "CreateRouteTable"          // made with the table: the local route
	OriginCreated    = "CreateRoute"               // added by hand
	OriginPropagated = "EnableVgwRoutePropagation" // propagated by a virtual private gateway
)

// Propagated reports whether route propagation put the route there.
func (r VPCRoute) Propagated() bool { return r.Origin == OriginPropagated }

// Blackhole reports a route whose target "isn't available (for example,
// the specified gateway isn't attached to the VPC …)" (Route.State, EC2
// API reference): traffic it matches is dropped.
func (r VPCRoute) Blackhole() bool { return r.State == "blackhole" }

// Serves reports whether the table routes some subnet's traffic: the main
// table serves every subnet not associated with another, any other table
// only the subnets associated with it.
func (t RouteTable) Serves() bool { return t.Main || len(t.Subnets) > 0 }

// Propagates reports whether gateway gw propagates routes into the table.
func (t RouteTable) Propagates(gw string) bool { return slices.Contains(t.PropagatingVGWs, gw) }

// RoutesTo are the table's routes whose target is gw, active or not.
func (t RouteTable) RoutesTo(gw string) []VPCRoute {
	var out []VPCRoute
	for _, r := range t.Routes {
		if r.Target == gw {
			out = append(out, r)
		}
	}
	return out
}

// RouteTableQuery is what RouteTables reads: the route tables of one VPC.
type RouteTableQuery struct {
	VpcID string
	// Fresh asks for a read of its own, not one kept from a moment ago
	// (the view's r: the user may have just fixed a route).
	Fresh bool
}

// RouteVPCs are the VPCs whose route tables bear on a gateway's route
// path, in the order the service lists them: those it is attached (or
// attaching) to, where its routes are, and those it is detaching or was
// detached from and the service still lists, where routes to it are
// blackholes.
func RouteVPCs(g VPNGateway) []string {
	var out []string
	for _, a := range g.VPCAttachments {
		if a.VpcID != "" && !slices.Contains(out, a.VpcID) {
			out = append(out, a.VpcID)
		}
	}
	for _, id := range g.VpcIDs { // a gateway built without its attachments' states
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// attachedVPCs are the VPCs the gateway is attached or attaching to: the
// only ones whose routes to it carry traffic.
func attachedVPCs(g VPNGateway) []string {
	if len(g.VPCAttachments) == 0 {
		return g.VpcIDs
	}
	var out []string
	for _, a := range g.VPCAttachments {
		if (a.State == "attached" || a.State == "attaching") && !slices.Contains(out, a.VpcID) {
			out = append(out, a.VpcID)
		}
	}
	return out
}

// RoutePathApplies reports whether a connection's route path is judged:
// one on a virtual private gateway, serving (available), with a tunnel
// up. A connection with every tunnel down carries nothing whatever its
// routes, and its finding already says why.
func RoutePathApplies(c VPNConnection) bool {
	return c.GatewayKind == KindVGW && c.State == "available" && c.TunnelsUp() > 0
}

// CustomerPrefixes are the connection's static routes that send traffic
// into it (pending or available, as the VpnStaticRoute states go): the
// customer's networks as AWS knows them. A BGP connection's prefixes are
// not in the API: only how many each tunnel accepted (AcceptedRouteCount).
func CustomerPrefixes(c VPNConnection) []StaticRoute {
	var out []StaticRoute
	for _, r := range c.Routes {
		if r.State == "available" || r.State == "pending" {
			out = append(out, r)
		}
	}
	return out
}

// Outcomes of one prefix in one route table.
const (
	ToGateway = "gateway"   // to the connection's gateway, active
	Dropped   = "blackhole" // the route that decides it is a blackhole
	Elsewhere = "elsewhere" // to another target
	Local     = "local"     // inside the VPC's own CIDR: the local route wins
	NoRoute   = "none"      // no route matches: the traffic is dropped
)

// TableRoute is how one route table routes one customer prefix.
type TableRoute struct {
	Table   string
	Route   *VPCRoute // the route that decides it; nil when none matches
	Outcome string    // ToGateway, Dropped, Elsewhere, Local, NoRoute
}

// Decide is the route a table uses for traffic to prefix, by the rules of
// "Route tables and AWS Site-to-Site VPN route priority"
// (docs.aws.amazon.com/vpn/latest/s2svpn/vpn-route-priority.html) and
// "How route priority works" (docs.aws.amazon.com/vpc/latest/userguide/
// route-tables-priority.html): the most specific route that holds the
// whole prefix (longest prefix match); a local route that overlaps it wins
// "even if the propagated routes are more specific"; between routes of the
// same prefix, a static route wins over a propagated one. Prefix-list
// routes are not matched: their CIDRs are not in the answer.
func Decide(t RouteTable, gw string, prefix netip.Prefix) TableRoute {
	out := TableRoute{Table: t.ID, Outcome: NoRoute}
	best, bestBits := -1, -1
	for i, r := range t.Routes {
		d, err := netip.ParsePrefix(r.Destination)
		if err != nil || d.Addr().Is4() != prefix.Addr().Is4() {
			continue
		}
		if r.Target == "local" && d.Overlaps(prefix) {
			return TableRoute{Table: t.ID, Route: &t.Routes[i], Outcome: Local}
		}
		if d.Bits() > prefix.Bits() || !d.Contains(prefix.Addr()) {
			continue
		}
		if d.Bits() > bestBits || d.Bits() == bestBits && t.Routes[best].Propagated() && !r.Propagated() {
			best, bestBits = i, d.Bits()
		}
	}
	if best < 0 {
		return out
	}
	r := &t.Routes[best]
	out.Route = r
	switch {
	case r.Blackhole():
		out.Outcome = Dropped
	case r.Target == gw:
		out.Outcome = ToGateway
	default:
		out.Outcome = Elsewhere
	}
	return out
}

// PrefixPath is one customer prefix and how each route table of the
// gateway's attached VPCs routes it.
type PrefixPath struct {
	Prefix string
	State  string // the static route's: pending, available
	Tables []TableRoute
	// Routed: a table that serves subnets sends it to the gateway.
	Routed bool
}

// PrefixPaths routes each of the connection's customer prefixes through
// the tables of the gateway's attached VPCs. While the connection is up, a
// table that propagates from the gateway holds its static prefixes as
// propagated routes ("the static IP prefixes that you specify for your
// VPN configuration are propagated to the route table when the status of
// the Site-to-Site VPN connection is UP", vpn-route-priority.html): an
// answer that does not list one is judged as if it did, so a route in
// place is never called missing for want of a line the service derives.
func PrefixPaths(g VPNGateway, c VPNConnection, tables []RouteTable) []PrefixPath {
	attached := attachedVPCs(g)
	up := c.State == "available" && c.TunnelsUp() > 0
	var out []PrefixPath
	for _, r := range CustomerPrefixes(c) {
		p := PrefixPath{Prefix: r.Destination, State: r.State}
		prefix, err := netip.ParsePrefix(r.Destination)
		for _, t := range tables {
			if !slices.Contains(attached, t.VpcID) {
				continue
			}
			if up && r.State == "available" {
				t = withPropagated(t, g.ID, r.Destination)
			}
			tr := TableRoute{Table: t.ID, Outcome: NoRoute}
			if err == nil {
				tr = Decide(t, g.ID, prefix.Masked())
			}
			p.Tables = append(p.Tables, tr)
			p.Routed = p.Routed || tr.Outcome == ToGateway && t.Serves()
		}
		out = append(out, p)
	}
	return out
}

// withPropagated is t with dest propagated from gw, when t propagates from
// gw and does not list that route already.
func withPropagated(t RouteTable, gw, dest string) RouteTable {
	if !t.Propagates(gw) || slices.ContainsFunc(t.Routes, func(r VPCRoute) bool { return r.Target == gw && r.Destination == dest }) {
		return t
	}
	t.Routes = append(slices.Clone(t.Routes), VPCRoute{Destination: dest, Target: gw, Origin: OriginPropagated, State: "active"})
	return t
}
