package alibaba_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// An id is found in the region its code names with one call (two for a
// connection: it, then its gateway); a wrong guess costs one more; an id
// nowhere says so.
func TestLocateFindsAnIdWithTheFewestCalls(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	gws, err := r.client.Gateways(ctx, "ap-southeast-1", api.FirstPage(1))
	if err != nil || len(gws.Items) == 0 {
		t.Fatal(err)
	}
	gw := gws.Items[0]
	if alibaba.RegionHint(gw.ID) != "ap-southeast-1" {
		t.Fatalf("hint for %s: %q", gw.ID, alibaba.RegionHint(gw.ID))
	}
	before := r.emu.Calls("")
	l, err := alibaba.Locate(ctx, r.client, gw.ID, "cn-hangzhou")
	if err != nil || l.Region != "ap-southeast-1" || l.Gateway.ID != gw.ID || r.emu.Calls("")-before != 1 || l.Calls != 1 {
		t.Fatalf("gateway: %+v, %v, %d calls", l, err, r.emu.Calls("")-before)
	}

	conns, _ := r.client.Connections(ctx, "cn-shanghai", "", api.FirstPage(1))
	want := conns.Items[0]
	before = r.emu.Calls("")
	l, err = alibaba.Locate(ctx, r.client, want.ID, "cn-hangzhou")
	if err != nil || l.Connection == nil || l.Connection.ID != want.ID || l.Gateway.ID != want.GatewayID || r.emu.Calls("")-before != 2 {
		t.Fatalf("connection: %+v, %v, %d calls", l, err, r.emu.Calls("")-before)
	}

	// No such id anywhere: it asks every region once, then says so.
	_, err = alibaba.Locate(ctx, r.client, "vco-zzz000000000000000000", "cn-hangzhou")
	if err == nil || !strings.Contains(err.Error(), "in any region") {
		t.Fatalf("missing id: %v", err)
	}
	if _, err := alibaba.Locate(ctx, r.client, "i-bp1abc", "cn-hangzhou"); err == nil || !strings.Contains(err.Error(), "vpn-") {
		t.Fatalf("an instance id: %v", err)
	}
}
