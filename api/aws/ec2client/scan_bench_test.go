package ec2client_test

import (
	"context"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

// BenchmarkScanAt50ms is the AWS problems scan against the emulator behind
// 50 ms of latency, 8 calls in flight: time to the first finding and to
// the end, in round trips, and the calls made.
func BenchmarkScanAt50ms(b *testing.B) {
	const rtt = 50 * time.Millisecond
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Latency: rtt, Now: func() time.Time { return fixedNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	client := ec2client.New(awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")},
		ec2client.Options{Endpoint: emu.URL})
	var first, total time.Duration
	calls := 0
	for b.Loop() {
		ch := make(chan aws.ScanEvent)
		start := time.Now()
		go aws.Scan(context.Background(), client, aws.ScanOptions{MaxInFlight: 8, Now: func() time.Time { return fixedNow }}, ch)
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
}
