package emulator_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// sdkClient is the Alibaba Cloud SDK's own VPC client pointed at e, with a
// read timeout short enough that a hung emulator fails the test.
func sdkClient(t *testing.T, e *emulator.Running) *vpc.Client {
	t.Helper()
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	v, err := vpc.NewClientWithOptions("cn-hangzhou", sdk.NewConfig().WithScheme("HTTP"),
		credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret))
	if err != nil {
		t.Fatal(err)
	}
	v.Domain = strings.TrimPrefix(e.URL, "http://")
	v.SetReadTimeout(5 * time.Second)
	return v
}

// bigGateway is the id of prod-hz-core, the gateway with 520 connections.
func bigGateway(t *testing.T, v *vpc.Client) string {
	t.Helper()
	req := vpc.CreateDescribeVpnGatewaysRequest()
	req.RegionId, req.PageSize = "cn-hangzhou", "50"
	resp, err := v.DescribeVpnGateways(req)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range resp.VpnGateways.VpnGateway {
		if g.Name == "prod-hz-core" {
			return g.VpnGatewayId
		}
	}
	t.Fatal("no prod-hz-core")
	return ""
}

// connectionsPage asks for a page of a gateway's connections.
func connectionsPage(v *vpc.Client, gw, number, size string) (*vpc.DescribeVpnConnectionsResponse, error) {
	req := vpc.CreateDescribeVpnConnectionsRequest()
	req.RegionId, req.VpnGatewayId = "cn-hangzhou", gw
	req.PageNumber, req.PageSize = requests.Integer(number), requests.Integer(size)
	return v.DescribeVpnConnections(req)
}

// stillAnswers fails the test unless the emulator answers a plain request.
func stillAnswers(t *testing.T, v *vpc.Client, gw string) {
	t.Helper()
	resp, err := connectionsPage(v, gw, "1", "50")
	if err != nil || len(resp.VpnConnections.VpnConnection) != 50 {
		t.Fatalf("the emulator no longer answers: %v", err)
	}
}

func serverCode(t *testing.T, err error) (int, string) {
	t.Helper()
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) {
		t.Fatalf("not an answer from the service: %v", err)
	}
	return se.HttpStatus(), se.ErrorCode()
}

// A page number no Integer holds is refused as the service refuses an
// invalid paging parameter (once it panicked inside the world's lock and
// every later request hung); the last page number an Integer holds is an
// empty page past the end; the emulator answers after both.
func TestAHugePageNumberIsRefusedAndTheEmulatorAnswersAfter(t *testing.T) {
	e := start(t)
	v := sdkClient(t, e)
	gw := bigGateway(t, v)
	for _, number := range []string{"9223372036854775807", "2147483648", "0", "-1", "x"} {
		_, err := connectionsPage(v, gw, number, "50")
		if status, code := serverCode(t, err); status != 400 || code != "IllegalParam.PageNumber" {
			t.Errorf("PageNumber %s: %d %s, want 400 IllegalParam.PageNumber", number, status, code)
		}
		stillAnswers(t, v, gw)
	}
	resp, err := connectionsPage(v, gw, "2147483647", "50")
	if err != nil || len(resp.VpnConnections.VpnConnection) != 0 || resp.TotalCount != 520 {
		t.Errorf("the last page an Integer numbers: %v, %+v", err, resp)
	}
	for _, size := range []string{"9223372036854775807", "51", "0"} {
		_, err := connectionsPage(v, gw, "1", size)
		if status, code := serverCode(t, err); status != 400 || code != "IllegalParam.PageSize" {
			t.Errorf("PageSize %s: %d %s", size, status, code)
		}
	}
	stillAnswers(t, v, gw)
}

// A handler that panics answers 500 InternalError, as the service answers
// its own failures, and leaves the world unlocked: the next request is
// answered.
func TestAPanickingActionAnswersInternalErrorAndTheNextRequestIsAnswered(t *testing.T) {
	e := start(t)
	v := sdkClient(t, e)
	gw := bigGateway(t, v)
	emulator.PanicOn(e.Server, "DescribeSslVpnClients")
	req := vpc.CreateDescribeSslVpnClientsRequest()
	req.RegionId, req.VpnGatewayId = "cn-hangzhou", gw
	_, err := v.DescribeSslVpnClients(req)
	if status, code := serverCode(t, err); status != 500 || code != "InternalError" {
		t.Errorf("%d %s, want 500 InternalError", status, code)
	}
	stillAnswers(t, v, gw)
}

// connectionLogs asks for a page of a connection's negotiation log.
func connectionLogs(v *vpc.Client, id string, set func(*vpc.DescribeVpnConnectionLogsRequest)) (*vpc.DescribeVpnConnectionLogsResponse, error) {
	req := vpc.CreateDescribeVpnConnectionLogsRequest()
	req.RegionId, req.VpnConnectionId, req.PageSize = "cn-hangzhou", id, "50"
	set(req)
	return v.DescribeVpnConnectionLogs(req)
}

// A year's window costs what the emulator's week of log costs, and only
// the page asked for is written out (a year once built 1.6 M lines, 418
// MB, under the world's lock); the windows the reference page allows
// (From and To, From or To with MinutePeriod, MinutePeriod alone) are the
// ones asked for, and a MinutePeriod outside 1..10 is refused.
func TestALogWindowIsBoundedAndReadAsTheReferenceSays(t *testing.T) {
	e := start(t)
	v := sdkClient(t, e)
	page, err := connectionsPage(v, bigGateway(t, v), "1", "50")
	if err != nil {
		t.Fatal(err)
	}
	id := page.VpnConnections.VpnConnection[0].VpnConnectionId
	now := time.Now().Unix()
	took := time.Now()
	year, err := connectionLogs(v, id, func(r *vpc.DescribeVpnConnectionLogsRequest) {
		r.From, r.To = requests.NewInteger64(now-365*24*3600), requests.NewInteger64(now)
	})
	if err != nil {
		t.Fatal(err)
	}
	if week := 7 * 24 * 3600 / 20; year.Count > week+100 || len(year.Data.Logs) != 50 || year.IsCompleted {
		t.Errorf("a year: %d lines counted, %d on the page, completed %v; want at most a week's %d, a page of 50", year.Count, len(year.Data.Logs), year.IsCompleted, week)
	}
	if d := time.Since(took); d > 2*time.Second {
		t.Errorf("a year's window took %s", d)
	}
	stamp := func(unix int64) string { return time.Unix(unix, 0).UTC().Format("2006-01-02 15:04:05") }
	for name, c := range map[string]struct {
		set      func(*vpc.DescribeVpnConnectionLogsRequest)
		from, to int64
	}{
		"From and MinutePeriod": {func(r *vpc.DescribeVpnConnectionLogsRequest) {
			r.From, r.MinutePeriod = requests.NewInteger64(now-3600), "10"
		}, now - 3600, now - 3000},
		"To and MinutePeriod": {func(r *vpc.DescribeVpnConnectionLogsRequest) {
			r.To, r.MinutePeriod = requests.NewInteger64(now-3600), "10"
		}, now - 4200, now - 3600},
	} {
		got, err := connectionLogs(v, id, c.set)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got.Data.Logs) == 0 {
			t.Errorf("%s: no lines", name)
		}
		for _, l := range got.Data.Logs {
			if when := l[:19]; when < stamp(c.from) || when > stamp(c.to) {
				t.Errorf("%s: a line at %s, outside %s..%s", name, when, stamp(c.from), stamp(c.to))
			}
		}
	}
	for _, m := range []string{"11", "0", "9223372036854775807"} {
		_, err := connectionLogs(v, id, func(r *vpc.DescribeVpnConnectionLogsRequest) { r.MinutePeriod = requests.Integer(m) })
		if status, code := serverCode(t, err); status != 400 || code != "IllegalParam.MinutePeriod" {
			t.Errorf("MinutePeriod %s: %d %s", m, status, code)
		}
	}
}

// The oversize fault answers as a service that ignores the page size: a
// page of 50 holds 200 rows; an empty list stays empty.
func TestTheOversizeFaultAnswersFourTimesTheRowsAsked(t *testing.T) {
	e := start(t)
	v := sdkClient(t, e)
	gw := bigGateway(t, v)
	f, err := emulator.ParseFault("oversize:action=DescribeVpnConnections")
	if err != nil {
		t.Fatal(err)
	}
	e.SetFaults(f)
	resp, err := connectionsPage(v, gw, "1", "50")
	if err != nil || len(resp.VpnConnections.VpnConnection) != 200 {
		t.Fatalf("%v, %d rows", err, len(resp.VpnConnections.VpnConnection))
	}
	resp, err = connectionsPage(v, gw, "12", "50")
	if err != nil || len(resp.VpnConnections.VpnConnection) != 0 {
		t.Errorf("past the end: %v, %d rows", err, len(resp.VpnConnections.VpnConnection))
	}
}
