package aws

import (
	"context"
	"errors"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// The route path of a Site-to-Site connection on a transit gateway: its
// VPN attachment, the transit gateway route table the attachment is
// associated with (where the customer's traffic is routed on: the way
// back), the route tables it propagates to, and the routes in them that
// point at it (where the VPCs' traffic is sent into the connection),
// blackholes included. From AWS's pages:
//   - how-transit-gateways-work.html, "Routing": "Each attachment is
//     associated with exactly one route table"; the transit gateway routes
//     a packet from an attachment by the route table associated with that
//     attachment; "Route propagation: Each attachment comes with routes
//     that can be installed to one or more transit gateway route tables";
//     "Route evaluation order": the most specific route, then static
//     routes before propagated ones.
//   - tgw-route-tables.html: an attachment is associated with a table and
//     "can be propagated to multiple route tables"; static routes are
//     added by hand.
//   - tgw-create-static-route.html: "a blackhole route that drops traffic
//     that matches the route".
//   - AssociateTransitGatewayRouteTable, EnableTransitGatewayRouteTable-
//     Propagation, CreateTransitGatewayRoute, DeleteTransitGatewayRoute
//     (EC2 API reference): what to do, by action.

// TGWAttachment is a transit gateway attachment, as
// DescribeTransitGatewayAttachments gives it.
type TGWAttachment struct {
	ID               string
	TransitGatewayID string
	ResourceType     string // vpn, vpc, …
	ResourceID       string // the VPN connection's id
	State            string // available, pending, deleting, deleted, …
	// AssociatedTable is the route table it is associated with; "" when
	// none. AssociationState is associating, associated, disassociating.
	AssociatedTable  string
	AssociationState string
}

// Associated reports whether the attachment has a route table for the
// traffic that enters it.
func (a TGWAttachment) Associated() bool {
	return a.AssociatedTable != "" && (a.AssociationState == "associated" || a.AssociationState == "")
}

// TGWPropagation is a route table an attachment propagates to.
type TGWPropagation struct {
	TableID string
	State   string // enabling, enabled, disabling, disabled
}

// Enabled reports a propagation that puts (or is about to put) routes in
// the table.
func (p TGWPropagation) Enabled() bool {
	return p.State == "enabled" || p.State == "enabling" || p.State == ""
}

// TGWRoute is a route of a transit gateway route table.
type TGWRoute struct {
	Destination string
	Attachments []string // none for a blackhole route
	Type        string   // static, propagated
	State       string   // active, blackhole, pending, deleting
}

// Blackhole reports a route that drops what it matches.
func (r TGWRoute) Blackhole() bool { return r.State == "blackhole" }

// To reports whether the route points at attachment id.
func (r TGWRoute) To(id string) bool { return slices.Contains(r.Attachments, id) }

// TGWRouteTable is what one search of a transit gateway route table read:
// its routes, and whether the service had more than one answer holds
// (additionalRoutesAvailable).
type TGWRouteTable struct {
	ID        string
	Routes    []TGWRoute
	Truncated bool
}

// Queries of the transit gateway reads; Fresh asks for a read of its own,
// not one kept from a moment ago (the view's r).
type (
	// TGWAttachmentQuery: the VPN attachments of those connections.
	TGWAttachmentQuery struct {
		ConnectionIDs []string
		Fresh         bool
	}
	// TGWPropagationQuery: the route tables one attachment propagates to.
	TGWPropagationQuery struct {
		AttachmentID string
		Fresh        bool
	}
	// TGWRouteQuery: every route of one transit gateway route table.
	TGWRouteQuery struct {
		TableID string
		Fresh   bool
	}
)

// TGWClient reads a transit gateway connection's route path. Each read
// may be one kept a few seconds, unless the query asks for a fresh one.
type TGWClient interface {
	// TransitAttachments lists the VPN attachments of those connections
	// (DescribeTransitGatewayAttachments by resource-id), every page.
	TransitAttachments(ctx context.Context, region string, q TGWAttachmentQuery) ([]TGWAttachment, error)
	// TransitPropagations lists the route tables an attachment propagates
	// to (GetTransitGatewayAttachmentPropagations), every page.
	TransitPropagations(ctx context.Context, region string, q TGWPropagationQuery) ([]TGWPropagation, error)
	// TransitRoutes reads a transit gateway route table's routes, active
	// and blackhole (SearchTransitGatewayRoutes, one answer).
	TransitRoutes(ctx context.Context, region string, q TGWRouteQuery) (TGWRouteTable, error)
}

// TGWPathApplies reports whether a connection's transit gateway route
// path is judged: one on a transit gateway, available, with a tunnel up.
func TGWPathApplies(c VPNConnection) bool {
	return c.GatewayKind == KindTGW && c.State == "available" && c.TunnelsUp() > 0
}

// TGWPath is what was read of a connection's route path on a transit
// gateway.
type TGWPath struct {
	Connection VPNConnection
	// Attachment is the connection's VPN attachment; nil when none was
	// listed. AttachmentErr is why it could not be read.
	Attachment    *TGWAttachment
	AttachmentErr error
	Propagations  []TGWPropagation
	// PropagationErr is why the propagations could not be read.
	PropagationErr error
	// Tables are the associated table and those it propagates to, by id;
	// TableErrs those that could not be read.
	Tables    map[string]TGWRouteTable
	TableErrs map[string]error
}

// PathTables are the route tables the path reads: the associated one,
// then those the attachment propagates to, each once.
func (p TGWPath) PathTables() []string {
	var out []string
	if a := p.Attachment; a != nil && a.AssociatedTable != "" {
		out = append(out, a.AssociatedTable)
	}
	for _, pr := range p.Propagations {
		if pr.Enabled() && !slices.Contains(out, pr.TableID) {
			out = append(out, pr.TableID)
		}
	}
	return out
}

// RoutesTo are the routes of the tables read that point at the
// attachment, named "D in tgw-rtb-…", active and blackhole apart.
func (p TGWPath) RoutesTo() (active, blackhole []string) {
	if p.Attachment == nil {
		return nil, nil
	}
	for _, id := range p.PathTables() {
		for _, r := range p.Tables[id].Routes {
			if !r.To(p.Attachment.ID) {
				continue
			}
			if r.Blackhole() {
				blackhole = append(blackhole, r.Destination+" in "+id)
			} else {
				active = append(active, r.Destination+" in "+id)
			}
		}
	}
	return active, blackhole
}

// TGWCustomerPrefixes are the customer's networks as the path knows them:
// the destinations of the routes that point at the attachment, and the
// customer side of the traffic selectors when the connection narrows it
// (LocalIpv4NetworkCidr; 0.0.0.0/0, the default, says nothing).
func (p TGWPath) TGWCustomerPrefixes() []string {
	var out []string
	if c := p.Connection.LocalCIDR; c != "" && c != "0.0.0.0/0" && c != "::/0" {
		out = append(out, c)
	}
	if p.Attachment == nil {
		return out
	}
	for _, id := range p.PathTables() {
		for _, r := range p.Tables[id].Routes {
			if r.To(p.Attachment.ID) && !slices.Contains(out, r.Destination) {
				out = append(out, r.Destination)
			}
		}
	}
	return out
}

// Transit gateway rules, as a finding's state words them.
const (
	RuleUnassociated   = "unassociated"
	RuleNotPropagating = "not propagating"
	RuleTGWUnrouted    = "no route to it"
)

// What to do, by API action and console name.
const (
	checkAssociate    = "associate the attachment with the route table that routes to your VPCs (AssociateTransitGatewayRouteTable; console: Transit gateway route tables → Associations → Create association)"
	checkTGWPropagate = "propagate the attachment to the route tables your VPC attachments are associated with (EnableTransitGatewayRouteTablePropagation; console: Transit gateway route tables → Propagations → Create propagation)"
	checkTGWStatic    = "add static routes for the customer's prefixes to the attachment (CreateTransitGatewayRoute; console: Transit gateway route tables → Routes → Create static route)"
	checkTGWBGP       = "check that the device advertises the customer's prefixes over BGP (the tunnels' accepted routes)"
	checkTGWBlackhole = "delete the blackhole route (DeleteTransitGatewayRoute), or point it at the attachment (ReplaceTransitGatewayRoute)"
)

// JudgeTGWPath applies the transit gateway rules to what was read of a
// route path; what could not be read is unread, and the rules that need
// it are not judged.
func JudgeTGWPath(p TGWPath) RouteVerdict {
	var v RouteVerdict
	c := p.Connection
	if c.GatewayKind != KindTGW {
		return v
	}
	if p.AttachmentErr != nil {
		v.Unread = append(v.Unread, api.Unread{What: "its transit gateway attachment", Err: p.AttachmentErr})
		return v
	}
	a := p.Attachment
	if a == nil {
		v.Unread = append(v.Unread, api.Unread{What: "its transit gateway attachment", Err: errAttachmentNotListed})
		return v
	}
	if !a.Associated() {
		v.Issues = append(v.Issues, RouteIssue{Rule: RuleUnassociated, Impact: api.TrafficDown,
			Problem: "the attachment " + a.ID + " is associated with no transit gateway route table: the transit gateway has no route for the customer's traffic that enters it, and drops it",
			Check:   checkAssociate})
	}
	if p.PropagationErr != nil {
		v.Unread = append(v.Unread, api.Unread{What: "the route tables its attachment propagates to", Err: p.PropagationErr})
	}
	for _, id := range p.PathTables() {
		if err := p.TableErrs[id]; err != nil {
			v.Unread = append(v.Unread, api.Unread{What: "the routes of " + id, Err: err})
		}
	}
	if p.PropagationErr != nil {
		return sortIssues(v) // what points at it is in the tables it propagates to
	}
	active, _ := p.RoutesTo()
	propagating := slices.ContainsFunc(p.Propagations, TGWPropagation.Enabled)
	whole := !slices.ContainsFunc(p.PathTables(), func(id string) bool { return p.TableErrs[id] != nil || p.Tables[id].Truncated })
	switch {
	case !propagating && len(active) == 0 && whole:
		i := RouteIssue{Rule: RuleNotPropagating, Impact: api.TrafficDown,
			Problem: "the attachment " + a.ID + " propagates to no transit gateway route table, and no route read points at it: the transit gateway sends nothing into the connection",
			Check:   checkTGWPropagate}
		if c.StaticRoutesOnly {
			i.Check = checkTGWStatic + ", or " + checkTGWPropagate
		}
		v.Issues = append(v.Issues, i)
	case len(active) == 0 && whole:
		tables := p.PathTables()
		if a.AssociatedTable != "" {
			tables = slices.DeleteFunc(slices.Clone(tables), func(id string) bool {
				return id == a.AssociatedTable && !slices.ContainsFunc(p.Propagations, func(pr TGWPropagation) bool { return pr.TableID == id })
			})
		}
		i := RouteIssue{Rule: RuleTGWUnrouted, Impact: api.TrafficDown, Tables: tables,
			Problem: "no route in " + api.JoinAnd(tables) + " points at the attachment " + a.ID + ": the tables it propagates to hold none of the customer's prefixes",
			Check:   checkTGWBGP}
		if c.StaticRoutesOnly {
			i.Problem = "no route in " + api.JoinAnd(tables) + " points at the attachment " + a.ID + ": a static connection on a transit gateway propagates nothing, its routes are the tables' own"
			i.Check = checkTGWStatic
		}
		v.Issues = append(v.Issues, i)
	}
	if i, ok := tgwBlackholes(p); ok {
		v.Issues = append(v.Issues, i)
	}
	if i, ok := tgwUnroutedPrefix(p, whole); ok {
		v.Issues = append(v.Issues, i)
	}
	return sortIssues(v)
}

// tgwBlackholes is the issue of the blackhole routes in the path's tables
// that point at the attachment or cover a customer prefix: the traffic
// they match is dropped. Traffic down when no active route points at it.
func tgwBlackholes(p TGWPath) (RouteIssue, bool) {
	prefixes := p.TGWCustomerPrefixes()
	var named, tables, dests []string
	for _, id := range p.PathTables() {
		for _, r := range p.Tables[id].Routes {
			if !r.Blackhole() || !(r.To(p.Attachment.ID) || overlapsAny(r.Destination, prefixes)) {
				continue
			}
			named = append(named, r.Destination+" in "+id)
			if !slices.Contains(tables, id) {
				tables = append(tables, id)
			}
			if !slices.Contains(dests, r.Destination) {
				dests = append(dests, r.Destination)
			}
		}
	}
	if len(named) == 0 {
		return RouteIssue{}, false
	}
	i := RouteIssue{Rule: RuleBlackhole, Impact: api.Degraded, Tables: tables, Prefixes: dests,
		Problem: api.JoinAnd(named) + " " + api.OneOrMany(len(named), "is a blackhole", "are blackholes") +
			": traffic to " + api.JoinAnd(dests) + " is dropped at the transit gateway, not sent into the connection",
		Check: checkTGWBlackhole}
	if active, _ := p.RoutesTo(); len(active) == 0 {
		i.Impact = api.TrafficDown
	}
	return i, true
}

// tgwUnroutedPrefix is the issue of the customer side of the traffic
// selectors (the connection's LocalIpv4NetworkCidr) that no active route
// to the attachment reaches into, when other routes to it exist (none at
// all is RuleTGWUnrouted's). A route inside it counts: a device
// advertises the networks of its side, often more specific than the
// selector.
func tgwUnroutedPrefix(p TGWPath, whole bool) (RouteIssue, bool) {
	local := p.Connection.LocalCIDR
	active, _ := p.RoutesTo()
	if !whole || len(active) == 0 || local == "" || local == "0.0.0.0/0" || local == "::/0" {
		return RouteIssue{}, false
	}
	for _, id := range p.PathTables() {
		for _, r := range p.Tables[id].Routes {
			if r.To(p.Attachment.ID) && !r.Blackhole() && overlapsAny(r.Destination, []string{local}) {
				return RouteIssue{}, false
			}
		}
	}
	return RouteIssue{Rule: RuleUnrouted, Impact: api.Degraded, Prefixes: []string{local}, Tables: p.PathTables(),
		Problem: local + ", the customer's side of the connection, is routed to the attachment by no route in " + api.JoinAnd(p.PathTables()),
		Check:   checkTGWStatic}, true
}

// overlapsAny reports whether CIDR d overlaps any of cidrs.
func overlapsAny(d string, cidrs []string) bool {
	dp, err := netip.ParsePrefix(d)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(cidrs, func(c string) bool {
		cp, err := netip.ParsePrefix(c)
		return err == nil && cp.Overlaps(dp)
	})
}

// errAttachmentNotListed is a connection DescribeTransitGatewayAttachments
// listed no attachment for.
var errAttachmentNotListed = errors.New("DescribeTransitGatewayAttachments listed no attachment for the connection")

// AttachmentFor is the connection's attachment among atts: the one whose
// resource it is, a live one before one deleted.
func AttachmentFor(connID string, atts []TGWAttachment) *TGWAttachment {
	var found *TGWAttachment
	for i, a := range atts {
		if a.ResourceID != connID || (a.ResourceType != "" && a.ResourceType != "vpn") {
			continue
		}
		if found == nil || strings.HasPrefix(found.State, "delet") && !strings.HasPrefix(a.State, "delet") {
			found = &atts[i]
		}
	}
	return found
}
