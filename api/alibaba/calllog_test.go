package alibaba_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDebugLogHoldsNoSecret runs a session of every call, with an STS
// token, retries, errors and a create, and greps the debug log for every
// secret the session handled.
func TestDebugLogHoldsNoSecret(t *testing.T) {
	var log syncBuffer
	const sts = "CAIS-sts-token-ShouldNeverBeLogged"
	throttle := mustFault(t, "throttle:first=1")
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Now: func() time.Time { return fixedNow }, Faults: []emulator.Fault{throttle}})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c, err := vpcclient.New(hz, vpcclient.Options{Endpoint: emu.URL, Retry: fastRetry, OnCall: api.CallLog(&log),
		Credential: credentials.NewStaticSTSCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret, sts)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var secrets []string
	gws, err := c.Gateways(ctx, hz, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gws.Items {
		if g.Name != "prod-hz-core" && g.Name != "staging-hz" {
			continue
		}
		conns, _ := c.Connections(ctx, hz, g.ID, api.FirstPage(50))
		for _, x := range conns.Items {
			for _, tun := range x.Tunnels() {
				secrets = append(secrets, tun.IKE.PSK.Reveal())
			}
			if x.BGP.AuthKey.IsSet() {
				secrets = append(secrets, x.BGP.AuthKey.Reveal())
			}
		}
		servers, _ := c.IPsecServers(ctx, hz, g.ID, api.FirstPage(20))
		for _, s := range servers.Items {
			secrets = append(secrets, s.PSK.Reveal())
		}
		c.SSLClients(ctx, hz, g.ID, api.FirstPage(10))
		c.SSLServer(ctx, hz, g.ID)
		if len(conns.Items) > 0 {
			c.ConnectionLogs(ctx, hz, alibaba.LogQuery{ConnectionID: conns.Items[0].ID, From: fixedNow.Add(-time.Minute), To: fixedNow}, api.FirstPage(10))
			c.Diagnose(ctx, hz, g.ID, conns.Items[0].ID)
		}
	}
	c.Gateway(ctx, hz, "vpn-missing")
	c.CreateSSLServer(ctx, hz, alibaba.SSLServerSpec{GatewayID: gws.Items[1].ID, ClientIPPool: "172.31.0.0/26", LocalSubnets: []string{"10.0.0.0/8"}}, "tok")
	c.Regions(ctx)

	text := log.String()
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) < 15 || len(secrets) < 20 {
		t.Fatalf("the session was too small: %d log lines, %d secrets", len(lines), len(secrets))
	}
	for _, want := range []string{"DescribeVpnGateways", "code=Throttling.User", "status=400", "code=InvalidVpnGatewayInstanceId.NotFound",
		"CreateSslVpnServer", "region=cn-hangzhou", "request="} {
		if !strings.Contains(text, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	for _, secret := range append(secrets, emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret, sts, "Signature", "AccessKeyId", "SecurityToken") {
		if secret != "" && strings.Contains(text, secret) {
			t.Errorf("the debug log contains a secret: %q", secret)
		}
	}
}
