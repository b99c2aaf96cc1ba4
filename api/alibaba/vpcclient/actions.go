package vpcclient

import (
	"context"
	"strings"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// The alibaba.Client methods of Client: build the SDK request, call, map.

var _ alibaba.Client = (*Client)(nil)

func (c *Client) Regions(ctx context.Context) ([]api.Region, error) {
	req := vpc.CreateDescribeRegionsRequest()
	req.AcceptLanguage = "en-US" // names in English; the service's default is Chinese
	resp := vpc.CreateDescribeRegionsResponse()
	if err := c.call(ctx, "", req, resp); err != nil {
		return nil, err
	}
	out := make([]api.Region, 0, len(resp.Regions.Region))
	for _, r := range resp.Regions.Region {
		out = append(out, api.Region{ID: r.RegionId, LocalName: r.LocalName, Endpoint: r.RegionEndpoint})
	}
	return api.Scrubbed(out), nil
}

func (c *Client) Gateways(ctx context.Context, region string, cur api.Cursor) (api.Page[alibaba.Gateway], error) {
	req := vpc.CreateDescribeVpnGatewaysRequest()
	req.RegionId = region
	req.PageNumber, req.PageSize = pageParams(cur)
	resp := vpc.CreateDescribeVpnGatewaysResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return api.Page[alibaba.Gateway]{}, err
	}
	if err := checkRows("DescribeVpnGateways", len(resp.VpnGateways.VpnGateway), askedSize(cur), resp.RequestId); err != nil {
		return api.Page[alibaba.Gateway]{}, err
	}
	items := make([]alibaba.Gateway, 0, len(resp.VpnGateways.VpnGateway))
	for _, g := range resp.VpnGateways.VpnGateway {
		items = append(items, mapGateway(region, g))
	}
	return numberedPage(items, cur, resp.TotalCount), nil
}

func (c *Client) Gateway(ctx context.Context, region, gatewayID string) (alibaba.Gateway, error) {
	req := vpc.CreateDescribeVpnGatewayRequest()
	req.RegionId = region
	req.VpnGatewayId = gatewayID
	resp := vpc.CreateDescribeVpnGatewayResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return alibaba.Gateway{}, err
	}
	return api.Scrubbed(mapGatewayDetail(region, resp)), nil
}

// Connections lists a gateway's (or a region's) connections. For a
// gateway's, the screen asks next for the customer gateways they name, so
// the region's first page of them is read beside (cgw_cache.go); a
// region's whole list (the problems scan) has no use for them.
func (c *Client) Connections(ctx context.Context, region, gatewayID string, cur api.Cursor) (api.Page[alibaba.Connection], error) {
	if gatewayID != "" {
		c.cgws.prefetch(ctx, region, c.customerGatewaysPage(region))
	}
	req := vpc.CreateDescribeVpnConnectionsRequest()
	req.RegionId = region
	req.VpnGatewayId = gatewayID
	req.PageNumber, req.PageSize = pageParams(cur)
	resp := vpc.CreateDescribeVpnConnectionsResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return api.Page[alibaba.Connection]{}, err
	}
	if err := checkRows("DescribeVpnConnections", len(resp.VpnConnections.VpnConnection), askedSize(cur), resp.RequestId); err != nil {
		return api.Page[alibaba.Connection]{}, err
	}
	items := make([]alibaba.Connection, 0, len(resp.VpnConnections.VpnConnection))
	for _, v := range resp.VpnConnections.VpnConnection {
		items = append(items, mapConnection(v))
	}
	return numberedPage(items, cur, resp.TotalCount), nil
}

func (c *Client) Connection(ctx context.Context, region, connectionID string) (alibaba.Connection, error) {
	req := vpc.CreateDescribeVpnConnectionsRequest()
	req.RegionId = region
	req.VpnConnectionId = connectionID
	resp := vpc.CreateDescribeVpnConnectionsResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return alibaba.Connection{}, err
	}
	for _, v := range resp.VpnConnections.VpnConnection {
		if v.VpnConnectionId == connectionID {
			return api.Scrubbed(mapConnection(v)), nil
		}
	}
	// The service answers an unknown id with an empty list, not an error.
	return alibaba.Connection{}, &api.Error{Action: "DescribeVpnConnections", Kind: api.KindNotFound, Code: "VpnConnection.NotFound",
		Message: "no connection " + connectionID + " in " + region, RequestID: resp.RequestId}
}

// CustomerGateways returns the region's customer gateways with those ids,
// from the pages read so far, reading more only while an id is missing.
func (c *Client) CustomerGateways(ctx context.Context, region string, ids []string) ([]alibaba.CustomerGateway, error) {
	return c.cgws.lookup(ctx, region, ids, c.customerGatewaysPage(region))
}

// customerGatewaysPage reads one page of a region's customer gateways, the
// most a page holds (PageSize 1 to 50: DescribeCustomerGateways).
func (c *Client) customerGatewaysPage(region string) cgwPage {
	return func(ctx context.Context, n int) ([]alibaba.CustomerGateway, bool, int, error) {
		cur := api.NumberCursor(n, alibaba.MaxPageSize)
		req := vpc.CreateDescribeCustomerGatewaysRequest()
		req.RegionId = region
		req.PageNumber, req.PageSize = pageParams(cur)
		resp := vpc.CreateDescribeCustomerGatewaysResponse()
		if err := c.call(ctx, region, req, resp); err != nil {
			return nil, false, 0, err
		}
		got := resp.CustomerGateways.CustomerGateway
		if err := checkRows("DescribeCustomerGateways", len(got), askedSize(cur), resp.RequestId); err != nil {
			return nil, false, 0, err
		}
		items := make([]alibaba.CustomerGateway, 0, len(got))
		for _, g := range got {
			items = append(items, mapCustomerGateway(g))
		}
		p := numberedPage(items, cur, resp.TotalCount)
		last := 0
		if p.Total > 0 {
			last = (p.Total + alibaba.MaxPageSize - 1) / alibaba.MaxPageSize
		}
		return p.Items, p.More, last, nil
	}
}

func (c *Client) SSLClients(ctx context.Context, region, gatewayID string, cur api.Cursor) (api.Page[alibaba.SSLClient], error) {
	req := vpc.CreateDescribeSslVpnClientsRequest()
	req.RegionId = region
	req.VpnGatewayId = gatewayID
	req.PageNumber, req.PageSize = pageParams(cur)
	resp := vpc.CreateDescribeSslVpnClientsResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return api.Page[alibaba.SSLClient]{}, err
	}
	if err := checkRows("DescribeSslVpnClients", len(resp.ClientInfoList), askedSize(cur), resp.RequestId); err != nil {
		return api.Page[alibaba.SSLClient]{}, err
	}
	items := make([]alibaba.SSLClient, 0, len(resp.ClientInfoList))
	for _, v := range resp.ClientInfoList {
		items = append(items, mapSSLClient(v))
	}
	return numberedPage(items, cur, resp.TotalCount), nil
}

func (c *Client) IPsecServers(ctx context.Context, region, gatewayID string, cur api.Cursor) (api.Page[alibaba.IPsecServer], error) {
	req := vpc.CreateListIpsecServersRequest()
	req.RegionId = region
	req.VpnGatewayId = gatewayID
	asked := clampSize(cur.Size(), alibaba.MaxResultCap)
	req.MaxResults = requests.NewInteger(asked)
	req.NextToken = cur.Token()
	resp := vpc.CreateListIpsecServersResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return api.Page[alibaba.IPsecServer]{}, err
	}
	if err := checkRows("ListIpsecServers", len(resp.IpsecServers), asked, resp.RequestId); err != nil {
		return api.Page[alibaba.IPsecServer]{}, err
	}
	items := make([]alibaba.IPsecServer, 0, len(resp.IpsecServers))
	for _, v := range resp.IpsecServers {
		items = append(items, mapIPsecServer(v))
	}
	return tokenPage(items, cur, resp.NextToken, resp.TotalCount), nil
}

func (c *Client) SSLServer(ctx context.Context, region, gatewayID string) (*alibaba.SSLServer, error) {
	req := vpc.CreateDescribeSslVpnServersRequest()
	req.RegionId = region
	req.VpnGatewayId = gatewayID
	resp := vpc.CreateDescribeSslVpnServersResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return nil, err
	}
	for _, v := range resp.SslVpnServers.SslVpnServer {
		if v.VpnGatewayId == gatewayID || gatewayID == "" {
			s := mapSSLServer(v)
			return api.Scrubbed(&s), nil
		}
	}
	return nil, nil
}

func (c *Client) ConnectionLogs(ctx context.Context, region string, q alibaba.LogQuery, cur api.Cursor) (api.Page[string], error) {
	req := vpc.CreateDescribeVpnConnectionLogsRequest()
	req.RegionId = region
	req.VpnConnectionId = q.ConnectionID
	req.TunnelId = q.TunnelID
	req.From = requests.NewInteger64(q.From.Unix())
	req.To = requests.NewInteger64(q.To.Unix())
	req.PageNumber, req.PageSize = pageParams(cur)
	resp := vpc.CreateDescribeVpnConnectionLogsResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return api.Page[string]{}, err
	}
	if err := checkRows("DescribeVpnConnectionLogs", len(resp.Data.Logs), askedSize(cur), resp.RequestId); err != nil {
		return api.Page[string]{}, err
	}
	p := numberedPage(resp.Data.Logs, cur, resp.Count)
	if resp.IsCompleted {
		p.More, p.Next = false, api.Cursor{}
	}
	return p, nil
}

func (c *Client) CreateSSLServer(ctx context.Context, region string, s alibaba.SSLServerSpec, clientToken string) (alibaba.CreatedSSLServer, error) {
	s = s.Normalized()
	req := vpc.CreateCreateSslVpnServerRequest()
	req.RegionId = region
	req.ClientToken = clientToken
	req.VpnGatewayId = s.GatewayID
	req.Name = s.Name
	req.ClientIpPool = s.ClientIPPool
	req.LocalSubnet = strings.Join(s.LocalSubnets, ",")
	req.Proto = s.Proto
	req.Cipher = s.Cipher
	if s.Port != 0 {
		req.Port = requests.NewInteger(s.Port)
	}
	req.Compress = requests.NewBoolean(s.Compress)
	req.EnableMultiFactorAuth = requests.NewBoolean(s.MFA)
	if s.MFA {
		req.IDaaSInstanceId = s.IDaaSInstanceID
		req.IDaaSRegionId = s.IDaaSRegionID
	}
	resp := vpc.CreateCreateSslVpnServerResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return alibaba.CreatedSSLServer{}, err
	}
	return api.Scrubbed(alibaba.CreatedSSLServer{ID: resp.SslVpnServerId, Name: resp.Name, RequestID: resp.RequestId}), nil
}

func (c *Client) Diagnose(ctx context.Context, region, gatewayID, connectionID string) ([]alibaba.ServiceDiagnosis, error) {
	req := vpc.CreateDiagnoseVpnConnectionsRequest()
	req.RegionId = region
	req.VpnGatewayId = gatewayID
	req.VpnConnectionIds = &[]string{connectionID}
	req.PageSize = requests.NewInteger(alibaba.MaxPageSize)
	resp := vpc.CreateDiagnoseVpnConnectionsResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return nil, err
	}
	if err := checkRows("DiagnoseVpnConnections", len(resp.VpnConnections), alibaba.MaxPageSize, resp.RequestId); err != nil {
		return nil, err
	}
	out := make([]alibaba.ServiceDiagnosis, 0, len(resp.VpnConnections))
	for _, v := range resp.VpnConnections {
		out = append(out, alibaba.ServiceDiagnosis{
			ConnectionID: v.VpnConnectionId, TunnelID: v.TunnelId, Severity: v.Severity,
			Code: v.FailedReasonCode, Reason: v.FailedReason, FailedAt: fromMillis(v.FailedTime),
			SourceLog: v.SourceLog, MismatchLocal: v.MismatchLocalParam, MismatchRemote: v.MismatchRemoteParam,
		})
	}
	return api.Scrubbed(out), nil
}

func pageParams(c api.Cursor) (number, size requests.Integer) {
	n := max(c.Number(), 1)
	return requests.NewInteger(n), requests.NewInteger(askedSize(c))
}
