package emulator_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

func mustParse(t *testing.T, specs ...string) []fault.Fault {
	t.Helper()
	var out []fault.Fault
	for _, s := range specs {
		f, err := fault.Parse(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		out = append(out, f)
	}
	return out
}

// A fault on an action the emulator does not serve matched no call and
// injected nothing; Start refuses it, before listening, with the closest
// action served (CloudWatch Logs' FilterLogEvents among them).
func TestStartRefusesFaultsOnActionsNotServed(t *testing.T) {
	for spec, want := range map[string]string{
		"503:action=DescribeVpnGatewayz":    "did you mean DescribeVpnGateways?",
		"throttle:action=FilterLogEvent":    "did you mean FilterLogEvents?",
		"hang:action=DescribeSslVpnClients": "DescribeClientVpnConnections, DescribeClientVpnEndpoints",
	} {
		emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Faults: mustParse(t, spec)})
		if err == nil {
			emu.Close()
			t.Errorf("%q accepted", spec)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want it to say %q", spec, err, want)
		}
	}
}

// Every action served can take a fault, and the fault hits it: EC2's and
// CloudWatch Logs' alike.
func TestFaultsOnServedActionsHit(t *testing.T) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Faults: mustParse(t, "forbidden:action=DescribeVpnGateways", "forbidden:action=FilterLogEvents")})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	for _, a := range []string{"DescribeVpnGateways", "FilterLogEvents", "DescribeClientVpnEndpoints", "TerminateClientVpnConnections"} {
		if !slices.Contains(emu.Actions(), a) {
			t.Errorf("Actions() lacks %s: %v", a, emu.Actions())
		}
	}
	cfg := awssdk.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")}
	ec2c := ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.BaseEndpoint = awssdk.String(emu.URL) })
	logs := cloudwatchlogs.NewFromConfig(cfg, func(o *cloudwatchlogs.Options) { o.BaseEndpoint = awssdk.String(emu.URL) })
	ctx := context.Background()
	if _, err := ec2c.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{}); code(err) != "UnauthorizedOperation" {
		t.Errorf("DescribeVpnGateways under forbidden: %v", err)
	}
	if _, err := logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String("/aws/vendedlogs/s2s-vpn")}); code(err) != "AccessDeniedException" {
		t.Errorf("FilterLogEvents under forbidden: %v", err)
	}
	if _, err := ec2c.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{}); err != nil {
		t.Errorf("DescribeVpnConnections, not faulted: %v", err)
	}
}
