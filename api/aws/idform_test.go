package aws_test

import (
	"testing"

	"github.com/vpnscope/vpnscope/api/aws"
)

// IsID takes EC2's id forms (a prefix, then 8 or 17 hexadecimal digits:
// the EC2 User Guide's Resource IDs) and not Alibaba Cloud's, whose vpn-
// ids are as long but carry letters past f (vpn-bp1…: the region's code).
func TestIsIDTellsAnAWSIDFromAnAlibabaOne(t *testing.T) {
	for id, want := range map[string]bool{
		"vpn-0123456789abcdef0": true, "vpn-1a2b3c4d": true, "vgw-8db04f81": true, "tgw-0262a0e521b7d8e41": true,
		"cvpn-endpoint-123456789123abcde": true, "cvpn-connection-04edd76f5201e0cb8": true,
		"vpn-bp1q8bgx4xnkx1234": false, "vco-bp10lz7aejumd1234": false, "vpn-bp11apq3buf9z3q43k1wc": false,
		"vpn-0123456789ABCDEF0": false, "vpn-0123456789abcdef": false, "i-0123456789abcdef0": false, "vpn-": false,
	} {
		if got := aws.IsID(id); got != want {
			t.Errorf("IsID(%s) = %v, want %v", id, got, want)
		}
	}
}
