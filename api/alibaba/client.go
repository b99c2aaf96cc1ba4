// Package alibaba is the Alibaba Cloud provider: VPN gateways, IPsec
// connections and tunnels, SSL-VPN clients and servers, IPsec servers,
// in domain types; the phase model, the problems scan and the
// CreateSslVpnServer rules. The Client on alibaba-cloud-sdk-go's VPC is in
// vpcclient/, its emulator in emulator/.
package alibaba

import (
	"context"

	"github.com/vpnscope/vpnscope/api"
)

// Client is everything the TUI asks of a cloud, in domain types. Every call
// takes a context and returns an *Error on failure. Region is an argument,
// not client state, so switching region needs no new client.
type Client interface {
	Regions(ctx context.Context) ([]api.Region, error)
	Gateways(ctx context.Context, region string, c api.Cursor) (api.Page[Gateway], error)
	Gateway(ctx context.Context, region, gatewayID string) (Gateway, error)
	// Connections lists a gateway's connections; an empty gatewayID lists
	// every connection of the region, those attached to a transit router
	// (no gateway) included.
	Connections(ctx context.Context, region, gatewayID string, c api.Cursor) (api.Page[Connection], error)
	// CustomerGateways returns the customer gateways with those ids that
	// the region has (an id it has none of is left out), read a page of
	// the region's at a time and kept briefly, so a page of connections
	// costs no call per row (vpcclient/cgw_cache.go).
	CustomerGateways(ctx context.Context, region string, ids []string) ([]CustomerGateway, error)
	// Connection finds one connection by id in a region; a KindNotFound
	// error when the region has none.
	Connection(ctx context.Context, region, connectionID string) (Connection, error)
	SSLClients(ctx context.Context, region, gatewayID string, c api.Cursor) (api.Page[SSLClient], error)
	// IPsecServers pages with tokens; an empty gatewayID lists the region's.
	IPsecServers(ctx context.Context, region, gatewayID string, c api.Cursor) (api.Page[IPsecServer], error)
	// SSLServer returns the gateway's SSL-VPN server, or nil when it has none.
	SSLServer(ctx context.Context, region, gatewayID string) (*SSLServer, error)
	ConnectionLogs(ctx context.Context, region string, q LogQuery, c api.Cursor) (api.Page[string], error)
	// Diagnose returns the service's diagnosis of a connection, one record
	// per tunnel for a dual-tunnel connection.
	Diagnose(ctx context.Context, region, gatewayID, connectionID string) ([]ServiceDiagnosis, error)
	// CreateSSLServer sends CreateSslVpnServer once per clientToken: the
	// service answers a repeated token with the first result.
	CreateSSLServer(ctx context.Context, region string, spec SSLServerSpec, clientToken string) (CreatedSSLServer, error)
	// Changes reads a page of the write events on a gateway or connection
	// from ActionTrail, newest first, secrets masked (changes.go).
	Changes(ctx context.Context, region string, q api.ChangeQuery, cur api.Cursor) (api.Page[api.Change], error)
	// The route path's reads, a page each (routepath.go; ReadGatewayRoutes
	// walks them): a VPN gateway's routes of one kind, a VPC's route
	// tables, a table's entries whose next hop is a gateway. Each page is
	// kept briefly (vpcclient/routes.go) unless the query is Fresh.
	VPNRoutes(ctx context.Context, region string, q RouteQuery, c api.Cursor) (api.Page[VPNRoute], error)
	RouteTableList(ctx context.Context, region string, q RouteTableQuery, c api.Cursor) (api.Page[RouteTable], error)
	RouteEntries(ctx context.Context, region string, q RouteEntryQuery, c api.Cursor) (api.Page[RouteEntry], error)
}
