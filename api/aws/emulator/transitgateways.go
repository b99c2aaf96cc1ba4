package emulator

import (
	"encoding/xml"
	"net/netip"
	"slices"
	"strings"
)

// The transit gateway actions a VPN attachment's route path needs, as the
// EC2 API reference gives them:
//   - DescribeTransitGatewayAttachments: every attachment of the region,
//     or those TransitGatewayAttachmentIds.N names, narrowed by the
//     filters the reference lists; MaxResults 5–1000 with NextToken.
//   - GetTransitGatewayAttachmentPropagations: the route tables one
//     attachment propagates to (TransitGatewayAttachmentId, required),
//     filter transit-gateway-route-table-id; MaxResults 5–1000.
//   - SearchTransitGatewayRoutes: the routes of one table
//     (TransitGatewayRouteTableId and Filter.N, both required) that match
//     the filters; MaxResults 5–1000 (1000 when absent), with
//     additionalRoutesAvailable when more matched.
//
// Errors are those of "Error codes for the Amazon EC2 API"
// (AWSEC2/latest/APIReference/errors-overview.html): an unknown attachment
// is InvalidTransitGatewayAttachmentID.NotFound, an unknown route table
// InvalidRouteTableID.NotFound, a required parameter left out
// MissingParameter, an unknown filter InvalidParameterValue.

// The answers' records, in the element names aws-sdk-go-v2's ec2
// deserializers read (transitGatewayAttachments, association,
// transitGatewayAttachmentPropagations, routeSet, transitGatewayAttachments
// inside a route, additionalRoutesAvailable).
type (
	tgwAttachmentOut struct {
		ID              string          `xml:"transitGatewayAttachmentId"`
		TGWID           string          `xml:"transitGatewayId"`
		TGWOwnerID      string          `xml:"transitGatewayOwnerId"`
		ResourceOwnerID string          `xml:"resourceOwnerId"`
		ResourceType    string          `xml:"resourceType"`
		ResourceID      string          `xml:"resourceId"`
		State           string          `xml:"state"`
		Association     *tgwAssociation `xml:"association,omitempty"`
		CreationTime    string          `xml:"creationTime"`
		Tags            []tag           `xml:"tagSet>item"`
	}
	tgwAssociation struct {
		RouteTableID string `xml:"transitGatewayRouteTableId"`
		State        string `xml:"state"`
	}
	tgwPropagationOut struct {
		RouteTableID string `xml:"transitGatewayRouteTableId"`
		State        string `xml:"state"`
	}
	tgwRouteOut struct {
		DestinationCidrBlock string               `xml:"destinationCidrBlock"`
		Attachments          []tgwRouteAttachment `xml:"transitGatewayAttachments>item"`
		Type                 string               `xml:"type"`
		State                string               `xml:"state"`
	}
	tgwRouteAttachment struct {
		AttachmentID string `xml:"transitGatewayAttachmentId"`
		ResourceID   string `xml:"resourceId"`
		ResourceType string `xml:"resourceType"`
	}
)

type tgwAttachmentsOut struct {
	XMLName     xml.Name           `xml:"body"`
	Attachments []tgwAttachmentOut `xml:"transitGatewayAttachments>item"`
	NextToken   string             `xml:"nextToken,omitempty"`
}

type tgwPropagationsOut struct {
	XMLName      xml.Name            `xml:"body"`
	Propagations []tgwPropagationOut `xml:"transitGatewayAttachmentPropagations>item"`
	NextToken    string              `xml:"nextToken,omitempty"`
}

type tgwRoutesOut struct {
	XMLName    xml.Name      `xml:"body"`
	Routes     []tgwRouteOut `xml:"routeSet>item"`
	Additional bool          `xml:"additionalRoutesAvailable"`
	NextToken  string        `xml:"nextToken,omitempty"`
}

// maxTGWResults is the transit gateway actions' largest MaxResults
// (TransitGatewayMaxResults, 5 to 1000), also SearchTransitGatewayRoutes'
// default ("If a value is not provided, the default is 1000").
const maxTGWResults = 1000

// tgwHandlers are the actions this file serves, for New's dispatch table.
func (s *Server) tgwHandlers() map[string]func(*request) (any, *apiError) {
	return map[string]func(*request) (any, *apiError){
		"DescribeTransitGatewayAttachments":       s.describeTGWAttachments,
		"GetTransitGatewayAttachmentPropagations": s.getTGWAttachmentPropagations,
		"SearchTransitGatewayRoutes":              s.searchTGWRoutes,
	}
}

func (s *Server) describeTGWAttachments(req *request) (any, *apiError) {
	f, err := req.filters("association.state", "association.transit-gateway-route-table-id", "resource-id", "resource-owner-id",
		"resource-type", "state", "transit-gateway-attachment-id", "transit-gateway-id", "transit-gateway-owner-id", "tag:Name")
	if err != nil {
		return nil, err
	}
	ids := req.list("TransitGatewayAttachmentIds")
	var list []tgwAttachmentOut
	for _, a := range s.s2s.tgwAttachments[req.region] {
		out := a.answer()
		assocTable, assocState := "", ""
		if out.Association != nil {
			assocTable, assocState = out.Association.RouteTableID, out.Association.State
		}
		if (len(ids) == 0 || contains(ids, a.ID)) && matches(f["association.state"], assocState) &&
			matches(f["association.transit-gateway-route-table-id"], assocTable) && matches(f["resource-id"], a.ResourceID) &&
			matches(f["resource-owner-id"], Account) && matches(f["resource-type"], a.ResourceType) && matches(f["state"], a.State) &&
			matches(f["transit-gateway-attachment-id"], a.ID) && matches(f["transit-gateway-id"], a.TGWID) &&
			matches(f["transit-gateway-owner-id"], Account) && matches(f["tag:Name"], a.Name) {
			list = append(list, out)
		}
	}
	for _, id := range ids {
		if s.tgwAttachment(req.region, id) == nil {
			return nil, attachmentNotFound(id)
		}
	}
	lo, hi, next, err := windowIn(req, len(list), maxTGWResults, maxTGWResults)
	if err != nil {
		return nil, err
	}
	return tgwAttachmentsOut{Attachments: list[lo:hi], NextToken: next}, nil
}

func (s *Server) getTGWAttachmentPropagations(req *request) (any, *apiError) {
	id := req.params.Get("TransitGatewayAttachmentId")
	if id == "" {
		return nil, errf(400, "MissingParameter", "The request must contain the parameter TransitGatewayAttachmentId")
	}
	f, err := req.filters("transit-gateway-route-table-id")
	if err != nil {
		return nil, err
	}
	a := s.tgwAttachment(req.region, id)
	if a == nil {
		return nil, attachmentNotFound(id)
	}
	var list []tgwPropagationOut
	for _, rt := range a.Propagations {
		if matches(f["transit-gateway-route-table-id"], rt) {
			list = append(list, tgwPropagationOut{RouteTableID: rt, State: "enabled"})
		}
	}
	lo, hi, next, err := windowIn(req, len(list), maxTGWResults, maxTGWResults)
	if err != nil {
		return nil, err
	}
	return tgwPropagationsOut{Propagations: list[lo:hi], NextToken: next}, nil
}

func (s *Server) searchTGWRoutes(req *request) (any, *apiError) {
	id := req.params.Get("TransitGatewayRouteTableId")
	if id == "" {
		return nil, errf(400, "MissingParameter", "The request must contain the parameter TransitGatewayRouteTableId")
	}
	f, err := req.filters("attachment.transit-gateway-attachment-id", "attachment.resource-id", "attachment.resource-type",
		"prefix-list-id", "route-search.exact-match", "route-search.longest-prefix-match", "route-search.subnet-of-match",
		"route-search.supernet-of-match", "state", "type")
	if err != nil {
		return nil, err
	}
	if len(f) == 0 { // Filter.N is required (SearchTransitGatewayRoutes)
		return nil, errf(400, "MissingParameter", "The request must contain the parameter Filter")
	}
	if !strings.HasPrefix(id, "tgw-rtb-") {
		return nil, errf(400, "InvalidRouteTableId.Malformed", "Invalid id: %q (expecting \"tgw-rtb-...\")", id)
	}
	rt := s.tgwRouteTable(req.region, id)
	if rt == nil {
		return nil, errf(400, "InvalidRouteTableID.NotFound", "Transit Gateway Route Table %s was deleted or does not exist.", id)
	}
	var list []tgwRouteOut
	for _, r := range s.tgwRoutes(req.region, rt) {
		if r.matches(f) {
			list = append(list, r)
		}
	}
	if len(f["route-search.longest-prefix-match"]) > 0 {
		list = longestOnly(list)
	}
	lo, hi, next, err := windowIn(req, len(list), maxTGWResults, maxTGWResults)
	if err != nil {
		return nil, err
	}
	return tgwRoutesOut{Routes: list[lo:hi], Additional: hi < len(list), NextToken: next}, nil
}

func attachmentNotFound(id string) *apiError {
	return errf(400, "InvalidTransitGatewayAttachmentID.NotFound", "Transit Gateway Attachment %s was deleted or does not exist.", id)
}

// matches applies SearchTransitGatewayRoutes' filters to a route: an
// attachment filter matches a route by any of its attachments (a
// blackhole has none), the route-search filters compare CIDRs.
func (r tgwRouteOut) matches(f map[string][]string) bool {
	anyAttachment := func(name string, field func(tgwRouteAttachment) string) bool {
		return len(f[name]) == 0 || slices.ContainsFunc(r.Attachments, func(a tgwRouteAttachment) bool { return contains(f[name], field(a)) })
	}
	dest, err := netip.ParsePrefix(r.DestinationCidrBlock)
	cidrs := func(name string, ok func(d, q netip.Prefix) bool) bool {
		for _, v := range f[name] {
			q, perr := netip.ParsePrefix(v)
			if perr == nil && err == nil && ok(dest, q.Masked()) {
				return true
			}
		}
		return len(f[name]) == 0
	}
	return matches(f["state"], r.State) && matches(f["type"], r.Type) && len(f["prefix-list-id"]) == 0 &&
		anyAttachment("attachment.transit-gateway-attachment-id", func(a tgwRouteAttachment) string { return a.AttachmentID }) &&
		anyAttachment("attachment.resource-id", func(a tgwRouteAttachment) string { return a.ResourceID }) &&
		anyAttachment("attachment.resource-type", func(a tgwRouteAttachment) string { return a.ResourceType }) &&
		cidrs("route-search.exact-match", func(d, q netip.Prefix) bool { return d == q }) &&
		cidrs("route-search.subnet-of-match", func(d, q netip.Prefix) bool { return d.Bits() >= q.Bits() && q.Contains(d.Addr()) }) &&
		cidrs("route-search.supernet-of-match", func(d, q netip.Prefix) bool { return d.Bits() <= q.Bits() && d.Contains(q.Addr()) }) &&
		cidrs("route-search.longest-prefix-match", func(d, q netip.Prefix) bool { return d.Bits() <= q.Bits() && d.Contains(q.Addr()) })
}

// longestOnly keeps the routes of the longest prefix among those that
// matched longest-prefix-match.
func longestOnly(list []tgwRouteOut) []tgwRouteOut {
	best := -1
	for _, r := range list {
		if p, err := netip.ParsePrefix(r.DestinationCidrBlock); err == nil {
			best = max(best, p.Bits())
		}
	}
	return slices.DeleteFunc(list, func(r tgwRouteOut) bool {
		p, err := netip.ParsePrefix(r.DestinationCidrBlock)
		return err != nil || p.Bits() != best
	})
}
