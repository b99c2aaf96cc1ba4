package aws

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// openChanges opens what changed on resource id (a connection, gateway or
// endpoint) from CloudTrail, in the pane's region: ui.ChangesPane, one
// LookupEvents a page.
func openChanges(c *common, crumbs []string, id, name string) tea.Cmd {
	if !aws.ChangeResource(id) {
		return ui.Flash("a: CloudTrail is read for connections, gateways and endpoints")
	}
	client, region := c.client, c.Region
	return ui.OpenChanges(c.Common, crumbs, id, name, "CloudTrail", func(ctx context.Context, q api.ChangeQuery, cur api.Cursor) (api.Page[api.Change], error) {
		return client.Changes(ctx, region, q, cur)
	})
}
