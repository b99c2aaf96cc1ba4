package ec2client_test

import (
	"context"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

func latencyRig(t testing.TB, rtt time.Duration) *emulator.Running {
	t.Helper()
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Latency: rtt, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	return emu
}

func clientFor(emu *emulator.Running) *ec2client.Client {
	return ec2client.New(awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")},
		ec2client.Options{Endpoint: emu.URL, Retry: api.RetryPolicy{Attempts: 1}})
}

// gatewayPage is what a gateway's connections pane asks
// (tui/aws/s2s_connections.go): the gateway's connections, then the customer
// gateways they name, one after the other.
func gatewayPage(ctx context.Context, c *ec2client.Client, region, gatewayID string) ([]aws.VPNConnection, []aws.CustomerGateway, error) {
	conns, err := c.VPNConnections(ctx, region, aws.VPNConnectionFilter{GatewayID: gatewayID})
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	for _, x := range conns {
		ids = append(ids, x.CustomerGatewayID)
	}
	cgws, err := c.CustomerGateways(ctx, region, ids)
	return conns, cgws, err
}

func gatewayIDNamed(t testing.TB, c *ec2client.Client, region, name string) string {
	t.Helper()
	gws, err := c.VPNGateways(context.Background(), region)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gws {
		if g.Name == name {
			return g.ID
		}
	}
	t.Fatalf("no gateway %s", name)
	return ""
}

// A gateway's connections with their customer gateways cost one round
// trip, not two: the customer gateways are read beside the connections.
// Asked again within the cache's life, only the connections are read; an
// id the read does not hold is asked for, as before.
func TestGatewayConnectionsCostOneRoundTrip(t *testing.T) {
	const rtt = 150 * time.Millisecond
	emu := latencyRig(t, rtt)
	c := clientFor(emu)
	ctx := context.Background()
	gw := gatewayIDNamed(t, c, "us-east-1", "prod-vgw")

	before := emu.Calls("")
	conns, cgws, err := gatewayPage(ctx, c, "us-east-1", gw)
	if err != nil || len(conns) == 0 || len(cgws) != len(conns) {
		t.Fatalf("%d connections, %d customer gateways, %v", len(conns), len(cgws), err)
	}
	for i, g := range cgws {
		if g.ID != conns[i].CustomerGatewayID || g.IP == "" || g.ASN == "" {
			t.Errorf("connection %s: customer gateway %+v", conns[i].Name, g)
		}
	}
	// One round trip: both calls in flight at once (each answer takes
	// rtt, so two sent one after the other never overlap), counted by the
	// emulator rather than timed, which a loaded machine would stretch.
	if calls, peak := emu.Calls("")-before, emu.PeakInFlight(); calls != 2 || peak != 2 {
		t.Errorf("cold: %d calls, %d in flight at once; want 2 calls side by side", calls, peak)
	}

	before = emu.Calls("")
	if _, _, err := gatewayPage(ctx, c, "us-east-1", gw); err != nil {
		t.Fatal(err)
	}
	if calls := emu.Calls("") - before; calls != 1 || emu.Calls("DescribeCustomerGateways") != 1 {
		t.Errorf("warm: %d calls, want the connections alone", calls)
	}

	before = emu.Calls("DescribeCustomerGateways")
	_, err = c.CustomerGateways(ctx, "us-east-1", []string{conns[0].CustomerGatewayID, "cgw-00000000000000000"})
	if e, ok := api.AsError(err); !ok || e.Kind != api.KindNotFound || emu.Calls("DescribeCustomerGateways") != before+1 {
		t.Errorf("an id the read lacks: %v after %d calls", err, emu.Calls("DescribeCustomerGateways")-before)
	}
}

// A failed read of the customer gateways is the caller's error, and is
// not kept: the next page reads them again.
func TestCustomerGatewayReadFailureIsNotKept(t *testing.T) {
	emu := latencyRig(t, 0)
	c := clientFor(emu)
	ctx := context.Background()
	gw := gatewayIDNamed(t, c, "us-east-1", "core-tgw")
	f, _ := fault.Parse("forbidden:action=DescribeCustomerGateways")
	emu.SetFaults(f)
	if conns, _, err := gatewayPage(ctx, c, "us-east-1", gw); len(conns) == 0 || err == nil {
		t.Fatalf("with customer gateways refused: %d connections, %v", len(conns), err)
	}
	emu.SetFaults()
	if _, cgws, err := gatewayPage(ctx, c, "us-east-1", gw); err != nil || len(cgws) == 0 {
		t.Fatalf("after the fault: %d customer gateways, %v", len(cgws), err)
	}
}

// BenchmarkGatewayConnectionsAt50ms: a gateway's connections pane (its
// connections, then their customer gateways) behind 50 ms of latency, on a
// fresh client (cold) and on one that just read them (warm): round trips
// and calls per page. sdk-in-a-row is the two calls one after the other
// with the bare SDK, as the client made them before.
func BenchmarkGatewayConnectionsAt50ms(b *testing.B) {
	const rtt = 50 * time.Millisecond
	emu := latencyRig(b, rtt)
	gw := gatewayIDNamed(b, clientFor(emu), "us-east-1", "prod-vgw")
	b.Run("sdk-in-a-row", func(b *testing.B) {
		sdk := ec2.NewFromConfig(awssdk.Config{Region: "us-east-1",
			Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")},
			func(o *ec2.Options) { o.BaseEndpoint = awssdk.String(emu.URL) })
		var took time.Duration
		calls := 0
		for b.Loop() {
			before := emu.Calls("")
			start := time.Now()
			out, err := sdk.DescribeVpnConnections(context.Background(), &ec2.DescribeVpnConnectionsInput{
				Filters: []types.Filter{{Name: awssdk.String("vpn-gateway-id"), Values: []string{gw}}}})
			if err != nil {
				b.Fatal(err)
			}
			var ids []string
			for _, c := range out.VpnConnections {
				ids = append(ids, *c.CustomerGatewayId)
			}
			if _, err := sdk.DescribeCustomerGateways(context.Background(), &ec2.DescribeCustomerGatewaysInput{CustomerGatewayIds: ids}); err != nil {
				b.Fatal(err)
			}
			took += time.Since(start)
			calls += emu.Calls("") - before
		}
		b.ReportMetric(float64(took)/float64(b.N)/float64(rtt), "rtts")
		b.ReportMetric(float64(calls)/float64(b.N), "calls")
	})
	for _, warm := range []bool{false, true} {
		name := "cold"
		if warm {
			name = "warm"
		}
		b.Run(name, func(b *testing.B) {
			c := clientFor(emu)
			var took time.Duration
			calls := 0
			for b.Loop() {
				if !warm {
					c = clientFor(emu)
				}
				before := emu.Calls("")
				start := time.Now()
				if _, _, err := gatewayPage(context.Background(), c, "us-east-1", gw); err != nil {
					b.Fatal(err)
				}
				took += time.Since(start)
				calls += emu.Calls("") - before
			}
			b.ReportMetric(float64(took)/float64(b.N)/float64(rtt), "rtts")
			b.ReportMetric(float64(calls)/float64(b.N), "calls")
		})
	}
}

// The problems scan reads a region's customer gateways itself, beside its
// connections: that read and the one VPNConnections starts are one call
// per region, not two.
func TestScanReadsCustomerGatewaysOncePerRegion(t *testing.T) {
	emu := latencyRig(t, 20*time.Millisecond)
	ch := make(chan aws.ScanEvent)
	go aws.Scan(context.Background(), clientFor(emu), aws.ScanOptions{MaxInFlight: 8, Now: func() time.Time { return fixedNow }}, ch)
	regions := 0
	for e := range ch {
		if e.RegionDone != "" {
			regions++
		}
	}
	if n := emu.Calls("DescribeCustomerGateways"); regions != 3 || n != regions {
		t.Errorf("%d DescribeCustomerGateways calls for %d regions", n, regions)
	}
}
