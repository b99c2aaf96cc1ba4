package alibaba_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

func mustFault(t *testing.T, spec string) emulator.Fault {
	t.Helper()
	f, err := emulator.ParseFault(spec)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func apiErr(t *testing.T, err error) *api.Error {
	t.Helper()
	e, ok := api.AsError(err)
	if !ok {
		t.Fatalf("want *api.Error, got %T: %v", err, err)
	}
	return e
}

func TestWrongAccessKeyID(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{
		Credential: credentials.NewStaticAKCredentialsProvider("LTAI5tNoSuchKey", "whatever-secret"),
	})
	_, err := r.client.Gateways(context.Background(), hz, api.FirstPage(10))
	e := apiErr(t, err)
	if e.Kind != api.KindAuth || e.Code != "InvalidAccessKeyId.NotFound" || e.HTTPStatus != 404 || e.Attempts != 1 {
		t.Fatalf("%#v", e)
	}
	if !strings.Contains(e.Hint, "AccessKey ID") {
		t.Errorf("hint %q should say what to check", e.Hint)
	}
	if strings.Contains(e.Error(), "LTAI5tNoSuchKey") || strings.Contains(e.Error(), "whatever-secret") {
		t.Errorf("error leaks a credential: %s", e.Error())
	}
}

func TestWrongSecretIsSignatureDoesNotMatchWithoutLeakingTheKey(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{
		Credential: credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, "not-the-secret"),
	})
	_, err := r.client.Gateways(context.Background(), hz, api.FirstPage(10))
	e := apiErr(t, err)
	if e.Kind != api.KindAuth || e.Code != "SignatureDoesNotMatch" || e.HTTPStatus != 400 {
		t.Fatalf("%#v", e)
	}
	// The service echoes its string to sign, which holds the key id.
	for _, leak := range []string{emulator.DemoAccessKeyID, "not-the-secret", "Signature=", "string to sign"} {
		if strings.Contains(e.Error(), leak) || strings.Contains(e.Message, leak) {
			t.Errorf("error text contains %q: %s", leak, e.Error())
		}
	}
	if !strings.Contains(e.Hint, "secret") {
		t.Errorf("hint %q", e.Hint)
	}
}

func TestThrottlingIsRetriedThenSucceeds(t *testing.T) {
	var notices []api.RetryNotice
	r := newRig(t, emulator.Config{Faults: []emulator.Fault{mustFault(t, "throttle:first=2")}},
		vpcclient.Options{OnRetry: func(n api.RetryNotice) { notices = append(notices, n) }})
	p, err := r.client.Gateways(context.Background(), hz, api.FirstPage(10))
	if err != nil || len(p.Items) != 10 {
		t.Fatalf("%v", err)
	}
	if n := r.emu.Calls("DescribeVpnGateways"); n != 3 {
		t.Errorf("%d calls, want 2 throttled + 1", n)
	}
	// Two waits, then the end of the call.
	if len(notices) != 3 || notices[0].Err.Code != "Throttling.User" || notices[0].Wait <= 0 || !notices[2].Done {
		t.Errorf("retry notices: %+v", notices)
	}
}

func TestThrottlingExhaustedGivesUp(t *testing.T) {
	r := newRig(t, emulator.Config{Faults: []emulator.Fault{mustFault(t, "throttle")}}, vpcclient.Options{})
	_, err := r.client.Gateways(context.Background(), hz, api.FirstPage(10))
	e := apiErr(t, err)
	if e.Kind != api.KindThrottled || e.Attempts != fastRetry.Attempts || r.emu.Calls("DescribeVpnGateways") != fastRetry.Attempts {
		t.Fatalf("%#v after %d calls", e, r.emu.Calls("DescribeVpnGateways"))
	}
	if !strings.Contains(e.Hint, "wait") {
		t.Errorf("hint %q", e.Hint)
	}
}

func TestServerErrorsAndBadBodies(t *testing.T) {
	for _, tc := range []struct {
		fault     string
		kind      api.Kind
		code      string
		wantCalls int
	}{
		{"503", api.KindServer, "ServiceUnavailable", 4},
		{"500", api.KindServer, "InternalError", 4},
		// transient: retried into success (the connections' own call: the
		// customer gateways are read beside it)
		{"503:action=DescribeVpnConnections,first=1", -1, "", 2},
		{"truncate", api.KindServer, "MalformedResponse", 1},
		{"malformed", api.KindServer, "MalformedResponse", 1},
		{"numeric-code", api.KindServer, "MalformedResponse", 1},
		{"forbidden", api.KindPermission, "Forbidden.RAM", 1},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			r := newRig(t, emulator.Config{Faults: []emulator.Fault{mustFault(t, tc.fault)}}, vpcclient.Options{})
			p, err := r.client.Connections(context.Background(), hz, emulator.SampleGatewayID, api.FirstPage(10))
			if calls := r.emu.Calls("DescribeVpnConnections"); calls != tc.wantCalls {
				t.Errorf("%d calls, want %d", calls, tc.wantCalls)
			}
			if tc.kind < 0 {
				if err != nil || len(p.Items) != 1 {
					t.Fatalf("want success after a retry, got %v", err)
				}
				return
			}
			e := apiErr(t, err)
			if e.Kind != tc.kind || e.Code != tc.code || e.Hint == "" {
				t.Fatalf("got kind %v code %q hint %q (%s)", e.Kind, e.Code, e.Hint, e.Error())
			}
		})
	}
}

func TestCancelReturnsPromptlyFromAHungCall(t *testing.T) {
	r := newRig(t, emulator.Config{Faults: []emulator.Fault{mustFault(t, "hang")}}, vpcclient.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := r.client.Gateways(ctx, hz, api.FirstPage(10))
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancelled := time.Now()
	cancel()
	select {
	case err := <-done:
		if d := time.Since(cancelled); d > 100*time.Millisecond {
			t.Errorf("returned %v after cancel", d)
		}
		if e := apiErr(t, err); e.Kind != api.KindCanceled || !errors.Is(err, context.Canceled) {
			t.Errorf("%#v", e)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("call did not return after cancel")
	}
	// The pool slot comes back: the next call works once the fault is gone.
	r.emu.SetFaults()
	if _, err := r.client.Gateways(context.Background(), hz, api.FirstPage(10)); err != nil {
		t.Fatal(err)
	}
}

func TestReadTimeoutAndRefusedConnection(t *testing.T) {
	r := newRig(t, emulator.Config{Faults: []emulator.Fault{mustFault(t, "hang")}},
		vpcclient.Options{ReadTimeout: 100 * time.Millisecond, Retry: api.RetryPolicy{Attempts: 1}})
	_, err := r.client.Gateways(context.Background(), hz, api.FirstPage(10))
	if e := apiErr(t, err); e.Kind != api.KindNetwork || e.Code != "Timeout" {
		t.Errorf("hung call: %#v", e)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c, err := vpcclient.New(hz, vpcclient.Options{Endpoint: "http://" + addr,
		Credential: credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Gateways(context.Background(), hz, api.FirstPage(10))
	e := apiErr(t, err)
	if e.Kind != api.KindNetwork || !strings.Contains(e.Error(), "refused") {
		t.Errorf("refused: %#v", e)
	}
	for _, leak := range []string{"Signature", "AccessKeyId=L", emulator.DemoAccessKeyID} {
		if strings.Contains(e.Error(), leak) {
			t.Errorf("network error leaks %q: %s", leak, e.Error())
		}
	}
}

func TestSecretsAreMaskedEverywhere(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	p, err := r.client.Connections(context.Background(), hz, emulator.SampleGatewayID, api.FirstPage(10))
	if err != nil {
		t.Fatal(err)
	}
	c := p.Items[0]
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out := fmt.Sprintf(format, c)
		if strings.Contains(out, "pgw6dy7") || strings.Contains(out, "AuthKey****") {
			t.Errorf("%s prints a secret: %s", format, out)
		}
	}
	if c.IKE.PSK.String() != api.Mask {
		t.Errorf("PSK shows %q", c.IKE.PSK)
	}
}

func TestEndpointMustBeHTTPOrHTTPS(t *testing.T) {
	for _, ep := range []string{"ftp://x", "http://", "://"} {
		if _, err := vpcclient.New(hz, vpcclient.Options{Endpoint: ep}); err == nil {
			t.Errorf("endpoint %q accepted", ep)
		}
	}
}

func TestClockSkewSaysToSyncTheClock(t *testing.T) {
	r := newRig(t, emulator.Config{ClockSkew: 20 * time.Minute}, vpcclient.Options{})
	_, err := r.client.Gateways(context.Background(), hz, api.FirstPage(10))
	e := apiErr(t, err)
	if e.Code != "InvalidTimeStamp.Expired" || e.Kind != api.KindAuth || !strings.Contains(e.Hint, "clock") || e.Attempts != 1 {
		t.Fatalf("%#v", e)
	}
	ok := newRig(t, emulator.Config{ClockSkew: 10 * time.Minute}, vpcclient.Options{})
	if _, err := ok.client.Gateways(context.Background(), hz, api.FirstPage(10)); err != nil {
		t.Fatalf("10 minutes of skew is within the service's 15: %v", err)
	}
}

// An unknown region is said as such, not as a resource that may have been
// deleted.
func TestUnknownRegionSaysSo(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	_, err := r.client.Gateways(context.Background(), "xx-nowhere-1", api.FirstPage(10))
	e, ok := api.AsError(err)
	if !ok || !strings.Contains(e.Hint, "region id is unknown") || strings.Contains(e.Hint, "deleted") {
		t.Fatalf("hint %q for %v", e.Hint, err)
	}
}

// Region names come in English (AcceptLanguage=en-US), not only Chinese.
func TestRegionNamesInEnglish(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	rs, err := r.client.Regions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, x := range rs {
		names[x.ID] = x.LocalName
	}
	if names["cn-hangzhou"] != "China (Hangzhou)" || names["eu-central-1"] != "Germany (Frankfurt)" {
		t.Errorf("region names %v", names)
	}
}
