package emulator_test

import (
	"context"
	"fmt"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/emulatorkit"
	"github.com/vpnscope/vpnscope/api/emulatorkit/loadbench"
)

// BenchmarkSustainedLoad: 50 clients at once, each with its own EC2 SDK
// client (aws-sdk-go-v2) and connection, walking the busiest endpoint's
// connections with NextToken a page of 50 at a time, while churn runs at
// its fastest (10ms: a client connects and another leaves in every
// region). Run with -benchtime=50000x for the first and last 5,000
// requests' throughput and the memory after each (see BENCHMARKS.md).
func BenchmarkSustainedLoad(b *testing.B) {
	const clients = 50
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Churn: emulatorkit.MinChurn})
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	sdks := make([]*ec2.Client, clients)
	for i := range sdks {
		sdks[i] = ec2.NewFromConfig(awssdk.Config{Region: "us-east-1",
			Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")},
			func(o *ec2.Options) { o.BaseEndpoint = awssdk.String(emu.URL) })
	}
	corp := corpVPN(b, sdks[0])
	tokens := make([]*string, clients) // where each client's walk is
	b.ReportAllocs()
	loadbench.Run(b, clients, func(c, i int) error {
		out, err := sdks[c].DescribeClientVpnConnections(context.Background(), &ec2.DescribeClientVpnConnectionsInput{
			ClientVpnEndpointId: awssdk.String(corp), MaxResults: awssdk.Int32(50), NextToken: tokens[c]})
		if err != nil {
			return err
		}
		if len(out.Connections) == 0 || (out.NextToken != nil && len(out.Connections) != 50) {
			return fmt.Errorf("request %d: a page of %d", i, len(out.Connections))
		}
		tokens[c] = out.NextToken // nil at the end of a walk: start again
		return nil
	})
	if b.N >= 2*loadbench.Window {
		n := len(walk(b, sdks[0], "us-east-1", corp, nil))
		b.ReportMetric(float64(n), "connections-listed")
	}
}

// BenchmarkChurnTick is one churn tick once the world is at its bound
// (1,000 ended connections an endpoint): what --churn costs per interval.
func BenchmarkChurnTick(b *testing.B) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	for range 2000 {
		emu.ChurnOnce("us-east-1")
		emu.ChurnOnce("eu-west-1")
	}
	b.ReportAllocs()
	for b.Loop() {
		emu.ChurnOnce("us-east-1")
		emu.ChurnOnce("eu-west-1")
		emu.ChurnOnce("ap-southeast-2")
	}
}
