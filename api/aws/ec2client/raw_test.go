package ec2client_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// rawOf is Raw's answer for ref, which must be one JSON object.
func rawOf(t *testing.T, r rig, ref aws.RawRef) string {
	t.Helper()
	b, err := r.client.Raw(context.Background(), "us-east-1", ref)
	if err != nil {
		t.Fatalf("%+v: %v", ref, err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%+v: not a JSON object: %v\n%s", ref, err, b)
	}
	return string(b)
}

// A Site-to-Site connection read raw is the CLI's item: PascalCase keys in
// the SDK's order, absent fields left out, and no pre-shared key, neither
// in the tunnel options nor in the device configuration's XML.
func TestRawVPNConnectionIsTheCLIsItemMasked(t *testing.T) {
	r := newRig(t, "")
	g := gatewayNamed(t, r, "us-east-1", "prod-vgw")
	out, err := r.sdk.DescribeVpnConnections(context.Background(), &ec2.DescribeVpnConnectionsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var id string
	var psks []string
	for _, c := range out.VpnConnections {
		if awssdk.ToString(c.VpnGatewayId) == g.ID && id == "" {
			id = awssdk.ToString(c.VpnConnectionId)
			for _, o := range c.Options.TunnelOptions {
				psks = append(psks, awssdk.ToString(o.PreSharedKey))
			}
		}
	}
	if id == "" || len(psks) != 2 || psks[0] == "" {
		t.Fatalf("no connection with keys on prod-vgw: %q %q", id, psks)
	}
	calls := r.emu.Calls("DescribeVpnConnections")
	got := rawOf(t, r, aws.RawRef{Kind: aws.RawVPNConnection, ID: id})
	if n := r.emu.Calls("DescribeVpnConnections") - calls; n != 1 {
		t.Errorf("%d calls, want 1", n)
	}
	for _, psk := range psks {
		if strings.Contains(got, psk) {
			t.Fatalf("a pre-shared key is shown:\n%s", got)
		}
	}
	if strings.Count(got, `"PreSharedKey": "`+api.Mask+`"`) != 2 || !strings.Contains(got, `"CustomerGatewayConfiguration": "`+api.Mask+`"`) {
		t.Errorf("keys and configuration not masked:\n%s", got)
	}
	// The SDK struct's order: CustomerGatewayConfiguration before
	// CustomerGatewayId before ... VpnConnectionId, then VpnGatewayId.
	order := []string{`"Category"`, `"CustomerGatewayConfiguration"`, `"CustomerGatewayId"`, `"Options"`, `"State"`, `"Type"`,
		`"VgwTelemetry"`, `"VpnConnectionId"`, `"VpnGatewayId"`}
	at := -1
	for _, k := range order {
		i := strings.Index(got, k)
		if i < at {
			t.Errorf("%s out of order:\n%s", k, got)
		}
		at = i
	}
	if strings.Contains(got, "null") || strings.Contains(got, `"TransitGatewayId"`) || strings.Contains(got, `""`) {
		t.Errorf("absent fields printed:\n%s", got)
	}
}

// Every kind reads the one resource asked for, by id, in one call.
func TestRawReadsEachKindByID(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	ep := endpointNamed(t, r, "us-east-1", "corp-vpn")
	conns, err := r.client.Connections(ctx, "us-east-1", ep.ID, aws.ConnectionFilter{}, api.FirstPage(10))
	if err != nil || len(conns.Items) < 2 {
		t.Fatalf("connections: %v", err)
	}
	nets, _ := r.client.TargetNetworks(ctx, "us-east-1", ep.ID, api.FirstPage(10))
	routes, _ := r.client.Routes(ctx, "us-east-1", ep.ID, api.FirstPage(10))
	rules, _ := r.client.AuthorizationRules(ctx, "us-east-1", ep.ID, api.FirstPage(10))
	if len(nets.Items) < 2 || len(routes.Items) < 2 || len(rules.Items) == 0 {
		t.Fatalf("corp-vpn has %d networks, %d routes, %d rules", len(nets.Items), len(routes.Items), len(rules.Items))
	}
	tgw := gatewayNamed(t, r, "us-east-1", "core-tgw")
	vgw := gatewayNamed(t, r, "us-east-1", "prod-vgw")
	second, route, rule := nets.Items[1], routes.Items[1], rules.Items[0]
	for _, c := range []struct {
		ref  aws.RawRef
		want []string
	}{
		{aws.RawRef{Kind: aws.RawEndpoint, ID: ep.ID}, []string{`"ClientVpnEndpointId": "` + ep.ID + `"`, `"ClientCidrBlock"`}},
		{aws.RawRef{Kind: aws.RawConnection, ID: conns.Items[1].ID, EndpointID: ep.ID}, []string{`"ConnectionId": "` + conns.Items[1].ID + `"`}},
		{aws.RawRef{Kind: aws.RawTargetNetwork, ID: second.AssociationID, EndpointID: ep.ID},
			[]string{`"AssociationId": "` + second.AssociationID + `"`, `"TargetNetworkId": "` + second.SubnetID + `"`}},
		{aws.RawRef{Kind: aws.RawRoute, ID: route.Destination, Subnet: route.TargetSubnet, EndpointID: ep.ID},
			[]string{`"DestinationCidr": "` + route.Destination + `"`, `"TargetSubnet": "` + route.TargetSubnet + `"`}},
		{aws.RawRef{Kind: aws.RawRule, ID: rule.Destination, Group: rule.GroupID, EndpointID: ep.ID},
			[]string{`"DestinationCidr": "` + rule.Destination + `"`}},
		{aws.RawRef{Kind: aws.RawGateway, ID: vgw.ID}, []string{`"VpnGatewayId": "` + vgw.ID + `"`, `"AmazonSideAsn"`}},
		{aws.RawRef{Kind: aws.RawGateway, ID: tgw.ID}, []string{`"TransitGatewayId": "` + tgw.ID + `"`, `"Options": {`}},
	} {
		calls := r.emu.Calls("")
		got := rawOf(t, r, c.ref)
		if n := r.emu.Calls("") - calls; n != 1 {
			t.Errorf("%s: %d calls", c.ref.Kind, n)
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: no %s in\n%s", c.ref.Kind, w, got)
			}
		}
	}
	if _, err := r.client.Raw(ctx, "us-east-1", aws.RawRef{Kind: aws.RawVPNConnection, ID: "vpn-0000000000000dead"}); err == nil {
		t.Error("a connection that does not exist read raw")
	}
}
