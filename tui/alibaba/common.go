package alibaba

import (
	"context"
	"errors"

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
	rollups *rollupStore
	// routes is what the last scan found of connections' route paths
	// (routeverdicts.go), kept by the provider too.
	routes *routeFound
}

// raw is the raw read of a resource, when the client can do one.
func (c *common) raw(region, kind, id string) ui.RawTarget {
	reader, ok := c.client.(alibaba.RawReader)
	return ui.RawTarget{Kind: kind, ID: id, Read: func(ctx context.Context) ([]byte, error) {
		if !ok {
			return nil, errors.New("this client cannot read a resource raw")
		}
		return reader.Raw(ctx, region, kind, id)
	}}
}
