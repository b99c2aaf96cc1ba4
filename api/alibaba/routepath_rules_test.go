package alibaba_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// The rules on hand-made route paths: each outcome a subnet can have, the
// impact by how many are routed, the action named, and what an unread
// part leaves unknown.
func TestRouteRulesJudgeEachSubnetsWay(t *testing.T) {
	gw := alibaba.Gateway{ID: "vpn-1", VpcID: "vpc-1"}
	conn := alibaba.Connection{ID: "vco-1", GatewayID: "vpn-1", State: "active", Status: alibaba.StatusIPsecEstablished,
		RemoteSubnets: []string{"192.168.1.0/24", "172.16.0.0/16"}}
	route := func(kind, dest, state string) alibaba.VPNRoute {
		return alibaba.VPNRoute{Kind: kind, Dest: dest, NextHop: "vco-1", State: state}
	}
	entry := func(dest string) alibaba.RouteEntry {
		return alibaba.RouteEntry{ID: "rte-" + dest, Dest: dest, NextHopType: "VpnGateway", NextHopID: "vpn-1"}
	}
	table := func(entries ...alibaba.RouteEntry) []alibaba.RouteTable {
		return []alibaba.RouteTable{{ID: "vtb-1", Type: "System", Entries: entries}}
	}
	denied := &api.Error{Action: "DescribeVpnPbrRouteEntries", Kind: api.KindPermission, Code: "Forbidden.RAM"}
	for _, c := range []struct {
		name     string
		routes   map[string][]alibaba.VPNRoute
		errs     map[string]error
		tables   []alibaba.RouteTable
		outcomes []string // per remote subnet
		impact   api.Impact
		check    string // the action the one issue names; "" for no issue
	}{
		{name: "a wider published route and a wider table entry hold both",
			routes:   map[string][]alibaba.VPNRoute{alibaba.RouteCustom: {route("custom", "192.168.0.0/16", "published"), route("custom", "172.16.0.0/12", "published")}},
			tables:   table(entry("192.168.0.0/16"), entry("172.16.0.0/12")),
			outcomes: []string{alibaba.SubnetRouted, alibaba.SubnetRouted}},
		{name: "a narrower route holds none of the subnet",
			routes:   map[string][]alibaba.VPNRoute{alibaba.RouteCustom: {route("custom", "192.168.1.0/25", "published"), route("custom", "172.16.0.0/16", "published")}},
			tables:   table(entry("192.168.1.0/25"), entry("172.16.0.0/16")),
			outcomes: []string{alibaba.SubnetUnrouted, alibaba.SubnetRouted}, impact: api.Degraded, check: "CreateVpnRouteEntry"},
		{name: "policy-based routes route it",
			routes:   map[string][]alibaba.VPNRoute{alibaba.RoutePolicy: {route("pbr", "192.168.1.0/24", "published"), route("pbr", "172.16.0.0/16", "published")}},
			tables:   table(entry("192.168.1.0/24"), entry("172.16.0.0/16")),
			outcomes: []string{alibaba.SubnetRouted, alibaba.SubnetRouted}},
		{name: "BGP routes not published: the gateway's propagation",
			routes:   map[string][]alibaba.VPNRoute{alibaba.RouteBGP: {route("bgp", "192.168.1.0/24", "normal"), route("bgp", "172.16.0.0/16", "normal")}},
			tables:   table(),
			outcomes: []string{alibaba.SubnetNotPublished, alibaba.SubnetNotPublished}, impact: api.TrafficDown, check: "AutoPropagate"},
		{name: "published, yet the table lacks it",
			routes:   map[string][]alibaba.VPNRoute{alibaba.RouteCustom: {route("custom", "192.168.1.0/24", "published"), route("custom", "172.16.0.0/16", "published")}},
			tables:   table(entry("172.16.0.0/16")),
			outcomes: []string{alibaba.SubnetNoVPCRoute, alibaba.SubnetRouted}, impact: api.Degraded, check: "CreateRouteEntry"},
		{name: "the table sends it to a gateway with no route into the connection",
			routes:   map[string][]alibaba.VPNRoute{alibaba.RouteCustom: {route("custom", "172.16.0.0/16", "published"), {Kind: "custom", Dest: "192.168.1.0/24", NextHop: "vco-other", State: "published"}}},
			tables:   table(entry("192.168.1.0/24"), entry("172.16.0.0/16")),
			outcomes: []string{alibaba.SubnetNoGatewayRoute, alibaba.SubnetRouted}, impact: api.Degraded, check: "CreateVpnRouteEntry"},
		{name: "an entry to another next hop is not one to the gateway",
			routes: map[string][]alibaba.VPNRoute{alibaba.RouteCustom: {route("custom", "192.168.1.0/24", "published"), route("custom", "172.16.0.0/16", "published")}},
			tables: []alibaba.RouteTable{{ID: "vtb-1", Entries: []alibaba.RouteEntry{{Dest: "192.168.1.0/24", NextHopType: "Instance", NextHopID: "i-1"},
				entry("172.16.0.0/16")}}},
			outcomes: []string{alibaba.SubnetNoVPCRoute, alibaba.SubnetRouted}, impact: api.Degraded, check: "CreateRouteEntry"},
		{name: "what the unread part decides is unknown, what was read stands",
			routes:   map[string][]alibaba.VPNRoute{alibaba.RouteCustom: {route("custom", "172.16.0.0/16", "published")}},
			errs:     map[string]error{alibaba.RoutePolicy: denied},
			tables:   table(entry("172.16.0.0/16")),
			outcomes: []string{alibaba.SubnetUnknown, alibaba.SubnetRouted}},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := alibaba.JudgeRoutePath(alibaba.RoutePath{Gateway: gw, Connection: conn, Routes: c.routes, RouteErrs: c.errs, Tables: c.tables})
			var got []string
			for _, s := range v.Subnets {
				got = append(got, s.Outcome)
			}
			if !slices.Equal(got, c.outcomes) {
				t.Fatalf("outcomes %v, want %v", got, c.outcomes)
			}
			if c.check == "" {
				if len(v.Issues) > 0 {
					t.Errorf("issues %+v, want none", v.Issues)
				}
			} else if len(v.Issues) != 1 || v.Issues[0].Impact != c.impact || !strings.Contains(v.Issues[0].Check, c.check) {
				t.Errorf("issues %+v, want one %s naming %s", v.Issues, c.impact, c.check)
			}
			if healthy := c.check == "" && c.errs == nil; healthy != v.Healthy() || (c.errs != nil) != (len(v.Unread) > 0) {
				t.Errorf("unread %v, healthy %v", v.Unread, v.Healthy())
			}
		})
	}
}

// A route path that could not be read makes a connection that is
// otherwise fine an unknown finding naming the permission; a path in
// place makes none; a connection with no tunnel up is not judged by it.
func TestARoutePathFoldsIntoTheConnectionsFinding(t *testing.T) {
	gw := alibaba.Gateway{ID: "vpn-1", VpcID: "vpc-1"}
	conn := alibaba.Connection{ID: "vco-1", GatewayID: "vpn-1", State: "active", Status: alibaba.StatusIPsecEstablished,
		RemoteSubnets: []string{"192.168.1.0/24"}}
	unread := alibaba.RouteVerdict{Unread: []api.Unread{{What: "the gateway's policy-based routes",
		Err: &api.Error{Action: "DescribeVpnPbrRouteEntries", Kind: api.KindPermission, Code: "Forbidden.RAM"}}}}
	f := alibaba.WithRoutePath(nil, "cn-hangzhou", gw, conn, unread)
	if f == nil || f.Impact != api.Unknown || !strings.Contains(f.Cause.Message, "vpc:DescribeVpnPbrRouteEntries") {
		t.Fatalf("unread: %+v", f)
	}
	if f := alibaba.WithRoutePath(nil, "cn-hangzhou", gw, conn, alibaba.RouteVerdict{}); f != nil {
		t.Errorf("in place: %+v", f)
	}
	down := conn
	down.Status = alibaba.StatusIKENotEstablished
	if f := alibaba.WithRoutePath(nil, "cn-hangzhou", gw, down, unread); f != nil {
		t.Errorf("no tunnel up: %+v", f)
	}
}
