package emulator

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// The transit gateways' attachments and route tables. Each transit
// gateway has a VPC attachment and two route tables, each attachment
// associated with one table and propagating to another ("Transit gateway
// route tables", tgw-route-tables.html): the VPC is associated with the
// spokes table, into
// which each VPN attachment propagates; each VPN attachment is associated
// with the vpn table, into which the VPC propagates its CIDR. The seeded
// connections (core-tgw's, eu-tgw's) are routed so. eu-hub-tgw's are
// each broken one way, both tunnels up: eu-hub-quiet is associated but
// propagates nowhere, eu-hub-bh's prefix is half blackholed by a static
// blackhole route, eu-hub-lone propagates but is associated with no table.
//
// A table keeps only what was set on it: its static routes (to an
// attachment, or a blackhole). What the service derives is derived when
// it answers:
//   - propagated routes: a VPC attachment's CIDR, a VPN attachment's BGP
//     prefixes while a tunnel is UP ("When associated, routes for these
//     attachments are propagated from the attachment to the target transit
//     gateway route table", tgw-route-tables.html);
//   - a static route and a propagated one for the same CIDR: only the
//     static one is listed ("Transit Gateway shows only preferred routes",
//     AWS re:Post Knowledge Center, direct-connect-gateway-primary-
//     connection; static routes are preferred, how-transit-gateways-work.html,
//     "Route evaluation order");
//   - a static route to a VPN attachment with no tunnel UP, or to an
//     attachment that is not available, is a blackhole (TransitGatewayRoute
//     state, EC2 API reference: "blackhole"; a static route to a VPN
//     attachment blackholes when the VPN goes down, AWS re:Post,
//     "AWS Transit Gateway backup VPN path behavior").

// tgwAttachment is a transit gateway attachment as it was set up.
type tgwAttachment struct {
	ID, TGWID, Name string
	ResourceType    string // vpn, vpc
	ResourceID      string // vpn-…, vpc-…
	State           string
	Association     string   // the associated route table; "" for none
	Propagations    []string // the route tables it propagates to
	cidr            string   // a VPC attachment's CIDR, which it propagates
	created         string
}

// tgwRouteTable is a transit gateway route table and its static routes.
type tgwRouteTable struct {
	ID, TGWID, Name string
	Static          []tgwStatic
}

// tgwStatic is a static route: to an attachment, or a blackhole ("").
type tgwStatic struct {
	Dest, Attachment string
}

// tgwCase is how a VPN attachment's routing is set up.
type tgwCase int

const (
	tgwRouted         tgwCase = iota // associated with the vpn table, propagating to the spokes table
	tgwNotPropagating                // associated, propagating nowhere
	tgwBlackholed                    // a static route to it, and a blackhole for half its prefix
	tgwUnassociated                  // propagating, associated with no table
)

// tgwCases are the broken VPN attachments, by their connection's name.
var tgwCases = map[string]tgwCase{
	"eu-hub-quiet": tgwNotPropagating,
	"eu-hub-bh":    tgwBlackholed,
	"eu-hub-lone":  tgwUnassociated,
}

// tgwVPCs are each transit gateway's VPC CIDR, by its name.
var tgwVPCs = map[string]string{"core-tgw": "10.100.0.0/16", "eu-tgw": "10.116.0.0/16", "eu-hub-tgw": "10.120.0.0/16"}

// tgwCaseSpecs are the transit gateway added for the route path's cases;
// both tunnels of each connection are up, so only the routes are wrong.
func tgwCaseSpecs() map[string][]gatewaySpec {
	up := tunnelSpec{c: stableUp, group: euGroup}
	return map[string][]gatewaySpec{"eu-west-1": {
		{name: "eu-hub-tgw", kind: "tgw", state: "available", conns: []connSpec{
			{name: "eu-hub-quiet", state: "available", bgp: true, t1: up, t2: up},
			{name: "eu-hub-bh", state: "available", local: "10.92.0.0/16", remote: "10.120.0.0/16", t1: up, t2: up},
			{name: "eu-hub-lone", state: "available", bgp: true, t1: up, t2: up},
		}},
	}}
}

// addTransitRoutes adds the route path's transit gateway, then every
// transit gateway's attachments and route tables, on a builder of their
// own so no other id changes.
func (w *s2sWorld) addTransitRoutes(now time.Time, n uint64) {
	b := &builder{rnd: rand.New(rand.NewPCG(2016+n, 24240)), now: now}
	specs := tgwCaseSpecs()
	w.tgwAttachments, w.tgwRouteTables = map[string][]*tgwAttachment{}, map[string][]*tgwRouteTable{}
	for _, region := range regionNames {
		for _, gs := range specs[region] {
			gwID := w.addGateway(b, region, gs)
			for _, cs := range gs.conns {
				w.addConnection(b, region, gs.kind, gwID, cs)
			}
		}
		for _, g := range w.tgws[region] {
			w.routeTransitGateway(b, region, g)
		}
	}
}

// routeTransitGateway gives g its two tables, its VPC attachment and an
// attachment for each of its VPN connections.
func (w *s2sWorld) routeTransitGateway(b *builder, region string, g *transitGateway) {
	prefix := strings.TrimSuffix(nameTag(g.Tags), "-tgw")
	created := b.now.Add(-800 * time.Hour).UTC().Format(telemetryTime)
	spokes := &tgwRouteTable{ID: b.id("tgw-rtb"), TGWID: g.ID, Name: prefix + "-spokes"}
	vpn := &tgwRouteTable{ID: b.id("tgw-rtb"), TGWID: g.ID, Name: prefix + "-vpn"}
	w.tgwRouteTables[region] = append(w.tgwRouteTables[region], spokes, vpn)
	if cidr := tgwVPCs[nameTag(g.Tags)]; cidr != "" {
		w.tgwAttachments[region] = append(w.tgwAttachments[region], &tgwAttachment{ID: b.id("tgw-attach"), TGWID: g.ID,
			Name: prefix + "-vpc", ResourceType: "vpc", ResourceID: b.id("vpc"), State: "available",
			Association: spokes.ID, Propagations: []string{vpn.ID}, cidr: cidr, created: created})
	}
	for _, c := range w.conns[region] {
		if c.TransitGatewayID != g.ID {
			continue
		}
		a := &tgwAttachment{ID: b.id("tgw-attach"), TGWID: g.ID, Name: nameTag(c.Tags), ResourceType: "vpn", ResourceID: c.ID,
			State: attachmentState(c.State), Association: vpn.ID, Propagations: []string{spokes.ID}, created: created}
		switch tgwCases[a.Name] {
		case tgwNotPropagating:
			a.Propagations = nil
		case tgwUnassociated:
			a.Association = ""
		case tgwBlackholed:
			spokes.Static = append(spokes.Static, tgwStatic{Dest: c.Options.LocalIpv4NetworkCidr, Attachment: a.ID},
				tgwStatic{Dest: halfOf(c.Options.LocalIpv4NetworkCidr)})
		}
		if a.State == "deleted" || a.State == "deleting" {
			a.Association, a.Propagations = "", nil
		}
		w.tgwAttachments[region] = append(w.tgwAttachments[region], a)
	}
}

// attachmentState is a VPN attachment's state for its connection's.
func attachmentState(conn string) string {
	if conn == "available" || conn == "pending" || conn == "deleting" || conn == "deleted" {
		return conn
	}
	return "available"
}

// halfOf is the upper half of a /16: 10.92.0.0/16 → 10.92.128.0/17.
func halfOf(cidr string) string {
	base, _, _ := strings.Cut(cidr, "/")
	parts := strings.Split(base, ".")
	return parts[0] + "." + parts[1] + ".128.0/17"
}

// answer is the attachment as DescribeTransitGatewayAttachments gives it.
func (a *tgwAttachment) answer() tgwAttachmentOut {
	out := tgwAttachmentOut{ID: a.ID, TGWID: a.TGWID, TGWOwnerID: Account, ResourceOwnerID: Account, ResourceType: a.ResourceType,
		ResourceID: a.ResourceID, State: a.State, CreationTime: a.created, Tags: []tag{{Key: "Name", Value: a.Name}}}
	if a.Association != "" {
		out.Association = &tgwAssociation{RouteTableID: a.Association, State: "associated"}
	}
	return out
}

func (s *Server) tgwAttachment(region, id string) *tgwAttachment {
	for _, a := range s.s2s.tgwAttachments[region] {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func (s *Server) tgwRouteTable(region, id string) *tgwRouteTable {
	for _, rt := range s.s2s.tgwRouteTables[region] {
		if rt.ID == id {
			return rt
		}
	}
	return nil
}

// tgwRoutes are a table's routes as the service lists them now: its
// static routes, then what its propagating attachments give, a CIDR a
// static route holds left out, the attachments that propagate the same
// CIDR in one route.
func (s *Server) tgwRoutes(region string, rt *tgwRouteTable) []tgwRouteOut {
	var out []tgwRouteOut
	for _, st := range rt.Static {
		r := tgwRouteOut{DestinationCidrBlock: st.Dest, Type: "static", State: "blackhole"}
		if a := s.tgwAttachment(region, st.Attachment); a != nil {
			r.Attachments = []tgwRouteAttachment{a.routeAttachment()}
			if s.carries(region, a) {
				r.State = "active"
			}
		}
		out = append(out, r)
	}
	static := len(out)
	for _, a := range s.s2s.tgwAttachments[region] {
		if !slices.Contains(a.Propagations, rt.ID) || a.State != "available" {
			continue
		}
		for _, dest := range s.propagatedBy(region, a) {
			switch i := slices.IndexFunc(out, func(r tgwRouteOut) bool { return r.DestinationCidrBlock == dest }); {
			case i >= 0 && i < static:
				continue // the static route is preferred, and the only one shown
			case i >= 0:
				out[i].Attachments = append(out[i].Attachments, a.routeAttachment())
			default:
				out = append(out, tgwRouteOut{DestinationCidrBlock: dest, Type: "propagated", State: "active",
					Attachments: []tgwRouteAttachment{a.routeAttachment()}})
			}
		}
	}
	return out
}

func (a *tgwAttachment) routeAttachment() tgwRouteAttachment {
	return tgwRouteAttachment{AttachmentID: a.ID, ResourceID: a.ResourceID, ResourceType: a.ResourceType}
}

// carries reports whether an attachment can take traffic now: available,
// and for a VPN attachment a tunnel UP.
func (s *Server) carries(region string, a *tgwAttachment) bool {
	if a.State != "available" {
		return false
	}
	if a.ResourceType != "vpn" {
		return true
	}
	i := slices.IndexFunc(s.s2s.conns[region], func(c *vpnConnection) bool { return c.ID == a.ResourceID })
	return i >= 0 && anyTunnelUp(s.s2s.conns[region][i])
}

// propagatedBy are the prefixes an attachment propagates now: a VPC's
// CIDR; a BGP connection's advertised prefixes while it is available
// with a tunnel UP (a static VPN connection's routes are the table's own).
func (s *Server) propagatedBy(region string, a *tgwAttachment) []string {
	if a.ResourceType == "vpc" {
		return []string{a.cidr}
	}
	i := slices.IndexFunc(s.s2s.conns[region], func(c *vpnConnection) bool { return c.ID == a.ResourceID })
	if i < 0 {
		return nil
	}
	c := s.s2s.conns[region][i]
	if c.State != "available" || c.Options.StaticRoutesOnly || !anyTunnelUp(c) {
		return nil
	}
	return advertised(i, c)
}
