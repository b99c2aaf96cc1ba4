package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// The rules of a connection's route path on a virtual private gateway,
// each from AWS's own pages:
//   - vpn-route-priority.html (Site-to-Site VPN user guide): "In your VPC
//     route table, you must add a route for your remote network and specify
//     the virtual private gateway as the target … You can enable route
//     propagation"; "Only IP prefixes that are known to the virtual private
//     gateway, whether through BGP advertisements or static route entry,
//     can receive traffic from your VPC".
//   - SetUpVPNConnections.html, "Configure routing": route propagation is
//     turned on per route table (console: Route tables → Route propagation
//     → Edit route propagation; API: EnableVgwRoutePropagation), or routes
//     are added by hand (CreateRoute).
//   - vpn-edit-static-routes.html and CreateVpnConnectionRoute (EC2 API
//     reference): a static connection's routes are its own, "The static
//     route allows traffic to be routed from the virtual private gateway to
//     the VPN customer gateway".
//   - Route.State (EC2 API reference): "The blackhole state indicates that
//     the route's target isn't available (for example, the specified
//     gateway isn't attached to the VPC …)"; AttachVpnGateway: "You can
//     attach one virtual private gateway to one VPC at a time".

// RoutePath is what was read of a connection's route path.
type RoutePath struct {
	Gateway    VPNGateway
	Connection VPNConnection
	// GatewayErr is why the gateway (and so its VPCs) could not be read.
	GatewayErr error
	// Tables are the route tables of RouteVPCs(Gateway), VPC by VPC.
	Tables []RouteTable
	// TableErrs are the VPCs whose route tables could not be read, and why.
	TableErrs map[string]error
}

// Route rules, as a finding's state words them.
const (
	RuleNoStaticRoute = "no static route"
	RuleNotAttached   = "not attached"
	RuleNotPropagated = "not propagated"
	RuleBlackhole     = "blackhole"
	RuleUnrouted      = "prefix unrouted"
)

// RouteIssue is one thing wrong with a route path: which rule, how bad,
// what it is and what to do, by the API action and console name.
type RouteIssue struct {
	Rule     string
	Impact   api.Impact
	Problem  string
	Check    string
	Tables   []string // the route tables concerned
	Prefixes []string // the customer prefixes concerned
}

// RouteVerdict is a route path judged: its issues, worst first, each
// customer prefix's way through the tables, and what could not be read (a
// rule that needs it is not judged, so no verdict rests on a guess).
type RouteVerdict struct {
	Issues   []RouteIssue
	Prefixes []PrefixPath
	Unread   []api.Unread
}

// Healthy reports a route path read whole with nothing wrong.
func (v RouteVerdict) Healthy() bool { return len(v.Issues) == 0 && len(v.Unread) == 0 }

// What to do, by API action and console name.
const (
	checkStatic    = "add the customer's prefixes to the connection (CreateVpnConnectionRoute; console: Site-to-Site VPN connections → Edit static routes)"
	checkPropagate = "turn on route propagation from the gateway in the subnets' route tables (EnableVgwRoutePropagation; console: Route tables → Route propagation), or add routes to it (CreateRoute)"
	checkAttach    = "attach the gateway to the VPC (AttachVpnGateway; console: Virtual private gateways → Attach to VPC)"
)

// JudgeRoutePath applies the rules to what was read of a route path.
func JudgeRoutePath(p RoutePath) RouteVerdict {
	var v RouteVerdict
	g, c := p.Gateway, p.Connection
	if c.GatewayKind != KindVGW {
		return v
	}
	if p.GatewayErr != nil {
		v.Unread = append(v.Unread, api.Unread{What: "the gateway's VPC attachments", Err: p.GatewayErr})
	}
	vpcs := RouteVPCs(g)
	for _, vpc := range vpcs {
		if err := p.TableErrs[vpc]; err != nil {
			v.Unread = append(v.Unread, api.Unread{What: "the route tables of " + vpc, Err: err})
		}
	}
	prefixes := CustomerPrefixes(c)
	if c.StaticRoutesOnly && len(prefixes) == 0 {
		v.Issues = append(v.Issues, RouteIssue{Rule: RuleNoStaticRoute, Impact: api.TrafficDown,
			Problem: "the connection routes statically and has no static route: the gateway sends nothing into it",
			Check:   checkStatic})
	}
	if p.GatewayErr != nil {
		return v // the rest needs the gateway's VPCs
	}
	attached := attachedVPCs(g)
	blackholes, bhTables, bhPrefixes := blackholesTo(g.ID, p.Tables)
	if len(attached) == 0 {
		i := RouteIssue{Rule: RuleNotAttached, Impact: api.TrafficDown,
			Problem: "the gateway " + g.ID + " is attached to no VPC: no route table sends traffic to it", Check: checkAttach}
		if len(blackholes) > 0 {
			i.Problem += "; " + api.JoinAnd(blackholes) + " " + api.OneOrMany(len(blackholes), "is a blackhole", "are blackholes")
			i.Check += ", or delete the blackhole routes (DeleteRoute)"
			i.Tables, i.Prefixes = bhTables, bhPrefixes
		}
		v.Issues = append(v.Issues, i)
		v.Prefixes = PrefixPaths(g, c, p.Tables)
		return sortIssues(v)
	}
	if slices.ContainsFunc(attached, func(vpc string) bool { return p.TableErrs[vpc] != nil }) {
		return sortIssues(v) // what sends traffic to it may be in the tables not read
	}
	v.Prefixes = PrefixPaths(g, c, p.Tables)
	var serving []RouteTable
	for _, t := range p.Tables {
		if slices.Contains(attached, t.VpcID) && t.Serves() {
			serving = append(serving, t)
		}
	}
	reaches := slices.ContainsFunc(serving, func(t RouteTable) bool {
		return t.Propagates(g.ID) || slices.ContainsFunc(t.RoutesTo(g.ID), func(r VPCRoute) bool { return !r.Blackhole() })
	})
	if !reaches {
		i := RouteIssue{Rule: RuleNotPropagated, Impact: api.TrafficDown,
			Problem: "no route table of " + api.JoinAnd(attached) + " that serves a subnet propagates from " + g.ID + " or routes to it: traffic from the VPC never reaches the gateway",
			Check:   checkPropagate}
		if idle := idlePropagating(g.ID, p.Tables, attached); len(idle) > 0 {
			i.Problem += " (" + api.JoinAnd(idle) + " " + api.OneOrMany(len(idle), "propagates from it but serves", "propagate from it but serve") + " no subnet)"
		}
		for _, pp := range v.Prefixes {
			i.Prefixes = append(i.Prefixes, pp.Prefix)
		}
		if len(i.Prefixes) > 0 {
			i.Problem += "; " + api.JoinAnd(i.Prefixes) + " " + api.OneOrMany(len(i.Prefixes), "is", "are") + " routed to it by none"
		}
		v.Issues = append(v.Issues, i)
	}
	if len(blackholes) > 0 {
		v.Issues = append(v.Issues, RouteIssue{Rule: RuleBlackhole, Impact: api.Degraded,
			Problem: api.JoinAnd(blackholes) + " " + api.OneOrMany(len(blackholes), "points at "+g.ID+" but is a blackhole", "point at "+g.ID+" but are blackholes") +
				": traffic to " + api.JoinAnd(bhPrefixes) + " from the subnets of " + api.JoinAnd(bhTables) + " is dropped",
			Check:  "delete the route (DeleteRoute) or point it at a target that VPC has (ReplaceRoute): a virtual private gateway serves one VPC at a time (AttachVpnGateway)",
			Tables: bhTables, Prefixes: bhPrefixes})
	}
	if reaches {
		if i, ok := unrouted(v.Prefixes, p.Tables); ok {
			v.Issues = append(v.Issues, i)
		}
	}
	return sortIssues(v)
}

// unrouted is the issue of the customer prefixes no serving table sends
// to the gateway: traffic down when it is every one of them.
func unrouted(paths []PrefixPath, tables []RouteTable) (RouteIssue, bool) {
	var missing, where []string
	for _, pp := range paths {
		if pp.Routed {
			continue
		}
		missing = append(missing, pp.Prefix)
		for _, tr := range pp.Tables {
			if i := slices.IndexFunc(tables, func(t RouteTable) bool { return t.ID == tr.Table }); i < 0 || !tables[i].Serves() {
				continue
			}
			where = append(where, fmt.Sprintf("%s %s", tr.Table, TableRouteWords(tr)))
		}
	}
	if len(missing) == 0 {
		return RouteIssue{}, false
	}
	i := RouteIssue{Rule: RuleUnrouted, Impact: api.Degraded, Prefixes: missing,
		Problem: api.JoinAnd(missing) + " " + api.OneOrMany(len(missing), "is", "are") + " routed to the gateway by no route table",
		Check:   checkPropagate}
	if len(missing) == len(paths) {
		i.Impact = api.TrafficDown
	}
	if len(where) > 0 {
		i.Problem += " (" + strings.Join(slices.Compact(where), "; ") + ")"
	}
	return i, true
}

// TableRouteWords says in a few words what a table does with a prefix.
func TableRouteWords(tr TableRoute) string {
	switch tr.Outcome {
	case ToGateway:
		return "sends it to the gateway"
	case Dropped:
		return "drops it: " + tr.Route.Destination + " via " + tr.Route.Target + " is a blackhole"
	case Elsewhere:
		return "sends it to " + tr.Route.Target + " (" + tr.Route.Destination + ")"
	case Local:
		return "keeps it in the VPC: it overlaps the VPC's own " + tr.Route.Destination
	}
	return "has no route for it"
}

// blackholesTo are the routes to gw that are blackholes, named "D in
// rtb-…", with their tables and destinations.
func blackholesTo(gw string, tables []RouteTable) (named, tableIDs, dests []string) {
	for _, t := range tables {
		for _, r := range t.RoutesTo(gw) {
			if !r.Blackhole() {
				continue
			}
			named = append(named, r.Destination+" in "+t.ID)
			if !slices.Contains(tableIDs, t.ID) {
				tableIDs = append(tableIDs, t.ID)
			}
			if !slices.Contains(dests, r.Destination) {
				dests = append(dests, r.Destination)
			}
		}
	}
	return named, tableIDs, dests
}

// idlePropagating are the tables of the attached VPCs that propagate from
// gw but serve no subnet: the propagation there carries nothing.
func idlePropagating(gw string, tables []RouteTable, attached []string) []string {
	var out []string
	for _, t := range tables {
		if slices.Contains(attached, t.VpcID) && !t.Serves() && t.Propagates(gw) {
			out = append(out, t.ID)
		}
	}
	return out
}

func sortIssues(v RouteVerdict) RouteVerdict {
	slices.SortStableFunc(v.Issues, func(a, b RouteIssue) int { return int(a.Impact) - int(b.Impact) })
	return v
}
