package ec2client_test

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/fault"
)

// The scan names each transit gateway connection whose tunnels are up
// but whose attachment is unassociated, propagates nowhere or is
// blackholed, once, with the route tables and prefixes and what to do;
// it says nothing of one routed; and it reads the attachments once per
// region, each attachment's propagations once, and each transit gateway
// route table once, not once per connection (issue 24).
func TestScanFindsTheTransitGatewayRoutePathProblems(t *testing.T) {
	r := newRig(t, "")
	fs, errs, _ := scanAll(t, r.client, aws.ScanOptions{MaxInFlight: 4})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := findingsByName(fs)
	for _, c := range []struct {
		conn, rule string
		impact     api.Impact
		says       []string
	}{
		{"eu-west-1 eu-hub-quiet", aws.RuleNotPropagating, api.TrafficDown, []string{"propagates to no transit gateway route table", "EnableTransitGatewayRouteTablePropagation"}},
		{"eu-west-1 eu-hub-lone", aws.RuleUnassociated, api.TrafficDown, []string{"associated with no transit gateway route table", "AssociateTransitGatewayRouteTable"}},
		{"eu-west-1 eu-hub-bh", aws.RuleBlackhole, api.Degraded, []string{"10.92.128.0/17 in tgw-rtb-", "is a blackhole", "DeleteTransitGatewayRoute"}},
	} {
		f, ok := got[c.conn]
		if !ok || f.Phase != "route" || f.State != c.rule || f.Impact != c.impact || f.Resource != "connection" {
			t.Errorf("%s: %+v", c.conn, f.Finding)
			continue
		}
		for _, s := range c.says {
			if !strings.Contains(f.Message, s) {
				t.Errorf("%s: %q does not say %q", c.conn, f.Message, s)
			}
		}
	}
	n := 0
	for _, f := range fs {
		if strings.HasPrefix(f.ConnectionName, "eu-hub-") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d findings for eu-hub-tgw's three connections", n)
	}
	// Routed: eu-dc and colo-1 say nothing; colo-2 and eu-branch keep
	// their tunnel's cause and no route cause.
	for _, name := range []string{"eu-west-1 eu-dc", "us-east-1 colo-1"} {
		if f, ok := got[name]; ok {
			t.Errorf("%s, routed: %+v", name, f.Finding)
		}
	}
	for _, name := range []string{"us-east-1 colo-2", "eu-west-1 eu-branch"} {
		f := got[name]
		for _, c := range append([]api.Cause{f.Cause}, f.Also...) {
			if c.Phase == "route" || c.Phase == "unreadable" {
				t.Errorf("%s: a route cause on a route path in place: %+v", name, c)
			}
		}
	}
	// Seven connections on a transit gateway have a tunnel up (colo-1,
	// colo-2, eu-dc, eu-branch and eu-hub's three), in two regions; they
	// use six route tables (two per transit gateway).
	for action, want := range map[string]int{"DescribeTransitGatewayAttachments": 2, "GetTransitGatewayAttachmentPropagations": 7, "SearchTransitGatewayRoutes": 6} {
		if n := r.emu.Calls(action); n != want {
			t.Errorf("%d %s, want %d", n, action, want)
		}
	}
}

// A fault on each new call leaves the rest of the scan: the connections
// that call concerns are unknown with what was not read (and the
// permission to grant when refused), never healthy; the virtual private
// gateways' route paths are judged as before.
func TestScanTransitCallsFaults(t *testing.T) {
	for _, c := range []struct {
		action, fault string
		grant         bool
	}{
		{"DescribeTransitGatewayAttachments", "forbidden", true},
		{"GetTransitGatewayAttachmentPropagations", "forbidden", true},
		{"SearchTransitGatewayRoutes", "forbidden", true},
		{"SearchTransitGatewayRoutes", "throttle", false},
		{"GetTransitGatewayAttachmentPropagations", "malformed", false},
	} {
		t.Run(c.action+"/"+c.fault, func(t *testing.T) {
			r := newRig(t, "")
			f, _ := fault.Parse(c.fault + ":action=" + c.action)
			r.emu.SetFaults(f)
			fs, errs, _ := scanAll(t, r.client, aws.ScanOptions{Regions: []string{"eu-west-1"}})
			if len(errs) == 0 {
				t.Error("no region error for what was not read")
			}
			got := findingsByName(fs)
			for _, name := range []string{"eu-west-1 eu-dc", "eu-west-1 eu-hub-quiet"} {
				f, ok := got[name]
				if !ok || f.Impact != api.Unknown || !strings.Contains(strings.Join(f.Unchecked, ";"), "its route path") {
					t.Errorf("%s: %+v", name, f.Finding)
					continue
				}
				if c.grant && !strings.Contains(f.Message, "grant these credentials ec2:"+c.action) {
					t.Errorf("%s: %q does not name ec2:%s", name, f.Message, c.action)
				}
			}
			if d := got["eu-west-1 eu-dr"]; d.State != aws.RuleNotPropagated {
				t.Errorf("eu-dr, on a virtual private gateway: %+v", d.Finding)
			}
		})
	}
}
