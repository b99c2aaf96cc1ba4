package ec2client_test

import (
	"context"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

// BenchmarkEndpointMetrics is what the endpoint view reads when it opens
// and at each window change, through the real SDK against the emulator
// behind 50 ms a call: the GetMetricData calls a view costs, and its wall
// time, for the narrowest, the default and the widest window.
func BenchmarkEndpointMetrics(b *testing.B) {
	for _, span := range []time.Duration{time.Hour, 24 * time.Hour, 14 * 24 * time.Hour} {
		b.Run(span.String(), func(b *testing.B) {
			emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Latency: 50 * time.Millisecond, Now: func() time.Time { return fixedNow }})
			if err != nil {
				b.Fatal(err)
			}
			defer emu.Close()
			client := clientFor(emu)
			p, err := client.Endpoints(context.Background(), "us-east-1", api.FirstPage(10))
			if err != nil {
				b.Fatal(err)
			}
			q := aws.EndpointMetricsQuery{EndpointID: p.Items[0].ID, End: fixedNow, Span: span} // corp-vpn, 320 connections
			before := emu.Calls("GetMetricData")
			for b.Loop() {
				if _, err := client.EndpointMetrics(context.Background(), "us-east-1", q); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(emu.Calls("GetMetricData")-before)/float64(b.N), "calls/view")
		})
	}
}
