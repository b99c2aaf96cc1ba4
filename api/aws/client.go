package aws

import (
	"context"

	"github.com/vpnscope/vpnscope/api"
)

// Client is what the panes ask of AWS Site-to-Site VPN, Client VPN and
// their logs, in domain types. Every call takes a context and returns an
// *api.Error on failure. Region is an argument, not client state, so
// switching region needs no new client.
// The implementation on aws-sdk-go-v2 is in ec2client.
type Client interface {
	// Endpoints lists the region's Client VPN endpoints.
	Endpoints(ctx context.Context, region string, cur api.Cursor) (api.Page[Endpoint], error)
	// Connections lists an endpoint's client connections: active ones and
	// those that ended in the last hour.
	Connections(ctx context.Context, region, endpointID string, f ConnectionFilter, cur api.Cursor) (api.Page[Connection], error)
	// TargetNetworks lists the subnets associated with an endpoint.
	TargetNetworks(ctx context.Context, region, endpointID string, cur api.Cursor) (api.Page[TargetNetwork], error)
	// Routes lists an endpoint's routes.
	Routes(ctx context.Context, region, endpointID string, cur api.Cursor) (api.Page[Route], error)
	// AuthorizationRules lists an endpoint's authorization rules.
	AuthorizationRules(ctx context.Context, region, endpointID string, cur api.Cursor) (api.Page[AuthorizationRule], error)
	// Terminate cuts one connection (connectionID) or every active
	// connection of a user (username), and says what became of each.
	Terminate(ctx context.Context, region, endpointID, connectionID, username string) ([]Termination, error)

	// Site-to-Site VPN (s2s_types.go) and the logs in CloudWatch Logs
	// (log_queries.go).

	// Regions lists the regions the account has enabled (DescribeRegions).
	Regions(ctx context.Context) ([]api.Region, error)
	// VPNGateways lists a region's virtual private and transit gateways;
	// beside an error, the gateways of the kind that could be read.
	VPNGateways(ctx context.Context, region string) ([]VPNGateway, error)
	// VirtualPrivateGateways and TransitGateways list one kind, or those ids.
	VirtualPrivateGateways(ctx context.Context, region string, ids []string) ([]VPNGateway, error)
	TransitGateways(ctx context.Context, region string, ids []string) ([]VPNGateway, error)
	// VPNConnections lists Site-to-Site connections with both tunnels'
	// telemetry and options: a gateway's in one call.
	VPNConnections(ctx context.Context, region string, f VPNConnectionFilter) ([]VPNConnection, error)
	// CustomerGateways lists customer gateways, or those ids.
	CustomerGateways(ctx context.Context, region string, ids []string) ([]CustomerGateway, error)
	// RouteTables lists a VPC's route tables, every page (routepath.go):
	// the route path of a connection on a virtual private gateway. A read
	// may be one kept a few seconds, unless q asks for a fresh one.
	RouteTables(ctx context.Context, region string, q RouteTableQuery) ([]RouteTable, error)
	// The route path of a connection on a transit gateway.
	TGWClient
	// FilterLogEvents reads one page of one window of a log group.
	FilterLogEvents(ctx context.Context, region string, q LogQuery) (LogPage, error)
	// TunnelMetrics reads a connection's tunnels over a window from
	// CloudWatch (metrics.go): every metric of every tunnel in one
	// GetMetricData call.
	TunnelMetrics(ctx context.Context, region string, q TunnelMetricsQuery) (ConnectionMetrics, error)
	// Changes reads a page of the write events on a resource from
	// CloudTrail, newest first, secrets masked (changes.go).
	Changes(ctx context.Context, region string, q api.ChangeQuery, cur api.Cursor) (api.Page[api.Change], error)
	// TunnelMaintenance reads a tunnel's endpoint maintenance
	// (GetVpnTunnelReplacementStatus; maintenance.go).
	TunnelMaintenance(ctx context.Context, region, vpnID, outsideIP string) (Maintenance, error)
	// EndpointMetrics reads a Client VPN endpoint over a window from
	// CloudWatch (endpoint_metrics.go): its five metrics in one call.
	EndpointMetrics(ctx context.Context, region string, q EndpointMetricsQuery) (EndpointMetrics, error)

	// Raw reads one resource again and returns it as JSON, the way the
	// AWS CLI prints it, secrets masked (raw.go): what v shows.
	Raw(ctx context.Context, region string, r RawRef) ([]byte, error)
}

// ConnectionFilter narrows Connections to a connection or a user, as the
// service filters them.
type ConnectionFilter struct {
	ConnectionID string
	Username     string
}
