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
	"github.com/aws/smithy-go/middleware"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

// vpnAttachments are a region's VPN attachments by their Name tag, read
// with the resource-type filter as vpnscope does not (it asks by
// resource-id), so both filters are used.
func vpnAttachments(t *testing.T, s sdks, region string) map[string]types.TransitGatewayAttachment {
	t.Helper()
	out, err := s.ec2.DescribeTransitGatewayAttachments(context.Background(), &ec2.DescribeTransitGatewayAttachmentsInput{
		Filters: []types.Filter{filter("resource-type", "vpn")}}, in(region))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]types.TransitGatewayAttachment{}
	for _, a := range out.TransitGatewayAttachments {
		if a.ResourceType != types.TransitGatewayAttachmentResourceTypeVpn {
			t.Errorf("resource-type=vpn listed %+v", a)
		}
		m[name(a.Tags)] = a
	}
	return m
}

func propagationsOf(t *testing.T, s sdks, region, id string) []string {
	t.Helper()
	out, err := s.ec2.GetTransitGatewayAttachmentPropagations(context.Background(),
		&ec2.GetTransitGatewayAttachmentPropagationsInput{TransitGatewayAttachmentId: awssdk.String(id)}, in(region))
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for _, p := range out.TransitGatewayAttachmentPropagations {
		if p.State != types.TransitGatewayPropagationStateEnabled {
			t.Errorf("%s: propagation %+v", id, p)
		}
		tables = append(tables, awssdk.ToString(p.TransitGatewayRouteTableId))
	}
	return tables
}

func searchRoutes(t *testing.T, s sdks, region, table string, filters ...types.Filter) []types.TransitGatewayRoute {
	t.Helper()
	out, err := s.ec2.SearchTransitGatewayRoutes(context.Background(), &ec2.SearchTransitGatewayRoutesInput{
		TransitGatewayRouteTableId: awssdk.String(table), Filters: filters}, in(region))
	if err != nil {
		t.Fatal(err)
	}
	return out.Routes
}

func filters(name string, values ...string) types.Filter {
	return types.Filter{Name: awssdk.String(name), Values: values}
}

func routeWords(routes []types.TransitGatewayRoute) []string {
	var out []string
	for _, r := range routes {
		w := awssdk.ToString(r.DestinationCidrBlock) + " " + string(r.Type) + " " + string(r.State)
		for _, a := range r.TransitGatewayAttachments {
			w += " " + awssdk.ToString(a.TransitGatewayAttachmentId)
		}
		out = append(out, w)
	}
	return out
}

// The world holds each case of a VPN attachment's route path, read
// through the SDK: associated and propagating with its BGP routes in the
// table (eu-dc), associated but propagating nowhere (eu-hub-quiet), a
// static route to it with a blackhole over half its prefix (eu-hub-bh),
// propagating but associated with no table (eu-hub-lone).
func TestTransitGatewayAttachmentsHoldEveryRoutePathCase(t *testing.T) {
	s := start(t, "")
	atts := vpnAttachments(t, s, "eu-west-1")
	conns := map[string]types.VpnConnection{}
	for _, c := range connections(t, s, "eu-west-1") {
		conns[name(c.Tags)] = c
	}
	for _, n := range []string{"eu-dc", "eu-branch", "eu-hub-quiet", "eu-hub-bh", "eu-hub-lone"} {
		a, ok := atts[n]
		if !ok || awssdk.ToString(a.ResourceId) != awssdk.ToString(conns[n].VpnConnectionId) ||
			awssdk.ToString(a.TransitGatewayId) != awssdk.ToString(conns[n].TransitGatewayId) || a.State != types.TransitGatewayAttachmentStateAvailable {
			t.Fatalf("%s: attachment %+v for connection %s", n, a, awssdk.ToString(conns[n].VpnConnectionId))
		}
	}

	// Routed: associated, propagating into a table that holds as many of
	// its routes as its tunnels accepted, all propagated and active.
	dc := atts["eu-dc"]
	if dc.Association == nil || dc.Association.State != types.TransitGatewayAssociationStateAssociated {
		t.Fatalf("eu-dc's association: %+v", dc.Association)
	}
	props := propagationsOf(t, s, "eu-west-1", awssdk.ToString(dc.TransitGatewayAttachmentId))
	if len(props) != 1 || props[0] == awssdk.ToString(dc.Association.TransitGatewayRouteTableId) {
		t.Fatalf("eu-dc propagates to %v, associated with %s", props, awssdk.ToString(dc.Association.TransitGatewayRouteTableId))
	}
	routes := searchRoutes(t, s, "eu-west-1", props[0], filter("attachment.transit-gateway-attachment-id", awssdk.ToString(dc.TransitGatewayAttachmentId)))
	accepted := int32(0)
	for _, tel := range conns["eu-dc"].VgwTelemetry {
		if tel.Status == types.TelemetryStatusUp {
			accepted = max(accepted, awssdk.ToInt32(tel.AcceptedRouteCount))
		}
	}
	if accepted == 0 || len(routes) != int(accepted) {
		t.Fatalf("eu-dc: %d routes to it, its tunnels accepted %d: %v", len(routes), accepted, routeWords(routes))
	}
	for _, r := range routes {
		if r.Type != types.TransitGatewayRouteTypePropagated || r.State != types.TransitGatewayRouteStateActive {
			t.Errorf("eu-dc: %v", routeWords([]types.TransitGatewayRoute{r}))
		}
	}
	// The way back: its associated table holds the VPC's CIDR.
	back := searchRoutes(t, s, "eu-west-1", awssdk.ToString(dc.Association.TransitGatewayRouteTableId), filter("attachment.resource-type", "vpc"))
	if len(back) != 1 || awssdk.ToString(back[0].DestinationCidrBlock) != "10.116.0.0/16" {
		t.Errorf("eu-dc's associated table toward the VPC: %v", routeWords(back))
	}

	// Associated, propagating nowhere: no route to it in the table its
	// neighbours propagate to.
	quiet := atts["eu-hub-quiet"]
	if quiet.Association == nil || len(propagationsOf(t, s, "eu-west-1", awssdk.ToString(quiet.TransitGatewayAttachmentId))) != 0 {
		t.Errorf("eu-hub-quiet: association %+v, propagations %v", quiet.Association, propagationsOf(t, s, "eu-west-1", awssdk.ToString(quiet.TransitGatewayAttachmentId)))
	}

	// Unassociated, propagating.
	lone := atts["eu-hub-lone"]
	if lone.Association != nil || len(propagationsOf(t, s, "eu-west-1", awssdk.ToString(lone.TransitGatewayAttachmentId))) != 1 {
		t.Errorf("eu-hub-lone: association %+v", lone.Association)
	}

	// A static route to eu-hub-bh, and a blackhole over half its prefix,
	// found by the state filter; the blackhole names no attachment.
	bh := atts["eu-hub-bh"]
	spokes := propagationsOf(t, s, "eu-west-1", awssdk.ToString(bh.TransitGatewayAttachmentId))
	if len(spokes) != 1 {
		t.Fatalf("eu-hub-bh propagates to %v", spokes)
	}
	if got := routeWords(searchRoutes(t, s, "eu-west-1", spokes[0], filter("attachment.transit-gateway-attachment-id", awssdk.ToString(bh.TransitGatewayAttachmentId)))); !slices.Equal(got,
		[]string{"10.92.0.0/16 static active " + awssdk.ToString(bh.TransitGatewayAttachmentId)}) {
		t.Errorf("routes to eu-hub-bh: %v", got)
	}
	if got := routeWords(searchRoutes(t, s, "eu-west-1", spokes[0], filter("state", "blackhole"))); !slices.Equal(got, []string{"10.92.128.0/17 static blackhole"}) {
		t.Errorf("blackholes of eu-hub's spokes table: %v", got)
	}
	// eu-hub-lone's BGP routes are there; eu-hub-quiet's are not.
	for _, r := range searchRoutes(t, s, "eu-west-1", spokes[0], filter("type", "propagated")) {
		for _, a := range r.TransitGatewayAttachments {
			if awssdk.ToString(a.TransitGatewayAttachmentId) == awssdk.ToString(quiet.TransitGatewayAttachmentId) {
				t.Errorf("eu-hub-quiet propagates nowhere, yet %v", routeWords([]types.TransitGatewayRoute{r}))
			}
		}
	}
}

// A connection's routes follow its tunnels: with both down (partner-x)
// its attachment propagates nothing.
func TestPropagatedTransitRoutesFollowTheTunnels(t *testing.T) {
	s := start(t, "")
	atts := vpnAttachments(t, s, "us-east-1")
	px := atts["partner-x"]
	props := propagationsOf(t, s, "us-east-1", awssdk.ToString(px.TransitGatewayAttachmentId))
	if len(props) != 1 {
		t.Fatalf("partner-x propagates to %v", props)
	}
	if got := searchRoutes(t, s, "us-east-1", props[0], filter("attachment.transit-gateway-attachment-id", awssdk.ToString(px.TransitGatewayAttachmentId))); len(got) != 0 {
		t.Errorf("partner-x's tunnels are down, yet %v", routeWords(got))
	}
	if got := searchRoutes(t, s, "us-east-1", props[0], filter("attachment.transit-gateway-attachment-id", awssdk.ToString(atts["colo-1"].TransitGatewayAttachmentId))); len(got) == 0 {
		t.Errorf("colo-1 is up, yet propagates nothing")
	}
	if gone, ok := atts["partner-gone"]; !ok || gone.State != types.TransitGatewayAttachmentStateDeleted || gone.Association != nil {
		t.Errorf("partner-gone's attachment: %+v", gone)
	}
}

// withoutValidation lets a request leave out what the SDK would refuse
// to send, to see what the service says.
func withoutValidation(o *ec2.Options) {
	o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
		_, err := s.Initialize.Remove("OperationInputValidation")
		return err
	})
}

// Filters narrow as the reference says; unknown ids, missing required
// parameters, unknown filters and MaxResults out of 5–1000 are the
// service's errors.
func TestTransitGatewayActionsFiltersAndErrors(t *testing.T) {
	s := start(t, "")
	ctx := context.Background()
	atts := vpnAttachments(t, s, "eu-west-1")
	bh := atts["eu-hub-bh"]
	one, err := s.ec2.DescribeTransitGatewayAttachments(ctx, &ec2.DescribeTransitGatewayAttachmentsInput{
		Filters: []types.Filter{filter("resource-id", awssdk.ToString(bh.ResourceId)), filter("state", "available")}}, in("eu-west-1"))
	if err != nil || len(one.TransitGatewayAttachments) != 1 || name(one.TransitGatewayAttachments[0].Tags) != "eu-hub-bh" {
		t.Errorf("by resource-id: %+v %v", one, err)
	}
	byTGW, err := s.ec2.DescribeTransitGatewayAttachments(ctx, &ec2.DescribeTransitGatewayAttachmentsInput{
		Filters: []types.Filter{filter("transit-gateway-id", awssdk.ToString(bh.TransitGatewayId))}}, in("eu-west-1"))
	if err != nil || len(byTGW.TransitGatewayAttachments) != 4 { // the VPC and three VPNs
		t.Errorf("by transit-gateway-id: %d, %v", len(byTGW.TransitGatewayAttachments), err)
	}
	table := propagationsOf(t, s, "eu-west-1", awssdk.ToString(bh.TransitGatewayAttachmentId))[0]
	if got := routeWords(searchRoutes(t, s, "eu-west-1", table, filter("route-search.longest-prefix-match", "10.92.200.0/24"))); len(got) != 1 || !strings.HasPrefix(got[0], "10.92.128.0/17 ") {
		t.Errorf("longest-prefix-match 10.92.200.0/24: %v", got)
	}
	if got := routeWords(searchRoutes(t, s, "eu-west-1", table, filter("route-search.supernet-of-match", "10.92.200.0/24"))); len(got) != 2 {
		t.Errorf("supernet-of-match 10.92.200.0/24: %v", got)
	}
	if got := routeWords(searchRoutes(t, s, "eu-west-1", table, filter("route-search.exact-match", "10.92.0.0/16"))); len(got) != 1 {
		t.Errorf("exact-match 10.92.0.0/16: %v", got)
	}

	type outcome struct {
		what string
		err  error
		code string
	}
	var codes []outcome
	add := func(what string, err error, c string) { codes = append(codes, outcome{what, err, c}) }
	_, err = s.ec2.DescribeTransitGatewayAttachments(ctx, &ec2.DescribeTransitGatewayAttachmentsInput{TransitGatewayAttachmentIds: []string{"tgw-attach-00000000000000000"}}, in("eu-west-1"))
	add("unknown attachment", err, "InvalidTransitGatewayAttachmentID.NotFound")
	_, err = s.ec2.DescribeTransitGatewayAttachments(ctx, &ec2.DescribeTransitGatewayAttachmentsInput{Filters: []types.Filter{filter("nonsense", "x")}}, in("eu-west-1"))
	add("unknown filter", err, "InvalidParameterValue")
	_, err = s.ec2.DescribeTransitGatewayAttachments(ctx, &ec2.DescribeTransitGatewayAttachmentsInput{MaxResults: awssdk.Int32(4)}, in("eu-west-1"))
	add("MaxResults 4", err, "InvalidParameterValue")
	_, err = s.ec2.GetTransitGatewayAttachmentPropagations(ctx, &ec2.GetTransitGatewayAttachmentPropagationsInput{TransitGatewayAttachmentId: awssdk.String("tgw-attach-00000000000000000")}, in("eu-west-1"))
	add("propagations of an unknown attachment", err, "InvalidTransitGatewayAttachmentID.NotFound")
	_, err = s.ec2.GetTransitGatewayAttachmentPropagations(ctx, &ec2.GetTransitGatewayAttachmentPropagationsInput{}, in("eu-west-1"), withoutValidation)
	add("propagations without an attachment", err, "MissingParameter")
	_, err = s.ec2.SearchTransitGatewayRoutes(ctx, &ec2.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableId: awssdk.String("tgw-rtb-00000000000000000"),
		Filters: []types.Filter{filter("state", "active")}}, in("eu-west-1"))
	add("routes of an unknown table", err, "InvalidRouteTableID.NotFound")
	_, err = s.ec2.SearchTransitGatewayRoutes(ctx, &ec2.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableId: awssdk.String(table)}, in("eu-west-1"), withoutValidation)
	add("routes without a filter", err, "MissingParameter")
	_, err = s.ec2.SearchTransitGatewayRoutes(ctx, &ec2.SearchTransitGatewayRoutesInput{Filters: []types.Filter{filter("state", "active")}}, in("eu-west-1"), withoutValidation)
	add("routes without a table", err, "MissingParameter")
	_, err = s.ec2.SearchTransitGatewayRoutes(ctx, &ec2.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableId: awssdk.String(table),
		Filters: []types.Filter{filter("state", "active")}, MaxResults: awssdk.Int32(1001)}, in("eu-west-1"))
	add("MaxResults 1001", err, "InvalidParameterValue")
	for _, c := range codes {
		if code(c.err) != c.code {
			t.Errorf("%s: %v, want %s", c.what, c.err, c.code)
		}
	}
}

// MaxResults pages: the SDK's paginator walks every attachment once, and
// a search cut short says more routes are available.
func TestTransitGatewayActionsPage(t *testing.T) {
	s := start(t, "")
	p := ec2.NewDescribeTransitGatewayAttachmentsPaginator(s.ec2, &ec2.DescribeTransitGatewayAttachmentsInput{MaxResults: awssdk.Int32(5)},
		func(o *ec2.DescribeTransitGatewayAttachmentsPaginatorOptions) {})
	var ids []string
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background(), in("us-east-1"))
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, a := range out.TransitGatewayAttachments {
			ids = append(ids, awssdk.ToString(a.TransitGatewayAttachmentId))
		}
	}
	// core-tgw: its VPC and four VPN connections.
	if pages != 1 || len(ids) != 5 {
		t.Fatalf("%d pages, attachments %v", pages, ids)
	}
	atts := vpnAttachments(t, s, "us-east-1")
	table := propagationsOf(t, s, "us-east-1", awssdk.ToString(atts["colo-1"].TransitGatewayAttachmentId))[0]
	all := searchRoutes(t, s, "us-east-1", table, filters("state", "active", "blackhole"))
	if len(all) <= 5 {
		t.Fatalf("core's spokes table holds %d routes; the test needs more than 5", len(all))
	}
	out, err := s.ec2.SearchTransitGatewayRoutes(context.Background(), &ec2.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableId: awssdk.String(table),
		Filters: []types.Filter{filters("state", "active", "blackhole")}, MaxResults: awssdk.Int32(5)}, in("us-east-1"))
	if err != nil || len(out.Routes) != 5 || !awssdk.ToBool(out.AdditionalRoutesAvailable) {
		t.Errorf("MaxResults 5 of %d: %d routes, more %v, %v", len(all), len(out.Routes), awssdk.ToBool(out.AdditionalRoutesAvailable), err)
	}
}

// The official AWS CLI reads attachments, propagations and routes
// unchanged.
func TestTransitGatewayActionsWithTheAWSCLI(t *testing.T) {
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("the aws CLI is not installed")
	}
	s := start(t, "")
	run := func(args ...string) map[string]any {
		t.Helper()
		cmd := exec.Command("aws", append([]string{"ec2", args[0], "--endpoint-url", s.emu.URL, "--region", "eu-west-1", "--output", "json"}, args[1:]...)...)
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
	atts := run("describe-transit-gateway-attachments", "--filters", "Name=resource-type,Values=vpn", "--page-size", "5")["TransitGatewayAttachments"].([]any)
	if len(atts) != 5 { // eu-tgw's two, eu-hub-tgw's three
		t.Fatalf("the CLI listed %d VPN attachments, want 5: %s", len(atts), mustJSON(atts))
	}
	var bh string
	for _, a := range atts {
		if strings.Contains(mustJSON(a), `"Value":"eu-hub-bh"`) {
			bh = a.(map[string]any)["TransitGatewayAttachmentId"].(string)
		}
	}
	props := run("get-transit-gateway-attachment-propagations", "--transit-gateway-attachment-id", bh)["TransitGatewayAttachmentPropagations"].([]any)
	if len(props) != 1 {
		t.Fatalf("propagations by the CLI: %s", mustJSON(props))
	}
	table := props[0].(map[string]any)["TransitGatewayRouteTableId"].(string)
	found := run("search-transit-gateway-routes", "--transit-gateway-route-table-id", table, "--filters", "Name=state,Values=blackhole")
	if got := mustJSON(found["Routes"]); !strings.Contains(got, `"DestinationCidrBlock":"10.92.128.0/17"`) || !strings.Contains(got, `"State":"blackhole"`) {
		t.Errorf("blackholes by the CLI: %s", mustJSON(found))
	}
}
