package alibaba_test

import (
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba"
)

// IsID takes a gateway's (vpn-) and a connection's (vco-) ids, as the
// DescribeVpnConnections reference writes them, and not AWS's other forms.
func TestIsIDTakesGatewayAndConnectionIDs(t *testing.T) {
	for id, want := range map[string]bool{
		"vpn-bp1q8bgx4xnkx1234": true, "vco-bp10lz7aejumd1234": true, "vpn-bp11apq3buf9z3q43k1wc": true,
		"cvpn-endpoint-123456789123abcde": false, "vgw-8db04f81": false, "vcg-bp1abc": false, "vpn-BP1": false, "vpn-": false,
	} {
		if got := alibaba.IsID(id); got != want {
			t.Errorf("IsID(%s) = %v, want %v", id, got, want)
		}
	}
}
