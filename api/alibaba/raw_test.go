package alibaba_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// v shows a resource as the service returned it: its own field names,
// every secret masked.
func TestRawResourceMasksSecrets(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	gw := bigGateway(t, r)
	page, err := r.client.Connections(ctx, hz, gw.ID, api.FirstPage(10))
	if err != nil {
		t.Fatal(err)
	}
	var c alibaba.Connection
	for _, x := range page.Items {
		if x.DualTunnel() && x.IKE.PSK.IsSet() {
			c = x
			break
		}
	}
	if c.ID == "" {
		t.Fatal("no dual-tunnel connection with a pre-shared key")
	}
	raw, err := r.client.Raw(ctx, hz, "connection", c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil || m["VpnConnectionId"] != c.ID || m["TunnelOptionsSpecification"] == nil {
		t.Fatalf("not the connection's item (%v):\n%s", err, raw)
	}
	for _, secret := range []string{c.IKE.PSK.Reveal(), c.TunnelOptions[0].IKE.PSK.Reveal(), c.BGP.AuthKey.Reveal()} {
		if secret != "" && strings.Contains(string(raw), secret) {
			t.Errorf("a secret is shown:\n%s", raw)
		}
	}
	if !strings.Contains(string(raw), api.Mask) {
		t.Errorf("no mask in:\n%s", raw)
	}
	// In the service's order, not sorted (issue 17): the top-level keys
	// as the answer wrote them.
	var keys []string
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.Token()
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var skip json.RawMessage
		dec.Decode(&skip)
	}
	if slices.IsSorted(keys) || keys[0] != "VpnConnectionId" && keys[0] != "VpnGatewayId" && keys[0] != "CreateTime" {
		t.Errorf("keys sorted or reordered: %v", keys)
	}
	servers, err := r.client.IPsecServers(ctx, hz, "", api.FirstPage(5))
	if err != nil || len(servers.Items) == 0 {
		t.Fatalf("IPsec servers: %v", err)
	}
	ssl, err := r.client.SSLServer(ctx, hz, gw.ID)
	if err != nil || ssl == nil {
		t.Fatalf("SSL server: %v", err)
	}
	for _, x := range []struct{ kind, id, secret string }{
		{"gateway", gw.ID, ""},
		{"ipsec-server", servers.Items[0].ID, servers.Items[0].PSK.Reveal()},
		{"ssl-server", ssl.ID, ""},
	} {
		raw, err := r.client.Raw(ctx, hz, x.kind, x.id)
		if err != nil || !strings.Contains(string(raw), x.id) || x.secret != "" && strings.Contains(string(raw), x.secret) {
			t.Errorf("%s: %v\n%s", x.kind, err, raw)
		}
	}
}
