package emulator_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

func routeTables(t *testing.T, s sdks, region string, in *ec2.DescribeRouteTablesInput) []types.RouteTable {
	t.Helper()
	out, err := s.ec2.DescribeRouteTables(context.Background(), in, func(o *ec2.Options) { o.Region = region })
	if err != nil {
		t.Fatal(err)
	}
	return out.RouteTables
}

func gatewayNamed(t *testing.T, s sdks, region, gw string) types.VpnGateway {
	t.Helper()
	out, err := s.ec2.DescribeVpnGateways(context.Background(), &ec2.DescribeVpnGatewaysInput{}, in(region))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range out.VpnGateways {
		if name(g.Tags) == gw {
			return g
		}
	}
	t.Fatalf("no gateway %s in %s", gw, region)
	return types.VpnGateway{}
}

// tablesOfGateway are the route tables of the gateway's first VPC, by the
// vpc-id filter, as vpnscope reads them.
func tablesOfGateway(t *testing.T, s sdks, region, gw string) (types.VpnGateway, []types.RouteTable) {
	t.Helper()
	g := gatewayNamed(t, s, region, gw)
	if len(g.VpcAttachments) == 0 {
		t.Fatalf("%s has no VPC attachment", gw)
	}
	vpc := awssdk.ToString(g.VpcAttachments[0].VpcId)
	tables := routeTables(t, s, region, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("vpc-id", vpc)}})
	for _, rt := range tables {
		if awssdk.ToString(rt.VpcId) != vpc {
			t.Errorf("vpc-id=%s listed %s of %s", vpc, awssdk.ToString(rt.RouteTableId), awssdk.ToString(rt.VpcId))
		}
	}
	return g, tables
}

func routesTo(rt types.RouteTable, gw string) []types.Route {
	var out []types.Route
	for _, r := range rt.Routes {
		if awssdk.ToString(r.GatewayId) == gw {
			out = append(out, r)
		}
	}
	return out
}

func propagates(rt types.RouteTable, gw string) bool {
	return slices.ContainsFunc(rt.PropagatingVgws, func(p types.PropagatingVgw) bool { return awssdk.ToString(p.GatewayId) == gw })
}

// The world holds each case of the route path, read through the SDK as
// the service answers: a VPC whose tables propagate the gateway's routes,
// a static connection with no static route, a gateway propagated into no
// table, a gateway detached from its VPC whose route there is a blackhole.
func TestRouteTablesHoldEveryRoutePathCase(t *testing.T) {
	s := start(t, "")
	// Routes present and propagated: every table of prod's VPC has the
	// local route; the main and private ones propagate from prod-vgw and
	// hold its BGP routes; the public one goes to the internet gateway.
	prod, tables := tablesOfGateway(t, s, "us-east-1", "prod-vgw")
	gw := awssdk.ToString(prod.VpnGatewayId)
	if len(tables) != 5 {
		t.Fatalf("prod's VPC has %d route tables, want 5", len(tables))
	}
	mains := 0
	for _, rt := range tables {
		if len(rt.Routes) == 0 || awssdk.ToString(rt.Routes[0].GatewayId) != "local" || rt.Routes[0].Origin != types.RouteOriginCreateRouteTable {
			t.Errorf("%s: no local route first: %+v", awssdk.ToString(rt.RouteTableId), rt.Routes)
		}
		for _, a := range rt.Associations {
			if awssdk.ToBool(a.Main) {
				mains++
			} else if awssdk.ToString(a.SubnetId) == "" || a.AssociationState == nil || a.AssociationState.State != types.RouteTableAssociationStateCodeAssociated {
				t.Errorf("%s: association %+v", awssdk.ToString(rt.RouteTableId), a)
			}
		}
		want := name(rt.Tags) != "prod-public"
		routes := routesTo(rt, gw)
		if propagates(rt, gw) != want || (len(routes) > 0) != want {
			t.Errorf("%s: propagates %v with %d routes to the gateway, want %v", name(rt.Tags), propagates(rt, gw), len(routes), want)
		}
		for _, r := range routes {
			if r.Origin != types.RouteOriginEnableVgwRoutePropagation || r.State != types.RouteStateActive {
				t.Errorf("%s: %+v", name(rt.Tags), r)
			}
		}
	}
	if mains != 1 {
		t.Errorf("%d main route tables in prod's VPC", mains)
	}

	// A static connection with no static route: eu-lab, both tunnels up.
	for _, c := range connections(t, s, "eu-west-1") {
		if name(c.Tags) == "eu-lab" && (len(c.Routes) != 0 || !awssdk.ToBool(c.Options.StaticRoutesOnly) ||
			c.VgwTelemetry[0].Status != types.TelemetryStatusUp || c.VgwTelemetry[1].Status != types.TelemetryStatusUp) {
			t.Errorf("eu-lab: routes %+v, static %v", c.Routes, awssdk.ToBool(c.Options.StaticRoutesOnly))
		}
	}

	// A gateway propagated nowhere and routed to by none.
	dr, tables := tablesOfGateway(t, s, "eu-west-1", "eu-dr-vgw")
	for _, rt := range tables {
		if id := awssdk.ToString(dr.VpnGatewayId); propagates(rt, id) || len(routesTo(rt, id)) > 0 {
			t.Errorf("%s: reaches eu-dr-vgw", name(rt.Tags))
		}
	}

	// A gateway detached from its VPC: the route to it there is a blackhole.
	mig, tables := tablesOfGateway(t, s, "eu-west-1", "eu-mig-vgw")
	if mig.VpcAttachments[0].State != types.AttachmentStatusDetached {
		t.Errorf("eu-mig-vgw's attachment is %s", mig.VpcAttachments[0].State)
	}
	routes := routesTo(tables[0], awssdk.ToString(mig.VpnGatewayId))
	if len(routes) != 1 || routes[0].State != types.RouteStateBlackhole || routes[0].Origin != types.RouteOriginCreateRoute ||
		awssdk.ToString(routes[0].DestinationCidrBlock) != "10.80.0.0/16" {
		t.Errorf("eu-mig's route: %+v", routes)
	}
}

// A static connection's routes are in the propagating tables while one of
// its tunnels is UP, and leave when both are down ("propagated to the
// route table when the status of the Site-to-Site VPN connection is UP").
func TestPropagatedRoutesFollowTheTunnels(t *testing.T) {
	s := start(t, "")
	eu, _ := tablesOfGateway(t, s, "eu-west-1", "eu-vgw")
	gw := awssdk.ToString(eu.VpnGatewayId)
	has := func() bool {
		for _, rt := range routeTables(t, s, "eu-west-1", &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("route.gateway-id", gw)}}) {
			for _, r := range routesTo(rt, gw) {
				if awssdk.ToString(r.DestinationCidrBlock) == "10.60.0.0/16" {
					return true
				}
			}
		}
		return false
	}
	if !has() {
		t.Fatal("eu-static's 10.60.0.0/16 is not propagated while its tunnels are up")
	}
	for i := range 2 {
		if err := s.emu.SetTunnelStatus("eu-west-1", "eu-static", i, "DOWN", "IPSEC IS DOWN"); err != nil {
			t.Fatal(err)
		}
	}
	if has() {
		t.Fatal("10.60.0.0/16 is still propagated with both tunnels down")
	}
}

// Filters narrow as the reference says (a route or association filter
// matches a table by any of its routes or associations); RouteTableId.N
// names tables; unknown ids, malformed ids and unknown filters are the
// service's errors.
func TestDescribeRouteTablesFiltersAndErrors(t *testing.T) {
	s := start(t, "")
	ctx := context.Background()
	all := routeTables(t, s, "us-east-1", &ec2.DescribeRouteTablesInput{})
	if len(all) != 6 {
		t.Fatalf("%d route tables in us-east-1, want 6", len(all))
	}
	public := all[1]
	subnet := awssdk.ToString(public.Associations[0].SubnetId)
	for _, c := range []struct {
		name string
		in   ec2.DescribeRouteTablesInput
		want []string
	}{
		{"association.subnet-id", ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("association.subnet-id", subnet)}}, []string{"prod-public"}},
		{"association.main", ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("association.main", "true")}}, []string{"prod-main", "staging-main"}},
		{"route-table-id", ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("route-table-id", awssdk.ToString(public.RouteTableId))}}, []string{"prod-public"}},
		{"RouteTableId.N", ec2.DescribeRouteTablesInput{RouteTableIds: []string{awssdk.ToString(public.RouteTableId), awssdk.ToString(all[0].RouteTableId)}}, []string{"prod-main", "prod-public"}},
		{"route.origin and route.state", ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("route.origin", "CreateRoute"), filter("route.state", "active")}}, []string{"prod-public"}},
	} {
		var got []string
		for _, rt := range routeTables(t, s, "us-east-1", &c.in) {
			got = append(got, name(rt.Tags))
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	for _, c := range []struct {
		in   ec2.DescribeRouteTablesInput
		code string
	}{
		{ec2.DescribeRouteTablesInput{RouteTableIds: []string{"rtb-00000000000000000"}}, "InvalidRouteTableID.NotFound"},
		{ec2.DescribeRouteTablesInput{RouteTableIds: []string{"vpc-1"}}, "InvalidRouteTableId.Malformed"},
		{ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("route.nonsense", "x")}}, "InvalidParameterValue"},
		{ec2.DescribeRouteTablesInput{MaxResults: awssdk.Int32(4)}, "InvalidParameterValue"},
		{ec2.DescribeRouteTablesInput{MaxResults: awssdk.Int32(101)}, "InvalidParameterValue"},
		{ec2.DescribeRouteTablesInput{MaxResults: awssdk.Int32(5), NextToken: awssdk.String("not-a-token")}, "InvalidParameterValue"},
	} {
		if _, err := s.ec2.DescribeRouteTables(ctx, &c.in); code(err) != c.code {
			t.Errorf("%+v: %v, want %s", c.in, err, c.code)
		}
	}
}

// MaxResults (5 to 100) pages with NextToken: the SDK's own paginator
// walks every table once.
func TestDescribeRouteTablesPages(t *testing.T) {
	s := start(t, "")
	p := ec2.NewDescribeRouteTablesPaginator(s.ec2, &ec2.DescribeRouteTablesInput{MaxResults: awssdk.Int32(5)})
	var ids []string
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(out.RouteTables) > 5 {
			t.Fatalf("a page of %d for MaxResults 5", len(out.RouteTables))
		}
		for _, rt := range out.RouteTables {
			ids = append(ids, awssdk.ToString(rt.RouteTableId))
		}
	}
	if pages != 2 || len(ids) != 6 || len(slices.Compact(slices.Sorted(slices.Values(ids)))) != 6 {
		t.Fatalf("%d pages, tables %v", pages, ids)
	}
}

// The official AWS CLI reads the route tables unchanged, paging with
// --page-size as it does against EC2, and finds the blackhole with a
// filter.
func TestDescribeRouteTablesWithTheAWSCLI(t *testing.T) {
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("the aws CLI is not installed")
	}
	s := start(t, "")
	run := func(region string, args ...string) map[string]any {
		t.Helper()
		cmd := exec.Command("aws", append([]string{"ec2", "describe-route-tables", "--endpoint-url", s.emu.URL, "--region", region, "--output", "json"}, args...)...)
		cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+emulator.DemoAccessKeyID, "AWS_SECRET_ACCESS_KEY="+emulator.DemoSecretAccessKey,
			"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_PAGER=")
		cmd.Env = slices.DeleteFunc(cmd.Env, func(e string) bool {
			return strings.HasPrefix(e, "AWS_PROFILE=") || strings.HasPrefix(e, "AWS_DEFAULT_PROFILE=")
		})
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("aws %v: %v\n%s", args, err, stderr.String())
		}
		var v map[string]any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatalf("aws %v: %v\n%s", args, err, out)
		}
		return v
	}
	if tables := run("us-east-1", "--page-size", "5")["RouteTables"].([]any); len(tables) != 6 {
		t.Errorf("the CLI paged %d route tables, want 6", len(tables))
	}
	found := run("eu-west-1", "--filters", "Name=route.state,Values=blackhole")["RouteTables"].([]any)
	if len(found) != 1 || !strings.Contains(mustJSON(found), `"State":"blackhole"`) || !strings.Contains(mustJSON(found), "10.80.0.0/16") {
		t.Errorf("blackholes by the CLI: %s", mustJSON(found))
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
