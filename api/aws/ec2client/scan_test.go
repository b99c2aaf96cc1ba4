package ec2client_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	"github.com/vpnscope/vpnscope/api/fault"
)

var _ aws.ScanClient = (*ec2client.Client)(nil)

func scanAll(t *testing.T, c aws.ScanClient, o aws.ScanOptions) ([]aws.Finding, []aws.RegionError, aws.ScanEvent) {
	t.Helper()
	if o.Now == nil {
		o.Now = func() time.Time { return fixedNow }
	}
	events := make(chan aws.ScanEvent)
	go aws.Scan(context.Background(), c, o, events)
	var fs []aws.Finding
	var errs []aws.RegionError
	var last aws.ScanEvent
	for e := range events {
		fs = append(fs, e.Findings...)
		if e.RegionErr != nil {
			errs = append(errs, *e.RegionErr)
		}
		last = e
	}
	return fs, errs, last
}

// Every problem of the emulator's world, in every region, each once, with
// the impact the issue asks for: both tunnels down is traffic down
// (critical), one of two is redundancy lost (a warning); a connection or
// endpoint being created or deleted is a note (api.RankLifecycle).
func TestScanFindsEveryProblemOnce(t *testing.T) {
	r := newRig(t, "")
	fs, errs, last := scanAll(t, r.client, aws.ScanOptions{MaxInFlight: 4})
	if len(errs) > 0 || !last.Done {
		t.Fatalf("errors %v, done %v", errs, last.Done)
	}
	got := map[string]string{}
	for _, f := range fs {
		key := f.Region + " " + f.ResourceName
		if _, dup := got[key]; dup {
			t.Errorf("%s found twice", key)
		}
		got[key] = f.Impact.String() + " " + f.Impact.Urgency() + " " + f.Phase
		if f.Message == "" || f.Provider != "aws" {
			t.Errorf("%s: %+v", key, f.Finding)
		}
	}
	want := map[string]string{
		"us-east-1 hq-backup":       "redundancy lost warning tunnel",
		"us-east-1 branch-london":   "traffic down critical tunnel",
		"us-east-1 branch-paris":    "traffic down critical bgp", // up, BGP established, no routes: nothing carries
		"us-east-1 dc-retiring":     "note note status",
		"us-east-1 lab-static":      "traffic down critical tunnel",
		"us-east-1 lab-ikev1":       "redundancy lost warning tunnel",
		"us-east-1 new-site":        "note note status",
		"us-east-1 colo-2":          "redundancy lost warning tunnel",
		"us-east-1 partner-x":       "traffic down critical tunnel",
		"us-east-1 old-vgw":         "note note status",
		"us-east-1 contractors":     "note note status",
		"us-east-1 lab":             "degraded warning configuration",
		"us-east-1 legacy-office":   "traffic down critical configuration",
		"us-east-1 old-partners":    "note note status",
		"us-east-1 corp-vpn":        "degraded warning terminate",
		"eu-west-1 eu-branch":       "redundancy lost warning tunnel",
		"eu-west-1 eu-static":       "note note logging",
		"eu-west-1 eu-staff":        "degraded warning terminate",
		"eu-west-1 eu-pilot":        "note note status",
		"ap-southeast-2 syd-office": "traffic down critical tunnel",
		"ap-southeast-2 syd-dc":     "traffic down critical bgp",    // DOWN with IPSEC IS UP: BGP is the cause
		"ap-southeast-2 syd-branch": "traffic down critical tunnel", // the survivor accepts no routes
		"ap-southeast-2 syd-lab":    "unknown warning status",       // a state no document names
		// Both tunnels up, nothing routed into them (scan_routes_test.go).
		"eu-west-1 eu-lab": "traffic down critical route",
		"eu-west-1 eu-dr":  "traffic down critical route",
		"eu-west-1 eu-mig": "traffic down critical route",
		// On a transit gateway (scan_routes_tgw_test.go).
		"eu-west-1 eu-hub-quiet": "traffic down critical route",
		"eu-west-1 eu-hub-lone":  "traffic down critical route",
		"eu-west-1 eu-hub-bh":    "degraded warning route",
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if want[k] != got[k] {
			t.Errorf("%s: got %q, want %q", k, got[k], want[k])
		}
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("%s: not found", k)
		}
	}
	if last.Connections < 15 || last.Endpoints != 7 {
		t.Errorf("checked %d connections, %d endpoints", last.Connections, last.Endpoints)
	}
	// The JSON a script reads: one object per finding, the shared model.
	raw, err := json.Marshal(fs[0])
	if err != nil || !strings.Contains(string(raw), `"provider":"aws"`) || !strings.Contains(string(raw), `"urgency"`) {
		t.Errorf("json: %s %v", raw, err)
	}
}

// A list that cannot be read is said, and never passes for healthy: every
// endpoint, even a fine one, comes back with what could not be checked.
func TestScanNeverCallsUnreadHealthy(t *testing.T) {
	r := newRig(t, "")
	f, _ := fault.Parse("forbidden:action=DescribeClientVpnRoutes")
	r.emu.SetFaults(f)
	fs, errs, _ := scanAll(t, r.client, aws.ScanOptions{Regions: []string{"us-east-1"}})
	if len(errs) == 0 || !errs[0].Unreadable() {
		t.Errorf("errors: %v", errs)
	}
	endpoints := 0
	for _, x := range fs {
		if x.Resource != "client-vpn-endpoint" {
			continue
		}
		endpoints++
		if !strings.Contains(strings.Join(x.Unchecked, ","), "its routes") {
			t.Errorf("%s: unchecked %v", x.ResourceName, x.Unchecked)
		}
		if strings.Contains(x.Message, "authorization rule") {
			t.Errorf("%s: a verdict on routes it could not read: %s", x.ResourceName, x.Message)
		}
	}
	if endpoints != 5 {
		t.Errorf("%d endpoint findings in us-east-1, want all 5", endpoints)
	}
}

// counting wraps a client to see how many calls are in flight at once.
type counting struct {
	*ec2client.Client
	now, peak atomic.Int64
	mu        sync.Mutex
}

func (c *counting) track() func() {
	n := c.now.Add(1)
	c.mu.Lock()
	if n > c.peak.Load() {
		c.peak.Store(n)
	}
	c.mu.Unlock()
	time.Sleep(2 * time.Millisecond)
	return func() { c.now.Add(-1) }
}

func (c *counting) VPNConnections(ctx context.Context, region string, f aws.VPNConnectionFilter) ([]aws.VPNConnection, error) {
	defer c.track()()
	return c.Client.VPNConnections(ctx, region, f)
}

func (c *counting) Routes(ctx context.Context, region, id string, cur api.Cursor) (api.Page[aws.Route], error) {
	defer c.track()()
	return c.Client.Routes(ctx, region, id, cur)
}

func (c *counting) TargetNetworks(ctx context.Context, region, id string, cur api.Cursor) (api.Page[aws.TargetNetwork], error) {
	defer c.track()()
	return c.Client.TargetNetworks(ctx, region, id, cur)
}

func (c *counting) Connections(ctx context.Context, region, id string, f aws.ConnectionFilter, cur api.Cursor) (api.Page[aws.Connection], error) {
	defer c.track()()
	return c.Client.Connections(ctx, region, id, f, cur)
}

func TestScanBoundsCallsInFlight(t *testing.T) {
	r := newRig(t, "")
	c := &counting{Client: r.client}
	_, errs, last := scanAll(t, c, aws.ScanOptions{MaxInFlight: 2})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if p := c.peak.Load(); p > 2 || p < 2 {
		t.Errorf("peak calls in flight %d, bound 2", p)
	}
	if last.Calls < 30 {
		t.Errorf("%d calls", last.Calls)
	}
}

// What the scan could not read is a finding, never silence: a region whose
// VPN connections or endpoints were refused, the account when the regions
// could not be listed, and an endpoint whose routes were: unknown (above
// notes, unless its state ranks it alone), with the reason and the
// permission to grant.
func TestScanUnreadableIsAFinding(t *testing.T) {
	for _, tc := range []struct {
		fault, resource, grant string
		regions                []string
		want                   int
	}{
		{"forbidden:action=DescribeVpnConnections", "region", "ec2:DescribeVpnConnections", nil, 3},
		// One gateway kind refused, the other read: the region is still unknown.
		{"forbidden:action=DescribeVpnGateways", "region", "ec2:DescribeVpnGateways", nil, 3},
		{"forbidden:action=DescribeTransitGateways", "region", "ec2:DescribeTransitGateways", nil, 3},
		{"forbidden:action=DescribeClientVpnEndpoints", "region", "ec2:DescribeClientVpnEndpoints", []string{"us-east-1"}, 1},
		{"forbidden:action=DescribeRegions", "account", "ec2:DescribeRegions", nil, 1},
		{"forbidden:action=DescribeClientVpnRoutes", "client-vpn-endpoint", "ec2:DescribeClientVpnRoutes", []string{"us-east-1"}, 5},
		{"forbidden:action=DescribeClientVpnTargetNetworks", "client-vpn-endpoint", "ec2:DescribeClientVpnTargetNetworks", []string{"us-east-1"}, 5},
		{"forbidden:action=DescribeClientVpnAuthorizationRules", "client-vpn-endpoint", "ec2:DescribeClientVpnAuthorizationRules", []string{"us-east-1"}, 5},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			r := newRig(t, "")
			f, _ := fault.Parse(tc.fault)
			r.emu.SetFaults(f)
			fs, _, _ := scanAll(t, r.client, aws.ScanOptions{Regions: tc.regions})
			unknown := 0
			for _, x := range fs {
				if x.Resource != tc.resource {
					continue
				}
				cause := x.Cause
				for _, c := range x.Also {
					if c.Phase == "unreadable" {
						cause = c
					}
				}
				if cause.Phase != "unreadable" {
					t.Errorf("%s: no unknown cause: %+v", x.Key(), x.Finding)
					continue
				}
				unknown++
				// One being created or deleted is ranked by its state alone
				// (api.RankLifecycle); the unknown goes with it as "also".
				if (x.Impact > api.Unknown && x.Phase != "status") || (x.Phase == "unreadable" && x.Impact != api.Unknown) {
					t.Errorf("%s: %v with %q", x.Key(), x.Impact, cause.Message)
				}
				if !strings.Contains(cause.Message, "grant these credentials "+tc.grant) || x.Reason == "" {
					t.Errorf("%s: says %q, reason %q", x.Key(), cause.Message, x.Reason)
				}
			}
			if unknown < tc.want {
				t.Errorf("%d unknown %s findings, want %d", unknown, tc.resource, tc.want)
			}
		})
	}
}

// The scan's call count is every request sent: a call the client asked
// again (a 503, retried) counts twice, as the service saw it (the problems
// view said 42 calls where 56 went out).
func TestScanCountsTheClientsRetries(t *testing.T) {
	_, _, clean := scanAll(t, newRig(t, "").client, aws.ScanOptions{MaxInFlight: 4})
	r := newRig(t, "")
	f, err := fault.Parse("503:nth=1")
	if err != nil {
		t.Fatal(err)
	}
	r.emu.SetFaults(f)
	_, errs, retried := scanAll(t, r.client, aws.ScanOptions{MaxInFlight: 4})
	if len(errs) > 0 {
		t.Fatalf("the retry should have succeeded: %v", errs)
	}
	if retried.Calls != clean.Calls+1 {
		t.Errorf("%d calls with one retried, %d without", retried.Calls, clean.Calls)
	}
}

// acceptedRouteCount is optional (API_VgwTelemetry): left out, it is read
// through the real SDK as unknown, not 0, and the connection is unknown,
// never healthy nor traffic down.
func TestScanReadsAMissingRouteCountAsUnknown(t *testing.T) {
	r := newRig(t, "")
	if err := r.emu.OmitTunnelRoutes("us-east-1", "hq-primary", 0); err != nil {
		t.Fatal(err)
	}
	conns, err := r.client.VPNConnections(context.Background(), "us-east-1", aws.VPNConnectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range conns {
		if c.Name != "hq-primary" {
			continue
		}
		if _, known := c.Tunnels[0].Routes(); known {
			t.Errorf("tunnel 0's routes read as known: %v", *c.Tunnels[0].AcceptedRoutes)
		}
		if n, known := c.Tunnels[1].Routes(); !known || n == 0 {
			t.Errorf("tunnel 1's routes: %d %v", n, known)
		}
	}
	fs, _, _ := scanAll(t, r.client, aws.ScanOptions{Regions: []string{"us-east-1"}})
	var found bool
	for _, f := range fs {
		if f.ResourceName == "hq-primary" {
			found = true
			if f.Impact != api.Unknown || len(f.Unchecked) == 0 {
				t.Errorf("hq-primary: %s %s (unchecked %v)", f.Impact, f.Message, f.Unchecked)
			}
		}
	}
	if !found {
		t.Error("hq-primary, one tunnel's routes not given, passed as healthy")
	}
}
