package alibaba_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

func TestPackedConnectionsUnpackEqual(t *testing.T) {
	r := newRig(t, emulator.Config{ScaleConnections: 200}, vpcclient.Options{})
	ctx := context.Background()
	var all []alibaba.Connection
	for _, gw := range []string{bigGateway(t, r).ID, emulator.SampleGatewayID, emulator.ScaleGatewayID} {
		rows, _ := walk(t, api.FirstPage(50), func(c api.Cursor) (api.Page[alibaba.Connection], error) {
			return r.client.Connections(ctx, hz, gw, c)
		})
		all = append(all, rows...)
	}
	size, packed := 0, 0
	for _, c := range all {
		b := alibaba.PackConnection(c)
		got, err := alibaba.UnpackConnection(b)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Fatalf("%s did not survive packing:\n got %+v\nwant %+v", c.ID, got, c)
		}
		if got.IKE.PSK.Reveal() != c.IKE.PSK.Reveal() || got.BGP.AuthKey.Reveal() != c.BGP.AuthKey.Reveal() {
			t.Fatal("secrets lost")
		}
		packed += len(b)
		size++
	}
	if size != 520+1+200 {
		t.Fatalf("%d connections", size)
	}
	t.Logf("%d connections, %d bytes packed on average", size, packed/size)
}

func TestUnpackRefusesOtherBytes(t *testing.T) {
	good := alibaba.PackConnection(alibaba.Connection{ID: "vco-1", Name: "x", TunnelOptions: []alibaba.Tunnel{{ID: "tun-1"}}})
	for name, b := range map[string][]byte{
		"empty":     nil,
		"truncated": good[:len(good)-1],
		"trailing":  append(append([]byte{}, good...), 0),
		"garbage":   []byte("{\"VpnConnectionId\":\"vco\"}"),
	} {
		if _, err := alibaba.UnpackConnection(b); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
}

func FuzzUnpackConnection(f *testing.F) {
	f.Add(alibaba.PackConnection(alibaba.Connection{ID: "vco-1", LocalSubnets: []string{"10.0.0.0/8"},
		TunnelOptions: []alibaba.Tunnel{{ID: "tun-1", Status: alibaba.StatusIPsecEstablished}}}))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := alibaba.UnpackConnection(b)
		if err != nil {
			return
		}
		// Whatever decodes, re-encodes to the same connection.
		again, err := alibaba.UnpackConnection(alibaba.PackConnection(c))
		if err != nil || !reflect.DeepEqual(again, c) {
			t.Fatalf("round trip of a decoded record failed: %v", err)
		}
	})
}
