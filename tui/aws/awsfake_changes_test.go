package aws

import (
	"context"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// Changes: the fake has no CloudTrail; it says so as the service would to
// a caller without the permission.
func (f *fakeAWS) Changes(context.Context, string, api.ChangeQuery, api.Cursor) (api.Page[api.Change], error) {
	f.Count("Changes")
	return api.Page[api.Change]{}, api.ProviderError("LookupEvents", api.KindPermission, 400, "AccessDeniedException", "not authorized", "", "")
}

// TunnelMaintenance: the fake's tunnels have none pending.
func (f *fakeAWS) TunnelMaintenance(context.Context, string, string, string) (aws.Maintenance, error) {
	f.Count("TunnelMaintenance")
	return aws.Maintenance{}, nil
}
