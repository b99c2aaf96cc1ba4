package ec2client_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

func TestMain(m *testing.M) {
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	os.Exit(m.Run())
}

var fixedNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

type rig struct {
	emu    *emulator.Running
	client *ec2client.Client
	sdk    *ec2.Client // the SDK itself, for the emulator's own rules
	now    *time.Time
}

// newRig starts the emulator on loopback and a real aws-sdk-go-v2 EC2
// client pointed at it with an endpoint override.
func newRig(t *testing.T, secret string) rig {
	t.Helper()
	now := fixedNow
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	if secret == "" {
		secret = emulator.DemoSecretAccessKey
	}
	cfg := awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, secret, "")}
	client := ec2client.New(cfg, ec2client.Options{Endpoint: emu.URL, Retry: api.RetryPolicy{Attempts: 2, Base: time.Millisecond, Cap: time.Millisecond}})
	sdk := ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.BaseEndpoint = awssdk.String(emu.URL) })
	return rig{emu: emu, client: client, sdk: sdk, now: &now}
}

func endpointNamed(t *testing.T, r rig, region, name string) aws.Endpoint {
	t.Helper()
	p, err := r.client.Endpoints(context.Background(), region, api.FirstPage(100))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Items {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no endpoint %q in %s", name, region)
	return aws.Endpoint{}
}

func TestEndpointsAndTheirFields(t *testing.T) {
	r := newRig(t, "")
	p, err := r.client.Endpoints(context.Background(), "us-east-1", api.FirstPage(100))
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]bool{}
	for _, e := range p.Items {
		statuses[e.Status] = true
		if !strings.HasPrefix(e.ID, "cvpn-endpoint-") || e.Name == "" || e.ClientCIDR == "" || e.VpcID == "" || e.Port != 443 || e.Created.IsZero() {
			t.Errorf("incomplete endpoint %+v", e)
		}
	}
	if len(p.Items) != 5 || p.More || !statuses["available"] || !statuses["pending-associate"] || !statuses["deleting"] {
		t.Fatalf("%d endpoints, statuses %v, more %v", len(p.Items), statuses, p.More)
	}
	corp := endpointNamed(t, r, "us-east-1", "corp-vpn")
	if !corp.LoggingEnabled || corp.LogGroup == "" || len(corp.AuthTypes) != 1 || corp.AuthTypes[0] != "certificate-authentication" {
		t.Fatalf("corp-vpn: %+v", corp)
	}
	if legacy := endpointNamed(t, r, "us-east-1", "legacy-office"); legacy.LoggingEnabled || legacy.SplitTunnel {
		t.Fatalf("legacy-office: logging %v, split %v", legacy.LoggingEnabled, legacy.SplitTunnel)
	}
	// Another region, by argument; an empty one answers with nothing.
	if eu, err := r.client.Endpoints(context.Background(), "eu-west-1", api.FirstPage(100)); err != nil || len(eu.Items) != 2 {
		t.Fatalf("eu-west-1: %d, %v", len(eu.Items), err)
	}
	if ap, err := r.client.Endpoints(context.Background(), "ap-southeast-2", api.FirstPage(100)); err != nil || len(ap.Items) != 0 {
		t.Fatalf("ap-southeast-2: %d, %v", len(ap.Items), err)
	}
}

// The busiest endpoint pages with NextToken: every connection once, active
// and ended, counters and times read.
func TestConnectionsPageWithTokens(t *testing.T) {
	r := newRig(t, "")
	corp := endpointNamed(t, r, "us-east-1", "corp-vpn")
	seen := map[string]bool{}
	statuses := map[string]int{}
	cur, calls := api.FirstPage(50), 0
	for {
		p, err := r.client.Connections(context.Background(), "us-east-1", corp.ID, aws.ConnectionFilter{}, cur)
		if err != nil {
			t.Fatal(err)
		}
		calls++
		for _, c := range p.Items {
			if seen[c.ID] {
				t.Fatalf("%s twice", c.ID)
			}
			seen[c.ID] = true
			statuses[c.Status]++
			if c.Established.IsZero() || c.ClientIP == "" || c.Username == "" {
				t.Fatalf("incomplete connection %+v", c)
			}
			open := c.Status == "active" || c.Status == "failed-to-terminate" || c.Status == "terminating"
			if open != c.Ended.IsZero() {
				t.Fatalf("%s %s ended %v", c.ID, c.Status, c.Ended)
			}
		}
		if !p.More {
			break
		}
		cur = p.Next
	}
	if len(seen) != emulator.BigEndpointConnections || calls != 7 {
		t.Fatalf("%d connections in %d calls", len(seen), calls)
	}
	if statuses["active"] == 0 || statuses["terminated"] == 0 || statuses["failed-to-terminate"] == 0 {
		t.Fatalf("statuses %v", statuses)
	}
}

func TestConnectionFiltersAndTerminate(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	corp := endpointNamed(t, r, "us-east-1", "corp-vpn")
	p, err := r.client.Connections(ctx, "us-east-1", corp.ID, aws.ConnectionFilter{Username: "user001"}, api.FirstPage(10))
	if err != nil || len(p.Items) != 1 || p.Items[0].Username != "user001" || p.Items[0].Status != "active" {
		t.Fatalf("by username: %+v, %v", p.Items, err)
	}
	id := p.Items[0].ID
	done, err := r.client.Terminate(ctx, "us-east-1", corp.ID, id, "")
	if err != nil || len(done) != 1 || done[0].Previous != "active" || done[0].Current != "terminating" {
		t.Fatalf("terminate: %+v, %v", done, err)
	}
	byID := func() aws.Connection {
		p, err := r.client.Connections(ctx, "us-east-1", corp.ID, aws.ConnectionFilter{ConnectionID: id}, api.FirstPage(10))
		if err != nil || len(p.Items) != 1 {
			t.Fatalf("by id: %+v, %v", p.Items, err)
		}
		return p.Items[0]
	}
	if c := byID(); c.Status != "terminating" {
		t.Fatalf("right after: %s", c.Status)
	}
	*r.now = r.now.Add(3 * time.Second)
	if c := byID(); c.Status != "terminated" || c.Ended.IsZero() {
		t.Fatalf("later: %s, ended %v", c.Status, c.Ended)
	}
	// Neither or both of connection and user: the service refuses.
	_, err = r.client.Terminate(ctx, "us-east-1", corp.ID, "", "")
	if e, ok := api.AsError(err); !ok || e.Code != "InvalidParameterCombination" || e.Kind != api.KindInvalid {
		t.Fatalf("terminate nothing: %v", err)
	}
}

func TestTroubleshootingCasesAreInTheWorld(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	contractors := endpointNamed(t, r, "us-east-1", "contractors")
	if n, err := r.client.TargetNetworks(ctx, "us-east-1", contractors.ID, api.FirstPage(10)); err != nil || len(n.Items) != 0 || contractors.Status != "pending-associate" {
		t.Fatalf("contractors: %s with %d networks, %v", contractors.Status, len(n.Items), err)
	}
	lab := endpointNamed(t, r, "us-east-1", "lab")
	routes, err := r.client.Routes(ctx, "us-east-1", lab.ID, api.FirstPage(10))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := r.client.AuthorizationRules(ctx, "us-east-1", lab.ID, api.FirstPage(10))
	if err != nil {
		t.Fatal(err)
	}
	authorized := map[string]bool{}
	for _, rule := range rules.Items {
		authorized[rule.Destination] = true
	}
	unauthorized, failed := 0, 0
	for _, rt := range routes.Items {
		if !authorized[rt.Destination] {
			unauthorized++
		}
		if rt.Status == "failed" && rt.StatusMessage != "" {
			failed++
		}
	}
	if unauthorized == 0 || failed == 0 {
		t.Fatalf("lab: %d routes without a rule, %d failed routes", unauthorized, failed)
	}
}

// The emulator's own rules, through the SDK: MaxResults 5–1000, an unknown
// endpoint, a wrong secret, DryRun.
func TestServiceErrors(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	code := func(err error) string {
		var ae smithy.APIError
		if errors.As(err, &ae) {
			return ae.ErrorCode()
		}
		return "no API error: " + errors.Unwrap(err).Error()
	}
	_, err := r.sdk.DescribeClientVpnEndpoints(ctx, &ec2.DescribeClientVpnEndpointsInput{MaxResults: awssdk.Int32(4)})
	if code(err) != "InvalidParameterValue" {
		t.Fatalf("MaxResults 4: %v", err)
	}
	_, err = r.sdk.DescribeClientVpnEndpoints(ctx, &ec2.DescribeClientVpnEndpointsInput{DryRun: awssdk.Bool(true)})
	if code(err) != "DryRunOperation" {
		t.Fatalf("DryRun: %v", err)
	}
	_, err = r.client.Connections(ctx, "us-east-1", "cvpn-endpoint-0000000000000000", aws.ConnectionFilter{}, api.FirstPage(10))
	if e, ok := api.AsError(err); !ok || e.Kind != api.KindNotFound || e.Code != "InvalidClientVpnEndpointId.NotFound" || e.RequestID == "" {
		t.Fatalf("unknown endpoint: %+v", err)
	}

	wrong := newRig(t, "not-the-secret")
	_, err = wrong.client.Endpoints(ctx, "us-east-1", api.FirstPage(10))
	e, ok := api.AsError(err)
	if !ok || e.Kind != api.KindAuth || e.Code != "AuthFailure" || e.HTTPStatus != 401 {
		t.Fatalf("wrong secret: %+v", err)
	}
	if strings.Contains(e.Error(), "not-the-secret") || strings.Contains(e.Error(), emulator.DemoAccessKeyID) {
		t.Fatalf("a secret or key id in the error: %s", e.Error())
	}
}

// Ended connections are listed for an hour, as the service does.
func TestEndedConnectionsAreFromTheLastHour(t *testing.T) {
	r := newRig(t, "")
	corp := endpointNamed(t, r, "us-east-1", "corp-vpn")
	p, err := r.client.Connections(context.Background(), "us-east-1", corp.ID, aws.ConnectionFilter{}, api.FirstPage(1000))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range p.Items {
		if !c.Ended.IsZero() && fixedNow.Sub(c.Ended) > time.Hour {
			t.Fatalf("%s ended %s before now", c.ID, fixedNow.Sub(c.Ended))
		}
	}
}

// Faults come back as clear errors, and throttling is retried with the
// same policy as the Alibaba side: the SDK's own retries are off.
func TestFaultsThroughTheRealSDK(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	parse := func(spec string) fault.Fault {
		f, err := fault.Parse(spec)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	r.emu.SetFaults(parse("throttle:first=1"))
	before := r.emu.Calls("")
	if _, err := r.client.Endpoints(ctx, "us-east-1", api.FirstPage(10)); err != nil {
		t.Fatalf("throttled once, retried: %v", err)
	}
	if n := r.emu.Calls("") - before; n != 2 {
		t.Fatalf("%d sends for one throttle and its retry (the SDK's retries must be off)", n)
	}
	for spec, want := range map[string]api.Kind{"throttle": api.KindThrottled, "503": api.KindServer, "500": api.KindServer,
		"malformed": api.KindServer, "truncate": api.KindServer, "forbidden": api.KindPermission} {
		r.emu.SetFaults(parse(spec))
		_, err := r.client.Endpoints(ctx, "us-east-1", api.FirstPage(10))
		e, ok := api.AsError(err)
		if !ok || e.Kind != want || e.Hint == "" {
			t.Errorf("%s: got %+v, want kind %v", spec, err, want)
		}
	}
	r.emu.SetFaults()
}

// Churn connects a client and disconnects another, as watch mode expects.
func TestChurn(t *testing.T) {
	r := newRig(t, "")
	id, err := r.emu.ChurnOnce("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	corp := endpointNamed(t, r, "us-east-1", "corp-vpn")
	p, err := r.client.Connections(context.Background(), "us-east-1", corp.ID, aws.ConnectionFilter{ConnectionID: id}, api.FirstPage(5))
	if err != nil || len(p.Items) != 1 || p.Items[0].Status != "active" {
		t.Fatalf("the new connection: %+v, %v", p.Items, err)
	}
}

// --debug-log's record of AWS calls: action, region, status, request id,
// and never the key, the secret or a signature.
func TestCallLogHasNoSecrets(t *testing.T) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	var log strings.Builder
	cfg := awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")}
	client := ec2client.New(cfg, ec2client.Options{Endpoint: emu.URL, OnCall: api.CallLog(&log)})
	if _, err := client.Endpoints(context.Background(), "us-east-1", api.FirstPage(10)); err != nil {
		t.Fatal(err)
	}
	got := log.String()
	if !strings.Contains(got, "DescribeClientVpnEndpoints") || !strings.Contains(got, "region=us-east-1") || !strings.Contains(got, "status=200") {
		t.Fatalf("log: %q", got)
	}
	if strings.Contains(got, "request=-") {
		t.Errorf("a success without its request id: %q", got)
	}
	// A failure logs EC2's error code and request id, which EC2 puts in the
	// body, not the headers.
	f, err := fault.Parse("503:first=1")
	if err != nil {
		t.Fatal(err)
	}
	emu.SetFaults(f)
	log.Reset()
	client = ec2client.New(cfg, ec2client.Options{Endpoint: emu.URL, OnCall: api.CallLog(&log), Retry: api.RetryPolicy{Attempts: 1}})
	if _, err := client.Endpoints(context.Background(), "us-east-1", api.FirstPage(10)); err == nil {
		t.Fatal("the 503 fault did not fail the call")
	}
	got += log.String()
	if !strings.Contains(log.String(), "status=503") || strings.Contains(log.String(), "code=-") || strings.Contains(log.String(), "request=-") {
		t.Errorf("a failed call's log line lacks its code or request id: %q", log.String())
	}
	// CloudWatch Logs speaks JSON: its code is in a header and __type.
	f, err = fault.Parse("503:action=FilterLogEvents,first=1")
	if err != nil {
		t.Fatal(err)
	}
	emu.SetFaults(f)
	log.Reset()
	client = ec2client.New(cfg, ec2client.Options{Endpoint: emu.URL, OnCall: api.CallLog(&log), Retry: api.RetryPolicy{Attempts: 1}})
	q := aws.LogQuery{Group: "/clientvpn/corp-vpn", Start: fixedNow.Add(-6 * time.Hour), End: fixedNow, Limit: 50}
	if _, err := client.FilterLogEvents(context.Background(), "us-east-1", q); err == nil {
		t.Fatal("the 503 fault did not fail FilterLogEvents")
	}
	got += log.String()
	if !strings.Contains(log.String(), "FilterLogEvents") || !strings.Contains(log.String(), "status=503") ||
		strings.Contains(log.String(), "code=-") || strings.Contains(log.String(), "request=-") {
		t.Errorf("FilterLogEvents' log line lacks its code or request id: %q", log.String())
	}
	for _, secret := range []string{emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "Signature", "AWS4-HMAC"} {
		if strings.Contains(got, secret) {
			t.Fatalf("the log has %q: %q", secret, got)
		}
	}
}

// A call that never answers ends at the read timeout with a clear error,
// and an unknown endpoint id says so.
func TestHungCallTimesOut(t *testing.T) {
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	f, err := fault.Parse("hang")
	if err != nil {
		t.Fatal(err)
	}
	emu.SetFaults(f)
	cfg := awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")}
	client := ec2client.New(cfg, ec2client.Options{Endpoint: emu.URL, ReadTimeout: 150 * time.Millisecond, Retry: api.RetryPolicy{Attempts: 1}})
	start := time.Now()
	_, err = client.Endpoints(context.Background(), "us-east-1", api.FirstPage(10))
	e, ok := api.AsError(err)
	if !ok || e.Kind != api.KindNetwork || time.Since(start) > 5*time.Second {
		t.Fatalf("hung call: %+v after %s", err, time.Since(start))
	}
}

// A refused call names the permission it needs, as Alibaba Cloud's errors
// do (issue 28 defect 8: "the IAM policy does not allow this action"):
// ec2:<Action> for EC2, logs:<Action> for CloudWatch Logs.
func TestRefusedCallsNameThePermission(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	for _, c := range []struct {
		action, want string
		call         func() error
	}{
		{"DescribeCustomerGateways", "ec2:DescribeCustomerGateways", func() error {
			_, err := r.client.CustomerGateways(ctx, "us-east-1", nil)
			return err
		}},
		{"DescribeClientVpnEndpoints", "ec2:DescribeClientVpnEndpoints", func() error {
			_, err := r.client.Endpoints(ctx, "us-east-1", api.FirstPage(10))
			return err
		}},
		{"FilterLogEvents", "logs:FilterLogEvents", func() error {
			_, err := r.client.FilterLogEvents(ctx, "us-east-1", aws.LogQuery{Group: "/clientvpn/corp-vpn", Start: fixedNow.Add(-time.Hour), End: fixedNow})
			return err
		}},
	} {
		f, err := fault.Parse("forbidden:action=" + c.action)
		if err != nil {
			t.Fatal(err)
		}
		r.emu.SetFaults(f)
		e, ok := api.AsError(c.call())
		if !ok || e.Kind != api.KindPermission || !strings.Contains(e.Hint, c.want) {
			t.Errorf("%s refused: %+v; want a permission error whose hint names %s", c.action, e, c.want)
		}
	}
	r.emu.SetFaults()
}
