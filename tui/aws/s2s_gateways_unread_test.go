package aws

import (
	"testing"

	"github.com/vpnscope/vpnscope/api/fault"
)

// With DescribeVpnGateways refused and DescribeTransitGateways allowed,
// the gateway list shows the transit gateways it could read and says,
// with the permission, what it could not; never "nothing loaded" over
// gateways it holds, nor a virtual private gateway it did not read.
func TestARefusedGatewayKindLeavesTheOtherListed(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 40, false)
	h.MustShow("corp-vpn")
	f, err := fault.Parse("forbidden:action=DescribeVpnGateways")
	if err != nil {
		t.Fatal(err)
	}
	emu.SetFaults(f)
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("core-tgw", "TGW", "ec2:DescribeVpnGateways")
	h.MustNotShow("nothing loaded", "prod-vgw")
}
