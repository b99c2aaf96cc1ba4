package ec2client_test

import (
	"context"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

func tunnelIPs(c aws.VPNConnection) []string {
	var ips []string
	for _, t := range c.Tunnels {
		ips = append(ips, t.OutsideIP)
	}
	return ips
}

// stateAt is the state series' value for the period holding t.
func stateAt(s aws.Series, t time.Time) float64 {
	i := int(t.Sub(s.Start) / s.Period)
	if i < 0 || i >= len(s.Values) {
		return math.NaN()
	}
	return s.Values[i]
}

// The real SDK's GetMetricData (Smithy RPC v2 CBOR) against the
// emulator: one call for both tunnels' three metrics, and a history that
// agrees with the telemetry: hq-backup's tunnel 1 flapped two hours ago
// (down, then up 110 minutes ago), its tunnel 2 is down since its last
// change, six hours ago.
func TestTunnelMetricsAgreeWithTheTunnelsStory(t *testing.T) {
	r := newRig(t, "")
	c := connectionNamed(t, r, "us-east-1", "hq-backup")
	// GetMetricData's calls: every call would also count the customer
	// gateways read VPNConnections starts beside it, when it lands late.
	before := r.emu.Calls("GetMetricData")
	m, err := r.client.TunnelMetrics(context.Background(), "us-east-1", aws.TunnelMetricsQuery{VpnID: c.ID, TunnelIPs: tunnelIPs(c), End: fixedNow, Span: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if n := r.emu.Calls("GetMetricData") - before; n != 1 {
		t.Errorf("%d calls for one view's metrics, want 1", n)
	}
	if len(m.Tunnels) != 2 || len(m.Tunnels[0].State.Values) != aws.MetricPoints {
		t.Fatalf("got %+v", m)
	}
	t1, t2 := m.Tunnels[0], m.Tunnels[1]
	if v := stateAt(t1.State, fixedNow.Add(-20*time.Minute)); v != 1 {
		t.Errorf("tunnel 1 now: %v, want 1 (UP)", v)
	}
	if v := stateAt(t1.State, fixedNow.Add(-115*time.Minute)); !(v > 0 && v < 1) {
		t.Errorf("tunnel 1's 12 minutes holding its 10-minute flap: %v, want between 0 and 1", v)
	}
	narrow, err := r.client.TunnelMetrics(context.Background(), "us-east-1", aws.TunnelMetricsQuery{VpnID: c.ID, TunnelIPs: tunnelIPs(c), End: fixedNow, Span: 3 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if v := stateAt(narrow.Tunnels[0].State, fixedNow.Add(-115*time.Minute)); v != 0 {
		t.Errorf("tunnel 1 during its flap, 3 h window: %v, want 0", v)
	}
	if v := stateAt(t1.State, fixedNow.Add(-5*time.Hour)); v != 1 {
		t.Errorf("tunnel 1 before its flap: %v, want 1", v)
	}
	since := c.Tunnels[1].LastStatusChange
	if v := stateAt(t2.State, since.Add(13*time.Minute)); v != 0 {
		t.Errorf("tunnel 2 after its last change (%v): %v, want 0", since, v)
	}
	if v := stateAt(t2.State, since.Add(-3*time.Hour)); v != 1 {
		t.Errorf("tunnel 2 before it broke: %v, want 1", v)
	}
	if in, _ := t1.In.Latest(); !(in > 10000) {
		t.Errorf("tunnel 1 carries the traffic, in %v bytes", in)
	}
	if in, _ := t2.In.Latest(); in != 0 {
		t.Errorf("tunnel 2 is down: in %v bytes", in)
	}
	if m.Carrier() != 0 {
		t.Errorf("carrier %d, want tunnel 1", m.Carrier())
	}
}

// Each window is one call: the period keeps every window within what one
// GetMetricData answers (100,800 points), and is what the service takes
// (a multiple of 60 seconds).
func TestEveryWindowIsOneCall(t *testing.T) {
	for _, span := range aws.MetricSpans {
		p := aws.MetricPeriod(span)
		if p%time.Minute != 0 || p <= 0 {
			t.Errorf("%v: period %v", span, p)
		}
		if pts := 6 * int(span/p); pts > aws.MaxMetricDataPoints || int(span/p) > aws.MetricPoints {
			t.Errorf("%v: %d points", span, pts)
		}
	}
}

// A metric call that fails says what and why, with the permission to ask
// for; a malformed answer is an error, never an empty history.
func TestTunnelMetricsFaults(t *testing.T) {
	r := newRig(t, "")
	c := connectionNamed(t, r, "us-east-1", "hq-primary")
	q := aws.TunnelMetricsQuery{VpnID: c.ID, TunnelIPs: tunnelIPs(c), End: fixedNow, Span: time.Hour}
	for spec, want := range map[string]api.Kind{"throttle": api.KindThrottled, "503": api.KindServer, "500": api.KindServer,
		"malformed": api.KindServer, "truncate": api.KindServer, "forbidden": api.KindPermission, "oversize": api.KindServer} {
		f, err := fault.Parse(spec + ":action=GetMetricData")
		if err != nil {
			t.Fatal(err)
		}
		r.emu.SetFaults(f)
		_, err = r.client.TunnelMetrics(context.Background(), "us-east-1", q)
		e, ok := api.AsError(err)
		if !ok || e.Kind != want {
			t.Errorf("%s: got %+v, want kind %v", spec, err, want)
			continue
		}
		if spec == "forbidden" && !strings.Contains(e.Hint, "cloudwatch:GetMetricData") {
			t.Errorf("forbidden: hint %q", e.Hint)
		}
	}
	r.emu.SetFaults()
	if _, err := r.client.TunnelMetrics(context.Background(), "us-east-1", q); err != nil {
		t.Errorf("after the faults: %v", err)
	}
}

// Another account's key reads its own tunnels' metrics (the demo has two
// AWS accounts): CloudWatch answers from the world of the key that signed,
// as EC2 does, not "the security token is invalid".
func TestAnotherAccountReadsItsOwnMetrics(t *testing.T) {
	second := emulator.DemoKeyPair(2)
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }, Accounts: []emulator.KeyPair{second}})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	cfg := awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(second.AccessKeyID, second.SecretAccessKey, "")}
	client := ec2client.New(cfg, ec2client.Options{Endpoint: emu.URL, Retry: api.RetryPolicy{Attempts: 1}})
	conns, err := client.VPNConnections(context.Background(), "us-east-1", aws.VPNConnectionFilter{})
	if err != nil || len(conns) == 0 {
		t.Fatalf("the second account's connections: %d, %v", len(conns), err)
	}
	c := conns[0]
	m, err := client.TunnelMetrics(context.Background(), "us-east-1", aws.TunnelMetricsQuery{VpnID: c.ID, TunnelIPs: tunnelIPs(c), End: fixedNow, Span: time.Hour})
	if err != nil || len(m.Tunnels) != len(c.Tunnels) {
		t.Fatalf("the second account's metrics: %+v, %v", m, err)
	}
}
