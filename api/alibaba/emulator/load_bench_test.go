package emulator_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/emulatorkit/loadbench"
)

// BenchmarkSustainedLoad: 50 clients at once, each with its own SDK
// client (services/vpc) and connection, walking a gateway's 5,000
// connections a page of 50 at a time; every request signed with a fresh
// nonce. Run with -benchtime=50000x for the first and last 5,000 requests'
// throughput and the memory after each (see BENCHMARKS.md).
func BenchmarkSustainedLoad(b *testing.B) {
	os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	const clients, pageSize, rows = 50, 50, 5000
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{ScaleConnections: rows})
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	sdks := make([]*vpc.Client, clients)
	for i := range sdks {
		v, err := vpc.NewClientWithOptions("cn-hangzhou", sdk.NewConfig().WithScheme("HTTP"),
			credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret))
		if err != nil {
			b.Fatal(err)
		}
		v.Domain = strings.TrimPrefix(emu.URL, "http://")
		sdks[i] = v
	}
	b.ReportAllocs()
	loadbench.Run(b, clients, func(c, i int) error {
		req := vpc.CreateDescribeVpnConnectionsRequest()
		req.RegionId = "cn-hangzhou"
		req.VpnGatewayId = emulator.ScaleGatewayID
		req.PageSize = requests.NewInteger(pageSize)
		req.PageNumber = requests.NewInteger(1 + i%(rows/pageSize))
		resp, err := sdks[c].DescribeVpnConnections(req)
		if err != nil {
			return err
		}
		if n := len(resp.VpnConnections.VpnConnection); n != pageSize {
			return fmt.Errorf("request %d: a page of %d", i, n)
		}
		return nil
	})
	if b.N >= 2*loadbench.Window {
		b.ReportMetric(float64(emulator.RememberedNonces(emu.Server)), "nonces-held")
	}
}
