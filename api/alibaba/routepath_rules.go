package alibaba

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// The rules of a connection's route path, each from Alibaba Cloud's own
// pages:
//   - the IPsec-VPN FAQ: phase 2 succeeded but the ECS instances cannot
//     reach the data center → check the routes (as issue 24 quotes it):
//     traffic from the VPC reaches the data center only if a VPC route
//     table sends the data center's CIDR to the VPN gateway and the
//     gateway has a route to it through the connection (a
//     destination-based route, a policy-based route, or a BGP route
//     learned from the peer).
//   - ALIYUN::VPC::VpnRouteEntry and ALIYUN::VPC::VpnPbrRouteEntry (ROS
//     reference, alibabacloud.com/help/en/ros/developer-reference/aliyun-vpc-vpnrouteentry):
//     PublishVpc "Specifies whether to advertise the destination-based
//     route to the route table of the associated virtual private cloud
//     (VPC)"; DescribeVpnRouteEntries and DescribeVpnPbrRouteEntries give
//     each route's State: published (advertised) or normal (not).
//   - PublishVpnRouteEntry (www.alibabacloud.com/help/doc-detail/126794.htm):
//     "Advertises/withdraws a destination-based route or a policy-based
//     route to/from the system route table of a virtual private cloud"
//     (RouteType dbr or pbr, PublishVpc true).
//   - ModifyVpnGatewayAttribute (the SDK's request has AutoPropagate): a
//     gateway's BGP routes are advertised to the VPC when automatic route
//     propagation is on.
//   - DescribeRouteEntryList (VPC API reference; ROS
//     DATASOURCE::VPC::RouteEntries lists NextHopType "VpnGateway: a VPN
//     gateway"): an entry whose next hop is a VPN gateway; CreateRouteEntry
//     adds one by hand.

// Route rules, as a finding's state words them.
const (
	RuleUnrouted       = "subnet unrouted"  // no route anywhere
	RuleNotPublished   = "not published"    // the gateway's route is not advertised to the VPC
	RuleNoVPCRoute     = "no VPC route"     // published, yet no VPC table holds it
	RuleNoGatewayRoute = "no gateway route" // the VPC sends it to the gateway, which has no route through the connection
)

// Outcomes of one remote subnet.
const (
	SubnetRouted         = "routed"
	SubnetUnknown        = "unknown"
	SubnetUnrouted       = RuleUnrouted
	SubnetNotPublished   = RuleNotPublished
	SubnetNoVPCRoute     = RuleNoVPCRoute
	SubnetNoGatewayRoute = RuleNoGatewayRoute
)

// TableHit is a VPC route table entry to the gateway that holds a subnet.
type TableHit struct {
	Table string
	Entry RouteEntry
}

// SubnetPath is one remote subnet of the connection and each hop's
// routes to it.
type SubnetPath struct {
	Subnet string
	// Gateway are the gateway's routes through this connection that hold
	// the subnet; VPC the route table entries to the gateway that do.
	Gateway []VPNRoute
	VPC     []TableHit
	Outcome string // SubnetRouted, SubnetUnknown, or a rule
}

// RouteIssue is one thing wrong with a route path: which rule, how bad,
// what it is and what to do, by the API action and console name.
type RouteIssue struct {
	Rule    string
	Impact  api.Impact
	Problem string
	Check   string
	Subnets []string // the remote subnets concerned
}

// RouteVerdict is a route path judged: its issues, worst first, each
// remote subnet's way, and what could not be read (a subnet whose way
// needs it is unknown, so no verdict rests on a guess).
type RouteVerdict struct {
	Issues  []RouteIssue
	Subnets []SubnetPath
	Unread  []api.Unread
	// Unjudged says why the path was not judged at all: the endpoint does
	// not serve the gateway's route list (DescribeVpnRouteEntries answered
	// InvalidApi.NotFound), so there is no route path to read there, as
	// for a connection attached to a transit router. No finding comes of
	// it; the view says so.
	Unjudged string
}

// Healthy reports a route path read whole with nothing wrong.
func (v RouteVerdict) Healthy() bool { return len(v.Issues) == 0 && len(v.Unread) == 0 }

// What to do, by API action and console name.
const (
	checkCreateRoute = "add a route to it through the connection, published to the VPC (CreateVpnRouteEntry with NextHop the connection and PublishVpc true; console: VPN Gateways → Destination-based Routing → Add Route Entry, Advertise to VPC: Yes), or a policy-based route (CreateVpnPbrRouteEntry)"
	checkPublish     = "publish the route to the VPC (PublishVpnRouteEntry with PublishVpc true; console: VPN Gateways → Destination-based or Policy-based Routing → Advertise)"
	checkPropagate   = "turn on automatic route propagation for the gateway's BGP routes (ModifyVpnGatewayAttribute AutoPropagate true; console: VPN Gateways → Enable Automatic Route Advertisement), or add a published route (CreateVpnRouteEntry)"
	checkVPCRoute    = "add a route to the gateway in the VPC's route table (CreateRouteEntry with NextHopType VpnGateway; console: VPC → Route Tables → Add Route Entry, next hop VPN gateway), or withdraw and publish the gateway's route again (PublishVpnRouteEntry)"
)

// JudgeRoutePath applies the rules to what was read of a route path.
func JudgeRoutePath(p RoutePath) RouteVerdict {
	var v RouteVerdict
	c, g := p.Connection, p.Gateway
	if c.GatewayID == "" {
		return v
	}
	if slices.Contains(p.NotServed, RouteAction(RouteCustom)) {
		v.Unjudged = "the endpoint does not serve " + RouteAction(RouteCustom) + " (" + codeNotServed + "): it has no route path to read"
		return v
	}
	for _, kind := range RouteKinds {
		if err := p.RouteErrs[kind]; err != nil {
			v.Unread = append(v.Unread, api.Unread{What: "the gateway's " + RouteKindWords(kind), Err: err})
		}
	}
	if p.TablesErr != nil {
		v.Unread = append(v.Unread, api.Unread{What: "the route tables of " + orWord(g.VpcID, "its VPC") + " (DescribeRouteTableList, DescribeRouteEntryList)", Err: p.TablesErr})
	}
	v.Subnets = SubnetPaths(p)
	bad := map[string][]string{}
	routed := 0
	for _, s := range v.Subnets {
		switch s.Outcome {
		case SubnetRouted:
			routed++
		case SubnetUnknown:
		default:
			bad[s.Outcome] = append(bad[s.Outcome], s.Subnet)
		}
	}
	// Traffic down when no subnet is known to be routed and none is
	// unknown: every remote subnet's way is broken.
	impact := api.Degraded
	if routed == 0 && len(v.Unread) == 0 && len(v.Subnets) > 0 {
		impact = api.TrafficDown
	}
	add := func(rule, problem, check string) {
		subnets := bad[rule]
		if len(subnets) == 0 {
			return
		}
		v.Issues = append(v.Issues, RouteIssue{Rule: rule, Impact: impact, Subnets: subnets,
			Problem: api.JoinAnd(subnets) + " " + api.OneOrMany(len(subnets), "is", "are") + " " + problem, Check: check})
	}
	add(RuleUnrouted, "routed into "+c.ID+" by no route of "+g.ID+" and sent to it by no route table of "+orWord(g.VpcID, "its VPC")+": traffic from the VPC to "+
		api.OneOrMany(len(bad[RuleUnrouted]), "it", "them")+" never enters the tunnel", checkCreateRoute)
	notPublished := checkPublish
	if onlyBGP(v.Subnets, SubnetNotPublished) {
		notPublished = checkPropagate
	}
	add(RuleNotPublished, "routed into "+c.ID+" by the gateway, but the route is not published to the VPC (State normal): no route table sends "+
		api.OneOrMany(len(bad[RuleNotPublished]), "it", "them")+" to "+g.ID, notPublished)
	add(RuleNoVPCRoute, "routed into "+c.ID+" by a published route of "+g.ID+", yet no route table of "+orWord(g.VpcID, "its VPC")+" sends "+
		api.OneOrMany(len(bad[RuleNoVPCRoute]), "it", "them")+" to the gateway", checkVPCRoute)
	add(RuleNoGatewayRoute, "sent to "+g.ID+" by the VPC, but the gateway has no route to "+api.OneOrMany(len(bad[RuleNoGatewayRoute]), "it", "them")+
		" through "+c.ID+": the gateway drops that traffic or sends it into another connection", checkCreateRoute)
	return v
}

// SubnetPaths routes each of the connection's remote subnets through the
// gateway's routes and the VPC's tables.
func SubnetPaths(p RoutePath) []SubnetPath {
	c, g := p.Connection, p.Gateway
	gwUnread := slices.ContainsFunc(RouteKinds, func(k string) bool { return p.RouteErrs[k] != nil })
	var out []SubnetPath
	for _, raw := range c.RemoteSubnets {
		sp := SubnetPath{Subnet: strings.TrimSpace(raw), Outcome: SubnetUnknown}
		subnet, err := netip.ParsePrefix(sp.Subnet)
		if err != nil {
			out = append(out, sp) // not a CIDR: nothing can be said of its way
			continue
		}
		subnet = subnet.Masked()
		for _, kind := range RouteKinds {
			for _, r := range p.Routes[kind] {
				if r.NextHop == c.ID && routeHolds(r.Dest, subnet) {
					sp.Gateway = append(sp.Gateway, r)
				}
			}
		}
		for _, t := range p.Tables {
			for _, e := range t.Entries {
				if e.NextHopType == "VpnGateway" && e.NextHopID == g.ID && routeHolds(e.Dest, subnet) {
					sp.VPC = append(sp.VPC, TableHit{Table: t.ID, Entry: e})
				}
			}
		}
		inGateway, inVPC := len(sp.Gateway) > 0, len(sp.VPC) > 0
		if p.TablesNotServed() {
			// No table to read: the service's word that a route is
			// advertised to the VPC is its State.
			inVPC = slices.ContainsFunc(sp.Gateway, VPNRoute.Published)
		}
		switch {
		case inGateway && inVPC:
			sp.Outcome = SubnetRouted
		case !inGateway && gwUnread, !inVPC && p.TablesErr != nil:
			// What decides it was not read.
		case !inGateway && inVPC:
			sp.Outcome = SubnetNoGatewayRoute
		case !inGateway:
			sp.Outcome = SubnetUnrouted
		case slices.ContainsFunc(sp.Gateway, func(r VPNRoute) bool { return !r.Published() }):
			sp.Outcome = SubnetNotPublished
		default:
			sp.Outcome = SubnetNoVPCRoute
		}
		out = append(out, sp)
	}
	return out
}

// onlyBGP reports whether every subnet of that outcome is routed by BGP
// routes alone: publishing them is the gateway's propagation, not a call
// per route.
func onlyBGP(paths []SubnetPath, outcome string) bool {
	any := false
	for _, s := range paths {
		if s.Outcome != outcome {
			continue
		}
		any = true
		if slices.ContainsFunc(s.Gateway, func(r VPNRoute) bool { return r.Kind != RouteBGP }) {
			return false
		}
	}
	return any
}

// RouteKindWords names a kind of gateway route, with the call that reads it.
func RouteKindWords(kind string) string {
	switch kind {
	case RouteBGP:
		return "BGP routes (" + RouteAction(kind) + ")"
	case RoutePolicy:
		return "policy-based routes (" + RouteAction(kind) + ")"
	}
	return "destination-based routes (" + RouteAction(kind) + ")"
}

func orWord(s, word string) string {
	if s == "" {
		return word
	}
	return s
}
