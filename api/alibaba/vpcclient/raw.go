package vpcclient

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

var _ alibaba.RawReader = (*Client)(nil)

// Raw asks for one resource again and returns its item, masked. kind is a
// finding's resource kind: connection, gateway, ssl-server, ipsec-server.
func (c *Client) Raw(ctx context.Context, region, kind, id string) ([]byte, error) {
	var req requests.AcsRequest
	var resp responses.AcsResponse
	var pick func(map[string]any) any
	switch kind {
	case "connection":
		r := vpc.CreateDescribeVpnConnectionsRequest()
		r.RegionId, r.VpnConnectionId = region, id
		req, resp = r, vpc.CreateDescribeVpnConnectionsResponse()
		pick = func(m map[string]any) any { return first(dig(m, "VpnConnections", "VpnConnection")) }
	case "gateway":
		r := vpc.CreateDescribeVpnGatewayRequest()
		r.RegionId, r.VpnGatewayId = region, id
		req, resp = r, vpc.CreateDescribeVpnGatewayResponse()
		pick = func(m map[string]any) any { delete(m, "RequestId"); return m }
	case "ssl-server":
		r := vpc.CreateDescribeSslVpnServersRequest()
		r.RegionId, r.SslVpnServerId = region, id
		req, resp = r, vpc.CreateDescribeSslVpnServersResponse()
		pick = func(m map[string]any) any { return first(dig(m, "SslVpnServers", "SslVpnServer")) }
	case "ipsec-server":
		r := vpc.CreateListIpsecServersRequest()
		r.RegionId, r.IpsecServerId = region, &[]string{id}
		req, resp = r, vpc.CreateListIpsecServersResponse()
		pick = func(m map[string]any) any { return first(dig(m, "IpsecServers")) }
	default:
		return nil, fmt.Errorf("no raw view of a %s", kind)
	}
	if err := c.call(ctx, region, req, resp); err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(resp.GetHttpContentBytes(), &m); err != nil {
		return nil, err
	}
	item := pick(m)
	if item == nil {
		return nil, fmt.Errorf("%s %s is not in the answer", kind, id)
	}
	b, err := json.Marshal(item)
	if err != nil {
		return nil, err
	}
	return api.MaskJSON(b)
}

func dig(m map[string]any, path ...string) any {
	var v any = m
	for _, p := range path {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = mm[p]
	}
	return v
}

func first(v any) any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		return l[0]
	}
	return nil
}
