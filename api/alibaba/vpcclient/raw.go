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
	var pick func(body []byte) (json.RawMessage, error)
	var omit []string
	switch kind {
	case "connection":
		r := vpc.CreateDescribeVpnConnectionsRequest()
		r.RegionId, r.VpnConnectionId = region, id
		req, resp = r, vpc.CreateDescribeVpnConnectionsResponse()
		pick = firstAt("VpnConnections", "VpnConnection")
	case "gateway":
		r := vpc.CreateDescribeVpnGatewayRequest()
		r.RegionId, r.VpnGatewayId = region, id
		req, resp = r, vpc.CreateDescribeVpnGatewayResponse()
		pick, omit = whole, []string{"RequestId"}
	case "ssl-server":
		r := vpc.CreateDescribeSslVpnServersRequest()
		r.RegionId, r.SslVpnServerId = region, id
		req, resp = r, vpc.CreateDescribeSslVpnServersResponse()
		pick = firstAt("SslVpnServers", "SslVpnServer")
	case "ipsec-server":
		r := vpc.CreateListIpsecServersRequest()
		r.RegionId, r.IpsecServerId = region, &[]string{id}
		req, resp = r, vpc.CreateListIpsecServersResponse()
		pick = firstAt("IpsecServers")
	default:
		return nil, fmt.Errorf("no raw view of a %s", kind)
	}
	if err := c.call(ctx, region, req, resp); err != nil {
		return nil, err
	}
	item, err := pick(resp.GetHttpContentBytes())
	if err != nil {
		return nil, err
	}
	if item == nil {
		return nil, fmt.Errorf("%s %s is not in the answer", kind, id)
	}
	return api.MaskJSON(item, omit...)
}

// whole is the answer itself.
func whole(body []byte) (json.RawMessage, error) { return body, nil }

// firstAt is the first item of the list at path, as the service wrote it
// (raw, so its keys keep their order); nil when the list is empty.
func firstAt(path ...string) func([]byte) (json.RawMessage, error) {
	return func(body []byte) (json.RawMessage, error) {
		v := json.RawMessage(body)
		for _, p := range path {
			var m map[string]json.RawMessage
			if err := json.Unmarshal(v, &m); err != nil {
				return nil, err
			}
			if v = m[p]; v == nil {
				return nil, nil
			}
		}
		var items []json.RawMessage
		if err := json.Unmarshal(v, &items); err != nil || len(items) == 0 {
			return nil, err
		}
		return items[0], nil
	}
}
