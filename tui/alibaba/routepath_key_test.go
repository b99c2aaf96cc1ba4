package alibaba

import (
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// t, the route path, is read for AWS's virtual private gateways first
// (issue 24): on Alibaba Cloud the key says so instead of doing nothing.
func TestRoutePathKeyIsNotOnAlibabaCloudYet(t *testing.T) {
	h := newHarness(t, 120, 30, emulator.Config{})
	h.Keys("enter", "t")
	h.MustShow("route path: not on Alibaba Cloud")
}
