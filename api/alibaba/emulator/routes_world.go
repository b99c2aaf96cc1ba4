package emulator

import (
	"fmt"
	"strings"
)

// The route path of each connection on a VPN gateway: the gateway's
// destination-based, BGP and policy-based routes, and the VPC route
// tables that send traffic to the gateway. Most connections have their
// routes in place, as a working account's do: a destination-based route
// to each remote subnet through the connection, published to the VPC
// (CreateVpnRouteEntry with PublishVpc true), so the VPC's system route
// table holds an entry for it whose next hop is the gateway
// (PublishVpnRouteEntry: "publish destination routes or policy routes to
// the system route table of a VPC"); a BGP connection whose session is up
// has also learned its remote subnets by BGP, published when the gateway
// propagates automatically (AutoPropagate).
//
// staging-hz's connections with phase 2 up hold the other cases, by their
// order among those (routeCases): one in place, one whose last remote
// subnet no route sends anywhere, one whose routes are not published, one
// routed by policy. Nothing here is drawn from a random stream, so every
// id of the world stays what it was; routes are made the first time a
// gateway's are asked for (a scale gateway's hundred thousand
// connections cost nothing until then).

// routeCase is how a connection's routes differ from the working default.
type routeCase int

const (
	routesInPlace     routeCase = iota
	routesLastUnset             // its last remote subnet has no route at all
	routesUnpublished           // its routes are not published to the VPC
	routesPolicy                // policy-based routes, published
)

// routeCases are staging-hz's cases, by the order of its connections with
// phase 2 up.
var routeCases = []routeCase{routesInPlace, routesLastUnset, routesUnpublished, routesPolicy}

// RouteCaseGateway is the gateway whose connections hold the route cases.
const RouteCaseGateway = "staging-hz"

// vpnRouteEntry is one destination-based or BGP route of a gateway, as
// DescribeVpnRouteEntries gives it (VpnRouteEntries.VpnRouteEntry[]).
type vpnRouteEntry struct {
	VpnInstanceId   string
	RouteDest       string
	NextHop         string
	NextHopTunnelId string `json:",omitempty"`
	Weight          int
	State           string // published, normal
	RouteEntryType  string // custom, bgp
	AsPath          string `json:",omitempty"`
	Community       string `json:",omitempty"`
	Source          string `json:",omitempty"`
	CreateTime      int64
}

// vpnPbrRouteEntry is one policy-based route, as DescribeVpnPbrRouteEntries
// gives it (VpnPbrRouteEntries.VpnPbrRouteEntry[]).
type vpnPbrRouteEntry struct {
	VpnInstanceId   string
	RouteSource     string
	RouteDest       string
	NextHop         string
	NextHopTunnelId string `json:",omitempty"`
	Weight          int
	Priority        int
	State           string // published, normal
	CreateTime      int64
}

// gatewayRoutes are one gateway's routes.
type gatewayRoutes struct {
	custom, bgp []vpnRouteEntry
	pbr         []vpnPbrRouteEntry
}

// routesOf are gateway g's routes, made on first use.
func (r *regionData) routesOf(g *gateway) *gatewayRoutes {
	if r.routes == nil {
		r.routes = map[string]*gatewayRoutes{}
	}
	if gr := r.routes[g.VpnGatewayId]; gr != nil {
		return gr
	}
	gr := &gatewayRoutes{}
	cases := r.routeCasesOf(g)
	add := func(c *connection) {
		routeConnection(gr, g, c, cases[c.VpnConnectionId])
	}
	if r.scale.gateway == g {
		for j := range r.scale.count {
			add(r.scale.connection(j))
		}
	}
	for _, c := range r.connections[g.VpnGatewayId] {
		add(c)
	}
	r.routes[g.VpnGatewayId] = gr
	return gr
}

// routeCasesOf are the cases of g's connections: staging-hz's, by the
// order of its connections with phase 2 up; none elsewhere.
func (r *regionData) routeCasesOf(g *gateway) map[string]routeCase {
	out := map[string]routeCase{}
	if g.Name != RouteCaseGateway {
		return out
	}
	n := 0
	for _, c := range r.connections[g.VpnGatewayId] {
		if n < len(routeCases) && c.phase2Up() {
			out[c.VpnConnectionId] = routeCases[n]
			n++
		}
	}
	return out
}

// phase2Up reports whether some tunnel of c has phase 2 up.
func (c *connection) phase2Up() bool {
	if c.TunnelOptionsSpecification == nil {
		return c.Status == "ipsec_sa_established"
	}
	for _, t := range c.TunnelOptionsSpecification.TunnelOptions {
		if t.Status == "ipsec_sa_established" {
			return true
		}
	}
	return false
}

// bgpUp reports whether c has a BGP session up, over it or a tunnel.
func (c *connection) bgpUp() bool {
	if c.VpnBgpConfig.EnableBgp == "true" && c.VpnBgpConfig.Status == "success" {
		return true
	}
	if c.TunnelOptionsSpecification != nil && c.EnableTunnelsBgp {
		for _, t := range c.TunnelOptionsSpecification.TunnelOptions {
			if t.TunnelBgpConfig.BgpStatus == "success" {
				return true
			}
		}
	}
	return false
}

// routeConnection adds c's routes to gr, as case rc has them.
func routeConnection(gr *gatewayRoutes, g *gateway, c *connection, rc routeCase) {
	subnets := splitList(c.RemoteSubnet)
	if rc == routesLastUnset && len(subnets) > 0 {
		subnets = subnets[:len(subnets)-1]
	}
	state := "published"
	if rc == routesUnpublished {
		state = "normal"
	}
	at := c.CreateTime + 60_000 // a minute after the connection
	for _, dest := range subnets {
		if rc == routesPolicy {
			for _, src := range splitList(c.LocalSubnet) {
				gr.pbr = append(gr.pbr, vpnPbrRouteEntry{VpnInstanceId: g.VpnGatewayId, RouteSource: src, RouteDest: dest,
					NextHop: c.VpnConnectionId, Weight: 100, Priority: 10, State: state, CreateTime: at})
			}
			continue
		}
		gr.custom = append(gr.custom, vpnRouteEntry{VpnInstanceId: g.VpnGatewayId, RouteDest: dest, NextHop: c.VpnConnectionId,
			Weight: 100, State: state, RouteEntryType: "custom", CreateTime: at})
		if c.bgpUp() && rc == routesInPlace {
			bgpState := "normal"
			if g.AutoPropagate {
				bgpState = "published"
			}
			gr.bgp = append(gr.bgp, vpnRouteEntry{VpnInstanceId: g.VpnGatewayId, RouteDest: dest, NextHop: c.VpnConnectionId,
				Weight: 100, State: bgpState, RouteEntryType: "bgp", AsPath: c.VpnBgpConfig.PeerAsn, CreateTime: at})
		}
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// routeTable is one VPC route table, as DescribeRouteTableList gives it
// (RouterTableList.RouterTableListType[]).
type routeTable struct {
	VpcId          string
	RouterId       string
	RouterType     string // VRouter
	RouteTableId   string
	RouteTableName string
	RouteTableType string // System, Custom
	Status         string // Available
	CreationTime   string
	Description    string
	VSwitchIds     struct{ VSwitchId []string }
}

// vpcRouteEntry is one entry of a route table, as DescribeRouteEntryList
// gives it (RouteEntrys.RouteEntry[]).
type vpcRouteEntry struct {
	RouteTableId         string
	RouteEntryId         string
	RouteEntryName       string
	DestinationCidrBlock string
	Type                 string // Custom, System, BGP, CEN, ECR
	Status               string // Pending, Available, Modifying
	IpVersion            string
	NextHops             struct{ NextHop []vpcNextHop }
}

// vpcNextHop is one next hop of an entry. Enabled and Weight are "returned
// when the next hop type is set to RouterInterface" (the SDK for Java's
// DescribeRouteEntryListResponseBody): never here.
type vpcNextHop struct {
	NextHopType string // VpnGateway, Instance, ...
	NextHopId   string
	Enabled     int `json:",omitempty"`
	Weight      int `json:",omitempty"`
}

// tablesOf are the route tables of vpc: its system table, named after the
// VPC. Its entries are made when asked for (entriesOf).
func (r *regionData) tablesOf(vpc string) []routeTable {
	var vsw []string
	found := false
	for _, g := range r.gateways {
		if g.VpcId == vpc {
			found = true
			vsw = append(vsw, g.VSwitchId)
		}
	}
	if !found {
		return nil
	}
	suffix := strings.TrimPrefix(vpc, "vpc-")
	t := routeTable{VpcId: vpc, RouterId: "vrt-" + suffix, RouterType: "VRouter", RouteTableId: "vtb-" + suffix,
		RouteTableType: "System", Status: "Available", CreationTime: "2024-03-01T08:00:00Z"}
	t.VSwitchIds.VSwitchId = vsw
	return []routeTable{t}
}

// tableByID finds a route table of the region by id.
func (r *regionData) tableByID(id string) *routeTable {
	for _, g := range r.gateways {
		for _, t := range r.tablesOf(g.VpcId) {
			if t.RouteTableId == id {
				return &t
			}
		}
	}
	return nil
}

// entriesOf are table t's entries: the system routes of its vSwitches, and
// one entry per destination a gateway of its VPC has published, whose
// next hop is that gateway.
func (r *regionData) entriesOf(t *routeTable) []vpcRouteEntry {
	var out []vpcRouteEntry
	suffix := strings.TrimPrefix(t.RouteTableId, "vtb-")
	entry := func(dest, typ, hopType, hop string) {
		e := vpcRouteEntry{RouteTableId: t.RouteTableId, RouteEntryId: fmt.Sprintf("rte-%s%04d", suffix[:min(len(suffix), 8)], len(out)+1),
			DestinationCidrBlock: dest, Type: typ, Status: "Available", IpVersion: "ipv4"}
		e.NextHops.NextHop = []vpcNextHop{{NextHopType: hopType, NextHopId: hop}}
		out = append(out, e)
	}
	entry("100.64.0.0/10", "System", "local", "")
	for _, g := range r.gateways {
		if g.VpcId != t.VpcId {
			continue
		}
		gr := r.routesOf(g)
		seen := map[string]bool{}
		publish := func(dest, typ string) {
			if !seen[dest] {
				seen[dest] = true
				entry(dest, typ, "VpnGateway", g.VpnGatewayId)
			}
		}
		for _, e := range gr.custom {
			if e.State == "published" {
				publish(e.RouteDest, "Custom")
			}
		}
		for _, e := range gr.pbr {
			if e.State == "published" {
				publish(e.RouteDest, "Custom")
			}
		}
		for _, e := range gr.bgp {
			if e.State == "published" {
				publish(e.RouteDest, "BGP")
			}
		}
	}
	return out
}

// routeUnhealthy reports whether c, on a gateway with phase 2 up, has a
// remote subnet without both a route into it at the gateway and an entry
// to the gateway in its VPC's route tables: traffic from the VPC does not
// reach the peer. Exact destinations only: the world routes each subnet
// by its own CIDR.
func (r *regionData) routeUnhealthy(c *connection) bool {
	g := r.gateway(c.VpnGatewayId)
	if g == nil || !c.phase2Up() || c.State != "active" || g.BusinessStatus == "FinancialLocked" {
		return false
	}
	gr := r.routesOf(g)
	atGateway := map[string]bool{}
	for _, e := range append(slicesOf(gr.custom), slicesOf(gr.bgp)...) {
		if e.NextHop == c.VpnConnectionId {
			atGateway[e.RouteDest] = true
		}
	}
	for _, e := range gr.pbr {
		if e.NextHop == c.VpnConnectionId {
			atGateway[e.RouteDest] = true
		}
	}
	inVPC := map[string]bool{}
	for _, t := range r.tablesOf(g.VpcId) {
		for _, e := range r.entriesOf(&t) {
			if hop := e.NextHops.NextHop[0]; hop.NextHopType == "VpnGateway" && hop.NextHopId == g.VpnGatewayId {
				inVPC[e.DestinationCidrBlock] = true
			}
		}
	}
	for _, s := range splitList(c.RemoteSubnet) {
		if !atGateway[s] || !inVPC[s] {
			return true
		}
	}
	return false
}

func slicesOf(l []vpnRouteEntry) []vpnRouteEntry { return append([]vpnRouteEntry(nil), l...) }
