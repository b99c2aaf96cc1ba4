package aws

import (
	"context"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// TunnelMetrics: the fake has no CloudWatch; it says so as the service
// would to a caller without the permission.
func (f *fakeAWS) TunnelMetrics(context.Context, string, aws.TunnelMetricsQuery) (aws.ConnectionMetrics, error) {
	f.Count("TunnelMetrics")
	return aws.ConnectionMetrics{}, api.ProviderError("GetMetricData", api.KindPermission, 403, "AccessDenied", "not authorized", "", "")
}

// EndpointMetrics: no CloudWatch here either.
func (f *fakeAWS) EndpointMetrics(context.Context, string, aws.EndpointMetricsQuery) (aws.EndpointMetrics, error) {
	f.Count("EndpointMetrics")
	return aws.EndpointMetrics{}, api.ProviderError("GetMetricData", api.KindPermission, 403, "AccessDenied", "not authorized", "", "")
}
