package alibaba_test

import (
	"context"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// BenchmarkConnectionsPage fetches and maps one 50-item page of
// connections: signing, HTTP on loopback, the emulator, SDK decoding and
// vpnscope's mapping together.
func BenchmarkConnectionsPage(b *testing.B) {
	r := newRig(b, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	p, err := r.client.Gateways(ctx, hz, api.FirstPage(1))
	if err != nil {
		b.Fatal(err)
	}
	gw := p.Items[0].ID
	b.ReportAllocs()
	for b.Loop() {
		page, err := r.client.Connections(ctx, hz, gw, api.FirstPage(50))
		if err != nil || len(page.Items) != 50 {
			b.Fatal(err)
		}
	}
}
