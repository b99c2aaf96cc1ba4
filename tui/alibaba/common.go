package alibaba

import (
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// common is what every pane of this provider shares: the app's context
// and the provider's client.
type common struct {
	*ui.Common
	client alibaba.Client
	// rollups are each gateway's connection health, as the last problems
	// scan found it, in every region it checked: kept by the provider, so
	// a region switched to later shows what the scan saw there.
	rollups map[string]alibaba.GatewayRollup
}
