package vpcclient

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// noLeak fails when secret shows in any fmt rendering of v. Secrets too
// short to tell from other text, or that the body also carries in another
// field, are not judged.
func noLeak(t *testing.T, body []byte, secret string, v any) {
	t.Helper()
	if len(secret) < 6 || strings.Trim(secret, "•") == "" || bytes.Count(body, []byte(secret)) != 1 {
		return
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if strings.Contains(fmt.Sprintf(verb, v), secret) {
			t.Fatalf("secret %q shows through %s", secret, verb)
		}
	}
}

// FuzzMapping feeds arbitrary bodies through the SDK's lenient decoder and
// then vpnscope's mapping: whatever the SDK accepts, mapping must not panic,
// and it must hold its invariants.
func FuzzMapping(f *testing.F) {
	f.Add([]byte(`{"VpnConnections":{"VpnConnection":[{"VpnConnectionId":"vco-1","Status":"ike_sa_established","TunnelOptionsSpecification":{"TunnelOptions":[{"TunnelId":"tun-1","TunnelBgpConfig":{"PeerAsn":"65530","LocalAsn":"x"},"TunnelIkeConfig":{"IkeLifetime":"86400"}}]}}]}}`))
	f.Add([]byte(`{"VpnConnections":{"VpnConnection":[{"LocalSubnet":",, ,10.0.0.0/8,","VcoHealthCheck":{"Enable":"TRUE"},"VpnBgpConfig":{"PeerAsn":"65530","LocalAsn":65531},"CreateTime":-5}]}}`))
	f.Add([]byte(`{"VpnConnections":{"VpnConnection":[{"VpnConnectionId":"vco-2","IkeConfig":{"Psk":"s3cr3t-psk-value"},"VpnBgpConfig":{"AuthKey":"bgp-auth-key-9"}}]}}`))
	f.Add([]byte(`{"IpsecServers":[{"IpsecServerId":"iss-1","Psk":"server-psk-123","LocalSubnet":"10.0.0.0/8,,"}]}`))
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
				if m.ID != v.VpnConnectionId || m.Status != v.Status {
					t.Fatal("identity or status changed in mapping")
				}
				// Pre-shared and BGP keys never show through any print.
				noLeak(t, body, v.IkeConfig.Psk, m)
				noLeak(t, body, v.VpnBgpConfig.AuthKey, m)
				for _, o := range v.TunnelOptionsSpecification.TunnelOptions {
					noLeak(t, body, o.TunnelIkeConfig.Psk, m)
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
				m := mapIPsecServer(v)
				if m.ID != v.IpsecServerId || m.OnlineClients != v.OnlineClientCount || m.MaxConnections != v.MaxConnections {
					t.Fatal("identity or counts changed in mapping")
				}
				if slices.Contains(m.LocalSubnets, "") {
					t.Fatal("empty subnet kept")
				}
				noLeak(t, body, v.Psk, m)
			}
		}
		if c := vpc.CreateDescribeVpnGatewaysResponse(); decode(c) {
			for _, v := range c.VpnGateways.VpnGateway {
				m := mapGateway("r", v)
				if m.ID != v.VpnGatewayId || m.RegionID != "r" || m.SSLMaxConnections != int(v.SslMaxConnections) {
					t.Fatal("identity changed in mapping")
				}
				if m.IPsecEnabled != enabled(v.IpsecVpn) || m.SSLEnabled != enabled(v.SslVpn) {
					t.Fatal("on/off read wrong")
				}
				if m.Created.IsZero() != (v.CreateTime <= 0) || len(m.Tags) != len(v.Tags.Tag) {
					t.Fatal("created time or tags lost")
				}
			}
		}
	})
}
