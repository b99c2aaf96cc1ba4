package alibaba_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// One token per request: a retry of the same request reuses it; a request
// changed after it was sent gets a new one, once.
func TestCreationRenewsTheTokenOnlyForAChangedRequest(t *testing.T) {
	n := 0
	c := alibaba.NewCreation(func() string { n++; return fmt.Sprintf("t%d", n) })
	spec := goodSpec("vpn-1")
	c.Changed(spec)
	if c.Token() != "t1" {
		t.Fatalf("editing before any submit renewed the token: %s", c.Token())
	}
	c.Sending(spec)
	c.Changed(spec)
	if c.Token() != "t1" {
		t.Fatalf("the same request after a send got %s", c.Token())
	}
	other := spec
	other.Port = 443
	c.Changed(other)
	c.Changed(spec)
	if c.Token() != "t2" {
		t.Fatalf("a changed request got %s, want t2 (renewed once)", c.Token())
	}
}

// A refusal lands on its field; what a retry may fix is retried instead.
func TestRefusalNamesItsField(t *testing.T) {
	for _, tc := range []struct {
		err   error
		field string
		retry bool
	}{
		{api.ProviderError("CreateSslVpnServer", api.KindInvalid, 400, "IpConflict", "", "", ""), alibaba.FieldClientIPPool, false},
		{api.ProviderError("CreateSslVpnServer", api.KindInvalid, 400, "SslVpnServerPort.Illegal", "", "", ""), alibaba.FieldPort, false},
		{api.ProviderError("CreateSslVpnServer", api.KindThrottled, 400, "Throttling", "", "", ""), "", true},
		{api.ProviderError("CreateSslVpnServer", api.KindServer, 503, "ServiceUnavailable", "", "", ""), "", true},
		{api.TransportError("CreateSslVpnServer", context.DeadlineExceeded), "", true},
		{errors.New("not an api.Error"), "", true},
	} {
		_, field, retry := alibaba.Refusal(tc.err)
		if field != tc.field || retry != tc.retry {
			t.Errorf("%v: field %q retry %v, want %q %v", tc.err, field, retry, tc.field, tc.retry)
		}
	}
}

// Submit, then poll: the gateway updates, then is active with its server.
func TestCreationSubmitAndPollThroughTheSDK(t *testing.T) {
	r := newRig(t, emulator.Config{UpdateDuration: 100 * time.Millisecond}, vpcclient.Options{})
	ctx := context.Background()
	gw := gatewayNamed(t, r, "staging-hz")
	c := alibaba.NewCreation(func() string { return "token-1" })
	spec := goodSpec(gw.ID)
	c.Sending(spec)
	created, err := alibaba.Submit(ctx, r.client, hz, spec, c.Token(), 5*time.Second)
	if err != nil || created.ID == "" {
		t.Fatalf("submit: %+v, %v", created, err)
	}
	g, server, err := alibaba.Poll(ctx, r.client, hz, gw.ID)
	if err != nil || g.Status != "updating" || server != nil {
		t.Fatalf("right after create: %q, %v, %v", g.Status, server, err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for g.Status == "updating" && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		if g, server, err = alibaba.Poll(ctx, r.client, hz, gw.ID); err != nil {
			t.Fatal(err)
		}
	}
	if g.Status != "active" || server == nil || server.ID != created.ID {
		t.Fatalf("after waiting: %q, %+v", g.Status, server)
	}
	// The same token again answers with the first result, not a second server.
	again, err := alibaba.Submit(ctx, r.client, hz, spec, c.Token(), 5*time.Second)
	if err != nil || again.ID != created.ID {
		t.Fatalf("resubmit with the same token: %+v, %v", again, err)
	}
}
