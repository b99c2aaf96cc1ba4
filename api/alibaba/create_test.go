package alibaba_test

import (
	"context"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

func gatewayNamed(t testing.TB, r rig, name string) alibaba.Gateway {
	t.Helper()
	p, err := r.client.Gateways(context.Background(), hz, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range p.Items {
		if g.Name == name {
			return g
		}
	}
	t.Fatalf("no gateway %q", name)
	return alibaba.Gateway{}
}

func goodSpec(gatewayID string) alibaba.SSLServerSpec {
	return alibaba.SSLServerSpec{GatewayID: gatewayID, Name: "staging-ssl", ClientIPPool: "10.30.0.0/26",
		LocalSubnets: []string{"10.0.0.0/16", "172.16.0.0/16"}, Proto: "UDP", Cipher: "AES-256-CBC", Port: 1194}
}

func TestCreateSSLServerGoesUpdatingThenActive(t *testing.T) {
	r := newRig(t, emulator.Config{UpdateDuration: 150 * time.Millisecond}, vpcclient.Options{})
	ctx := context.Background()
	gw := gatewayNamed(t, r, "staging-hz")
	created, err := r.client.CreateSSLServer(ctx, hz, goodSpec(gw.ID), "token-1")
	if err != nil {
		t.Fatal(err)
	}
	if created.ID == "" || created.Name != "staging-ssl" || created.RequestID == "" {
		t.Fatalf("%+v", created)
	}
	g, err := r.client.Gateway(ctx, hz, gw.ID)
	if err != nil || g.Status != "updating" {
		t.Fatalf("right after create: %q, %v", g.Status, err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for g.Status == "updating" && time.Now().Before(deadline) {
		time.Sleep(30 * time.Millisecond)
		g, err = r.client.Gateway(ctx, hz, gw.ID)
		if err != nil {
			t.Fatal(err)
		}
	}
	if g.Status != "active" {
		t.Fatalf("gateway stuck in %q", g.Status)
	}
	s, err := r.client.SSLServer(ctx, hz, gw.ID)
	if err != nil || s == nil || s.ID != created.ID || s.Port != 1194 || s.Proto != "UDP" || s.Cipher != "AES-256-CBC" ||
		s.ClientIPPool != "10.30.0.0/26" || len(s.LocalSubnets) != 2 {
		t.Fatalf("server as described: %+v, %v", s, err)
	}

	_, err = r.client.CreateSSLServer(ctx, hz, goodSpec(gw.ID), "token-2")
	if e := apiErr(t, err); e.Code != "SslVpnServer.AlreadyExist" || e.Kind != api.KindInvalid {
		t.Fatalf("second create: %#v", e)
	}
}

func TestCreateWithTheSameClientTokenMakesOneServer(t *testing.T) {
	r := newRig(t, emulator.Config{UpdateDuration: time.Millisecond}, vpcclient.Options{})
	ctx := context.Background()
	gw := gatewayNamed(t, r, "staging-hz")
	a, err := r.client.CreateSSLServer(ctx, hz, goodSpec(gw.ID), "same-token")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	b, err := r.client.CreateSSLServer(ctx, hz, goodSpec(gw.ID), "same-token")
	if err != nil {
		t.Fatalf("repeat with the same token must return the first result: %v", err)
	}
	if a.ID != b.ID {
		t.Fatalf("two servers: %s and %s", a.ID, b.ID)
	}
	other := goodSpec(gw.ID)
	other.Port = 1195
	_, err = r.client.CreateSSLServer(ctx, hz, other, "same-token")
	if e := apiErr(t, err); e.Code != "IdempotentParameterMismatch" {
		t.Fatalf("same token, other request: %#v", e)
	}
}

func TestCreateIsRefusedByTheServiceRules(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	staging := gatewayNamed(t, r, "staging-hz")
	for _, tc := range []struct {
		name    string
		gateway string
		edit    func(*alibaba.SSLServerSpec)
		code    string
	}{
		{"ssl disabled", "dr-hz-legacy", nil, "VpnGateway.SslVpnDisabled"},
		{"updating", "hz-updating", nil, "VpnGateway.Configuring"},
		{"locked", "hz-locked", nil, "VpnGateway.FinancialLocked"},
		{"already has one", "prod-hz-core", func(s *alibaba.SSLServerSpec) { s.ClientIPPool = "10.40.0.0/20" }, "SslVpnServer.AlreadyExist"},
		{"mask too long", "", func(s *alibaba.SSLServerSpec) { s.ClientIPPool = "10.30.0.0/30" }, "ClientIpPool.NetmaskInvalid"},
		{"pool too small for 10 connections", "", func(s *alibaba.SSLServerSpec) { s.ClientIPPool = "10.30.0.0/27" }, "ClientIpPool.SubnetInvalid"},
		{"host bits set", "", func(s *alibaba.SSLServerSpec) { s.ClientIPPool = "10.30.0.5/26" }, "ClientIpPool.SubnetInvalid"},
		{"carrier-grade NAT pool", "", func(s *alibaba.SSLServerSpec) { s.ClientIPPool = "100.64.0.0/26" }, "ClientIpPool.SubnetInvalid"},
		{"overlap", "", func(s *alibaba.SSLServerSpec) { s.LocalSubnets = []string{"10.30.0.0/24"} }, "IpConflict"},
		{"local link-local", "", func(s *alibaba.SSLServerSpec) { s.LocalSubnets = []string{"169.254.0.0/16"} }, "IllegalParam.LocalSubnet"},
		{"reserved port", "", func(s *alibaba.SSLServerSpec) { s.Port = 443 }, "SslVpnServerPort.Illegal"},
		{"port out of range", "", func(s *alibaba.SSLServerSpec) { s.Port = 70000 }, "SslVpnServerPort.Illegal"},
		{"mfa without idaas", "", func(s *alibaba.SSLServerSpec) { s.MFA = true }, "MissingParameter.IDaaSInstanceId"},
		{"name with scheme", "", func(s *alibaba.SSLServerSpec) { s.Name = "https://x" }, "InvalidName"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := staging.ID
			if tc.gateway != "" {
				id = gatewayNamed(t, r, tc.gateway).ID
			}
			spec := goodSpec(id)
			if tc.edit != nil {
				tc.edit(&spec)
			}
			_, err := r.client.CreateSSLServer(ctx, hz, spec, "")
			if e := apiErr(t, err); e.Code != tc.code {
				t.Fatalf("got %s, want %s", e.Code, tc.code)
			}
		})
	}
}
