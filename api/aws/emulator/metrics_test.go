package emulator_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

// The AWS CLI v1 (botocore 1.43) sends GetMetricData in the AWS JSON 1.0
// protocol (X-Amz-Target GraniteServiceVersion20100801.GetMetricData,
// timestamps as epoch seconds), not CBOR: the emulator answers it with the
// same history. The request is the one `aws cloudwatch get-metric-data
// --debug` showed, signed for "monitoring".
func TestGetMetricDataInJSONAsTheAWSCLISendsIt(t *testing.T) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	vpnID, ip := emu.TunnelOf("us-east-1", "hq-backup", 0) // flapped from 2 h ago to 110 min ago
	body := fmt.Appendf(nil, `{"MetricDataQueries": [{"Id": "s0", "MetricStat": {"Metric": {"Namespace": "AWS/VPN", "MetricName": "TunnelState", "Dimensions": [{"Name": "VpnId", "Value": %q}, {"Name": "TunnelIpAddress", "Value": %q}]}, "Period": 300, "Stat": "Average"}}], "StartTime": %d, "EndTime": %d, "ScanBy": "TimestampAscending"}`,
		vpnID, ip, fixedNow.Add(-3*time.Hour).Unix(), fixedNow.Unix())
	req, _ := http.NewRequest(http.MethodPost, emu.URL+"/", bytes.NewReader(body))
	req.Header.Set("X-Amz-Target", "GraniteServiceVersion20100801.GetMetricData")
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("x-amzn-query-mode", "true")
	sum := sha256.Sum256(body)
	creds := awssdk.Credentials{AccessKeyID: emulator.DemoAccessKeyID, SecretAccessKey: emulator.DemoSecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "monitoring", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		MetricDataResults []struct {
			ID         string    `json:"Id"`
			StatusCode string    `json:"StatusCode"`
			Timestamps []int64   `json:"Timestamps"`
			Values     []float64 `json:"Values"`
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/x-amz-json-1.0" {
		t.Fatalf("%d %s: %v", resp.StatusCode, resp.Header.Get("Content-Type"), err)
	}
	if len(out.MetricDataResults) != 1 || len(out.MetricDataResults[0].Values) != 36 {
		t.Fatalf("got %+v, want 36 five-minute points", out)
	}
	r := out.MetricDataResults[0]
	for i, ts := range r.Timestamps {
		ago := fixedNow.Sub(time.Unix(ts, 0))
		want := 1.0
		if ago <= 2*time.Hour && ago > 110*time.Minute {
			want = 0 // the flap, whole periods of it
		}
		if r.Values[i] != want {
			t.Errorf("%v ago: %v, want %v", ago, r.Values[i], want)
		}
	}
}
