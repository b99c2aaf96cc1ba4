package emulator_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

// These tests speak to the emulator with aws-sdk-go-v2's own ec2 and
// cloudwatchlogs clients, unchanged but for the endpoint: what the AWS CLI
// and boto3 do with --endpoint-url.

var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

type sdks struct {
	ec2  *ec2.Client
	logs *cloudwatchlogs.Client
	emu  *emulator.Running
}

func start(t *testing.T, secret string) sdks {
	t.Helper()
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	if secret == "" {
		secret = emulator.DemoSecretAccessKey
	}
	cfg := awssdk.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, secret, "")}
	return sdks{
		ec2:  ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.BaseEndpoint = awssdk.String(emu.URL) }),
		logs: cloudwatchlogs.NewFromConfig(cfg, func(o *cloudwatchlogs.Options) { o.BaseEndpoint = awssdk.String(emu.URL) }),
		emu:  emu,
	}
}

func in(region string) func(*ec2.Options) { return func(o *ec2.Options) { o.Region = region } }

func logsIn(region string) func(*cloudwatchlogs.Options) {
	return func(o *cloudwatchlogs.Options) { o.Region = region }
}

func code(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

func name(tags []types.Tag) string {
	for _, t := range tags {
		if awssdk.ToString(t.Key) == "Name" {
			return awssdk.ToString(t.Value)
		}
	}
	return ""
}

func TestRegionsListOnlyEnabledOnesUnlessAsked(t *testing.T) {
	s := start(t, "")
	ctx := context.Background()
	out, err := s.ec2.DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range out.Regions {
		names = append(names, awssdk.ToString(r.RegionName))
	}
	if strings.Join(names, ",") != "us-east-1,eu-west-1,ap-southeast-2" {
		t.Errorf("enabled regions: %v", names)
	}
	all, err := s.ec2.DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: awssdk.Bool(true)})
	if err != nil || len(all.Regions) != 4 || awssdk.ToString(all.Regions[3].OptInStatus) != "not-opted-in" {
		t.Errorf("all regions: %+v %v", all, err)
	}
	if _, err := s.ec2.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{}, in("af-south-1")); code(err) != "AuthFailure" {
		t.Errorf("a call in a region not opted in: %v", err)
	}
}

// Gateways of both kinds in several regions; a gateway's connections are
// one filtered DescribeVpnConnections.
func TestGatewaysAndTheirConnections(t *testing.T) {
	s := start(t, "")
	ctx := context.Background()
	kinds := map[string]int{}
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-southeast-2"} {
		v, err := s.ec2.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{}, in(region))
		if err != nil {
			t.Fatal(err)
		}
		tg, err := s.ec2.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{}, in(region))
		if err != nil {
			t.Fatal(err)
		}
		if len(v.VpnGateways) > 0 {
			kinds["vgw"]++
		}
		if len(tg.TransitGateways) > 0 {
			kinds["tgw"]++
		}
		all, err := s.ec2.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{}, in(region))
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		check := func(filter, id string) {
			out, err := s.ec2.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{
				Filters: []types.Filter{{Name: awssdk.String(filter), Values: []string{id}}}}, in(region))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range out.VpnConnections {
				if awssdk.ToString(c.VpnGatewayId) != id && awssdk.ToString(c.TransitGatewayId) != id {
					t.Errorf("%s=%s listed %s", filter, id, awssdk.ToString(c.VpnConnectionId))
				}
			}
			seen += len(out.VpnConnections)
		}
		for _, g := range v.VpnGateways {
			check("vpn-gateway-id", awssdk.ToString(g.VpnGatewayId))
		}
		for _, g := range tg.TransitGateways {
			check("transit-gateway-id", awssdk.ToString(g.TransitGatewayId))
		}
		if seen != len(all.VpnConnections) {
			t.Errorf("%s: the gateways' connections add up to %d of %d", region, seen, len(all.VpnConnections))
		}
	}
	if kinds["vgw"] < 2 || kinds["tgw"] < 2 {
		t.Errorf("gateways by kind and region: %v", kinds)
	}
	_, err := s.ec2.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{VpnConnectionIds: []string{"vpn-0000000000000000a"}})
	if code(err) != "InvalidVpnConnectionID.NotFound" {
		t.Errorf("unknown connection: %v", err)
	}
	_, err = s.ec2.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{Filters: []types.Filter{{Name: awssdk.String("nonsense"), Values: []string{"x"}}}})
	if code(err) != "InvalidParameterValue" {
		t.Errorf("unknown filter: %v", err)
	}
	_, err = s.ec2.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{"tgw-00000000000000000"}})
	if code(err) != "InvalidTransitGatewayID.NotFound" {
		t.Errorf("unknown transit gateway: %v", err)
	}
}

func connections(t *testing.T, s sdks, region string) []types.VpnConnection {
	t.Helper()
	out, err := s.ec2.DescribeVpnConnections(context.Background(), &ec2.DescribeVpnConnectionsInput{}, in(region))
	if err != nil {
		t.Fatal(err)
	}
	return out.VpnConnections
}

// The world has every case the problems scan and the panes must show.
func TestConnectionsCoverEveryCase(t *testing.T) {
	s := start(t, "")
	cases := map[string]bool{}
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-southeast-2"} {
		for _, c := range connections(t, s, region) {
			cases["state "+string(c.State)] = true
			up := 0
			noRoutes := false
			for _, tel := range c.VgwTelemetry {
				if tel.Status == types.TelemetryStatusUp {
					up++
					if !awssdk.ToBool(c.Options.StaticRoutesOnly) && awssdk.ToInt32(tel.AcceptedRouteCount) == 0 {
						cases["bgp no routes"], noRoutes = true, true
					}
				}
				if tel.Status == types.TelemetryStatusDown && awssdk.ToString(tel.StatusMessage) == "IPSEC IS UP" &&
					!awssdk.ToBool(c.Options.StaticRoutesOnly) {
					cases["bgp down behind ipsec"] = true
				}
			}
			cases[[]string{"both down", "one down", "both up"}[up]] = true
			if up == 1 && noRoutes {
				cases["the survivor has no routes"] = true
			}
			if !slices.Contains([]string{"pending", "available", "deleting", "deleted"}, string(c.State)) {
				cases["a state no document names"] = true
			}
			for _, o := range c.Options.TunnelOptions {
				if o.LogOptions != nil && awssdk.ToBool(o.LogOptions.CloudWatchLogOptions.LogEnabled) {
					cases["logging on"] = true
				} else {
					cases["logging off"] = true
				}
			}
			if len(c.VgwTelemetry) != 2 || len(c.Options.TunnelOptions) != 2 ||
				awssdk.ToString(c.VgwTelemetry[0].OutsideIpAddress) != awssdk.ToString(c.Options.TunnelOptions[0].OutsideIpAddress) {
				t.Errorf("%s: telemetry and options do not pair up", awssdk.ToString(c.VpnConnectionId))
			}
			if !strings.Contains(awssdk.ToString(c.CustomerGatewayConfiguration), awssdk.ToString(c.Options.TunnelOptions[0].PreSharedKey)) {
				t.Errorf("%s: the configuration should embed the key, as AWS's does", awssdk.ToString(c.VpnConnectionId))
			}
		}
	}
	for _, want := range []string{"state pending", "state available", "state deleting", "state deleted",
		"both up", "one down", "both down", "bgp no routes", "logging on", "logging off",
		"bgp down behind ipsec", "the survivor has no routes", "a state no document names"} {
		if !cases[want] {
			t.Errorf("no connection with %s (have %v)", want, cases)
		}
	}
}

type tunnelEvent struct {
	Details string `json:"details"`
	P1      string `json:"ike_phase1_state"`
	P2      string `json:"ike_phase2_state"`
	Epoch   int64  `json:"event_timestamp"`
}

func filterAll(t *testing.T, s sdks, region string, in *cloudwatchlogs.FilterLogEventsInput) []tunnelEvent {
	t.Helper()
	var out []tunnelEvent
	p := cloudwatchlogs.NewFilterLogEventsPaginator(s.logs, in)
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background(), logsIn(region))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Events {
			var te tunnelEvent
			if err := json.Unmarshal([]byte(awssdk.ToString(e.Message)), &te); err != nil {
				t.Fatalf("not json: %q", awssdk.ToString(e.Message))
			}
			if te.Epoch*1000 != awssdk.ToInt64(e.Timestamp) {
				t.Errorf("event_timestamp %d and timestamp %d disagree", te.Epoch, awssdk.ToInt64(e.Timestamp))
			}
			out = append(out, te)
		}
	}
	return out
}

// Each logged tunnel's log tells the story its telemetry tells: its last
// event's phases match UP or DOWN, a down tunnel logs from when it went
// down, and one that came back recently shows why it went down.
func TestTunnelLogsAgreeWithTelemetry(t *testing.T) {
	s := start(t, "")
	checked, flaps := 0, 0
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-southeast-2"} {
		for _, c := range connections(t, s, region) {
			for i, o := range c.Options.TunnelOptions {
				cw := o.LogOptions.CloudWatchLogOptions
				if !awssdk.ToBool(cw.LogEnabled) || strings.Contains(awssdk.ToString(cw.LogGroupArn), "partner-old") {
					continue
				}
				tel := c.VgwTelemetry[i]
				group := strings.TrimSuffix(awssdk.ToString(cw.LogGroupArn)[strings.Index(awssdk.ToString(cw.LogGroupArn), ":log-group:")+11:], ":*")
				stream := awssdk.ToString(c.VpnConnectionId) + "-" + awssdk.ToString(tel.OutsideIpAddress)
				events := filterAll(t, s, region, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String(group),
					LogStreamNames: []string{stream}, Limit: awssdk.Int32(50)})
				if len(events) == 0 {
					t.Errorf("%s: no log", stream)
					continue
				}
				checked++
				last := events[len(events)-1]
				changed := tel.LastStatusChange.Unix()
				// DOWN with IPsec up (BGP not established) logs IPsec up.
				if tel.Status == types.TelemetryStatusUp || awssdk.ToString(tel.StatusMessage) == "IPSEC IS UP" {
					if last.P1 != "Established" || last.P2 != "Established" {
						t.Errorf("%s is UP but its log ends %+v", stream, last)
					}
					for _, e := range events {
						if e.P1 == "Down" && e.Epoch >= changed {
							t.Errorf("%s: down after it came up: %+v", stream, e)
						}
						if e.P1 == "Down" && changed-e.Epoch < 3600 {
							flaps++
						}
					}
					continue
				}
				if last.P2 != "Down" {
					t.Errorf("%s is DOWN but its log ends %+v", stream, last)
				}
				for _, e := range events {
					if e.Epoch > changed && e.P2 != "Down" {
						t.Errorf("%s: phase 2 %s after it went down: %+v", stream, e.P2, e)
					}
				}
			}
		}
	}
	if checked < 10 || flaps < 2 {
		t.Errorf("checked %d logged tunnels, %d flaps", checked, flaps)
	}
}

// A window of a log is a window: the times, the limit and the tokens.
func TestFilterLogEventsReadsAWindow(t *testing.T) {
	s := start(t, "")
	ctx := context.Background()
	from, to := now.Add(-2*time.Hour).UnixMilli(), now.Add(-time.Hour).UnixMilli()
	in := &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String("/aws/vendedlogs/s2s-vpn"),
		StartTime: awssdk.Int64(from), EndTime: awssdk.Int64(to), Limit: awssdk.Int32(7)}
	pages, total := 0, 0
	p := cloudwatchlogs.NewFilterLogEventsPaginator(s.logs, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(page.Events) > 7 {
			t.Fatalf("a page of %d events with limit 7", len(page.Events))
		}
		for _, e := range page.Events {
			if ts := awssdk.ToInt64(e.Timestamp); ts < from || ts > to {
				t.Errorf("event at %d outside [%d, %d]", ts, from, to)
			}
			total++
		}
	}
	if pages < 3 || total < 10 {
		t.Errorf("%d events in %d pages", total, pages)
	}
	_, err := s.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String("/aws/vendedlogs/partner-old")})
	if code(err) != "ResourceNotFoundException" {
		t.Errorf("a log group that does not exist: %v", err)
	}
	_, err = s.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String("/aws/vendedlogs/s2s-vpn"),
		LogStreamNames: []string{"a"}, LogStreamNamePrefix: awssdk.String("b")})
	if code(err) != "InvalidParameterException" {
		t.Errorf("names and a prefix: %v", err)
	}
	phrase, err := s.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String("/aws/vendedlogs/s2s-vpn"),
		FilterPattern: awssdk.String(`"pre-shared key mismatch"`)})
	if err != nil || len(phrase.Events) == 0 {
		t.Fatalf("a phrase: %v", err)
	}
	for _, e := range phrase.Events {
		if !strings.Contains(awssdk.ToString(e.Message), "pre-shared key mismatch") {
			t.Errorf("the phrase matched %q", awssdk.ToString(e.Message))
		}
	}
	bad := start(t, "not-the-secret")
	if _, err := bad.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String("/aws/vendedlogs/s2s-vpn")}); code(err) != "InvalidSignatureException" {
		t.Errorf("a wrong secret: %v", err)
	}
}

// The Client VPN connection log has successful and failed attempts, and
// no failed certificate authentication (AWS does not log those).
func TestClientVPNConnectionLog(t *testing.T) {
	s := start(t, "")
	ctx := context.Background()
	out, err := s.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String("/clientvpn/corp-vpn")})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]int{}
	for _, e := range out.Events {
		var m map[string]string
		if err := json.Unmarshal([]byte(awssdk.ToString(e.Message)), &m); err != nil {
			t.Fatalf("not a connection log entry: %q", awssdk.ToString(e.Message))
		}
		status[m["connection-attempt-status"]+" "+m["connection-attempt-failure-reason"]]++
	}
	if status["successful NA"] < 100 || status["failed authorization-policy-deny"] != 2 || status["failed client-connect-failed"] != 1 {
		t.Errorf("attempts: %v", status)
	}
	alice, err := s.logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String("/clientvpn/corp-vpn"),
		FilterPattern: awssdk.String(`{ $.username = "alice" }`)})
	if err != nil || len(alice.Events) != 2 {
		t.Errorf("alice's attempts: %d, %v", len(alice.Events), err)
	}
}
