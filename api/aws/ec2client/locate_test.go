package ec2client_test

import (
	"context"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
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
	fresh := newRig(t, "")
	if l, err := aws.Locate(ctx, fresh.client, euConn.ID, "eu-west-1"); err != nil || l.Region != "eu-west-1" || fresh.emu.Calls("") != 1 {
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
