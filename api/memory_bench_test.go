package api

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/vpnscope/vpnscope/api/emulator"
)

// capturePages records the raw bodies of DescribeVpnConnections pages the
// emulator serves for its 520-connection gateway: a realistic mix of
// single- and dual-tunnel connections, BGP, health checks and tags.
type capturePages struct {
	next   http.RoundTripper
	bodies [][]byte
}

func (c *capturePages) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	c.bodies = append(c.bodies, body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// BenchmarkMemory100kConnections reports the heap held by 100,000
// connections as the TUI holds them after paging: decoded by the SDK from
// real pages (every string its own allocation, as on the wire) and mapped
// (budget: under 100 MB).
func BenchmarkMemory100kConnections(b *testing.B) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return time.Unix(1_790_000_000, 0) }})
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	capture := &capturePages{next: http.DefaultTransport}
	c, err := NewSDKClient("cn-hangzhou", Options{Endpoint: emu.URL,
		Credential: credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret)})
	if err != nil {
		b.Fatal(err)
	}
	c.transport.next = capture
	ctx := context.Background()
	gws, err := c.Gateways(ctx, "cn-hangzhou", FirstPage(1))
	if err != nil {
		b.Fatal(err)
	}
	capture.bodies = nil
	for cur := FirstPage(50); ; {
		p, err := c.Connections(ctx, "cn-hangzhou", gws.Items[0].ID, cur)
		if err != nil {
			b.Fatal(err)
		}
		if !p.More {
			break
		}
		cur = p.Next
	}
	pages := capture.bodies
	decode := func(body []byte) []Connection {
		resp := vpc.CreateDescribeVpnConnectionsResponse()
		hr := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
		if err := responses.Unmarshal(resp, hr, "JSON"); err != nil {
			b.Fatal(err)
		}
		out := make([]Connection, 0, len(resp.VpnConnections.VpnConnection))
		for _, v := range resp.VpnConnections.VpnConnection {
			out = append(out, mapConnection(v))
		}
		return out
	}
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var all []Connection
		dual := 0
		for i := 0; len(all) < 100_000; i++ {
			all = append(all, decode(pages[i%len(pages)])...)
		}
		all = all[:100_000]
		runtime.GC()
		runtime.ReadMemStats(&after)
		for _, x := range all {
			if x.DualTunnel() {
				dual++
			}
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB")
		b.ReportMetric(float64(dual)/1000, "k-dual")
		runtime.KeepAlive(all)
	}
}
