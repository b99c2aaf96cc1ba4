package alibaba

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// BenchmarkMemory100kConnections reports the heap held by a connections
// list with 100,000 rows loaded through the real path: 2,000 pages from the
// emulator's scale gateway (every connection distinct, half dual-tunnel),
// signed, sent over HTTP, decoded by the SDK, mapped, and appended by the
// list as paging does (budget: under 100 MB).
func BenchmarkMemory100kConnections(b *testing.B) {
	const rows = 100_000
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return tuitest.FixedNow }, ScaleConnections: rows})
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	client, err := vpcclient.New("cn-hangzhou", vpcclient.Options{Endpoint: emu.URL,
		Credential: credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret)})
	if err != nil {
		b.Fatal(err)
	}
	gw, err := client.Gateway(context.Background(), "cn-hangzhou", emulator.ScaleGatewayID)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		h := newHarness(b, 160, 48, emulator.Config{})
		l := newConnectionsList(&common{Common: h.Common(), client: client}, gw)
		l.SetSize(160, 41)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		msg := l.Fetch(api.FirstPage(50))()
		for {
			l, _ = l.Update(msg)
			if !l.More || l.Err != nil {
				break
			}
			msg = l.Fetch(l.Next)()
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		if len(l.Items) != rows {
			b.Fatalf("loaded %d rows (%v)", len(l.Items), l.Err)
		}
		dual := 0
		for _, c := range l.Items {
			if c.tunnels == "0/2" || c.tunnels == "1/2" || c.tunnels == "2/2" {
				dual++
			}
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB")
		b.ReportMetric(float64(dual)/float64(rows)*100, "%dual")
		runtime.KeepAlive(l)
	}
}
