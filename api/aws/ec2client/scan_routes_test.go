package ec2client_test

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/fault"
)

func findingsByName(fs []aws.Finding) map[string]aws.Finding {
	out := map[string]aws.Finding{}
	for _, f := range fs {
		out[f.Region+" "+f.ConnectionName] = f
	}
	return out
}

// The scan names each connection whose tunnels are up but that no route
// sends traffic into, once, with the route tables and prefixes concerned
// and what to do; it says nothing of the route path of a connection whose
// routes are in place; and it reads each VPC's route tables once, not once
// per connection (issue 24).
func TestScanFindsTheRoutePathProblems(t *testing.T) {
	r := newRig(t, "")
	fs, errs, _ := scanAll(t, r.client, aws.ScanOptions{MaxInFlight: 4})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := findingsByName(fs)
	for _, c := range []struct {
		conn, rule string
		says       []string
	}{
		{"eu-west-1 eu-lab", aws.RuleNoStaticRoute, []string{"no static route", "CreateVpnConnectionRoute"}},
		{"eu-west-1 eu-dr", aws.RuleNotPropagated, []string{"10.70.0.0/16", "EnableVgwRoutePropagation", "CreateRoute"}},
		{"eu-west-1 eu-mig", aws.RuleNotAttached, []string{"attached to no VPC", "10.80.0.0/16 in rtb-", "blackhole", "AttachVpnGateway"}},
	} {
		f, ok := got[c.conn]
		if !ok || f.Phase != "route" || f.State != c.rule || f.Impact != api.TrafficDown || f.Resource != "connection" {
			t.Errorf("%s: %+v", c.conn, f.Finding)
			continue
		}
		for _, s := range c.says {
			if !strings.Contains(f.Message, s) {
				t.Errorf("%s: %q does not say %q", c.conn, f.Message, s)
			}
		}
	}
	// Routes in place: prod's BGP connections and the static ones whose
	// prefixes are propagated say nothing about routes.
	for _, name := range []string{"us-east-1 hq-backup", "us-east-1 branch-paris", "us-east-1 lab-ikev1", "eu-west-1 eu-static"} {
		f := got[name]
		for _, c := range append([]api.Cause{f.Cause}, f.Also...) {
			if c.Phase == "route" || c.Phase == "unreadable" {
				t.Errorf("%s: a route cause on a route path in place: %+v", name, c)
			}
		}
	}
	if f, ok := got["us-east-1 hq-primary"]; ok {
		t.Errorf("hq-primary, both tunnels up and propagated: %+v", f.Finding)
	}
	// Seven VPCs hold a gateway with a connection up: prod, staging, eu,
	// eu-lab, eu-dr, eu-mig and syd-vgw-2's. syd-vgw's only connection is
	// down.
	if n := r.emu.Calls("DescribeRouteTables"); n != 7 {
		t.Errorf("%d DescribeRouteTables for 7 VPCs", n)
	}
}

// A route path that could not be read is unknown, with the permission to
// grant, never healthy; a connection already broken keeps its cause and
// says what was not read; a rule that needs only the connection (a static
// connection with no route) still holds.
func TestScanRouteTablesRefused(t *testing.T) {
	r := newRig(t, "")
	f, _ := fault.Parse("forbidden:action=DescribeRouteTables")
	r.emu.SetFaults(f)
	fs, errs, _ := scanAll(t, r.client, aws.ScanOptions{MaxInFlight: 4})
	if len(errs) != 7 || !errs[0].Unreadable() {
		t.Errorf("%d region errors: %v", len(errs), errs)
	}
	got := findingsByName(fs)
	hq, ok := got["us-east-1 hq-primary"]
	if !ok || hq.Impact != api.Unknown || !strings.Contains(hq.Message, "grant these credentials ec2:DescribeRouteTables") ||
		!strings.Contains(strings.Join(hq.Unchecked, ";"), "route tables of vpc-") || !strings.Contains(hq.Reason, "UnauthorizedOperation") {
		t.Errorf("hq-primary with its route tables refused: %+v", hq.Finding)
	}
	// Both its tunnels up and accepting no routes: traffic down (the
	// verdict by the documents), whatever the route tables say.
	if b := got["us-east-1 branch-paris"]; b.Impact != api.TrafficDown || b.Phase != "bgp" || len(b.Unchecked) == 0 {
		t.Errorf("branch-paris keeps its BGP cause and says what was not read: %+v", b.Finding)
	}
	if l := got["eu-west-1 eu-lab"]; l.Impact != api.TrafficDown || l.State != aws.RuleNoStaticRoute {
		t.Errorf("eu-lab's missing static route needs no route table: %+v", l.Finding)
	}
	if d := got["eu-west-1 eu-dr"]; d.Impact != api.Unknown || d.State == aws.RuleNotPropagated {
		t.Errorf("eu-dr judged on tables it could not read: %+v", d.Finding)
	}
}

// With the gateways refused, the gateways' VPCs are unknown: the route
// path is not read, and says why; it is not "attached to no VPC".
func TestScanGatewaysRefusedLeavesTheRoutePathUnknown(t *testing.T) {
	r := newRig(t, "")
	f, _ := fault.Parse("forbidden:action=DescribeVpnGateways")
	r.emu.SetFaults(f)
	fs, _, _ := scanAll(t, r.client, aws.ScanOptions{Regions: []string{"eu-west-1"}})
	d := findingsByName(fs)["eu-west-1 eu-dr"]
	if d.Impact != api.Unknown || d.State == aws.RuleNotAttached || !strings.Contains(d.Message, "ec2:DescribeVpnGateways") {
		t.Errorf("eu-dr with the gateways refused: %+v", d.Finding)
	}
	if n := r.emu.Calls("DescribeRouteTables"); n != 0 {
		t.Errorf("%d DescribeRouteTables without the gateways' VPCs", n)
	}
}
