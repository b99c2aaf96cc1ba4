package emulator

import (
	"encoding/xml"
	"slices"
	"strings"
)

// DescribeRouteTables, as the EC2 API reference gives it: every route
// table of the region, or those RouteTableId.N names, narrowed by
// filters (a route.* or association.* filter matches a table when any of
// its routes or associations matches); MaxResults 5–100 with NextToken,
// everything in one answer without MaxResults. An unknown id is
// InvalidRouteTableID.NotFound, one not of the form rtb-… is
// InvalidRouteTableId.Malformed, an unknown filter InvalidParameterValue.

// The answer's records, in the element names the service sends and
// aws-sdk-go-v2's ec2 deserializers read (routeTableSet, routeSet,
// associationSet, propagatingVgwSet).
type (
	routeTable struct {
		ID           string           `xml:"routeTableId"`
		VpcID        string           `xml:"vpcId"`
		OwnerID      string           `xml:"ownerId"`
		Routes       []vpcRoute       `xml:"routeSet>item"`
		Associations []rtbAssociation `xml:"associationSet>item"`
		Propagating  []propagatingVgw `xml:"propagatingVgwSet>item"`
		Tags         []tag            `xml:"tagSet>item"`
	}
	vpcRoute struct {
		DestinationCidrBlock string `xml:"destinationCidrBlock,omitempty"`
		GatewayID            string `xml:"gatewayId,omitempty"`
		Origin               string `xml:"origin"`
		State                string `xml:"state"`
	}
	rtbAssociation struct {
		ID           string           `xml:"routeTableAssociationId"`
		RouteTableID string           `xml:"routeTableId"`
		SubnetID     string           `xml:"subnetId,omitempty"`
		GatewayID    string           `xml:"gatewayId,omitempty"`
		Main         bool             `xml:"main"`
		State        associationState `xml:"associationState"`
	}
	associationState struct {
		State string `xml:"state"`
	}
	propagatingVgw struct {
		GatewayID string `xml:"gatewayId"`
	}
)

type routeTablesOut struct {
	XMLName   xml.Name     `xml:"body"`
	Tables    []routeTable `xml:"routeTableSet>item"`
	NextToken string       `xml:"nextToken,omitempty"`
}

// maxRouteTables is DescribeRouteTables' largest MaxResults (its
// DescribeRouteTablesMaxResults runs from 5 to 100).
const maxRouteTables = 100

func (s *Server) describeRouteTables(req *request) (any, *apiError) {
	f, err := req.filters("vpc-id", "route-table-id", "owner-id", "tag:Name", "association.route-table-association-id",
		"association.route-table-id", "association.subnet-id", "association.gateway-id", "association.main",
		"route.destination-cidr-block", "route.gateway-id", "route.origin", "route.state")
	if err != nil {
		return nil, err
	}
	ids := req.list("RouteTableId")
	for _, id := range ids {
		if !strings.HasPrefix(id, "rtb-") {
			return nil, errf(400, "InvalidRouteTableId.Malformed", "Invalid id: %q (expecting \"rtb-...\")", id)
		}
	}
	var list []routeTable
	for _, t := range s.s2s.rtbs[req.region] {
		a := s.routeTableAnswer(req.region, t)
		if (len(ids) == 0 || contains(ids, a.ID)) && a.matches(f) {
			list = append(list, a)
		}
	}
	for _, id := range ids {
		if !slices.ContainsFunc(s.s2s.rtbs[req.region], func(t *vpcRouteTable) bool { return t.ID == id }) {
			return nil, errf(400, "InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist", id)
		}
	}
	lo, hi, next, err := windowIn(req, len(list), maxRouteTables, max(len(list), 1))
	if err != nil {
		return nil, err
	}
	return routeTablesOut{Tables: list[lo:hi], NextToken: next}, nil
}

// matches applies DescribeRouteTables' filters to the table as answered.
func (t routeTable) matches(f map[string][]string) bool {
	anyRoute := func(name string, field func(vpcRoute) string) bool {
		return len(f[name]) == 0 || slices.ContainsFunc(t.Routes, func(r vpcRoute) bool { return contains(f[name], field(r)) })
	}
	anyAssoc := func(name string, field func(rtbAssociation) string) bool {
		return len(f[name]) == 0 || slices.ContainsFunc(t.Associations, func(a rtbAssociation) bool { return contains(f[name], field(a)) })
	}
	main := func(a rtbAssociation) string {
		if a.Main {
			return "true"
		}
		return "false"
	}
	return matches(f["vpc-id"], t.VpcID) && matches(f["route-table-id"], t.ID) && matches(f["owner-id"], t.OwnerID) &&
		matches(f["tag:Name"], nameTag(t.Tags)) &&
		anyAssoc("association.route-table-association-id", func(a rtbAssociation) string { return a.ID }) &&
		anyAssoc("association.route-table-id", func(a rtbAssociation) string { return a.RouteTableID }) &&
		anyAssoc("association.subnet-id", func(a rtbAssociation) string { return a.SubnetID }) &&
		anyAssoc("association.gateway-id", func(a rtbAssociation) string { return a.GatewayID }) &&
		anyAssoc("association.main", main) &&
		anyRoute("route.destination-cidr-block", func(r vpcRoute) string { return r.DestinationCidrBlock }) &&
		anyRoute("route.gateway-id", func(r vpcRoute) string { return r.GatewayID }) &&
		anyRoute("route.origin", func(r vpcRoute) string { return r.Origin }) &&
		anyRoute("route.state", func(r vpcRoute) string { return r.State })
}
