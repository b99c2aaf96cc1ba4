package emulator_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

// postForm sends a form-encoded Query request signed for service, as an
// older AWS CLI or SDK does (Content-Type
// application/x-www-form-urlencoded; charset=utf-8, the body signed).
func postForm(t *testing.T, emu *emulator.Running, service string, form url.Values) (*http.Response, []byte) {
	t.Helper()
	body := form.Encode()
	req, _ := http.NewRequest(http.MethodPost, emu.URL+"/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sum := sha256.Sum256([]byte(body))
	creds := awssdk.Credentials{AccessKeyID: emulator.DemoAccessKeyID, SecretAccessKey: emulator.DemoSecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), service, "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp, []byte(b.String())
}

// stateQuery is GetMetricData for one tunnel's TunnelState over the last
// three hours, in the Query protocol's form encoding: lists as
// Name.member.N, structures as Name.Field, timestamps in ISO 8601.
func stateQuery(vpnID, ip string) url.Values {
	return url.Values{
		"Action":                        {"GetMetricData"},
		"Version":                       {"2010-08-01"},
		"MetricDataQueries.member.1.Id": {"s0"},
		"MetricDataQueries.member.1.MetricStat.Metric.Namespace":                 {"AWS/VPN"},
		"MetricDataQueries.member.1.MetricStat.Metric.MetricName":                {"TunnelState"},
		"MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name":  {"VpnId"},
		"MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value": {vpnID},
		"MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name":  {"TunnelIpAddress"},
		"MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value": {ip},
		"MetricDataQueries.member.1.MetricStat.Period":                           {"300"},
		"MetricDataQueries.member.1.MetricStat.Stat":                             {"Average"},
		"StartTime": {fixedNow.Add(-3 * time.Hour).Format(time.RFC3339)},
		"EndTime":   {fixedNow.Format(time.RFC3339)},
		"ScanBy":    {"TimestampAscending"},
	}
}

type queryAnswer struct {
	XMLName xml.Name `xml:"GetMetricDataResponse"`
	Results []struct {
		ID         string    `xml:"Id"`
		Label      string    `xml:"Label"`
		StatusCode string    `xml:"StatusCode"`
		Timestamps []string  `xml:"Timestamps>member"`
		Values     []float64 `xml:"Values>member"`
	} `xml:"GetMetricDataResult>MetricDataResults>member"`
	RequestID string `xml:"ResponseMetadata>RequestId"`
}

type queryError struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	Type    string   `xml:"Error>Type"`
	Code    string   `xml:"Error>Code"`
	Message string   `xml:"Error>Message"`
	ID      string   `xml:"RequestId"`
}

// Older CLIs and SDKs send GetMetricData in CloudWatch's Query protocol:
// the emulator reads the form and answers the XML GetMetricDataResponse,
// with the same history the CBOR and JSON protocols give (the flap of
// hq-backup's first tunnel, whole five-minute periods of it).
func TestGetMetricDataInTheQueryProtocolAnswersTheSameHistoryInXML(t *testing.T) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	vpnID, ip := emu.TunnelOf("us-east-1", "hq-backup", 0)
	resp, body := postForm(t, emu, "monitoring", stateQuery(vpnID, ip))
	var out queryAnswer
	if err := xml.Unmarshal(body, &out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v: %s", resp.StatusCode, err, body)
	}
	if out.RequestID == "" || out.RequestID != resp.Header.Get("x-amzn-RequestId") {
		t.Errorf("request id %q, header %q", out.RequestID, resp.Header.Get("x-amzn-RequestId"))
	}
	if len(out.Results) != 1 || len(out.Results[0].Values) != 36 || len(out.Results[0].Timestamps) != 36 {
		t.Fatalf("got %s, want 36 five-minute points", body)
	}
	r := out.Results[0]
	if r.ID != "s0" || r.Label != "TunnelState" || r.StatusCode != "Complete" {
		t.Errorf("id %q label %q status %q", r.ID, r.Label, r.StatusCode)
	}
	for i, ts := range r.Timestamps {
		at, err := time.Parse(time.RFC3339, ts)
		if err != nil {
			t.Fatalf("timestamp %q: %v", ts, err)
		}
		ago := fixedNow.Sub(at)
		want := 1.0
		if ago <= 2*time.Hour && ago > 110*time.Minute {
			want = 0
		}
		if r.Values[i] != want {
			t.Errorf("%v ago: %v, want %v", ago, r.Values[i], want)
		}
	}
}

// EC2's Query requests share the listener and the form encoding: the same
// form signed for "ec2" is EC2's, which has no GetMetricData, and an EC2
// action signed for "monitoring" is CloudWatch's, which has no such
// action; each answers in its own error shape.
func TestAQueryRequestGoesToTheServiceItIsSignedFor(t *testing.T) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	vpnID, ip := emu.TunnelOf("us-east-1", "hq-backup", 0)

	resp, body := postForm(t, emu, "ec2", stateQuery(vpnID, ip))
	if resp.StatusCode != 400 || !strings.Contains(string(body), "<Response><Errors><Error><Code>InvalidAction</Code>") {
		t.Errorf("GetMetricData signed for ec2: %d %s, want EC2's InvalidAction", resp.StatusCode, body)
	}

	resp, body = postForm(t, emu, "monitoring", url.Values{"Action": {"DescribeVpnConnections"}, "Version": {"2010-08-01"}})
	var e queryError
	if err := xml.Unmarshal(body, &e); err != nil || resp.StatusCode != 400 || e.Code != "InvalidAction" || e.Type != "Sender" || e.ID == "" {
		t.Errorf("DescribeVpnConnections signed for monitoring: %d %+v %v: %s", resp.StatusCode, e, err, body)
	}

	resp, body = postForm(t, emu, "ec2", url.Values{"Action": {"DescribeVpnConnections"}, "Version": {"2016-11-15"}})
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<DescribeVpnConnectionsResponse") {
		t.Errorf("EC2's own request: %d %.200s", resp.StatusCode, body)
	}
}

// CloudWatch's Query errors are an ErrorResponse with Type, Code, Message
// and RequestId: a bad query id is the sender's InvalidParameterValue, and
// a version CloudWatch does not have is no operation at all.
func TestGetMetricDataQueryErrorsAreCloudWatchsErrorResponse(t *testing.T) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	vpnID, ip := emu.TunnelOf("us-east-1", "hq-backup", 0)
	for _, c := range []struct {
		name, key, value, code string
	}{
		{"an id that begins upper case", "MetricDataQueries.member.1.Id", "S0", "InvalidParameterValue"},
		{"a period not a multiple of 60", "MetricDataQueries.member.1.MetricStat.Period", "90", "InvalidParameterValue"},
		{"StartTime after EndTime", "StartTime", fixedNow.Add(time.Hour).Format(time.RFC3339), "InvalidParameterValue"},
		{"EC2's API version", "Version", "2016-11-15", "InvalidAction"},
	} {
		form := stateQuery(vpnID, ip)
		form.Set(c.key, c.value)
		resp, body := postForm(t, emu, "monitoring", form)
		var e queryError
		if err := xml.Unmarshal(body, &e); err != nil || resp.StatusCode != 400 || e.Code != c.code || e.Type != "Sender" || e.Message == "" || e.ID == "" {
			t.Errorf("%s: %d %+v %v: %s", c.name, resp.StatusCode, e, err, body)
		}
	}
}
