package api

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// FuzzMapping feeds arbitrary bodies through the SDK's lenient decoder and
// then vpnscope's mapping: whatever the SDK accepts, mapping must not panic,
// and it must hold its invariants.
func FuzzMapping(f *testing.F) {
	f.Add([]byte(`{"VpnConnections":{"VpnConnection":[{"VpnConnectionId":"vco-1","Status":"ike_sa_established","TunnelOptionsSpecification":{"TunnelOptions":[{"TunnelId":"tun-1","TunnelBgpConfig":{"PeerAsn":"65530","LocalAsn":"x"},"TunnelIkeConfig":{"IkeLifetime":"86400"}}]}}]}}`))
	f.Add([]byte(`{"VpnConnections":{"VpnConnection":[{"LocalSubnet":",, ,10.0.0.0/8,","VcoHealthCheck":{"Enable":"TRUE"},"VpnBgpConfig":{"PeerAsn":"65530","LocalAsn":65531},"CreateTime":-5}]}}`))
	f.Add([]byte(`{"ClientInfoList":[{"ConnectedTime":"1670985008000","SendBytes":"12"}],"IpsecServers":[{"CreationTime":"nope"}]}`))
	f.Add([]byte(`{"VpnGateways":{"VpnGateway":[{"IpsecVpn":"enable","Tags":{"Tag":[{"TagKey":"k"}]},"CreateTime":1e3}]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		decode := func(into responses.AcsResponse) bool {
			resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
			return responses.Unmarshal(into, resp, "JSON") == nil
		}
		if c := vpc.CreateDescribeVpnConnectionsResponse(); decode(c) {
			for _, v := range c.VpnConnections.VpnConnection {
				m := mapConnection(v)
				if len(m.Tunnels()) == 0 {
					t.Fatal("a connection always has at least one tunnel")
				}
				if m.DualTunnel() != (len(v.TunnelOptionsSpecification.TunnelOptions) > 0) {
					t.Fatal("DualTunnel disagrees with TunnelOptions")
				}
				for _, s := range append(m.LocalSubnets, m.RemoteSubnets...) {
					if s == "" {
						t.Fatal("empty subnet kept")
					}
				}
			}
		}
		if c := vpc.CreateDescribeSslVpnClientsResponse(); decode(c) {
			for _, v := range c.ClientInfoList {
				if m := mapSSLClient(v); m.ConnectedAt.IsZero() != (v.ConnectedTime <= 0) {
					t.Fatal("ConnectedAt disagrees with ConnectedTime")
				}
			}
		}
		if c := vpc.CreateListIpsecServersResponse(); decode(c) {
			for _, v := range c.IpsecServers {
				mapIPsecServer(v)
			}
		}
		if c := vpc.CreateDescribeVpnGatewaysResponse(); decode(c) {
			for _, v := range c.VpnGateways.VpnGateway {
				mapGateway("r", v)
			}
		}
	})
}
