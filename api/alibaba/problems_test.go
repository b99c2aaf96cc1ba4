package alibaba_test

import (
	"context"
	"slices"
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

	var got []string
	seen := map[string]bool{}
	for _, f := range findings {
		if seen[f.Key()] {
			t.Errorf("duplicate finding %s", f.Key())
		}
		seen[f.Key()] = true
		if f.Resource == "connection" {
			got = append(got, f.Region+"/"+f.ConnectionID)
		}
	}
	slices.Sort(got)
	got = slices.Compact(got)
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
// limit, are findings too; connection findings say which phase failed.
func TestScanFindingsSayWhatFailed(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	findings, _ := collect(t, r.client, alibaba.ScanOptions{Regions: []string{"cn-hangzhou"}})
	byPhase := map[string]int{}
	states := map[string]bool{}
	for _, f := range findings {
		byPhase[f.Resource+" "+f.Phase]++
		states[f.State] = true
		if f.Region != "cn-hangzhou" || f.GatewayID == "" && f.Resource != "ipsec-server" || f.Message == "" {
			t.Errorf("incomplete finding %+v", f)
		}
	}
	for _, want := range []string{"connection phase 1", "connection phase 2", "connection bgp", "connection health check", "gateway status"} {
		if byPhase[want] == 0 {
			t.Errorf("no %q finding; got %v", want, byPhase)
		}
	}
	if !states["locked"] || !states["updating"] {
		t.Errorf("gateway states found: %v", states)
	}
	// Worst first: every critical finding sorts before every warning.
	alibaba.SortFindings(findings)
	seenWarning := false
	for _, f := range findings {
		if f.Urgency == alibaba.Degraded {
			seenWarning = true
		} else if seenWarning {
			t.Fatalf("critical %s after a warning", f.Key())
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
	r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
	o := alibaba.ScanOptions{Regions: []string{"cn-shanghai", "ap-southeast-1"}, ThrottleWait: time.Millisecond}
	clean, _ := collect(t, r.client, o)
	_, baseline := collect(t, r.client, o)
	r.emu.SetFaults(mustFault(t, "throttle:rate=0.5"))
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
