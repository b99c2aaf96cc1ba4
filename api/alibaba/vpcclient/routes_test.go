package vpcclient_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// A BGP route is one the bgp list gives, whatever the answer's own
// RouteEntryType says: the SDK for Java documents that field as Custom or
// System, the reference page as custom or bgp. A connection routed by BGP
// alone is routed, not "no route".
func TestARouteIsOfTheKindAskedFor(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"RequestId":"r-1","TotalCount":1,"PageNumber":1,"PageSize":50,"VpnRouteEntries":{"VpnRouteEntry":[` +
			`{"VpnInstanceId":"vpn-1","RouteDest":"192.168.1.0/24","NextHop":"vco-1","Weight":100,"State":"published","RouteEntryType":"System","AsPath":"65001"}]}}`))
	}))
	defer srv.Close()
	c, err := vpcclient.New("cn-hangzhou", vpcclient.Options{Endpoint: srv.URL,
		Credential: credentials.NewStaticAKCredentialsProvider("id", "secret"), Retry: api.RetryPolicy{Attempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.VPNRoutes(context.Background(), "cn-hangzhou", alibaba.RouteQuery{GatewayID: "vpn-1", Kind: alibaba.RouteBGP}, api.FirstPage(50))
	if err != nil || len(p.Items) != 1 || p.Items[0].Kind != alibaba.RouteBGP || !p.Items[0].Published() {
		t.Fatalf("%+v, %v", p.Items, err)
	}
	conn := alibaba.Connection{ID: "vco-1", GatewayID: "vpn-1", State: "active", Status: alibaba.StatusIPsecEstablished,
		RemoteSubnets: []string{"192.168.1.0/24"}, BGP: alibaba.BGPConfig{Enabled: true}}
	gr := alibaba.ReadGatewayRoutes(context.Background(), c, alibaba.Direct, "cn-hangzhou", alibaba.Gateway{ID: "vpn-1"}, []string{alibaba.RouteBGP}, false)
	if got := alibaba.SubnetPaths(gr.Path(alibaba.Gateway{ID: "vpn-1"}, conn)); len(got) != 1 || len(got[0].Gateway) != 1 {
		t.Fatalf("the BGP route was not kept: %+v", got)
	}
}
