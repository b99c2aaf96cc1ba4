package emulator

import "strings"

// The route path's actions (issue 24), as the VPC OpenAPI answers them:
//   - DescribeVpnRouteEntries: a gateway's destination-based routes
//     (RouteEntryType custom, the default) or BGP routes (bgp); VpnGatewayId
//     required; PageNumber, PageSize 1 to 50 (default 10); the routes in
//     VpnRouteEntries.VpnRouteEntry[] with State published (advertised to
//     the VPC) or normal (VPN Gateway API reference, DescribeVpnRouteEntries,
//     www.alibabacloud.com/help/doc-detail/127245.html; the SDK's
//     DescribeVpnRouteEntriesResponse).
//   - DescribeVpnPbrRouteEntries: its policy-based routes, paged alike, in
//     VpnPbrRouteEntries.VpnPbrRouteEntry[] (RouteSource, RouteDest,
//     NextHop, Weight, Priority, State "published: advertised to the VPC
//     route table", "normal: not advertised": the SDK for Java's
//     DescribeVpnPbrRouteEntriesResponseBody).
//   - DescribeRouteTableList: a VPC's route tables (VpcId, RouteTableId,
//     RouteTableType System or Custom), PageSize "Maximum value: 50.
//     Default value: 10" (the SDK for Python's DescribeRouteTableListRequest),
//     in RouterTableList.RouterTableListType[] with the vSwitches each serves.
//   - DescribeRouteEntryList: the entries of one route table, RouteTableId
//     required, filtered by NextHopId, NextHopType, RouteEntryType,
//     DestinationCidrBlock, RouteEntryId, RouteEntryName, IpVersion; paged by
//     NextToken and MaxResult (1 to 100, default 10: the request model's
//     own words in the Alibaba Cloud SDK for Java, vpc-20160428
//     DescribeRouteEntryListRequest, "Valid values: 1 to 100. Default
//     value: 10"), in
//     RouteEntrys.RouteEntry[] with NextHops.NextHop[] (VPC API reference,
//     DescribeRouteEntryList, alibabacloud.com/help/en/vpc/api-describerouteentrylist;
//     the SDK's DescribeRouteEntryListResponse). A route a VPN gateway
//     published has NextHopType VpnGateway and the gateway's id.

func (s *Server) describeVpnRouteEntries(req *request) (any, *apiError) {
	g, err := s.routeGateway(req)
	if err != nil {
		return nil, err
	}
	kind := req.params.Get("RouteEntryType")
	gr := s.world[req.region].routesOf(g)
	var list []vpnRouteEntry
	switch kind {
	case "", "custom":
		kind, list = "custom", gr.custom
	case "bgp":
		list = gr.bgp
	default:
		return nil, errf(400, "InvalidParameter", "The specified RouteEntryType %q is invalid.", kind)
	}
	number, size, lo, hi, err := pageWindow(req.params, len(list), 50)
	if err != nil {
		return nil, err
	}
	counts := []map[string]any{{"RouteEntryType": kind, "RouteCount": len(list), "Source": ""}}
	return map[string]any{"PageNumber": number, "PageSize": size, "TotalCount": len(list),
		"VpnRouteEntries": map[string]any{"VpnRouteEntry": orEmpty(list[lo:hi])},
		"VpnRouteCounts":  map[string]any{"VpnRouteCount": counts}}, nil
}

func (s *Server) describeVpnPbrRouteEntries(req *request) (any, *apiError) {
	g, err := s.routeGateway(req)
	if err != nil {
		return nil, err
	}
	list := s.world[req.region].routesOf(g).pbr
	number, size, lo, hi, err := pageWindow(req.params, len(list), 50)
	if err != nil {
		return nil, err
	}
	return map[string]any{"PageNumber": number, "PageSize": size, "TotalCount": len(list),
		"VpnPbrRouteEntries": map[string]any{"VpnPbrRouteEntry": orEmpty(list[lo:hi])}}, nil
}

// routeGateway is the gateway VpnGatewayId names.
func (s *Server) routeGateway(req *request) (*gateway, *apiError) {
	id := req.params.Get("VpnGatewayId")
	if id == "" {
		return nil, missing("VpnGatewayId")
	}
	g := s.world[req.region].gateway(id)
	if g == nil {
		return nil, gatewayNotFound(404)
	}
	return g, nil
}

func (s *Server) describeRouteTableList(req *request) (any, *apiError) {
	r := s.world[req.region]
	var all []routeTable
	seen := map[string]bool{}
	for _, g := range r.gateways {
		if !seen[g.VpcId] {
			seen[g.VpcId] = true
			all = append(all, r.tablesOf(g.VpcId)...)
		}
	}
	var list []routeTable
	for _, t := range all {
		if match(req, "VpcId", t.VpcId) && match(req, "RouteTableId", t.RouteTableId) &&
			match(req, "RouteTableType", t.RouteTableType) && match(req, "RouteTableName", t.RouteTableName) {
			list = append(list, t)
		}
	}
	number, size, lo, hi, err := pageWindow(req.params, len(list), 50)
	if err != nil {
		return nil, err
	}
	return map[string]any{"Success": true, "Code": "200", "Message": "successful",
		"PageNumber": number, "PageSize": size, "TotalCount": len(list),
		"RouterTableList": map[string]any{"RouterTableListType": orEmpty(list[lo:hi])}}, nil
}

func (s *Server) describeRouteEntryList(req *request) (any, *apiError) {
	id := req.params.Get("RouteTableId")
	if id == "" {
		return nil, missing("RouteTableId")
	}
	r := s.world[req.region]
	t := r.tableByID(id)
	if t == nil {
		// The reference page lists no code for an unknown table; this is
		// the service's form for an unknown id (InvalidXxxId.NotFound).
		return nil, errf(400, "InvalidRouteTableId.NotFound", "The specified route table does not exist.")
	}
	var list []vpcRouteEntry
	for _, e := range r.entriesOf(t) {
		hop := e.NextHops.NextHop[0]
		if match(req, "NextHopId", hop.NextHopId) && match(req, "NextHopType", hop.NextHopType) &&
			match(req, "RouteEntryType", e.Type) && match(req, "DestinationCidrBlock", e.DestinationCidrBlock) &&
			match(req, "RouteEntryId", e.RouteEntryId) && match(req, "RouteEntryName", e.RouteEntryName) &&
			matchFold(req, "IpVersion", e.IpVersion) {
			list = append(list, e)
		}
	}
	size := 10
	if v := req.params.Get("MaxResult"); v != "" {
		var ok bool
		if size, ok = integerParam(v, 1, 100); !ok {
			return nil, illegal("MaxResult")
		}
	}
	lo := 0
	scope := "routes|" + id
	if tok := req.params.Get("NextToken"); tok != "" {
		off, ok := decodeToken(tok, scope)
		if !ok || off > len(list) {
			return nil, illegal("NextToken")
		}
		lo = off
	}
	hi := min(lo+size, len(list))
	next := ""
	if hi < len(list) {
		next = encodeToken(hi, scope)
	}
	return map[string]any{"NextToken": next, "RouteEntrys": map[string]any{"RouteEntry": orEmpty(list[lo:hi])}}, nil
}

// matchFold is match whatever the case: the reference writes IpVersion
// IPv4 in one place and ipv4 in another.
func matchFold(req *request, name, value string) bool {
	f := req.params.Get(name)
	return f == "" || strings.EqualFold(f, value)
}

// orEmpty is list, or an empty list where it is nil: the service sends [].
func orEmpty[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
