package alibaba_test

import (
	"context"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// BenchmarkScanAt50ms is the problems overview against the emulator behind
// 50 ms of latency: the time to the first finding (a row on screen), the
// time to the end, and the calls made, with 8 in flight. Budgets (issue
// 10): first row within 3 round trips, complete within calls/8 + 2.
func BenchmarkScanAt50ms(b *testing.B) {
	const rtt = 50 * time.Millisecond
	r := newRig(b, emulator.Config{Latency: rtt}, vpcclient.Options{MaxInFlight: 8})
	var first, total time.Duration
	calls := 0
	for b.Loop() {
		ch := make(chan alibaba.ScanEvent)
		start := time.Now()
		go alibaba.Scan(context.Background(), r.client, alibaba.ScanOptions{MaxInFlight: 8}, ch)
		var firstAt time.Duration
		for e := range ch {
			if firstAt == 0 && len(e.Findings) > 0 {
				firstAt = time.Since(start)
			}
			if e.Done {
				calls = e.Calls
			}
		}
		first += firstAt
		total += time.Since(start)
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64(first/n)/float64(rtt), "first-row-rtts")
	b.ReportMetric(float64(total/n)/float64(rtt), "complete-rtts")
	b.ReportMetric(float64(calls), "calls")
	b.ReportMetric(float64(calls)/8+2, "budget-rtts")
	if peak := r.emu.PeakInFlight(); peak > 8 {
		b.Fatalf("%d calls in flight", peak)
	}
}
