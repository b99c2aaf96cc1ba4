package emulator_test

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// fakeWall is a wall clock a test moves.
type fakeWall struct {
	mu sync.Mutex
	t  time.Time
}

func (w *fakeWall) now() time.Time  { w.mu.Lock(); defer w.mu.Unlock(); return w.t }
func (w *fakeWall) set(t time.Time) { w.mu.Lock(); w.t = t; w.mu.Unlock() }

// serveSigned answers one DescribeRegions signed with nonce and ts, by
// calling the handler directly (many calls, no sockets).
func serveSigned(s *emulator.Server, nonce string, ts time.Time) string {
	v := url.Values{}
	for k, val := range map[string]string{
		"Action": "DescribeRegions", "Format": "JSON", "Version": "2016-04-28", "AccessKeyId": emulator.DemoAccessKeyID,
		"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureNonce": nonce, "RegionId": "cn-hangzhou",
		"Timestamp": ts.UTC().Format("2006-01-02T15:04:05Z"),
	} {
		v.Set(k, val)
	}
	canon := strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(v.Encode())
	mac := hmac.New(sha1.New, []byte(emulator.DemoAccessKeySecret+"&"))
	mac.Write([]byte("POST&%2F&" + url.QueryEscape(canon)))
	v.Set("Signature", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/?"+v.Encode(), nil))
	var body struct{ Code string }
	json.NewDecoder(rec.Body).Decode(&body)
	return body.Code
}

// A signed request's timestamp is good 15 minutes either side of the
// clock, so it can be replayed up to 30 minutes after it was first sent:
// the nonce must be refused all that time, however many requests came in
// between (the old map forgot nonces after 16 minutes once it held 10,000).
// Once the window has passed, the nonces are forgotten and memory is back.
func TestNonceRefusedForTheWholeTimestampWindow(t *testing.T) {
	s := emulator.New(emulator.Config{})
	t0 := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	wall := &fakeWall{t: t0}
	emulator.SetWallClock(s, wall.now)
	ts := t0.Add(14 * time.Minute) // early for the clock, as a skewed client signs
	if code := serveSigned(s, "replayed", ts); code != "" {
		t.Fatalf("first use: %s", code)
	}
	wall.set(t0.Add(17 * time.Minute))
	for i := range 10_001 {
		if code := serveSigned(s, fmt.Sprint("filler-", i), wall.now()); code != "" {
			t.Fatalf("filler %d: %s", i, code)
		}
	}
	wall.set(t0.Add(28*time.Minute + 59*time.Second)) // ts is still within 15 minutes
	if code := serveSigned(s, "replayed", ts); code != "SignatureNonceUsed" {
		t.Fatalf("replay 29 minutes on: %q", code)
	}
	if n := emulator.RememberedNonces(s); n != 10_002 {
		t.Fatalf("%d nonces remembered in the window", n)
	}
	wall.set(t0.Add(2 * time.Hour))
	if code := serveSigned(s, "later", wall.now()); code != "" {
		t.Fatalf("after the window: %s", code)
	}
	if n := emulator.RememberedNonces(s); n != 1 {
		t.Fatalf("%d nonces still remembered after the window", n)
	}
}
