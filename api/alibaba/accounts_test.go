package alibaba_test

import (
	"context"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// The emulator serves each further key pair as an account of its own
// (issue 26): through the real SDK, what one account creates the other
// never lists, both answer from one listener, and a key pair no account
// has is refused as the service refuses it.
func TestEachKeyPairIsAnAccountOfItsOwn(t *testing.T) {
	second := emulator.DemoKeyPair(2)
	r := newRig(t, emulator.Config{Accounts: []emulator.KeyPair{second}}, vpcclient.Options{})
	other, err := vpcclient.New(hz, vpcclient.Options{Endpoint: r.emu.URL, Retry: fastRetry,
		Credential: credentials.NewStaticAKCredentialsProvider(second.AccessKeyID, second.AccessKeySecret)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	gw := gatewayNamed(t, r, "staging-hz")
	if _, err := other.CreateSSLServer(ctx, hz, goodSpec(gw.ID), "token-1"); err != nil {
		t.Fatalf("the second account creates on its own gateway: %v", err)
	}
	if s, err := other.SSLServer(ctx, hz, gw.ID); err != nil || s == nil {
		t.Fatalf("the second account does not see what it created: %+v, %v", s, err)
	}
	if s, err := r.client.SSLServer(ctx, hz, gw.ID); err != nil || s != nil {
		t.Errorf("the first account sees the second's server: %+v, %v", s, err)
	}
	if got := r.emu.Accounts(); len(got) != 2 || got[1] != second {
		t.Errorf("accounts served: %+v", got)
	}
	stranger, _ := vpcclient.New(hz, vpcclient.Options{Endpoint: r.emu.URL, Retry: fastRetry,
		Credential: credentials.NewStaticAKCredentialsProvider(emulator.DemoKeyPair(3).AccessKeyID, "x")})
	if _, err := stranger.Gateway(ctx, hz, gw.ID); err == nil || apiErr(t, err).Code != "InvalidAccessKeyId.NotFound" {
		t.Errorf("a key pair no account has: %v", err)
	}
}
