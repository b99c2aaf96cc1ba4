package ec2client_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

func TestRegionsAreTheEnabledOnes(t *testing.T) {
	r := newRig(t, "")
	regions, err := r.client.Regions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, x := range regions {
		ids = append(ids, x.ID)
	}
	if strings.Join(ids, ",") != "us-east-1,eu-west-1,ap-southeast-2" {
		t.Errorf("regions: %v", ids)
	}
}

func gatewayNamed(t *testing.T, r rig, region, name string) aws.VPNGateway {
	t.Helper()
	gws, err := r.client.VPNGateways(context.Background(), region)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gws {
		if g.Name == name {
			return g
		}
	}
	t.Fatalf("no gateway %q in %s", name, region)
	return aws.VPNGateway{}
}

// Both kinds of gateway in one list; a gateway's connections are one call
// with a filter, each with its two tunnels' telemetry and options paired.
func TestGatewaysConnectionsAndTunnels(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	gws, err := r.client.VPNGateways(ctx, "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, g := range gws {
		kinds[g.Kind]++
		if g.Name == "" || g.State == "" || g.AmazonASN == 0 {
			t.Errorf("incomplete gateway %+v", g)
		}
	}
	if kinds[aws.KindVGW] != 3 || kinds[aws.KindTGW] != 1 {
		t.Errorf("kinds: %v", kinds)
	}
	for _, name := range []string{"prod-vgw", "core-tgw"} {
		g := gatewayNamed(t, r, "us-east-1", name)
		before := r.emu.Calls("DescribeVpnConnections")
		conns, err := r.client.VPNConnections(ctx, "us-east-1", aws.VPNConnectionFilter{GatewayID: g.ID})
		if err != nil {
			t.Fatal(err)
		}
		if n := r.emu.Calls("DescribeVpnConnections") - before; n != 1 {
			t.Errorf("%s: %d calls for its connections", name, n)
		}
		if len(conns) < 4 {
			t.Errorf("%s: %d connections", name, len(conns))
		}
		for _, c := range conns {
			if c.GatewayID != g.ID || c.GatewayKind != g.Kind || c.CustomerGatewayID == "" || len(c.Tunnels) != 2 {
				t.Errorf("%s: connection %+v", name, c)
			}
			for _, tu := range c.Tunnels {
				if tu.Status == "" || tu.LastStatusChange.IsZero() || !tu.PreSharedKey.IsSet() || tu.DPDTimeout != 30 && tu.DPDTimeout != 0 {
					t.Errorf("%s %s: tunnel %+v", c.Name, tu.OutsideIP, tu)
				}
			}
		}
	}
}

// The pre-shared keys and the device configuration (which holds them)
// never leave the client in anything printable.
func TestKeysNeverPrint(t *testing.T) {
	r := newRig(t, "")
	conns, err := r.client.VPNConnections(context.Background(), "us-east-1", aws.VPNConnectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range conns {
		printed := fmt.Sprintf("%v %+v %#v", c, c, c)
		for _, tu := range c.Tunnels {
			if strings.Contains(printed, tu.PreSharedKey.Reveal()) {
				t.Fatalf("%s prints its key", c.ID)
			}
		}
		if strings.Contains(printed, "pre_shared_key") || strings.Contains(printed, "vpn_connection") {
			t.Fatalf("%s kept the device configuration", c.ID)
		}
	}
}

func TestCustomerGatewaysByID(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	conns, _ := r.client.VPNConnections(ctx, "eu-west-1", aws.VPNConnectionFilter{})
	cgws, err := r.client.CustomerGateways(ctx, "eu-west-1", []string{conns[0].CustomerGatewayID})
	if err != nil || len(cgws) != 1 || cgws[0].IP == "" || cgws[0].ASN == "" {
		t.Fatalf("%+v %v", cgws, err)
	}
	_, err = r.client.CustomerGateways(ctx, "eu-west-1", []string{"cgw-00000000000000000"})
	if e, ok := api.AsError(err); !ok || e.Kind != api.KindNotFound {
		t.Errorf("unknown customer gateway: %v", err)
	}
}

func connectionNamed(t *testing.T, r rig, region, name string) aws.VPNConnection {
	t.Helper()
	conns, err := r.client.VPNConnections(context.Background(), region, aws.VPNConnectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range conns {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no connection %q", name)
	return aws.VPNConnection{}
}

// A down tunnel's window of log, read and annotated: the documented
// message that explains it is there.
func TestTunnelLogWindowExplainsTheDownTunnel(t *testing.T) {
	r := newRig(t, "")
	c := connectionNamed(t, r, "us-east-1", "hq-backup")
	down := c.Tunnels[1]
	if down.Up() || !down.Logging {
		t.Fatalf("hq-backup's second tunnel: %+v", down)
	}
	p, err := r.client.FilterLogEvents(context.Background(), "us-east-1", aws.LogQuery{Group: down.LogGroupARN,
		Streams: []string{aws.TunnelLogStream(c.ID, down.OutsideIP)}, Start: fixedNow.Add(-time.Hour), End: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) < 5 || p.More {
		t.Fatalf("an hour of log: %d events, more %v", len(p.Events), p.More)
	}
	for _, e := range p.Events {
		entry := aws.ParseTunnelLog(e.Stream, e.Time, e.Message)
		a, ok := aws.AnnotateTunnelLog(entry)
		if entry.Time.Before(fixedNow.Add(-time.Hour)) || entry.Phase1 != "Down" || !ok || a.Phase != "phase 1" || !strings.Contains(a.Meaning, "pre-shared keys differ") {
			t.Errorf("%+v → %+v", entry, a)
		}
	}
}

// IKEv2's "No proposal chosen" logged with phase 1 down is IKE_SA_INIT:
// read through the real SDK, the annotation says phase 1 and names the
// tunnel's phase 1 options (log-contents.html gives it no phase for IKEv2).
func TestNoProposalChosenInIKESAInitIsPhase1(t *testing.T) {
	r := newRig(t, "")
	c := connectionNamed(t, r, "ap-southeast-2", "syd-branch")
	down := c.Tunnels[0]
	p, err := r.client.FilterLogEvents(context.Background(), "ap-southeast-2", aws.LogQuery{Group: down.LogGroupARN,
		Streams: []string{aws.TunnelLogStream(c.ID, down.OutsideIP)}, Start: fixedNow.Add(-30 * time.Minute), End: fixedNow})
	if err != nil || len(p.Events) == 0 {
		t.Fatalf("%d events, %v", len(p.Events), err)
	}
	for _, e := range p.Events {
		entry := aws.ParseTunnelLog(e.Stream, e.Time, e.Message)
		a, ok := aws.AnnotateForTunnel(entry, c, down)
		if !ok || a.Phase != "phase 1" || !strings.Contains(a.Meaning, "IKE_SA_INIT") || !strings.Contains(a.Check, "phase 1 encryption") {
			t.Errorf("%+v → %+v", entry, a)
		}
	}
}

// A window pages with limit and token, and reaches its end.
func TestLogWindowPages(t *testing.T) {
	r := newRig(t, "")
	q := aws.LogQuery{Group: "/clientvpn/corp-vpn", Start: fixedNow.Add(-6 * time.Hour), End: fixedNow, Limit: 50}
	seen, pages := map[string]bool{}, 0
	for {
		p, err := r.client.FilterLogEvents(context.Background(), "us-east-1", q)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, e := range p.Events {
			if seen[e.ID] {
				t.Fatalf("event %s twice", e.ID)
			}
			seen[e.ID] = true
		}
		if !p.More {
			break
		}
		q.Token = p.Next
	}
	if pages < 3 || len(seen) < 120 {
		t.Errorf("%d events in %d pages", len(seen), pages)
	}
}

// Bad input and faults say what happened, in CloudWatch Logs' terms.
func TestLogErrors(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	read := func(group string) error {
		_, err := r.client.FilterLogEvents(ctx, "us-east-1", aws.LogQuery{Group: group, Start: fixedNow.Add(-time.Hour), End: fixedNow})
		return err
	}
	kind := func(err error) api.Kind {
		e, _ := api.AsError(err)
		if e == nil {
			return api.KindUnknown
		}
		return e.Kind
	}
	if err := read("arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/partner-old:*"); kind(err) != api.KindNotFound ||
		!strings.Contains(err.Error(), "ResourceNotFoundException") {
		t.Errorf("a group that is gone: %v", err)
	}
	for spec, want := range map[string]api.Kind{
		"forbidden:action=FilterLogEvents": api.KindPermission,
		"throttle:action=FilterLogEvents":  api.KindThrottled,
		"malformed:action=FilterLogEvents": api.KindServer,
		"500:action=FilterLogEvents":       api.KindServer,
	} {
		f, err := fault.Parse(spec)
		if err != nil {
			t.Fatal(err)
		}
		r.emu.SetFaults(f)
		err = read("/clientvpn/corp-vpn")
		if kind(err) != want {
			t.Errorf("%s: %v (kind %v)", spec, err, kind(err))
		}
		if e, _ := api.AsError(err); e != nil && e.Hint == "" && want != api.KindServer {
			t.Errorf("%s: no hint", spec)
		}
	}
	r.emu.SetFaults()
	if err := read("/clientvpn/corp-vpn"); err != nil {
		t.Errorf("after the faults: %v", err)
	}
}

// A FilterLogEvents that never answers ends at the read timeout as a
// network error, not a hang.
func TestLogReadThatHangsEnds(t *testing.T) {
	r := newRig(t, "")
	f, _ := fault.Parse("hang:action=FilterLogEvents")
	r.emu.SetFaults(f)
	cfg := awssdk.Config{Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoSecretAccessKey, "")}
	c := ec2client.New(cfg, ec2client.Options{Endpoint: r.emu.URL, ReadTimeout: 300 * time.Millisecond,
		Retry: api.RetryPolicy{Attempts: 1, Base: time.Millisecond, Cap: time.Millisecond}})
	start := time.Now()
	_, err := c.FilterLogEvents(context.Background(), "us-east-1", aws.LogQuery{Group: "/clientvpn/corp-vpn"})
	e, ok := api.AsError(err)
	if !ok || e.Kind != api.KindNetwork || time.Since(start) > 3*time.Second {
		t.Errorf("after %s: %v", time.Since(start), err)
	}
}

// One of the two gateway calls refused does not hide the other's answer:
// VPNGateways returns the kind it could read beside the refused call's
// error, whose action names the permission (the list shows the transit
// gateways and says the virtual private ones could not be read).
func TestOneRefusedGatewayCallKeepsTheOthersGateways(t *testing.T) {
	for _, c := range []struct {
		action, kept string
	}{{"DescribeVpnGateways", aws.KindTGW}, {"DescribeTransitGateways", aws.KindVGW}} {
		t.Run(c.action, func(t *testing.T) {
			r := newRig(t, "")
			f, err := fault.Parse("forbidden:action=" + c.action)
			if err != nil {
				t.Fatal(err)
			}
			r.emu.SetFaults(f)
			gws, err := r.client.VPNGateways(context.Background(), "us-east-1")
			if e, _ := api.AsError(err); e == nil || e.Action != c.action {
				t.Fatalf("error %v, want %s refused", err, c.action)
			}
			if len(gws) == 0 {
				t.Fatalf("no gateway kept beside %s refused", c.action)
			}
			for _, g := range gws {
				if g.Kind != c.kept {
					t.Errorf("%s is a %s, read with %s refused", g.ID, g.Kind, c.action)
				}
			}
		})
	}
}
