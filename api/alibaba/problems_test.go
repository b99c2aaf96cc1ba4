package alibaba_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// collect runs a scan to the end and returns what it found.
func collect(t *testing.T, c alibaba.Client, o alibaba.ScanOptions) (findings []alibaba.Finding, events []alibaba.ScanEvent) {
	t.Helper()
	ch := make(chan alibaba.ScanEvent)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	go alibaba.Scan(ctx, c, o, ch)
	for e := range ch {
		events = append(events, e)
		findings = append(findings, e.Findings...)
	}
	if len(events) == 0 || !events[len(events)-1].Done {
		t.Fatal("the scan did not end with Done")
	}
	return findings, events
}

// The scan finds every unhealthy connection of every region, as the
// emulator itself judges its world, once each, within its bound on calls
// in flight.
func TestScanFindsEveryUnhealthyConnectionOnce(t *testing.T) {
	r := newRig(t, emulator.Config{Latency: 2 * time.Millisecond}, vpcclient.Options{MaxInFlight: 16})
	findings, events := collect(t, r.client, alibaba.ScanOptions{MaxInFlight: 8})

	// One finding per resource, and one per connection: a tunnel finding
	// stands for its connection.
	var got []string
	seen := map[string]bool{}
	for _, f := range findings {
		if seen[f.Key()] {
			t.Errorf("two findings for %s", f.Key())
		}
		seen[f.Key()] = true
		if f.ConnectionID != "" {
			got = append(got, f.Region+"/"+f.ConnectionID)
		}
	}
	slices.Sort(got)
	if c := slices.Compact(slices.Clone(got)); len(c) != len(got) {
		t.Errorf("%d connection findings for %d connections", len(got), len(c))
	}
	want := r.emu.UnhealthyConnections()
	if len(want) == 0 {
		t.Fatal("the emulator's world has no unhealthy connection")
	}
	if !slices.Equal(got, want) {
		missing, extra := diff(want, got), diff(got, want)
		t.Fatalf("scan and world disagree: missing %v, extra %v", missing, extra)
	}
	if peak := r.emu.PeakInFlight(); peak > 8 || peak < 2 {
		t.Errorf("peak calls in flight %d: want concurrency, bounded at 8", peak)
	}
	last := events[len(events)-1]
	if last.Calls != r.emu.Calls("") {
		t.Errorf("the scan says %d calls, the emulator counted %d", last.Calls, r.emu.Calls(""))
	}
	// Every region's gateways are counted, and every gateway checked.
	regions, checked, total := 0, 0, 0
	for _, e := range events {
		if e.RegionFound != "" {
			regions++
		}
		if e.Checked != nil {
			checked++
		}
		total += e.Gateways
	}
	if regions != 5 || checked != total || total != 64 {
		t.Errorf("%d regions, %d gateways checked of %d found (the world has 64)", regions, checked, total)
	}
}

func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// Gateways that are not active or are locked, and servers near their
// limit, are findings too; connection findings say which phase failed and
// fold what follows from it in; IPsec servers name their gateway.
func TestScanFindingsSayWhatFailed(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	findings, _ := collect(t, r.client, alibaba.ScanOptions{Regions: []string{"cn-hangzhou"}})
	byPhase := map[string]int{}
	consequences := map[string]int{}
	states := map[string]bool{}
	for _, f := range findings {
		byPhase[f.Resource+" "+f.Phase]++
		states[f.State] = true
		for _, c := range f.Consequences {
			consequences[c.Phase]++
		}
		if f.Region != "cn-hangzhou" || f.GatewayID == "" || f.GatewayName == "" || f.ResourceID == "" || f.Message == "" {
			t.Errorf("incomplete finding %+v", f.Finding)
		}
		if f.Resource == "tunnel" && (f.TunnelID != f.ResourceID || f.Impact != api.RedundancyLost) {
			t.Errorf("a tunnel finding is not about one tunnel of two: %+v", f.Finding)
		}
	}
	for _, want := range []string{"connection phase 1", "connection phase 2", "tunnel phase 1", "tunnel phase 2",
		"connection health check", "gateway status", "ipsec-server capacity"} {
		if byPhase[want] == 0 {
			t.Errorf("no %q finding; got %v", want, byPhase)
		}
	}
	if consequences["bgp"] == 0 || consequences["health check"] == 0 {
		t.Errorf("no BGP or health check folded in as a consequence: %v", consequences)
	}
	if !states["locked"] || !states["updating"] {
		t.Errorf("gateway states found: %v", states)
	}
	// Worst first: traffic down, redundancy lost, degraded, notes.
	alibaba.SortFindings(findings)
	for i := 1; i < len(findings); i++ {
		if findings[i].Impact < findings[i-1].Impact {
			t.Fatalf("%s (%v) after %s (%v)", findings[i].Key(), findings[i].Impact, findings[i-1].Key(), findings[i-1].Impact)
		}
	}
}

// A region the credentials may not read is reported as such, and the rest
// of the account is still checked.
func TestScanReportsAnUnreadableRegionAndGoesOn(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	r.emu.SetFaults(mustFault(t, "forbidden:action=DescribeVpnGateways,nth=1"))
	findings, events := collect(t, r.client, alibaba.ScanOptions{Regions: []string{"cn-hangzhou", "cn-shanghai"}, MaxInFlight: 1})
	var unreadable []string
	for _, e := range events {
		if e.RegionErr != nil && e.RegionErr.Unreadable() {
			unreadable = append(unreadable, e.RegionErr.Region)
		}
	}
	if len(unreadable) != 1 {
		t.Fatalf("unreadable regions %v, want one", unreadable)
	}
	other := map[string]string{"cn-hangzhou": "cn-shanghai", "cn-shanghai": "cn-hangzhou"}[unreadable[0]]
	found := false
	for _, x := range findings {
		found = found || x.Region == other
	}
	if !found {
		t.Fatalf("nothing found in %s after %s was refused", other, unreadable[0])
	}
}

// Throttling slows a scan down; it does not leave anything unchecked: a
// call still throttled after the client's retries is asked again later.
func TestScanOutlastsThrottling(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 2, Base: time.Millisecond, Cap: time.Millisecond}})
	o := alibaba.ScanOptions{Regions: []string{"cn-shanghai", "ap-southeast-1"}, ThrottleWait: time.Millisecond}
	clean, _ := collect(t, r.client, o)
	_, baseline := collect(t, r.client, o)
	r.emu.SetFaults(mustFault(t, "throttle:rate=0.3"))
	found, events := collect(t, r.client, o)
	for _, e := range events {
		if e.RegionErr != nil {
			t.Fatalf("%s %s left unchecked: %v", e.RegionErr.Region, e.RegionErr.GatewayID, e.RegionErr.Err)
		}
	}
	if events[len(events)-1].Calls <= baseline[len(baseline)-1].Calls {
		t.Fatal("no call was throttled: the fault did not bite")
	}
	if len(found) != len(clean) {
		t.Fatalf("%d findings under throttling, %d without", len(found), len(clean))
	}
}

// A gateway whose connections or SSL server could not be read is rolled
// up as unknown, saying which, never as healthy.
func TestScanRollupSaysWhatItCouldNotRead(t *testing.T) {
	for _, tc := range []struct{ action, says string }{
		{"DescribeVpnConnections", "its connections could not all be read"},
		{"DescribeSslVpnServers", "its SSL server could not be read"},
	} {
		t.Run(tc.action, func(t *testing.T) {
			r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
			r.emu.SetFaults(mustFault(t, "500:action="+tc.action))
			_, events := collect(t, r.client, alibaba.ScanOptions{Regions: []string{"cn-hangzhou"}})
			spoiled := 0
			for _, e := range events {
				if e.Checked == nil || !slices.Contains(e.Checked.Unchecked, tc.says) {
					continue
				}
				spoiled++
				if v := e.Checked.Verdict(); v == alibaba.VerdictHealthy {
					t.Errorf("%s rolled up healthy with %q", e.Checked.GatewayID, tc.says)
				}
			}
			if spoiled == 0 {
				t.Fatalf("no rollup says %q", tc.says)
			}
		})
	}
}

// The rollup and the findings are one model: a gateway's down count is its
// traffic-down connection findings, its degraded count the others.
func TestRollupAgreesWithFindings(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	findings, events := collect(t, r.client, alibaba.ScanOptions{Regions: []string{"cn-hangzhou", "ap-southeast-1"}})
	type counts struct{ down, degraded, unknown int }
	fromFindings := map[string]counts{}
	for _, f := range findings {
		if f.Connection == nil || f.Impact == api.Note {
			continue // a note (being created or changed) is no verdict's count
		}
		c := fromFindings[f.GatewayID]
		switch {
		case f.Impact == api.TrafficDown:
			c.down++
		case f.Impact == api.Unknown:
			c.unknown++
		default:
			c.degraded++
		}
		fromFindings[f.GatewayID] = c
	}
	checked := 0
	for _, e := range events {
		if e.Checked == nil {
			continue
		}
		checked++
		got := counts{e.Checked.Down, e.Checked.Degraded, e.Checked.Unknown}
		if want := fromFindings[e.Checked.GatewayID]; got != want {
			t.Errorf("%s: rollup %+v, findings %+v", e.Checked.GatewayID, got, want)
		}
	}
	if checked == 0 {
		t.Fatal("no rollup")
	}
}

// What the scan could not read is a finding, never silence: every gateway
// whose connections were refused, every region whose gateways were, and
// the account when the regions could not be listed, each unknown (above
// notes, below degraded), once, with the reason and the permission to
// grant. Through the real SDK against the emulator, with faults.
func TestScanUnreadableIsAFinding(t *testing.T) {
	for _, tc := range []struct {
		fault, resource, grant string
		regions                []string
		want                   int // unknown findings of that resource, at least
	}{
		{"forbidden:action=DescribeVpnConnections", "gateway", "vpc:DescribeVpnConnections", []string{"cn-hangzhou", "cn-shanghai"}, 2},
		{"forbidden:action=DescribeSslVpnServers", "gateway", "vpc:DescribeSslVpnServers", []string{"cn-hangzhou"}, 1},
		{"forbidden:action=DescribeVpnGateways", "region", "vpc:DescribeVpnGateways", []string{"cn-hangzhou", "cn-shanghai"}, 2},
		{"forbidden:action=DescribeRegions", "account", "vpc:DescribeRegions", nil, 1},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
			r.emu.SetFaults(mustFault(t, tc.fault))
			findings, events := collect(t, r.client, alibaba.ScanOptions{Regions: tc.regions})
			keys := map[string]bool{}
			unknown := 0
			for _, f := range findings {
				if keys[f.Key()] {
					t.Errorf("%s twice", f.Key())
				}
				keys[f.Key()] = true
				var cause api.Cause
				switch {
				case f.Phase == "unreadable":
					cause = f.Cause
					if f.Impact != api.Unknown {
						t.Errorf("%s: %v, want unknown", f.Key(), f.Impact)
					}
				case len(f.Also) > 0 && f.Also[len(f.Also)-1].Phase == "unreadable":
					cause = f.Also[len(f.Also)-1] // a worse finding keeps the lead
				default:
					continue
				}
				if f.Resource != tc.resource {
					continue
				}
				unknown++
				if !strings.Contains(cause.Message, "grant these credentials "+tc.grant) || !strings.Contains(f.Reason, "Forbidden") || len(f.Unchecked) == 0 {
					t.Errorf("%s: says %q, reason %q, unchecked %v", f.Key(), cause.Message, f.Reason, f.Unchecked)
				}
			}
			if unknown < tc.want {
				t.Fatalf("%d unknown %s findings, want at least %d", unknown, tc.resource, tc.want)
			}
			if tc.resource == "gateway" && tc.grant == "vpc:DescribeVpnConnections" {
				// Every gateway listed is a finding: none is passed off as fine.
				gateways := 0
				for _, e := range events {
					gateways += e.Gateways
				}
				if unknown != gateways {
					t.Errorf("%d of %d gateways are unknown findings", unknown, gateways)
				}
			}
			alibaba.SortFindings(findings)
			for i := 1; i < len(findings); i++ {
				if findings[i-1].Impact == api.Note && findings[i].Impact == api.Unknown {
					t.Fatalf("unknown ranked below a note: %s", findings[i].Key())
				}
			}
		})
	}
}
