package emulator

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// The VPC route tables of the virtual private gateways' VPCs, and the
// gateways whose route path is broken, one way each: routes present and
// propagated (prod-vgw, staging-vgw, eu-vgw), a static connection with no
// static route (eu-lab on eu-lab-vgw), a gateway propagated into no route
// table (eu-dr on eu-dr-vgw), and a gateway detached from its VPC whose
// route there is a blackhole (eu-mig on eu-mig-vgw).
//
// A table keeps only what was set on it: its routes added by hand, the
// gateways propagating into it, its associations. What the service derives
// is derived when it answers, as the service would: a route to a gateway
// not attached to the table's VPC is a blackhole (Route.State, EC2 API
// reference), and a propagating gateway's routes are in the table while a
// connection of it is UP — a static connection's static routes, a BGP
// connection's advertised prefixes ("the static IP prefixes … are
// propagated to the route table when the status of the Site-to-Site VPN
// connection is UP", vpn-route-priority.html).

// vpcRouteTable is a route table as it was set up.
type vpcRouteTable struct {
	ID           string
	VpcID        string
	Name         string
	Routes       []vpcRoute // added by hand, and the local route
	Associations []rtbAssociation
	Propagating  []string // virtual private gateways
}

// vpcRouteSpec is a gateway's VPC: its CIDR, whether its main table
// propagates from the gateway, its extra tables, and routes to the gateway
// added by hand.
type vpcRouteSpec struct {
	cidr      string
	propagate bool     // the main table propagates from the gateway
	public    bool     // a table for public subnets: the internet gateway, nothing from the VPN
	private   bool     // tables for private subnets, associated, propagating
	static    []string // routes to the gateway in the main table (CreateRoute)
}

// vpcRouteSpecs are the VPCs' tables, by the name of the gateway attached.
var vpcRouteSpecs = map[string]vpcRouteSpec{
	"prod-vgw":    {cidr: "10.0.0.0/16", propagate: true, public: true, private: true},
	"staging-vgw": {cidr: "172.31.0.0/16", propagate: true},
	"eu-vgw":      {cidr: "10.16.0.0/16", propagate: true, public: true},
	"syd-vgw":     {cidr: "10.50.0.0/16", propagate: true},
	"eu-lab-vgw":  {cidr: "10.17.0.0/16", propagate: true},
	"eu-dr-vgw":   {cidr: "10.18.0.0/16", public: true},
	"eu-mig-vgw":  {cidr: "10.19.0.0/16", static: []string{"10.80.0.0/16"}},
}

// routeCaseSpecs are the gateways added for the route path's cases; both
// tunnels of each connection are up, so only the routes are wrong.
func routeCaseSpecs() map[string][]gatewaySpec {
	up := tunnelSpec{c: stableUp, group: euGroup}
	return map[string][]gatewaySpec{"eu-west-1": {
		{name: "eu-lab-vgw", kind: "vgw", state: "available", conns: []connSpec{{name: "eu-lab", state: "available", t1: up, t2: up}}},
		{name: "eu-dr-vgw", kind: "vgw", state: "available", conns: []connSpec{
			{name: "eu-dr", state: "available", local: "10.70.0.0/16", remote: "10.18.0.0/16", t1: up, t2: up}}},
		{name: "eu-mig-vgw", kind: "vgw", state: "available", conns: []connSpec{
			{name: "eu-mig", state: "available", local: "10.80.0.0/16", remote: "10.19.0.0/16", t1: up, t2: up}}},
	}}
}

// detachedGateways were detached from their VPC, which the service still
// lists as such.
var detachedGateways = []string{"eu-mig-vgw"}

// addRouteCases adds the route path's gateways, then every gateway's VPC
// route tables, on a builder of their own.
func (w *s2sWorld) addRouteCases(now time.Time, n uint64) {
	b := &builder{rnd: rand.New(rand.NewPCG(2016+n, 24)), now: now}
	specs := routeCaseSpecs()
	w.rtbs = map[string][]*vpcRouteTable{}
	for _, region := range regionNames {
		for _, gs := range specs[region] {
			gwID := w.addGateway(b, region, gs)
			for _, cs := range gs.conns {
				w.addConnection(b, region, gs.kind, gwID, cs)
			}
		}
		for _, g := range w.vgws[region] {
			if slices.Contains(detachedGateways, nameTag(g.Tags)) {
				for i := range g.Attachments {
					g.Attachments[i].State = "detached"
				}
			}
			spec, ok := vpcRouteSpecs[nameTag(g.Tags)]
			if !ok || len(g.Attachments) == 0 {
				continue
			}
			w.rtbs[region] = append(w.rtbs[region], b.routeTables(g, g.Attachments[0].VpcID, spec)...)
		}
	}
}

var associated = associationState{State: "associated"}

// routeTables are one VPC's tables: the main one, and a public and a
// private one when the spec has them.
func (b *builder) routeTables(g *vpnGateway, vpc string, spec vpcRouteSpec) []*vpcRouteTable {
	prefix := strings.TrimSuffix(nameTag(g.Tags), "-vgw")
	localRoute := vpcRoute{DestinationCidrBlock: spec.cidr, GatewayID: "local", Origin: "CreateRouteTable"}
	main := &vpcRouteTable{ID: b.id("rtb"), VpcID: vpc, Name: prefix + "-main", Routes: []vpcRoute{localRoute}}
	main.Associations = []rtbAssociation{{ID: b.id("rtbassoc"), RouteTableID: main.ID, Main: true, State: associated}}
	if spec.propagate {
		main.Propagating = []string{g.ID}
	}
	for _, dest := range spec.static {
		main.Routes = append(main.Routes, vpcRoute{DestinationCidrBlock: dest, GatewayID: g.ID, Origin: "CreateRoute"})
	}
	out := []*vpcRouteTable{main}
	subnets := func(t *vpcRouteTable, n int) {
		for range n {
			t.Associations = append(t.Associations, rtbAssociation{ID: b.id("rtbassoc"), RouteTableID: t.ID, SubnetID: b.id("subnet"), State: associated})
		}
	}
	if spec.public {
		t := &vpcRouteTable{ID: b.id("rtb"), VpcID: vpc, Name: prefix + "-public",
			Routes: []vpcRoute{localRoute, {DestinationCidrBlock: "0.0.0.0/0", GatewayID: b.id("igw"), Origin: "CreateRoute"}}}
		subnets(t, 2)
		out = append(out, t)
	}
	if spec.private { // one per availability zone, as people lay them out
		for _, az := range []string{"a", "b", "c"} {
			t := &vpcRouteTable{ID: b.id("rtb"), VpcID: vpc, Name: prefix + "-private-" + az, Routes: []vpcRoute{localRoute},
				Propagating: []string{g.ID}}
			subnets(t, 1)
			out = append(out, t)
		}
	}
	return out
}

// answer is the table as DescribeRouteTables gives it now: the routes to
// gateways no longer attached to its VPC are blackholes, and the routes
// of the gateways propagating into it are there while their connections
// are up.
func (s *Server) routeTableAnswer(region string, t *vpcRouteTable) routeTable {
	out := routeTable{ID: t.ID, VpcID: t.VpcID, OwnerID: Account, Associations: t.Associations,
		Tags: []tag{{Key: "Name", Value: t.Name}}}
	for _, r := range t.Routes {
		r.State = "active"
		if strings.HasPrefix(r.GatewayID, "vgw-") && !s.attachedTo(region, r.GatewayID, t.VpcID) {
			r.State = "blackhole"
		}
		out.Routes = append(out.Routes, r)
	}
	for _, gw := range t.Propagating {
		out.Propagating = append(out.Propagating, propagatingVgw{GatewayID: gw})
		if !s.attachedTo(region, gw, t.VpcID) {
			continue
		}
		for _, dest := range s.propagatedPrefixes(region, gw) {
			out.Routes = append(out.Routes, vpcRoute{DestinationCidrBlock: dest, GatewayID: gw, Origin: "EnableVgwRoutePropagation", State: "active"})
		}
	}
	return out
}

// attachedTo reports whether gateway gw is attached to vpc.
func (s *Server) attachedTo(region, gw, vpc string) bool {
	for _, g := range s.s2s.vgws[region] {
		if g.ID == gw {
			return slices.ContainsFunc(g.Attachments, func(a vpcAttachment) bool { return a.VpcID == vpc && a.State == "attached" })
		}
	}
	return false
}

// propagatedPrefixes are the prefixes a gateway propagates now: each
// available connection with a tunnel UP gives its static routes, or, over
// BGP, as many prefixes as its tunnels accepted (a BGP connection's
// prefixes are the device's to advertise; the world makes them up, one
// 172.x.0.0/16 block per connection).
func (s *Server) propagatedPrefixes(region, gw string) []string {
	var out []string
	for i, c := range s.s2s.conns[region] {
		if c.VpnGatewayID != gw || c.State != "available" || !anyTunnelUp(c) {
			continue
		}
		if c.Options.StaticRoutesOnly {
			for _, r := range c.Routes {
				if r.State == "available" && !slices.Contains(out, r.DestinationCidrBlock) {
					out = append(out, r.DestinationCidrBlock)
				}
			}
			continue
		}
		out = append(out, advertised(i, c)...)
	}
	return out
}

// anyTunnelUp reports whether a tunnel of the connection is UP.
func anyTunnelUp(c *vpnConnection) bool {
	return slices.ContainsFunc(c.Telemetry, func(t telemetry) bool { return t.Status == "UP" })
}

// advertised are the prefixes connection i of its region's list
// advertises over BGP: as many as its tunnels accepted, one
// 172.x.0.0/16 block per connection.
func advertised(i int, c *vpnConnection) []string {
	accepted := 0
	for _, t := range c.Telemetry {
		if t.Status == "UP" && t.AcceptedRouteCount != nil {
			accepted = max(accepted, *t.AcceptedRouteCount)
		}
	}
	out := make([]string, 0, accepted)
	for n := range accepted {
		out = append(out, fmt.Sprintf("172.%d.%d.0/24", 16+i%16, n))
	}
	return out
}
