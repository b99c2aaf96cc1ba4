package emulatorkit

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestCheckLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:8080": true, "127.9.9.9:0": true, "localhost:1": true, "LOCALHOST:1": true, "[::1]:0": true,
		"0.0.0.0:8080": false, ":8080": false, "[::]:0": false, "10.0.0.5:80": false, "vpn.example.com:80": false, "127.0.0.1": false,
	} {
		if err := CheckLoopback(addr); (err == nil) != ok {
			t.Errorf("%q: %v", addr, err)
		}
	}
}

func TestCheckChurn(t *testing.T) {
	for d, ok := range map[time.Duration]bool{0: true, MinChurn: true, time.Second: true, time.Nanosecond: false, 9 * time.Millisecond: false, -time.Second: false} {
		if err := CheckChurn(d); (err == nil) != ok {
			t.Errorf("%s: %v", d, err)
		}
	}
}

// The churn ticks while serving, and not once Close has returned.
func TestServeChurnsUntilClose(t *testing.T) {
	var ticks atomic.Int64
	l, err := Serve("127.0.0.1:0", http.NotFoundHandler(), MinChurn, func() { ticks.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(l.URL)
	if err != nil || resp.StatusCode != 404 {
		t.Fatalf("%v %v", resp, err)
	}
	resp.Body.Close()
	deadline := time.Now().Add(5 * time.Second)
	for ticks.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(MinChurn)
	}
	l.Close()
	n := ticks.Load()
	time.Sleep(5 * MinChurn)
	if n < 2 || ticks.Load() != n {
		t.Fatalf("ticks %d, then %d after Close", n, ticks.Load())
	}
	if _, err := Serve("127.0.0.1:0", http.NotFoundHandler(), time.Nanosecond, func() {}); err == nil {
		t.Fatal("1ns churn accepted")
	}
}

// The log shows the parameters it was told to, never the others (a
// signature, a key).
func TestRequestLogShowsOnlyItsKeys(t *testing.T) {
	var b bytes.Buffer
	log := NewRequestLog(&b, "PageSize")
	log.Write(time.Now(), "DescribeVpnGateways", "cn-hangzhou",
		url.Values{"PageSize": {"50"}, "Signature": {"c2VjcmV0"}, "AccessKeyId": {"LTAIkey"}}, 200, "")
	line := b.String()
	if !strings.Contains(line, "DescribeVpnGateways") || !strings.Contains(line, "PageSize=50 -> 200") ||
		strings.Contains(line, "c2VjcmV0") || strings.Contains(line, "LTAIkey") {
		t.Fatalf("%q", line)
	}
	var none *RequestLog
	none.Write(time.Now(), "x", "y", nil, 200, "") // a nil log writes nothing
}
