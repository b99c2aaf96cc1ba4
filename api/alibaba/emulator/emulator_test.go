package emulator_test

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// call signs params as the reference documents signature v1 (this test's
// own signer, not the emulator's) and returns the status and error code.
func call(t *testing.T, e *emulator.Running, params map[string]string, edit func(url.Values)) (int, map[string]any) {
	t.Helper()
	v := url.Values{}
	for k, val := range map[string]string{
		"Format": "JSON", "Version": "2016-04-28", "AccessKeyId": emulator.DemoAccessKeyID,
		"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureType": "",
		"SignatureNonce": time.Now().Format("150405.000000000"), "RegionId": "cn-hangzhou",
		"Timestamp": time.Now().UTC().Format("2006-01-02T15:04:05Z"),
	} {
		v.Set(k, val)
	}
	for k, val := range params {
		v.Set(k, val)
	}
	if edit != nil {
		edit(v)
	}
	canon := strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(v.Encode())
	sts := "POST&%2F&" + url.QueryEscape(canon)
	mac := hmac.New(sha1.New, []byte(emulator.DemoAccessKeySecret+"&"))
	mac.Write([]byte(sts))
	v.Set("Signature", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	return post(t, e.URL+"/?"+v.Encode())
}

func post(t *testing.T, u string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(u, "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

func start(t *testing.T) *emulator.Running {
	t.Helper()
	e, err := emulator.Start("127.0.0.1:0", emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func TestProtocolErrors(t *testing.T) {
	e := start(t)
	gw := map[string]string{"Action": "DescribeVpnGateways"}
	for _, tc := range []struct {
		name   string
		params map[string]string
		edit   func(url.Values)
		status int
		code   string
	}{
		{"ok", gw, nil, 200, ""},
		{"no signature", gw, func(v url.Values) { v.Del("SignatureNonce") }, 400, "IncompleteSignature"},
		{"unknown key", gw, func(v url.Values) { v.Set("AccessKeyId", "LTAInope") }, 404, "InvalidAccessKeyId.NotFound"},
		{"old timestamp", gw, func(v url.Values) {
			v.Set("Timestamp", time.Now().Add(-20*time.Minute).UTC().Format("2006-01-02T15:04:05Z"))
		}, 400, "InvalidTimeStamp.Expired"},
		{"unknown action", map[string]string{"Action": "DescribeNothing"}, nil, 404, "InvalidApi.NotFound"},
		{"unknown region", gw, func(v url.Values) { v.Set("RegionId", "mars-1") }, 404, "InvalidRegionId.NotFound"},
		{"page size 0", gw, func(v url.Values) { v.Set("PageSize", "0") }, 400, "IllegalParam.PageSize"},
		{"page size 50", gw, func(v url.Values) { v.Set("PageSize", "50") }, 200, ""},
		{"page size 51", gw, func(v url.Values) { v.Set("PageSize", "51") }, 400, "IllegalParam.PageSize"},
		{"max results 21", map[string]string{"Action": "ListIpsecServers", "MaxResults": "21"}, nil, 400, "IllegalParam.MaxResults"},
		{"forged token", map[string]string{"Action": "ListIpsecServers", "NextToken": "caeba0bbb2be03f84eb48b699f0a"}, nil, 400, "IllegalParam.NextToken"},
		{"clients need a gateway", map[string]string{"Action": "DescribeSslVpnClients"}, nil, 400, "MissingParameter"},
		{"clients of no gateway", map[string]string{"Action": "DescribeSslVpnClients", "VpnGatewayId": "vpn-x"}, nil, 400, "InvalidVpnGatewayInstanceId.NotFound"},
		{"logs window too wide", map[string]string{"Action": "DescribeVpnConnectionLogs", "VpnConnectionId": emulator.SampleConnectionID, "MinutePeriod": "11"}, nil, 400, "IllegalParam.MinutePeriod"},
		{"logs of a tunnel on a single-tunnel connection", map[string]string{"Action": "DescribeVpnConnectionLogs", "VpnConnectionId": emulator.SampleConnectionID, "MinutePeriod": "5", "TunnelId": "tun-x"}, nil, 400, "IllegalParam.TunnelId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := call(t, e, tc.params, tc.edit)
			code, _ := body["Code"].(string)
			if status != tc.status || code != tc.code {
				t.Fatalf("got %d %q (%v), want %d %q", status, code, body["Message"], tc.status, tc.code)
			}
			if status != 200 && (body["RequestId"] == "" || body["HostId"] == nil || body["Recommend"] == nil) {
				t.Errorf("error body lacks the service's fields: %v", body)
			}
		})
	}
}

func TestSignatureDoesNotMatchEchoesTheStringToSign(t *testing.T) {
	e := start(t)
	// Tamper after signing: the signature no longer covers the parameters.
	v := url.Values{}
	status, body := call(t, e, map[string]string{"Action": "DescribeVpnGateways"}, func(u url.Values) { v = u })
	if status != 200 {
		t.Fatalf("setup: %d %v", status, body)
	}
	v.Set("PageSize", "5")
	v.Set("SignatureNonce", "another")
	v.Set("Signature", "AAAA")
	status, body = post(t, e.URL+"/?"+v.Encode())
	msg, _ := body["Message"].(string)
	if status != 400 || body["Code"] != "SignatureDoesNotMatch" || !strings.Contains(msg, "server string to sign is:POST&%2F&") {
		t.Fatalf("%d %v", status, body)
	}
}

func TestNonceCannotBeReplayed(t *testing.T) {
	e := start(t)
	var signed string
	status, _ := call(t, e, map[string]string{"Action": "DescribeRegions"}, nil)
	if status != 200 {
		t.Fatal(status)
	}
	call(t, e, map[string]string{"Action": "DescribeRegions", "SignatureNonce": "fixed-nonce"}, nil)
	status, body := call(t, e, map[string]string{"Action": "DescribeRegions", "SignatureNonce": "fixed-nonce"}, nil)
	if status != 400 || body["Code"] != "SignatureNonceUsed" {
		t.Fatalf("replay: %d %v %s", status, body, signed)
	}
	if e.Calls("DescribeRegions") != 3 {
		t.Errorf("calls counted: %d", e.Calls("DescribeRegions"))
	}
}

func TestParseFault(t *testing.T) {
	good := map[string]emulator.Fault{
		"throttle":                           {Kind: emulator.FaultThrottle},
		"503:rate=0.25":                      {Kind: emulator.FaultUnavailable, Rate: 0.25},
		"hang:action=ListIpsecServers,nth=2": {Kind: emulator.FaultHang, Action: "ListIpsecServers", Nth: 2},
		"latency:delay=2s,first=3":           {Kind: emulator.FaultLatency, Delay: 2 * time.Second, First: 3},
	}
	for spec, want := range good {
		got, err := emulator.ParseFault(spec)
		if err != nil || got != want {
			t.Errorf("%q: %+v, %v", spec, got, err)
		}
	}
	for _, bad := range []string{"", "explode", "503:rate=2", "503:rate", "503:when=now", "latency:delay=soon"} {
		if _, err := emulator.ParseFault(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestFaultOnTheNthCallOnly(t *testing.T) {
	e := start(t)
	f, err := emulator.ParseFault("503:nth=2")
	if err != nil {
		t.Fatal(err)
	}
	e.SetFaults(f)
	var got []int
	for range 4 {
		status, _ := call(t, e, map[string]string{"Action": "DescribeRegions"}, nil)
		got = append(got, status)
	}
	if got[0] != 200 || got[1] != 503 || got[2] != 200 || got[3] != 200 {
		t.Fatalf("statuses %v", got)
	}
}
