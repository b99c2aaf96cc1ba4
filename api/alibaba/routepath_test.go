package alibaba_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// stagingPaths reads the route path of every connection of staging-hz
// whose route path applies, through the real SDK, and judges each.
func stagingPaths(t *testing.T, c alibaba.Client) (alibaba.Gateway, []alibaba.Connection, []alibaba.RouteVerdict) {
	t.Helper()
	ctx := context.Background()
	gws, err := c.Gateways(ctx, "cn-hangzhou", api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(gws.Items, func(g alibaba.Gateway) bool { return g.Name == emulator.RouteCaseGateway })
	if i < 0 {
		t.Fatal("no staging gateway")
	}
	g := gws.Items[i]
	page, err := c.Connections(ctx, "cn-hangzhou", g.ID, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	gr := alibaba.ReadGatewayRoutes(ctx, c, alibaba.Direct, "cn-hangzhou", g, alibaba.RouteKinds, false)
	var conns []alibaba.Connection
	var verdicts []alibaba.RouteVerdict
	for _, conn := range page.Items {
		if alibaba.RoutePathApplies(conn) {
			conns = append(conns, conn)
			verdicts = append(verdicts, alibaba.JudgeRoutePath(gr.Path(g, conn)))
		}
	}
	return g, conns, verdicts
}

// Among staging-hz's connections with phase 2 up: the one whose last
// remote subnet has no route names that subnet and CreateVpnRouteEntry;
// the one whose routes are not published names PublishVpnRouteEntry; the
// one in place and the one routed by policy say nothing.
func TestTheRoutePathNamesTheSubnetNoRouteSendsAndTheRouteNotPublished(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	_, conns, verdicts := stagingPaths(t, r.client)
	if len(conns) < 4 {
		t.Fatalf("%d connections with phase 2 up", len(conns))
	}
	rules := map[string]int{}
	healthy := 0
	for i, v := range verdicts {
		if len(v.Unread) > 0 {
			t.Fatalf("%s: unread %v", conns[i].ID, v.Unread)
		}
		if v.Healthy() {
			healthy++
			continue
		}
		for _, is := range v.Issues {
			rules[is.Rule]++
			switch is.Rule {
			case alibaba.RuleUnrouted:
				last := conns[i].RemoteSubnets[len(conns[i].RemoteSubnets)-1]
				if !slices.Equal(is.Subnets, []string{last}) || !strings.Contains(is.Check, "CreateVpnRouteEntry") {
					t.Errorf("unrouted: %+v, want %s and CreateVpnRouteEntry", is, last)
				}
			case alibaba.RuleNotPublished:
				if !slices.Equal(is.Subnets, conns[i].RemoteSubnets) || !strings.Contains(is.Check, "PublishVpnRouteEntry") || is.Impact != api.TrafficDown {
					t.Errorf("not published: %+v", is)
				}
			default:
				t.Errorf("%s: %+v", conns[i].ID, is)
			}
		}
	}
	if rules[alibaba.RuleUnrouted] != 1 || rules[alibaba.RuleNotPublished] != 1 || healthy != len(conns)-2 {
		t.Errorf("rules %v, %d healthy of %d", rules, healthy, len(conns))
	}
}

// The problems scan names each connection whose routes are missing once,
// with the route rule as its cause or among its others, and nothing more
// for a connection whose routes are in place.
func TestTheProblemsScanNamesAConnectionNoRouteUsesOnce(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	_, conns, verdicts := stagingPaths(t, r.client)
	findings, _ := collect(t, r.client, alibaba.ScanOptions{Regions: []string{"cn-hangzhou"}})
	byConn := map[string][]alibaba.Finding{}
	for _, f := range findings {
		if f.ConnectionID != "" {
			byConn[f.ConnectionID] = append(byConn[f.ConnectionID], f)
		}
	}
	for i, c := range conns {
		fs := byConn[c.ID]
		if len(fs) > 1 {
			t.Errorf("%s: %d findings", c.ID, len(fs))
		}
		routeCause := len(fs) == 1 && (fs[0].Cause.Phase == "route" ||
			slices.ContainsFunc(fs[0].Also, func(c api.Cause) bool { return c.Phase == "route" }))
		if want := !verdicts[i].Healthy(); routeCause != want {
			t.Errorf("%s: a route cause %v, want %v (%+v)", c.ID, routeCause, want, fs)
		}
	}
}

// The route path costs the scan a bounded number of calls per gateway,
// not per connection: the gateway with 520 connections reads its routes
// and its VPC's route table once.
func TestTheScanReadsRouteTablesOncePerGateway(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	collect(t, r.client, alibaba.ScanOptions{Regions: []string{"cn-hangzhou"}})
	gws, err := r.client.Gateways(context.Background(), "cn-hangzhou", api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	vpcs := map[string]bool{}
	for _, g := range gws.Items {
		vpcs[g.VpcID] = true
	}
	if n := r.emu.Calls("DescribeRouteTableList"); n == 0 || n > len(gws.Items) {
		t.Errorf("%d DescribeRouteTableList for %d gateways", n, len(gws.Items))
	}
	// prod-hz-core's 520 connections: its routes page by 50, its table's
	// entries by 100, not a call per connection.
	if n := r.emu.Calls("DescribeVpnRouteEntries"); n > 2*len(gws.Items)+40 {
		t.Errorf("%d DescribeVpnRouteEntries", n)
	}
	if n := r.emu.Calls("DescribeRouteEntryList"); n > len(gws.Items)+10 {
		t.Errorf("%d DescribeRouteEntryList", n)
	}
}

// A fault on any of the route path's calls leaves the rest of it read and
// the path unknown, never healthy, saying what could not be read; a
// refusal names the RAM permission to grant.
func TestAFaultOnEachRouteCallLeavesTheRestAndSaysWhatWasNotRead(t *testing.T) {
	parts := map[string]string{
		"DescribeVpnRouteEntries":    "destination-based routes",
		"DescribeVpnPbrRouteEntries": "policy-based routes",
		"DescribeRouteTableList":     "route tables",
		"DescribeRouteEntryList":     "route tables",
	}
	for action, part := range parts {
		for _, kind := range []string{"forbidden", "throttle", "malformed", "hang"} {
			t.Run(action+"/"+kind, func(t *testing.T) {
				f, err := emulator.ParseFault(kind + ":action=" + action)
				if err != nil {
					t.Fatal(err)
				}
				r := newRig(t, emulator.Config{Faults: []emulator.Fault{f}}, vpcclient.Options{ReadTimeout: 300 * time.Millisecond,
					Retry: api.RetryPolicy{Attempts: 2, Base: time.Millisecond, Cap: 2 * time.Millisecond}})
				_, conns, verdicts := stagingPaths(t, r.client)
				for i, v := range verdicts {
					if v.Healthy() || len(v.Unread) == 0 {
						t.Fatalf("%s: %+v, want unknown", conns[i].ID, v)
					}
					if !strings.Contains(v.Unread[0].What, part) {
						t.Errorf("unread %q, want %q", v.Unread[0].What, part)
					}
				}
				// What the fault did not touch is read: one subnet or
				// more still has its gateway route or its VPC entry.
				read := false
				for _, v := range verdicts {
					for _, s := range v.Subnets {
						read = read || len(s.Gateway) > 0 || len(s.VPC) > 0
					}
				}
				if !read {
					t.Error("nothing of the route path was read")
				}
				if kind == "forbidden" {
					cause, _ := api.UnreadCause("vpc", verdicts[0].Unread)
					if !strings.Contains(cause.Message, "vpc:"+action) {
						t.Errorf("%q does not name vpc:%s", cause.Message, action)
					}
				}
			})
		}
	}
}

// notServing is the client with some route actions answered as an
// endpoint that does not have them (InvalidApi.NotFound).
type notServing struct {
	alibaba.Client
	tables, policy, routes bool
}

func notFoundAPI(action string) error {
	return &api.Error{Action: action, Kind: api.KindNotFound, HTTPStatus: 404, Code: "InvalidApi.NotFound",
		Message: "Specified api is not found, please check your url and method."}
}

func (n notServing) VPNRoutes(ctx context.Context, region string, q alibaba.RouteQuery, c api.Cursor) (api.Page[alibaba.VPNRoute], error) {
	if n.policy && q.Kind == alibaba.RoutePolicy {
		return api.Page[alibaba.VPNRoute]{}, notFoundAPI("DescribeVpnPbrRouteEntries")
	}
	if n.routes && q.Kind != alibaba.RoutePolicy {
		return api.Page[alibaba.VPNRoute]{}, notFoundAPI("DescribeVpnRouteEntries")
	}
	return n.Client.VPNRoutes(ctx, region, q, c)
}

func (n notServing) RouteTableList(ctx context.Context, region string, q alibaba.RouteTableQuery, c api.Cursor) (api.Page[alibaba.RouteTable], error) {
	if n.tables {
		return api.Page[alibaba.RouteTable]{}, notFoundAPI("DescribeRouteTableList")
	}
	return n.Client.RouteTableList(ctx, region, q, c)
}

// An endpoint that does not serve an action (a region or cloud without
// it) is not a failed read: a kind of route it does not serve is none
// there, and without route tables the VPC hop is each route's State
// (published: advertised to the VPC route table). The cases still come
// out as they are, and nothing is unknown.
func TestAnActionTheEndpointDoesNotServeIsNoFailedRead(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	for _, c := range []notServing{{tables: true}, {tables: true, policy: true}} {
		c.Client = r.client
		_, conns, verdicts := stagingPaths(t, c)
		rules := map[string]int{}
		for i, v := range verdicts {
			if len(v.Unread) > 0 {
				t.Fatalf("%+v: %s unread %v", c, conns[i].ID, v.Unread)
			}
			for _, is := range v.Issues {
				rules[is.Rule]++
			}
		}
		want := map[string]int{alibaba.RuleUnrouted: 1, alibaba.RuleNotPublished: 1}
		if c.policy {
			want[alibaba.RuleUnrouted]++ // to-xian-005, routed by policy alone
		}
		if !maps.Equal(rules, want) {
			t.Errorf("%+v: rules %v, want %v", c, rules, want)
		}
	}
	// No route list at all: no route path to read, so no finding comes of
	// it (not every connection unrouted, nor unknown).
	c := notServing{Client: r.client, routes: true, policy: true, tables: true}
	_, conns, verdicts := stagingPaths(t, c)
	for i, v := range verdicts {
		if v.Unjudged == "" || !v.Healthy() {
			t.Errorf("%s: %+v, want unjudged", conns[i].ID, v)
		}
		if f := alibaba.WithRoutePath(nil, "cn-hangzhou", alibaba.Gateway{ID: conns[i].GatewayID}, conns[i], v); f != nil {
			t.Errorf("%s: a finding %+v", conns[i].ID, f)
		}
	}
}
