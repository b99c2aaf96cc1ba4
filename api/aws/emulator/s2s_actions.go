package emulator

import (
	"encoding/xml"
	"strings"
)

// The Site-to-Site VPN actions and DescribeRegions. DescribeVpnGateways,
// DescribeVpnConnections and DescribeCustomerGateways are not paged (the
// service returns everything that matches); DescribeTransitGateways pages
// with MaxResults and NextToken. Unknown ids are the service's NotFound
// errors; unknown filter names are refused.

// s2sHandlers are the actions this file serves, for New's dispatch table.
func (s *Server) s2sHandlers() map[string]func(*request) (any, *apiError) {
	return map[string]func(*request) (any, *apiError){
		"DescribeVpnGateways":      s.describeVpnGateways,
		"DescribeTransitGateways":  s.describeTransitGateways,
		"DescribeVpnConnections":   s.describeVpnConnections,
		"DescribeCustomerGateways": s.describeCustomerGateways,
		"DescribeRegions":          s.describeRegions,
		"DescribeRouteTables":      s.describeRouteTables, // routetables.go
	}
}

type vpnGatewaysOut struct {
	XMLName  xml.Name      `xml:"body"`
	Gateways []*vpnGateway `xml:"vpnGatewaySet>item"`
}

func (s *Server) describeVpnGateways(req *request) (any, *apiError) {
	f, err := req.filters("vpn-gateway-id", "state", "type", "attachment.vpc-id", "tag:Name")
	if err != nil {
		return nil, err
	}
	ids := req.list("VpnGatewayId")
	var out vpnGatewaysOut
	for _, g := range s.s2s.vgws[req.region] {
		vpc := ""
		if len(g.Attachments) > 0 {
			vpc = g.Attachments[0].VpcID
		}
		if (len(ids) == 0 || contains(ids, g.ID)) && matches(f["vpn-gateway-id"], g.ID) && matches(f["state"], g.State) &&
			matches(f["type"], g.Type) && matches(f["attachment.vpc-id"], vpc) && matches(f["tag:Name"], nameTag(g.Tags)) {
			out.Gateways = append(out.Gateways, g)
		}
	}
	for _, id := range ids {
		if !containsFunc(out.Gateways, func(g *vpnGateway) bool { return g.ID == id }) {
			return nil, errf(400, "InvalidVpnGatewayID.NotFound", "The virtual private gateway ID '%s' does not exist", id)
		}
	}
	return out, nil
}

type transitGatewaysOut struct {
	XMLName   xml.Name          `xml:"body"`
	Gateways  []*transitGateway `xml:"transitGatewaySet>item"`
	NextToken string            `xml:"nextToken,omitempty"`
}

func (s *Server) describeTransitGateways(req *request) (any, *apiError) {
	f, err := req.filters("transit-gateway-id", "state", "owner-id", "tag:Name")
	if err != nil {
		return nil, err
	}
	ids := req.list("TransitGatewayIds")
	var list []*transitGateway
	for _, g := range s.s2s.tgws[req.region] {
		if (len(ids) == 0 || contains(ids, g.ID)) && matches(f["transit-gateway-id"], g.ID) && matches(f["state"], g.State) &&
			matches(f["owner-id"], g.OwnerID) && matches(f["tag:Name"], nameTag(g.Tags)) {
			list = append(list, g)
		}
	}
	for _, id := range ids {
		if !containsFunc(list, func(g *transitGateway) bool { return g.ID == id }) {
			return nil, errf(400, "InvalidTransitGatewayID.NotFound", "Transit Gateway %s was deleted or does not exist.", id)
		}
	}
	lo, hi, next, err := window(req, len(list))
	if err != nil {
		return nil, err
	}
	return transitGatewaysOut{Gateways: list[lo:hi], NextToken: next}, nil
}

type vpnConnectionsOut struct {
	XMLName     xml.Name         `xml:"body"`
	Connections []*vpnConnection `xml:"vpnConnectionSet>item"`
}

func (s *Server) describeVpnConnections(req *request) (any, *apiError) {
	f, err := req.filters("vpn-connection-id", "vpn-gateway-id", "transit-gateway-id", "customer-gateway-id", "state",
		"type", "option.static-routes-only", "bgp-asn", "tag:Name")
	if err != nil {
		return nil, err
	}
	ids := req.list("VpnConnectionId")
	var out vpnConnectionsOut
	for _, c := range s.s2s.conns[req.region] {
		static := "false"
		if c.Options.StaticRoutesOnly {
			static = "true"
		}
		if (len(ids) == 0 || contains(ids, c.ID)) && matches(f["vpn-connection-id"], c.ID) &&
			matchesSet(f["vpn-gateway-id"], c.VpnGatewayID) && matchesSet(f["transit-gateway-id"], c.TransitGatewayID) &&
			matches(f["customer-gateway-id"], c.CustomerGatewayID) && matches(f["state"], c.State) && matches(f["type"], c.Type) &&
			matches(f["option.static-routes-only"], static) && matches(f["bgp-asn"], s.cgwASN(req.region, c.CustomerGatewayID)) &&
			matches(f["tag:Name"], nameTag(c.Tags)) {
			out.Connections = append(out.Connections, c)
		}
	}
	for _, id := range ids {
		if !containsFunc(out.Connections, func(c *vpnConnection) bool { return c.ID == id }) {
			return nil, errf(400, "InvalidVpnConnectionID.NotFound", "The vpnConnection ID '%s' does not exist", id)
		}
	}
	return out, nil
}

// matchesSet is matches for a field a record may not have: a filter on it
// leaves out the records without it.
func matchesSet(values []string, v string) bool {
	return len(values) == 0 || v != "" && contains(values, v)
}

func (s *Server) cgwASN(region, id string) string {
	for _, g := range s.s2s.cgws[region] {
		if g.ID == id {
			return g.BgpAsn
		}
	}
	return ""
}

type customerGatewaysOut struct {
	XMLName  xml.Name           `xml:"body"`
	Gateways []*customerGateway `xml:"customerGatewaySet>item"`
}

func (s *Server) describeCustomerGateways(req *request) (any, *apiError) {
	f, err := req.filters("customer-gateway-id", "state", "ip-address", "bgp-asn", "type", "tag:Name")
	if err != nil {
		return nil, err
	}
	ids := req.list("CustomerGatewayId")
	var out customerGatewaysOut
	for _, g := range s.s2s.cgws[req.region] {
		if (len(ids) == 0 || contains(ids, g.ID)) && matches(f["customer-gateway-id"], g.ID) && matches(f["state"], g.State) &&
			matches(f["ip-address"], g.IPAddress) && matches(f["bgp-asn"], g.BgpAsn) && matches(f["type"], g.Type) &&
			matches(f["tag:Name"], nameTag(g.Tags)) {
			out.Gateways = append(out.Gateways, g)
		}
	}
	for _, id := range ids {
		if !containsFunc(out.Gateways, func(g *customerGateway) bool { return g.ID == id }) {
			return nil, errf(400, "InvalidCustomerGatewayID.NotFound", "The customerGateway ID '%s' does not exist", id)
		}
	}
	return out, nil
}

// disabledRegion is a region the account has not opted in to: listed only
// with AllRegions, and no call is accepted there.
const disabledRegion = "af-south-1"

type regionsOut struct {
	XMLName xml.Name     `xml:"body"`
	Regions []regionInfo `xml:"regionInfo>item"`
}

func (s *Server) describeRegions(req *request) (any, *apiError) {
	f, err := req.filters("region-name", "opt-in-status", "endpoint")
	if err != nil {
		return nil, err
	}
	all := []regionInfo{}
	for _, r := range regionNames {
		all = append(all, regionInfo{RegionName: r, RegionEndpoint: "ec2." + r + ".amazonaws.com", OptInStatus: "opt-in-not-required"})
	}
	if strings.EqualFold(req.params.Get("AllRegions"), "true") {
		all = append(all, regionInfo{RegionName: disabledRegion, RegionEndpoint: "ec2." + disabledRegion + ".amazonaws.com", OptInStatus: "not-opted-in"})
	}
	names := req.list("RegionName")
	var out regionsOut
	for _, r := range all {
		if (len(names) == 0 || contains(names, r.RegionName)) && matches(f["region-name"], r.RegionName) &&
			matches(f["opt-in-status"], r.OptInStatus) && matches(f["endpoint"], r.RegionEndpoint) {
			out.Regions = append(out.Regions, r)
		}
	}
	for _, n := range names {
		if !containsFunc(all, func(r regionInfo) bool { return r.RegionName == n }) {
			return nil, errf(400, "InvalidParameterValue", "Invalid region: %s", n)
		}
	}
	return out, nil
}

func nameTag(tags []tag) string {
	for _, t := range tags {
		if t.Key == "Name" {
			return t.Value
		}
	}
	return ""
}
