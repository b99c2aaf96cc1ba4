package ec2client_test

import (
	"context"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/fault"
)

// :id finds each kind of id in its region, asking the region on screen
// first, and says clearly when an id is nowhere or is not an AWS id.
func TestLocateFindsAnIDInItsRegion(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	euConn := connectionNamed(t, r, "eu-west-1", "eu-branch")
	euTGW := gatewayNamed(t, r, "eu-west-1", "eu-tgw")
	sydVGW := gatewayNamed(t, r, "ap-southeast-2", "syd-vgw")
	staff := endpointNamed(t, r, "eu-west-1", "eu-staff")
	conns, err := r.client.Connections(ctx, "eu-west-1", staff.ID, aws.ConnectionFilter{}, api.FirstPage(5))
	if err != nil {
		t.Fatal(err)
	}
	client := conns.Items[3]
	cases := []struct {
		id, region string
		check      func(aws.Located) bool
	}{
		{euConn.ID, "eu-west-1", func(l aws.Located) bool { return l.Connection != nil && len(l.Connection.Tunnels) == 2 }},
		{euTGW.ID, "eu-west-1", func(l aws.Located) bool { return l.Gateway != nil && l.Gateway.Kind == aws.KindTGW }},
		{sydVGW.ID, "ap-southeast-2", func(l aws.Located) bool { return l.Gateway != nil && l.Gateway.Name == "syd-vgw" }},
		{staff.ID, "eu-west-1", func(l aws.Located) bool { return l.Endpoint != nil && l.Endpoint.Name == "eu-staff" }},
		{client.ID, "eu-west-1", func(l aws.Located) bool {
			return l.Client != nil && l.Client.Username == client.Username && l.Endpoint.ID == staff.ID
		}},
	}
	for _, c := range cases {
		before := r.emu.Calls("")
		l, err := aws.Locate(ctx, r.client, c.id, "us-east-1")
		if err != nil || l.Region != c.region || !c.check(l) {
			t.Errorf("%s: %+v %v", c.id, l, err)
		}
		if n := r.emu.Calls("") - before; n > 12 {
			t.Errorf("%s: %d calls", c.id, n)
		}
	}
	// A fresh emulator: the searches above cancel their other regions'
	// requests, which may still reach the old one after Locate returns.
	// One call finds it; two read its customer gateway and gateway.
	fresh := newRig(t, "")
	if l, err := aws.Locate(ctx, fresh.client, euConn.ID, "eu-west-1"); err != nil || l.Region != "eu-west-1" || fresh.emu.Calls("") != 3 {
		t.Errorf("in the region on screen: %+v %v, %d calls", l, err, fresh.emu.Calls(""))
	}
	if _, err := aws.Locate(ctx, r.client, "vpn-0000000000000dead", "us-east-1"); err == nil {
		t.Error("an id that is nowhere was found")
	} else if e, _ := api.AsError(err); e == nil || e.Kind != api.KindNotFound {
		t.Errorf("an id that is nowhere: %v", err)
	}
	if _, err := aws.Locate(ctx, r.client, "i-0123456789abcdef0", "us-east-1"); err == nil {
		t.Error("an instance id was accepted")
	}
}

// A connection found by id comes with what its tunnels view shows beside
// it: its customer gateway (the device's IP and ASN) and its gateway's
// name, both read at once after the connection: three calls, two round
// trips, for a virtual private gateway's and a transit gateway's, in the
// region on screen or another (walkthrough item 5).
func TestLocateBringsAConnectionsCustomerGatewayAndGateway(t *testing.T) {
	ctx := context.Background()
	want := newRig(t, "")
	for _, c := range []struct{ region, conn, gateway string }{
		{"us-east-1", "branch-london", "prod-vgw"},
		{"eu-west-1", "eu-branch", "eu-tgw"},
	} {
		conn := connectionNamed(t, want, c.region, c.conn)
		cgws, err := want.client.CustomerGateways(ctx, c.region, []string{conn.CustomerGatewayID})
		if err != nil || len(cgws) != 1 || cgws[0].IP == "" {
			t.Fatalf("%s's customer gateway: %+v %v", c.conn, cgws, err)
		}
		r := newRig(t, "")
		delay, _ := fault.Parse("latency:delay=150ms")
		r.emu.SetFaults(delay)
		l, err := aws.Locate(ctx, r.client, conn.ID, c.region)
		if err != nil || l.Connection == nil || l.Connection.ID != conn.ID {
			t.Fatalf("%s: %+v %v", c.conn, l, err)
		}
		if l.CustomerGateway == nil || *l.CustomerGateway != cgws[0] {
			t.Errorf("%s: customer gateway %+v, want %+v", c.conn, l.CustomerGateway, cgws[0])
		}
		if l.Gateway == nil || l.Gateway.Name != c.gateway || l.Gateway.ID != conn.GatewayID {
			t.Errorf("%s: gateway %+v, want %s", c.conn, l.Gateway, c.gateway)
		}
		gwAction := "DescribeVpnGateways"
		if conn.GatewayKind == aws.KindTGW {
			gwAction = "DescribeTransitGateways"
		}
		for _, a := range []string{"DescribeVpnConnections", "DescribeCustomerGateways", gwAction} {
			if n := r.emu.Calls(a); n != 1 {
				t.Errorf("%s: %d %s, want 1", c.conn, n, a)
			}
		}
		if n := r.emu.Calls(""); n != 3 {
			t.Errorf("%s: %d calls, want 3", c.conn, n)
		}
		if peak := r.emu.PeakInFlight(); peak != 2 {
			t.Errorf("%s: at most %d calls at once, want the customer gateway and the gateway together", c.conn, peak)
		}
		// Found by the search of every other region, which cancels the
		// rest once one has it: the two reads after it are not cancelled.
		r = newRig(t, "")
		l, err = aws.Locate(ctx, r.client, conn.ID, "ap-southeast-2")
		if err != nil || l.Region != c.region || l.CustomerGateway == nil || *l.CustomerGateway != cgws[0] ||
			l.Gateway == nil || l.Gateway.Name != c.gateway {
			t.Errorf("%s found from another region: %+v %v", c.conn, l, err)
		}
	}
}
