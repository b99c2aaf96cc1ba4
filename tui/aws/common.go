package aws

import (
	"context"

	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// common is what every pane of this provider shares: the app's context
// and the provider's client.
type common struct {
	*ui.Common
	client   aws.Client
	verdicts *verdictStore // what the last whole problems scan judged
}

// inRegion is the pane context for region, for what the overview or :id
// opens there.
func (c *common) inRegion(region string) *common {
	return &common{Common: c.Common.InRegion(region), client: c.client, verdicts: c.verdicts}
}

// raw is the raw read of r in region; kind and id head the view.
func (c *common) raw(region, kind, id string, r aws.RawRef) ui.RawTarget {
	client := c.client
	return ui.RawTarget{Kind: kind, ID: id, Read: func(ctx context.Context) ([]byte, error) {
		return client.Raw(ctx, region, r)
	}}
}
