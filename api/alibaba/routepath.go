package alibaba

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// The route path of an IPsec-VPN connection on a VPN gateway: what sends
// traffic from the VPC into the connection, as it flows — the VPC's route
// tables (entries whose next hop is the gateway), the gateway's own routes
// (destination-based, BGP and policy-based, each with a connection as its
// next hop), the connection and its tunnels, the customer's subnets. Phase
// 2 can be up with nothing routed into it: Alibaba's IPsec-VPN FAQ answers
// "phase 2 succeeded but the ECS instances cannot reach the data center"
// with "check the routes" of the VPN gateway and of the VPC. The rules
// that judge it are in routepath_rules.go.

// Route kinds, as the service names them: DescribeVpnRouteEntries'
// RouteEntryType (custom, bgp) and DescribeVpnPbrRouteEntries' (pbr).
const (
	RouteCustom = "custom" // a destination-based route (CreateVpnRouteEntry)
	RouteBGP    = "bgp"    // learned from the peer over BGP
	RoutePolicy = "pbr"    // a policy-based route (CreateVpnPbrRouteEntry)
)

// VPNRoute is one route of a VPN gateway.
type VPNRoute struct {
	Kind     string // RouteCustom, RouteBGP, RoutePolicy
	Dest     string // RouteDest
	Source   string // RouteSource: a policy-based route's source CIDR
	NextHop  string // the connection (vco-…) it sends traffic into
	TunnelID string // NextHopTunnelId, when the service names one
	Weight   int
	Priority int // a policy-based route's
	// State is "published" when the route is advertised to the VPC's route
	// table, "normal" when it is not (DescribeVpnRouteEntries, State;
	// PublishVpnRouteEntry advertises or withdraws it).
	State  string
	AsPath string // a BGP route's
}

// Published reports whether the route is advertised to the VPC.
func (r VPNRoute) Published() bool { return strings.EqualFold(r.State, "published") }

// RouteQuery is what VPNRoutes reads: a gateway's routes of one kind.
type RouteQuery struct {
	GatewayID string
	Kind      string // RouteCustom, RouteBGP, RoutePolicy
	// Fresh asks for a read of its own, not one kept from a moment ago
	// (the view's r: the user may have just fixed a route).
	Fresh bool
}

// RouteTable is a VPC route table, as DescribeRouteTableList gives it,
// with its entries whose next hop is the gateway asked about.
type RouteTable struct {
	ID   string
	Name string
	// Type is System (the VPC's own table, which serves every vSwitch not
	// associated with a custom one, and where PublishVpnRouteEntry puts
	// routes) or Custom (it serves only its vSwitches).
	Type      string
	VSwitches []string
	Entries   []RouteEntry
}

// System reports whether t is the VPC's system route table.
func (t RouteTable) System() bool { return strings.EqualFold(t.Type, "System") }

// RouteEntry is one entry of a VPC route table (DescribeRouteEntryList).
type RouteEntry struct {
	ID          string
	Name        string
	Dest        string // DestinationCidrBlock
	Type        string // System, Custom, BGP, …
	Status      string // Available, Pending, Modifying
	NextHopType string // VpnGateway for a route to a VPN gateway
	NextHopID   string
}

// RouteTableQuery is what RouteTableList reads: a VPC's route tables.
type RouteTableQuery struct {
	VpcID string
	Fresh bool
}

// RouteEntryQuery is what RouteEntries reads: a table's entries whose
// next hop is one VPN gateway.
type RouteEntryQuery struct {
	TableID   string
	GatewayID string
	Fresh     bool
}

// RoutePath is what was read of a connection's route path: each part
// with the error that kept it unread.
type RoutePath struct {
	Gateway    Gateway
	Connection Connection
	// Routes are the gateway's routes by kind; RouteErrs the kinds that
	// could not be read.
	Routes    map[string][]VPNRoute
	RouteErrs map[string]error
	Tables    []RouteTable
	TablesErr error
	// NotServed are the route actions the endpoint does not serve at all
	// (InvalidApi.NotFound: a region or a cloud without them), which are
	// not failed reads. A kind of route it does not serve is none there.
	// When it serves no route table action, the VPC hop is what each
	// gateway route's State says: published is "advertised to the VPC
	// route table" (DescribeVpnRouteEntries and DescribeVpnPbrRouteEntries,
	// State), in its system route table (PublishVpnRouteEntry).
	NotServed []string
}

// TablesNotServed reports an endpoint that serves no route table action,
// so the VPC hop is read from the routes' State.
func (p RoutePath) TablesNotServed() bool {
	return slices.ContainsFunc(p.NotServed, func(a string) bool {
		return a == "DescribeRouteTableList" || a == "DescribeRouteEntryList"
	})
}

// RouteKinds are the kinds of gateway route read for a route path, in
// the order the view shows them.
var RouteKinds = []string{RouteCustom, RouteBGP, RoutePolicy}

// RouteAction is the call that reads a kind of route, for what to grant.
func RouteAction(kind string) string {
	if kind == RoutePolicy {
		return "DescribeVpnPbrRouteEntries"
	}
	return "DescribeVpnRouteEntries"
}

// RoutePathApplies reports whether a connection's route path is judged:
// one on a VPN gateway (one attached to a transit router is routed by the
// transit router's tables, not read here), serving (being updated still
// serves), with phase 2 up in a
// tunnel. A connection with no tunnel up carries nothing whatever its
// routes, and its finding already says why.
func RoutePathApplies(c Connection) bool {
	if c.GatewayID == "" {
		return false
	}
	st, known := connectionState(c.State)
	if !known || st.locked || st.lifecycle != api.Serving && st.lifecycle != api.Changing {
		return false
	}
	up, _ := TunnelsUp(c)
	return up > 0
}

// routeHolds reports whether route destination dest holds all of subnet.
func routeHolds(dest string, subnet netip.Prefix) bool {
	d, err := netip.ParsePrefix(strings.TrimSpace(dest))
	if err != nil || d.Addr().Is4() != subnet.Addr().Is4() {
		return false
	}
	return d.Bits() <= subnet.Bits() && d.Masked().Contains(subnet.Addr())
}
