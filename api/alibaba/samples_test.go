package alibaba_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"reflect"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// decodeSample decodes a reference page's JSON sample the way the SDK
// decodes an answer from the wire.
func decodeSample(t *testing.T, file string, into responses.AcsResponse) {
	t.Helper()
	body, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
	if err := responses.Unmarshal(into, resp, "JSON"); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// rawSDK is a plain SDK client on the emulator, to read the SDK structs
// themselves rather than vpnscope's mapping of them.
func rawSDK(t *testing.T, r rig) *vpc.Client {
	t.Helper()
	c, err := vpc.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret))
	if err != nil {
		t.Fatal(err)
	}
	c.Domain = r.emu.Addr
	return c
}

func TestEmulatorServesTheReferenceSamplesFieldByField(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	raw := rawSDK(t, r)

	t.Run("DescribeVpnConnections", func(t *testing.T) {
		want := vpc.CreateDescribeVpnConnectionsResponse()
		decodeSample(t, "DescribeVpnConnections.json", want)
		req := vpc.CreateDescribeVpnConnectionsRequest()
		req.VpnGatewayId = emulator.SampleGatewayID
		got := vpc.CreateDescribeVpnConnectionsResponse()
		if err := raw.DoAction(req, got); err != nil {
			t.Fatal(err)
		}
		if len(got.VpnConnections.VpnConnection) != 1 {
			t.Fatalf("got %d connections, want the sample's one", len(got.VpnConnections.VpnConnection))
		}
		compareFields(t, want.VpnConnections.VpnConnection[0], got.VpnConnections.VpnConnection[0])
	})

	t.Run("DescribeSslVpnClients", func(t *testing.T) {
		want := vpc.CreateDescribeSslVpnClientsResponse()
		decodeSample(t, "DescribeSslVpnClients.json", want)
		req := vpc.CreateDescribeSslVpnClientsRequest()
		req.RegionId = "eu-central-1"
		req.VpnGatewayId = emulator.SampleSSLClientGatewayID
		got := vpc.CreateDescribeSslVpnClientsResponse()
		if err := raw.DoAction(req, got); err != nil {
			t.Fatal(err)
		}
		if got.RegionId != want.RegionId || got.VpnGatewayId != want.VpnGatewayId || len(got.ClientInfoList) != 1 {
			t.Fatalf("got region %q gateway %q with %d clients", got.RegionId, got.VpnGatewayId, len(got.ClientInfoList))
		}
		compareFields(t, want.ClientInfoList[0], got.ClientInfoList[0])
	})

	t.Run("ListIpsecServers", func(t *testing.T) {
		want := vpc.CreateListIpsecServersResponse()
		decodeSample(t, "ListIpsecServers.json", want)
		req := vpc.CreateListIpsecServersRequest()
		req.VpnGatewayId = emulator.SampleIPsecGatewayID
		got := vpc.CreateListIpsecServersResponse()
		if err := raw.DoAction(req, got); err != nil {
			t.Fatal(err)
		}
		if len(got.IpsecServers) != 1 {
			t.Fatalf("got %d servers, want the sample's one", len(got.IpsecServers))
		}
		compareFields(t, want.IpsecServers[0], got.IpsecServers[0])
	})

	t.Run("mapped sample connection", func(t *testing.T) {
		p, err := r.client.Connections(context.Background(), "cn-hangzhou", emulator.SampleGatewayID, api.FirstPage(10))
		if err != nil {
			t.Fatal(err)
		}
		c := p.Items[0]
		// The quirks stop at the mapping: a string ASN and a numeric one
		// both become int64; "true" becomes bool; one tunnel is synthesised.
		if c.BGP.PeerASN != 65530 || c.BGP.LocalASN != 65531 || !c.HealthCheck.Enabled {
			t.Errorf("BGP/health mapped wrong: %+v %+v", c.BGP, c.HealthCheck)
		}
		if len(c.Tunnels()) != 1 || !c.Tunnels()[0].Synthetic || c.Tunnels()[0].Status != "ipsec_sa_established" {
			t.Errorf("single-tunnel connection should yield one synthetic tunnel, got %+v", c.Tunnels())
		}
		if got := c.Created.UnixMilli(); got != 1492753817000 {
			t.Errorf("CreateTime = %d", got)
		}
		if c.IKE.PSK.Reveal() != "pgw6dy7****" || c.BGP.AuthKey.Reveal() != "AuthKey****" {
			t.Error("secrets must be kept, only masked")
		}
	})
}

// compareFields reports each field that differs, by name.
func compareFields(t *testing.T, want, got any) {
	t.Helper()
	wv, gv := reflect.ValueOf(want), reflect.ValueOf(got)
	for i := range wv.NumField() {
		name := wv.Type().Field(i).Name
		if !reflect.DeepEqual(wv.Field(i).Interface(), gv.Field(i).Interface()) {
			t.Errorf("%s: sample %#v, emulator %#v", name, wv.Field(i).Interface(), gv.Field(i).Interface())
		}
	}
}
