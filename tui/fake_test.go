package tui

import (
	"context"
	"fmt"

	"github.com/vpnscope/vpnscope/api"
)

// fakeClient is an in-memory api.Client for property tests and benchmarks,
// where the emulator's HTTP round trips would only add time. Behaviour
// tests use the emulator.
type fakeClient struct {
	gateways    []api.Gateway
	connections []api.Connection
}

func newFakeClient(gateways, connections int) *fakeClient {
	f := &fakeClient{}
	for i := range gateways {
		f.gateways = append(f.gateways, api.Gateway{ID: fmt.Sprintf("vpn-%06d", i), Name: fmt.Sprintf("gw-%d", i),
			Status: "active", IPsecEnabled: true, SSLEnabled: i%2 == 0})
	}
	f.connections = makeConnections(connections)
	return f
}

func makeConnections(n int) []api.Connection {
	statuses := []string{api.StatusIPsecEstablished, api.StatusIKENotEstablished, api.StatusIPsecNotEstablished, api.StatusIKEEstablished}
	out := make([]api.Connection, n)
	for i := range out {
		c := api.Connection{ID: fmt.Sprintf("vco-bp1%018d", i), Name: fmt.Sprintf("to-site-%06d", i),
			Status: statuses[i%4], State: "active", CustomerGatewayID: fmt.Sprintf("cgw-bp1%018d", i),
			LocalSubnets: []string{"10.0.0.0/16"}, RemoteSubnets: []string{"192.168.0.0/24"},
			IKE:   api.IKEConfig{Version: "ikev2", Mode: "main", EncAlg: "aes", AuthAlg: "sha1", DHGroup: "group2", LifetimeSeconds: 86400, PSK: api.NewSecret("secret")},
			IPsec: api.IPsecConfig{EncAlg: "aes", AuthAlg: "sha1", PFS: "group2", LifetimeSeconds: 86400}}
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
func (f *fakeClient) Gateways(_ context.Context, _ string, c api.Cursor) (api.Page[api.Gateway], error) {
	return fakePage(f.gateways, c), nil
}
func (f *fakeClient) Gateway(context.Context, string, string) (api.Gateway, error) {
	return f.gateways[0], nil
}
func (f *fakeClient) Connections(_ context.Context, _, _ string, c api.Cursor) (api.Page[api.Connection], error) {
	return fakePage(f.connections, c), nil
}
func (f *fakeClient) Connection(_ context.Context, _, id string) (api.Connection, error) {
	for _, c := range f.connections {
		if c.ID == id {
			return c, nil
		}
	}
	return api.Connection{}, &api.Error{Kind: api.KindNotFound, Code: "VpnConnection.NotFound"}
}
func (f *fakeClient) SSLClients(context.Context, string, string, api.Cursor) (api.Page[api.SSLClient], error) {
	return api.Page[api.SSLClient]{Items: []api.SSLClient{{CommonName: "u", IP: "1.2.3.4", Port: "1"}}, Total: 1}, nil
}
func (f *fakeClient) IPsecServers(context.Context, string, string, api.Cursor) (api.Page[api.IPsecServer], error) {
	return api.Page[api.IPsecServer]{Total: 0}, nil
}
func (f *fakeClient) SSLServer(context.Context, string, string) (*api.SSLServer, error) {
	return nil, nil
}
func (f *fakeClient) ConnectionLogs(context.Context, string, api.LogQuery, api.Cursor) (api.Page[string], error) {
	return api.Page[string]{}, nil
}
func (f *fakeClient) CreateSSLServer(context.Context, string, api.SSLServerSpec, string) (api.CreatedSSLServer, error) {
	return api.CreatedSSLServer{}, nil
}
func (f *fakeClient) Diagnose(context.Context, string, string, string) ([]api.ServiceDiagnosis, error) {
	return nil, nil
}
