package alibaba_test

import (
	"context"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// SSL clients connect to a gateway's SSL server: in the seeded world no
// gateway without one lists clients, so a server just created starts with
// none connected.
func TestOnlyAGatewayWithAnSSLServerHasSSLClients(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	regions, err := r.client.Regions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	withClients := 0
	for _, region := range regions {
		for cur := api.FirstPage(50); ; {
			gws, err := r.client.Gateways(ctx, region.ID, cur)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range gws.Items {
				clients, err := r.client.SSLClients(ctx, region.ID, g.ID, api.FirstPage(1))
				if err != nil || clients.Total == 0 {
					continue
				}
				withClients++
				if server, err := r.client.SSLServer(ctx, region.ID, g.ID); err != nil || server == nil {
					t.Errorf("%s %s: %d SSL clients and no SSL server (%v)", region.ID, g.Name, clients.Total, err)
				}
			}
			if !gws.More {
				break
			}
			cur = gws.Next
		}
	}
	if withClients == 0 {
		t.Fatal("no gateway has SSL clients: the check checked nothing")
	}

	gw := gatewayNamed(t, r, "branch-sydney-16") // SSL on, no server
	spec := goodSpec(gw.ID)
	spec.ClientIPPool = "10.30.0.0/24" // 4 addresses for each of its 50 connections
	if _, err := r.client.CreateSSLServer(ctx, hz, spec, "demo-world"); err != nil {
		t.Fatal(err)
	}
	clients, err := r.client.SSLClients(ctx, hz, gw.ID, api.FirstPage(10))
	if err != nil || clients.Total != 0 || len(clients.Items) != 0 {
		t.Fatalf("a server just created has %d clients (%v)", clients.Total, err)
	}
}
