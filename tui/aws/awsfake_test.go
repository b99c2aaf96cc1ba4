package aws

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"

	ui "github.com/vpnscope/vpnscope/tui/ui"

	tui "github.com/vpnscope/vpnscope/tui"
)

// fakeAWS is an aws.Client in memory: one endpoint with no target network
// and two connections of one user; it records what was terminated.
type fakeAWS struct {
	mu         sync.Mutex
	calls      map[string]int
	terminated [][2]string // connection id, username
}

var fakeEndpoint = aws.Endpoint{ID: "cvpn-endpoint-0fake", Name: "fake-vpn", Status: "pending-associate",
	ClientCIDR: "10.99.0.0/22", Transport: "udp", Port: 443}

func (f *fakeAWS) Count(action string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[action]++
}

func (f *fakeAWS) Endpoints(context.Context, string, api.Cursor) (api.Page[aws.Endpoint], error) {
	f.Count("Endpoints")
	return api.Page[aws.Endpoint]{Items: []aws.Endpoint{fakeEndpoint}, Total: 1}, nil
}

func (f *fakeAWS) Connections(context.Context, string, string, aws.ConnectionFilter, api.Cursor) (api.Page[aws.Connection], error) {
	f.Count("Connections")
	at := tuitest.FixedNow.Add(-time.Hour)
	return api.Page[aws.Connection]{Items: []aws.Connection{
		{ID: "cvpn-connection-1", EndpointID: fakeEndpoint.ID, Username: "ana", ClientIP: "10.99.0.2", Status: "active", Established: at},
		{ID: "cvpn-connection-2", EndpointID: fakeEndpoint.ID, Username: "ana", ClientIP: "10.99.0.3", Status: "active", Established: at},
	}, Total: 2}, nil
}

func (f *fakeAWS) TargetNetworks(context.Context, string, string, api.Cursor) (api.Page[aws.TargetNetwork], error) {
	f.Count("TargetNetworks")
	return api.Page[aws.TargetNetwork]{Total: 0}, nil
}

func (f *fakeAWS) Routes(context.Context, string, string, api.Cursor) (api.Page[aws.Route], error) {
	return api.Page[aws.Route]{Total: 0}, nil
}

func (f *fakeAWS) AuthorizationRules(context.Context, string, string, api.Cursor) (api.Page[aws.AuthorizationRule], error) {
	return api.Page[aws.AuthorizationRule]{Total: 0}, nil
}

func (f *fakeAWS) Terminate(_ context.Context, _, _, connectionID, username string) ([]aws.Termination, error) {
	f.Count("Terminate")
	f.mu.Lock()
	f.terminated = append(f.terminated, [2]string{connectionID, username})
	f.mu.Unlock()
	return []aws.Termination{{ConnectionID: "cvpn-connection-1", Previous: "active", Current: "terminating"}}, nil
}

func newFakeAWSHarness(t *testing.T, f *fakeAWS) *harness {
	t.Helper()
	hr := tuitest.New(t, 120, 30, tui.Config{Providers: []ui.Provider{NewProvider(f, "us-east-1", "fake")}})
	return &harness{Harness: hr, client: f}
}

// Against a fake: an endpoint with no subnet says why clients cannot
// connect, and ctrl+u cuts every connection of the user by username, then
// reads the connections again.
func TestAWSPanesOnAFake(t *testing.T) {
	f := &fakeAWS{}
	h := newFakeAWSHarness(t, f)
	h.MustShow("AWS › us-east-1", "fake-vpn", "pending-associate")
	h.Keys("enter")
	h.MustShow("fake-vpn", "No target network is associated", "ana")
	before := f.calls["Connections"]
	h.Keys("ctrl+u")
	h.MustShow("y yes  n no  Terminate every active connection of ana (2 loaded)?")
	h.Keys("y")
	if len(f.terminated) != 1 || f.terminated[0] != [2]string{"", "ana"} {
		t.Fatalf("terminated %v, want every connection of ana by username", f.terminated)
	}
	if f.calls["Connections"] != before+1 {
		t.Fatalf("%d connection reads after terminating, want one more", f.calls["Connections"]-before)
	}
}

// Raw answers with the id it was asked for.
func (f *fakeAWS) Raw(_ context.Context, _ string, r aws.RawRef) ([]byte, error) {
	f.Count("Raw")
	return []byte("{\n  \"Id\": \"" + r.ID + "\"\n}"), nil
}
