package alibaba

import (
	"context"
	"fmt"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// fakeClient is an in-memory alibaba.Client for property tests and benchmarks,
// where the emulator's HTTP round trips would only add time. Behaviour
// tests use the emulator.
type fakeClient struct {
	gateways    []alibaba.Gateway
	connections []alibaba.Connection
}

func newFakeClient(gateways, connections int) *fakeClient {
	f := &fakeClient{}
	for i := range gateways {
		f.gateways = append(f.gateways, alibaba.Gateway{ID: fmt.Sprintf("vpn-%06d", i), Name: fmt.Sprintf("gw-%d", i),
			Status: "active", IPsecEnabled: true, SSLEnabled: i%2 == 0})
	}
	f.connections = makeConnections(connections)
	return f
}

func makeConnections(n int) []alibaba.Connection {
	statuses := []string{alibaba.StatusIPsecEstablished, alibaba.StatusIKENotEstablished, alibaba.StatusIPsecNotEstablished, alibaba.StatusIKEEstablished}
	out := make([]alibaba.Connection, n)
	for i := range out {
		c := alibaba.Connection{ID: fmt.Sprintf("vco-bp1%018d", i), Name: fmt.Sprintf("to-site-%06d", i),
			Status: statuses[i%4], State: "active", CustomerGatewayID: fmt.Sprintf("cgw-bp1%018d", i),
			LocalSubnets: []string{"10.0.0.0/16"}, RemoteSubnets: []string{"192.168.0.0/24"},
			IKE:   alibaba.IKEConfig{Version: "ikev2", Mode: "main", EncAlg: "aes", AuthAlg: "sha1", DHGroup: "group2", LifetimeSeconds: 86400, PSK: api.NewSecret("secret")},
			IPsec: alibaba.IPsecConfig{EncAlg: "aes", AuthAlg: "sha1", PFS: "group2", LifetimeSeconds: 86400}}
		out[i] = c
	}
	return out
}

func fakePage[T any](all []T, c api.Cursor) api.Page[T] {
	size, number := min(max(c.Size(), 1), 50), max(c.Number(), 1)
	lo := min((number-1)*size, len(all))
	hi := min(lo+size, len(all))
	p := api.Page[T]{Items: all[lo:hi], Total: len(all)}
	if hi < len(all) {
		p.More = true
		p.Next = api.NumberCursor(number+1, c.Size())
	}
	return p
}

func (f *fakeClient) Regions(context.Context) ([]api.Region, error) {
	return []api.Region{{ID: "cn-hangzhou"}, {ID: "us-west-1"}}, nil
}
func (f *fakeClient) Gateways(_ context.Context, _ string, c api.Cursor) (api.Page[alibaba.Gateway], error) {
	return fakePage(f.gateways, c), nil
}
func (f *fakeClient) Gateway(context.Context, string, string) (alibaba.Gateway, error) {
	return f.gateways[0], nil
}
func (f *fakeClient) Connections(_ context.Context, _, _ string, c api.Cursor) (api.Page[alibaba.Connection], error) {
	return fakePage(f.connections, c), nil
}
func (f *fakeClient) CustomerGateways(_ context.Context, _ string, ids []string) ([]alibaba.CustomerGateway, error) {
	out := make([]alibaba.CustomerGateway, len(ids))
	for i, id := range ids {
		out[i] = alibaba.CustomerGateway{ID: id, IP: fmt.Sprintf("203.0.113.%d", 1+i%250), ASN: int64(65000 + i)}
	}
	return out, nil
}
func (f *fakeClient) Connection(_ context.Context, _, id string) (alibaba.Connection, error) {
	for _, c := range f.connections {
		if c.ID == id {
			return c, nil
		}
	}
	return alibaba.Connection{}, &api.Error{Kind: api.KindNotFound, Code: "VpnConnection.NotFound"}
}
func (f *fakeClient) SSLClients(context.Context, string, string, api.Cursor) (api.Page[alibaba.SSLClient], error) {
	return api.Page[alibaba.SSLClient]{Items: []alibaba.SSLClient{{CommonName: "u", IP: "1.2.3.4", Port: "1"}}, Total: 1}, nil
}
func (f *fakeClient) IPsecServers(context.Context, string, string, api.Cursor) (api.Page[alibaba.IPsecServer], error) {
	return api.Page[alibaba.IPsecServer]{Total: 0}, nil
}
func (f *fakeClient) SSLServer(context.Context, string, string) (*alibaba.SSLServer, error) {
	return nil, nil
}
func (f *fakeClient) ConnectionLogs(context.Context, string, alibaba.LogQuery, api.Cursor) (api.Page[string], error) {
	return api.Page[string]{}, nil
}
func (f *fakeClient) CreateSSLServer(context.Context, string, alibaba.SSLServerSpec, string) (alibaba.CreatedSSLServer, error) {
	return alibaba.CreatedSSLServer{}, nil
}
func (f *fakeClient) Diagnose(context.Context, string, string, string) ([]alibaba.ServiceDiagnosis, error) {
	return nil, nil
}

// Changes: the fake has no ActionTrail; it says so as the service would to
// a caller without the permission.
func (f *fakeClient) Changes(context.Context, string, api.ChangeQuery, api.Cursor) (api.Page[api.Change], error) {
	return api.Page[api.Change]{}, api.ProviderError("LookupEvents", api.KindPermission, 403, "Forbidden.RAM", "not authorized", "", "")
}

func (f *fakeClient) VPNRoutes(context.Context, string, alibaba.RouteQuery, api.Cursor) (api.Page[alibaba.VPNRoute], error) {
	return api.Page[alibaba.VPNRoute]{}, nil
}
func (f *fakeClient) RouteTableList(context.Context, string, alibaba.RouteTableQuery, api.Cursor) (api.Page[alibaba.RouteTable], error) {
	return api.Page[alibaba.RouteTable]{}, nil
}
func (f *fakeClient) RouteEntries(context.Context, string, alibaba.RouteEntryQuery, api.Cursor) (api.Page[alibaba.RouteEntry], error) {
	return api.Page[alibaba.RouteEntry]{}, nil
}
