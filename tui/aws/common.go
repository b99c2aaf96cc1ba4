package aws

import (
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// common is what every pane of this provider shares: the app's context
// and the provider's client.
type common struct {
	*ui.Common
	client aws.Client
}
