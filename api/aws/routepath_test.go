package aws_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

const testVGW = "vgw-0route"

func routeGateway(attachments ...aws.VPCAttachment) aws.VPNGateway {
	return aws.VPNGateway{ID: testVGW, Kind: aws.KindVGW, Name: "route-vgw", State: "available", VPCAttachments: attachments}
}

func attached(vpc string) aws.VPCAttachment { return aws.VPCAttachment{VpcID: vpc, State: "attached"} }

// staticConn is a static connection with both tunnels up and these
// customer prefixes.
func staticConn(prefixes ...string) aws.VPNConnection {
	c := aws.VPNConnection{ID: "vpn-0route", Name: "route-conn", State: "available", GatewayID: testVGW, GatewayKind: aws.KindVGW,
		StaticRoutesOnly: true, Tunnels: []aws.Tunnel{{OutsideIP: "203.0.113.1", Status: "UP", Logging: true},
			{OutsideIP: "203.0.113.2", Status: "UP", Logging: true}}}
	for _, p := range prefixes {
		c.Routes = append(c.Routes, aws.StaticRoute{Destination: p, Source: "Static", State: "available"})
	}
	return c
}

func local(cidr string) aws.VPCRoute {
	return aws.VPCRoute{Destination: cidr, Target: "local", Origin: aws.OriginTable, State: "active"}
}

func propagated(cidr string) aws.VPCRoute {
	return aws.VPCRoute{Destination: cidr, Target: testVGW, Origin: aws.OriginPropagated, State: "active"}
}

func mainTable(vpc string, propagating bool, routes ...aws.VPCRoute) aws.RouteTable {
	t := aws.RouteTable{ID: "rtb-main", VpcID: vpc, Main: true, Routes: append([]aws.VPCRoute{local("10.0.0.0/16")}, routes...)}
	if propagating {
		t.PropagatingVGWs = []string{testVGW}
	}
	return t
}

func rules(v aws.RouteVerdict) []string {
	var out []string
	for _, i := range v.Issues {
		out = append(out, i.Rule)
	}
	return out
}

// The route a table uses for a prefix is the most specific that holds it;
// a static route beats a propagated one of the same prefix; a local route
// that overlaps the prefix wins; a blackhole drops; IPv6 and prefix-list
// routes never match an IPv4 prefix (vpn-route-priority.html,
// route-tables-priority.html).
func TestDecideFollowsAWSRoutePriority(t *testing.T) {
	table := aws.RouteTable{ID: "rtb-1", Routes: []aws.VPCRoute{
		local("10.0.0.0/16"),
		{Destination: "0.0.0.0/0", Target: "igw-1", Origin: aws.OriginCreated, State: "active"},
		{Destination: "::/0", Target: "igw-1", Origin: aws.OriginCreated, State: "active"},
		{Destination: "pl-123", Target: "vpce-1", Origin: aws.OriginCreated, State: "active"},
		propagated("172.16.0.0/16"),
		propagated("172.16.5.0/24"),
		{Destination: "172.16.5.0/24", Target: "pcx-1", Origin: aws.OriginCreated, State: "active"},
		{Destination: "192.168.0.0/16", Target: testVGW, Origin: aws.OriginCreated, State: "blackhole"},
	}}
	for _, c := range []struct {
		prefix, outcome, target string
	}{
		{"172.16.9.0/24", aws.ToGateway, testVGW},   // the /16, propagated
		{"172.16.5.0/24", aws.Elsewhere, "pcx-1"},   // static beats propagated at /24
		{"172.16.5.128/25", aws.Elsewhere, "pcx-1"}, // the /24 is more specific than the /16
		{"10.0.8.0/24", aws.Local, "local"},         // inside the VPC
		{"10.0.0.0/8", aws.Local, "local"},          // overlaps the VPC: local wins
		{"192.168.1.0/24", aws.Dropped, testVGW},    // a blackhole decides it
		{"8.8.8.0/24", aws.Elsewhere, "igw-1"},      // the default route
		{"172.16.0.0/12", aws.Elsewhere, "igw-1"},   // wider than the /16: only the default holds it
	} {
		got := aws.Decide(table, testVGW, netip.MustParsePrefix(c.prefix))
		if got.Outcome != c.outcome || got.Route == nil || got.Route.Target != c.target {
			t.Errorf("%s: got %s via %+v, want %s via %s", c.prefix, got.Outcome, got.Route, c.outcome, c.target)
		}
	}
	bare := aws.RouteTable{ID: "rtb-2", Routes: []aws.VPCRoute{local("10.0.0.0/16")}}
	if got := aws.Decide(bare, testVGW, netip.MustParsePrefix("172.16.0.0/24")); got.Outcome != aws.NoRoute || got.Route != nil {
		t.Errorf("no route: got %+v", got)
	}
}

// A static connection whose prefix a serving table propagates from the
// gateway has nothing wrong with its route path.
func TestRoutePathInPlaceIsHealthy(t *testing.T) {
	p := aws.RoutePath{Gateway: routeGateway(attached("vpc-1")), Connection: staticConn("10.60.0.0/16"),
		Tables: []aws.RouteTable{mainTable("vpc-1", true, propagated("10.60.0.0/16"))}}
	v := aws.JudgeRoutePath(p)
	if !v.Healthy() || len(v.Prefixes) != 1 || !v.Prefixes[0].Routed {
		t.Fatalf("issues %v, unread %v, prefixes %+v", rules(v), v.Unread, v.Prefixes)
	}
}

// A table that propagates from the gateway holds a static connection's
// prefixes while it is up, listed or not; a static route of the same
// prefix elsewhere still wins over it.
func TestPropagationRoutesAStaticPrefixWhileUp(t *testing.T) {
	g := routeGateway(attached("vpc-1"))
	v := aws.JudgeRoutePath(aws.RoutePath{Gateway: g, Connection: staticConn("10.60.0.0/16"), Tables: []aws.RouteTable{mainTable("vpc-1", true)}})
	if !v.Healthy() || !v.Prefixes[0].Routed {
		t.Errorf("propagating, the route not listed: %v %+v", rules(v), v.Prefixes)
	}
	v = aws.JudgeRoutePath(aws.RoutePath{Gateway: g, Connection: staticConn("10.60.0.0/16"), Tables: []aws.RouteTable{mainTable("vpc-1", true,
		aws.VPCRoute{Destination: "10.60.0.0/16", Target: "tgw-1", Origin: aws.OriginCreated, State: "active"})}})
	if strings.Join(rules(v), ",") != aws.RuleUnrouted {
		t.Errorf("a static route elsewhere: %v", rules(v))
	}
	down := staticConn("10.60.0.0/16")
	down.Tunnels[0].Status, down.Tunnels[1].Status = "DOWN", "DOWN"
	if p := aws.PrefixPaths(g, down, []aws.RouteTable{mainTable("vpc-1", true)}); p[0].Routed {
		t.Errorf("propagated while both tunnels are down: %+v", p)
	}
}

// Each rule fires on its own case, names what is concerned and says what
// to do by the API action's name.
func TestRoutePathRules(t *testing.T) {
	detached := aws.VPCAttachment{VpcID: "vpc-old", State: "detached"}
	blackhole := aws.VPCRoute{Destination: "10.80.0.0/16", Target: testVGW, Origin: aws.OriginCreated, State: "blackhole"}
	public := aws.RouteTable{ID: "rtb-public", VpcID: "vpc-1", Subnets: []string{"subnet-1"},
		Routes: []aws.VPCRoute{local("10.0.0.0/16"), {Destination: "0.0.0.0/0", Target: "igw-1", Origin: aws.OriginCreated, State: "active"}}}
	cases := []struct {
		name    string
		path    aws.RoutePath
		rules   []string
		impact  api.Impact
		mention []string
	}{
		{"a static connection with no static route",
			aws.RoutePath{Gateway: routeGateway(attached("vpc-1")), Connection: staticConn(),
				Tables: []aws.RouteTable{mainTable("vpc-1", true)}},
			[]string{aws.RuleNoStaticRoute}, api.TrafficDown, []string{"CreateVpnConnectionRoute", "no static route"}},
		{"a gateway propagated nowhere and routed to by none",
			aws.RoutePath{Gateway: routeGateway(attached("vpc-1")), Connection: staticConn("10.70.0.0/16"),
				Tables: []aws.RouteTable{mainTable("vpc-1", false), public}},
			[]string{aws.RuleNotPropagated}, api.TrafficDown, []string{"EnableVgwRoutePropagation", "CreateRoute", "10.70.0.0/16", "vpc-1"}},
		{"propagation only into a table that serves no subnet",
			aws.RoutePath{Gateway: routeGateway(attached("vpc-1")), Connection: staticConn("10.70.0.0/16"),
				Tables: []aws.RouteTable{{ID: "rtb-spare", VpcID: "vpc-1", PropagatingVGWs: []string{testVGW}}, public}},
			[]string{aws.RuleNotPropagated}, api.TrafficDown, []string{"rtb-spare propagates from it but serves no subnet"}},
		{"a gateway detached from its VPC, whose routes are blackholes",
			aws.RoutePath{Gateway: routeGateway(detached), Connection: staticConn("10.80.0.0/16"),
				Tables: []aws.RouteTable{mainTable("vpc-old", false, blackhole)}},
			[]string{aws.RuleNotAttached}, api.TrafficDown, []string{"AttachVpnGateway", "10.80.0.0/16 in rtb-main is a blackhole", "DeleteRoute"}},
		{"a blackhole left in a VPC the gateway has left",
			aws.RoutePath{Gateway: routeGateway(attached("vpc-1"), detached), Connection: staticConn("10.80.0.0/16"),
				Tables: []aws.RouteTable{mainTable("vpc-1", true, propagated("10.80.0.0/16")),
					{ID: "rtb-old", VpcID: "vpc-old", Main: true, Routes: []aws.VPCRoute{blackhole}}}},
			[]string{aws.RuleBlackhole}, api.Degraded, []string{"10.80.0.0/16 in rtb-old", "blackhole", "DeleteRoute"}},
		{"a prefix a static route sends elsewhere",
			aws.RoutePath{Gateway: routeGateway(attached("vpc-1")), Connection: staticConn("10.90.0.0/16"),
				Tables: []aws.RouteTable{mainTable("vpc-1", true, propagated("10.90.0.0/16"),
					aws.VPCRoute{Destination: "10.90.0.0/16", Target: "pcx-9", Origin: aws.OriginCreated, State: "active"})}},
			[]string{aws.RuleUnrouted}, api.TrafficDown, []string{"10.90.0.0/16", "pcx-9"}},
		{"a prefix routed to the gateway only by a table that serves no subnet",
			aws.RoutePath{Gateway: routeGateway(attached("vpc-1")), Connection: staticConn("10.90.0.0/16"),
				Tables: []aws.RouteTable{mainTable("vpc-1", false, aws.VPCRoute{Destination: "10.99.0.0/16", Target: testVGW, Origin: aws.OriginCreated, State: "active"}),
					{ID: "rtb-spare", VpcID: "vpc-1", Routes: []aws.VPCRoute{{Destination: "10.90.0.0/16", Target: testVGW, Origin: aws.OriginCreated, State: "active"}}}}},
			[]string{aws.RuleUnrouted}, api.TrafficDown, []string{"10.90.0.0/16", "rtb-main has no route for it"}},
		{"one prefix of two unrouted",
			aws.RoutePath{Gateway: routeGateway(attached("vpc-1")), Connection: staticConn("10.90.0.0/16", "10.91.0.0/16"),
				Tables: []aws.RouteTable{mainTable("vpc-1", false, aws.VPCRoute{Destination: "10.91.0.0/16", Target: testVGW, Origin: aws.OriginCreated, State: "active"})}},
			[]string{aws.RuleUnrouted}, api.Degraded, []string{"10.90.0.0/16 is routed to the gateway by no route table", "rtb-main has no route for it"}},
	}
	for _, c := range cases {
		v := aws.JudgeRoutePath(c.path)
		if strings.Join(rules(v), ",") != strings.Join(c.rules, ",") || len(v.Unread) > 0 {
			t.Errorf("%s: rules %v (unread %v), want %v", c.name, rules(v), v.Unread, c.rules)
			continue
		}
		i := v.Issues[0]
		if i.Impact != c.impact {
			t.Errorf("%s: impact %v, want %v", c.name, i.Impact, c.impact)
		}
		text := i.Problem + " → " + i.Check
		for _, m := range c.mention {
			if !strings.Contains(text, m) {
				t.Errorf("%s: %q does not say %q", c.name, text, m)
			}
		}
	}
}

// A BGP connection's prefixes are not in the API: its path is judged by
// whether a serving table propagates from the gateway (or routes to it),
// and no prefix is invented.
func TestRoutePathOfABGPConnection(t *testing.T) {
	c := staticConn()
	c.StaticRoutesOnly = false
	g := routeGateway(attached("vpc-1"))
	v := aws.JudgeRoutePath(aws.RoutePath{Gateway: g, Connection: c, Tables: []aws.RouteTable{mainTable("vpc-1", true, propagated("172.16.1.0/24"))}})
	if !v.Healthy() || len(v.Prefixes) != 0 {
		t.Errorf("propagated: %v %+v", rules(v), v.Prefixes)
	}
	v = aws.JudgeRoutePath(aws.RoutePath{Gateway: g, Connection: c, Tables: []aws.RouteTable{mainTable("vpc-1", false)}})
	if strings.Join(rules(v), ",") != aws.RuleNotPropagated {
		t.Errorf("propagated nowhere: %v", rules(v))
	}
}

// What could not be read is said, and no rule that needs it is judged: a
// refused DescribeRouteTables is never "propagated nowhere" (nor fine).
func TestRoutePathUnreadIsNotJudged(t *testing.T) {
	denied := &api.Error{Action: "DescribeRouteTables", Kind: api.KindPermission, Code: "UnauthorizedOperation", Message: "no"}
	p := aws.RoutePath{Gateway: routeGateway(attached("vpc-1")), Connection: staticConn("10.60.0.0/16"),
		TableErrs: map[string]error{"vpc-1": denied}}
	v := aws.JudgeRoutePath(p)
	if len(v.Issues) != 0 || len(v.Unread) != 1 || v.Healthy() || !strings.Contains(v.Unread[0].What, "vpc-1") {
		t.Fatalf("issues %v, unread %v", rules(v), v.Unread)
	}
	// The gateway itself unread: the static rule, which needs only the
	// connection, still holds.
	v = aws.JudgeRoutePath(aws.RoutePath{Gateway: aws.VPNGateway{ID: testVGW}, Connection: staticConn(), GatewayErr: denied})
	if strings.Join(rules(v), ",") != aws.RuleNoStaticRoute || len(v.Unread) != 1 {
		t.Fatalf("gateway unread: issues %v, unread %v", rules(v), v.Unread)
	}
}

// The route path joins the connection's one finding: it leads when it is
// worse than the tunnels (both up, nothing routed in: traffic down), says
// the tunnel's cause as well, and a route path that could not be read is
// unknown with the permission to grant.
func TestRoutePathInTheFinding(t *testing.T) {
	g := routeGateway(attached("vpc-1"))
	c := staticConn()
	v := aws.JudgeRoutePath(aws.RoutePath{Gateway: g, Connection: c, Tables: []aws.RouteTable{mainTable("vpc-1", true)}})

	f := aws.WithRoutePath(nil, "eu-west-1", g, c, v)
	if f == nil || f.Impact != api.TrafficDown || f.Phase != "route" || f.State != aws.RuleNoStaticRoute ||
		f.Resource != "connection" || f.ConnectionID != c.ID || f.GatewayName != "route-vgw" {
		t.Fatalf("healthy tunnels, no route: %+v", f)
	}

	// One tunnel down: redundancy lost, about the tunnel; the route path
	// is worse and leads, the tunnel said as well.
	c.Tunnels[1].Status = "DOWN"
	tunnel := &aws.Finding{Finding: api.Finding{Provider: "aws", Region: "eu-west-1", Resource: "tunnel", ResourceID: c.ID + "/203.0.113.2",
		TunnelID: "203.0.113.2", Impact: api.RedundancyLost, Cause: api.Cause{Phase: "tunnel", State: "down", Message: "IPSEC IS DOWN"}}}
	f = aws.WithRoutePath(tunnel, "eu-west-1", g, c, v)
	if f.Impact != api.TrafficDown || f.Resource != "connection" || f.ResourceID != c.ID || f.TunnelID != "" ||
		len(f.Also) != 1 || f.Also[0].Message != "tunnel 203.0.113.2: IPSEC IS DOWN" {
		t.Fatalf("route over a tunnel down: %+v", f)
	}

	// Every tunnel down: the tunnels' finding stands alone.
	c.Tunnels[0].Status = "DOWN"
	if f = aws.WithRoutePath(nil, "eu-west-1", g, c, v); f != nil {
		t.Fatalf("judged with no tunnel up: %+v", f)
	}

	// Unread: unknown, with what to grant.
	c = staticConn("10.60.0.0/16")
	denied := &api.Error{Action: "DescribeRouteTables", Kind: api.KindPermission, Code: "UnauthorizedOperation", Message: "no"}
	v = aws.JudgeRoutePath(aws.RoutePath{Gateway: g, Connection: c, TableErrs: map[string]error{"vpc-1": denied}})
	f = aws.WithRoutePath(nil, "eu-west-1", g, c, v)
	if f == nil || f.Impact != api.Unknown || !strings.Contains(f.Message, "ec2:DescribeRouteTables") ||
		!strings.Contains(strings.Join(f.Unchecked, ";"), "the route tables of vpc-1") || f.Reason == "" {
		t.Fatalf("unread route path: %+v", f)
	}

	// A route path in place changes nothing.
	v = aws.JudgeRoutePath(aws.RoutePath{Gateway: g, Connection: c, Tables: []aws.RouteTable{mainTable("vpc-1", true, propagated("10.60.0.0/16"))}})
	if f = aws.WithRoutePath(nil, "eu-west-1", g, c, v); f != nil {
		t.Fatalf("a healthy route path made a finding: %+v", f)
	}
}
