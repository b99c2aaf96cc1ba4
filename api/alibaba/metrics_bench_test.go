package alibaba_test

import (
	"context"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// A tunnels view's history behind 50 ms of latency: the three metrics go
// at once, so a day is one round trip; 14 days, three pages a metric, are
// three (BENCHMARKS.md).
func BenchmarkTunnelMetrics(b *testing.B) {
	for _, span := range []time.Duration{24 * time.Hour, 14 * 24 * time.Hour} {
		b.Run(span.String(), func(b *testing.B) {
			r := newRig(b, emulator.Config{Latency: 50 * time.Millisecond}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
			var dual alibaba.Connection
			for _, c := range firstGatewayConnectionsTB(b, r) {
				if !c.Tunnels()[0].Synthetic {
					dual = c
					break
				}
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := r.client.TunnelMetrics(context.Background(), "cn-hangzhou", metricsQuery(dual, span)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
