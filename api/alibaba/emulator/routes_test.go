package emulator_test

import (
	"errors"
	"strings"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// gatewayNamed is the hangzhou gateway with that name.
func gatewayNamed(t *testing.T, v *vpc.Client, name string) vpc.VpnGateway {
	t.Helper()
	req := vpc.CreateDescribeVpnGatewaysRequest()
	req.RegionId, req.PageSize = "cn-hangzhou", "50"
	resp, err := v.DescribeVpnGateways(req)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range resp.VpnGateways.VpnGateway {
		if g.Name == name {
			return g
		}
	}
	t.Fatalf("no gateway %s", name)
	return vpc.VpnGateway{}
}

// The SDK's own client reads a gateway's destination-based routes page by
// page, each with its connection as next hop, published to the VPC.
func TestTheSDKReadsAGatewaysRoutesPageByPage(t *testing.T) {
	e := start(t)
	v := sdkClient(t, e)
	g := gatewayNamed(t, v, "prod-hz-core")
	seen, total := 0, -1
	for page := 1; ; page++ {
		req := vpc.CreateDescribeVpnRouteEntriesRequest()
		req.RegionId, req.VpnGatewayId, req.PageSize = "cn-hangzhou", g.VpnGatewayId, "50"
		req.PageNumber = requestsInt(page)
		resp, err := v.DescribeVpnRouteEntries(req)
		if err != nil {
			t.Fatal(err)
		}
		total = resp.TotalCount
		for _, r := range resp.VpnRouteEntries.VpnRouteEntry {
			if !strings.HasPrefix(r.NextHop, "vco-") || r.State != "published" || r.RouteEntryType != "custom" || r.RouteDest == "" {
				t.Fatalf("route %+v", r)
			}
		}
		seen += len(resp.VpnRouteEntries.VpnRouteEntry)
		if len(resp.VpnRouteEntries.VpnRouteEntry) < 50 {
			break
		}
	}
	if seen != total || total < 520 {
		t.Errorf("read %d routes of %d", seen, total)
	}
}

// The VPC's system route table holds an entry whose next hop is the
// gateway for each route it published, found by NextHopId, and the SDK
// pages through it by NextToken.
func TestTheVPCRouteTableHoldsWhatTheGatewayPublished(t *testing.T) {
	e := start(t)
	v := sdkClient(t, e)
	g := gatewayNamed(t, v, "prod-hz-core")
	tl := vpc.CreateDescribeRouteTableListRequest()
	tl.RegionId, tl.VpcId = "cn-hangzhou", g.VpcId
	tables, err := v.DescribeRouteTableList(tl)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables.RouterTableList.RouterTableListType) != 1 || tables.RouterTableList.RouterTableListType[0].RouteTableType != "System" {
		t.Fatalf("tables %+v", tables.RouterTableList)
	}
	id := tables.RouterTableList.RouterTableListType[0].RouteTableId
	entries, token, pages := 0, "", 0
	for {
		req := vpc.CreateDescribeRouteEntryListRequest()
		req.RegionId, req.RouteTableId, req.NextHopId, req.MaxResult, req.NextToken = "cn-hangzhou", id, g.VpnGatewayId, "100", token
		resp, err := v.DescribeRouteEntryList(req)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, r := range resp.RouteEntrys.RouteEntry {
			if len(r.NextHops.NextHop) != 1 || r.NextHops.NextHop[0].NextHopType != "VpnGateway" || r.NextHops.NextHop[0].NextHopId != g.VpnGatewayId {
				t.Fatalf("entry %+v", r)
			}
		}
		entries += len(resp.RouteEntrys.RouteEntry)
		if token = resp.NextToken; token == "" {
			break
		}
	}
	if entries == 0 || pages < 2 {
		t.Errorf("%d entries in %d pages", entries, pages)
	}
}

// Each call refuses what the service refuses: no gateway, an unknown
// gateway, no route table, an unknown one, a MaxResult out of range.
func TestRouteActionsRefuseWhatTheServiceRefuses(t *testing.T) {
	e := start(t)
	for _, tc := range []struct {
		params map[string]string
		status int
		code   string
	}{
		{map[string]string{"Action": "DescribeVpnRouteEntries"}, 400, "MissingParameter"},
		{map[string]string{"Action": "DescribeVpnRouteEntries", "VpnGatewayId": "vpn-nope"}, 404, "InvalidVpnGatewayInstanceId.NotFound"},
		{map[string]string{"Action": "DescribeVpnRouteEntries", "VpnGatewayId": "vpn-nope", "RouteEntryType": "bgp"}, 404, "InvalidVpnGatewayInstanceId.NotFound"},
		{map[string]string{"Action": "DescribeVpnPbrRouteEntries"}, 400, "MissingParameter"},
		{map[string]string{"Action": "DescribeRouteEntryList"}, 400, "MissingParameter"},
		{map[string]string{"Action": "DescribeRouteEntryList", "RouteTableId": "vtb-nope"}, 400, "InvalidRouteTableId.NotFound"},
	} {
		status, body := call(t, e, tc.params, nil)
		if status != tc.status || body["Code"] != tc.code {
			t.Errorf("%v: %d %v, want %d %s", tc.params, status, body["Code"], tc.status, tc.code)
		}
	}
	v := sdkClient(t, e)
	g := gatewayNamed(t, v, "prod-hz-core")
	tl := vpc.CreateDescribeRouteTableListRequest()
	tl.RegionId, tl.VpcId = "cn-hangzhou", g.VpcId
	tables, err := v.DescribeRouteTableList(tl)
	if err != nil {
		t.Fatal(err)
	}
	req := vpc.CreateDescribeRouteEntryListRequest()
	req.RegionId, req.RouteTableId, req.MaxResult = "cn-hangzhou", tables.RouterTableList.RouterTableListType[0].RouteTableId, "500"
	_, err = v.DescribeRouteEntryList(req)
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) || se.ErrorCode() != "IllegalParam.MaxResult" {
		t.Errorf("MaxResult 500: %v", err)
	}
}

// staging-hz holds the route cases: among its connections with phase 2
// up, one with every remote subnet routed and published, one whose last
// remote subnet has no route, one whose routes are not published (so the
// VPC has none of them), one routed by policy.
func TestStagingHoldsEachRouteCase(t *testing.T) {
	e := start(t)
	v := sdkClient(t, e)
	g := gatewayNamed(t, v, emulator.RouteCaseGateway)
	custom := routesOf(t, v, g.VpnGatewayId)
	pbr := vpc.CreateDescribeVpnPbrRouteEntriesRequest()
	pbr.RegionId, pbr.VpnGatewayId, pbr.PageSize = "cn-hangzhou", g.VpnGatewayId, "50"
	policy, err := v.DescribeVpnPbrRouteEntries(pbr)
	if err != nil {
		t.Fatal(err)
	}
	normal := 0
	for _, r := range custom {
		if r.State == "normal" {
			normal++
		}
	}
	if normal == 0 || len(policy.VpnPbrRouteEntries.VpnPbrRouteEntry) == 0 {
		t.Errorf("%d unpublished routes, %d policy-based", normal, len(policy.VpnPbrRouteEntries.VpnPbrRouteEntry))
	}
	for _, r := range policy.VpnPbrRouteEntries.VpnPbrRouteEntry {
		if r.RouteSource == "" || r.State != "published" {
			t.Errorf("policy route %+v", r)
		}
	}
}

func routesOf(t *testing.T, v *vpc.Client, gw string) []vpc.VpnRouteEntry {
	t.Helper()
	req := vpc.CreateDescribeVpnRouteEntriesRequest()
	req.RegionId, req.VpnGatewayId, req.PageSize = "cn-hangzhou", gw, "50"
	resp, err := v.DescribeVpnRouteEntries(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp.VpnRouteEntries.VpnRouteEntry
}

func requestsInt(n int) requests.Integer { return requests.NewInteger(n) }
