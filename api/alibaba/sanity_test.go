package alibaba

import (
	"strings"
	"testing"
)

func TestSanityChecks(t *testing.T) {
	ok := Tunnel{ID: "tun-1", NATTraversal: true, DPD: true, IKE: IKEConfig{Version: "ikev2", EncAlg: "aes", LifetimeSeconds: 86400},
		IPsec: IPsecConfig{LifetimeSeconds: 86400}}
	twin := ok
	twin.ID = "tun-2"
	for _, tc := range []struct {
		name string
		c    Connection
		want []string
	}{
		{"clean dual", Connection{TunnelOptions: []Tunnel{ok, twin}}, nil},
		{"clean single", Connection{ID: "vco", NATTraversal: true, DPD: true, IKE: ok.IKE}, nil},
		{"single NAT-T and DPD off", Connection{ID: "vco", IKE: ok.IKE}, []string{"NAT traversal is off on the connection: set it the same on both ends; with it off, a NAT on the path that changes the UDP ports breaks phase 1", "Dead peer detection is off"}},
		{"ikev1 with two remote CIDRs", Connection{ID: "vco", NATTraversal: true, DPD: true, IKE: IKEConfig{Version: "ikev1"},
			RemoteSubnets: []string{"a", "b"}}, []string{"IKEv1 on the connection with 0 local and 2 remote"}},
		{"tunnels differ", Connection{TunnelOptions: []Tunnel{ok, func() Tunnel {
			x := twin
			x.IKE.EncAlg, x.IPsec.LifetimeSeconds = "aes256", 3600
			return x
		}()}}, []string{"IKE encryption (aes vs aes256)", "IPsec lifetime (86400 vs 3600)"}},
	} {
		got := SanityChecks(tc.c)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %q, want %d findings", tc.name, got, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			if !strings.Contains(got[i], w) {
				t.Errorf("%s: finding %d is %q, want %q", tc.name, i, got[i], w)
			}
		}
	}
}
