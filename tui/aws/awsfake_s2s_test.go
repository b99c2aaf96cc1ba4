package aws

import (
	"context"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// The fake's Site-to-Site side: one virtual private gateway with one
// connection, its second tunnel down.
var fakeVGW = aws.VPNGateway{ID: "vgw-0fake", Kind: aws.KindVGW, Name: "fake-vgw", State: "available", AmazonASN: 64512,
	VpcIDs: []string{"vpc-0fake"}, VPCAttachments: []aws.VPCAttachment{{VpcID: "vpc-0fake", State: "attached"}}}

var fakeVPN = aws.VPNConnection{ID: "vpn-0fake", Name: "fake-hq", State: "available", Type: "ipsec.1", GatewayID: fakeVGW.ID,
	GatewayKind: aws.KindVGW, CustomerGatewayID: "cgw-0fake", Tunnels: []aws.Tunnel{
		{OutsideIP: "203.0.113.10", Status: "UP", AcceptedRoutes: aws.Known(2), LastStatusChange: tuitest.FixedNow.Add(-48 * 60 * 60e9)},
		{OutsideIP: "203.0.113.11", Status: "DOWN", StatusMessage: "IPSEC IS DOWN", LastStatusChange: tuitest.FixedNow.Add(-15 * 60e9)},
	}}

func (f *fakeAWS) Regions(context.Context) ([]api.Region, error) {
	return []api.Region{{ID: "us-east-1"}}, nil
}

func (f *fakeAWS) VPNGateways(context.Context, string) ([]aws.VPNGateway, error) {
	f.Count("VPNGateways")
	return []aws.VPNGateway{fakeVGW}, nil
}

func (f *fakeAWS) VirtualPrivateGateways(context.Context, string, []string) ([]aws.VPNGateway, error) {
	return []aws.VPNGateway{fakeVGW}, nil
}

func (f *fakeAWS) TransitGateways(context.Context, string, []string) ([]aws.VPNGateway, error) {
	return nil, nil
}

func (f *fakeAWS) VPNConnections(context.Context, string, aws.VPNConnectionFilter) ([]aws.VPNConnection, error) {
	f.Count("VPNConnections")
	return []aws.VPNConnection{fakeVPN}, nil
}

func (f *fakeAWS) CustomerGateways(context.Context, string, []string) ([]aws.CustomerGateway, error) {
	return []aws.CustomerGateway{{ID: "cgw-0fake", IP: "198.51.100.7", ASN: "65000", State: "available"}}, nil
}

// RouteTables is the fake VPC's main table, propagating from the gateway
// one route the device advertised.
func (f *fakeAWS) RouteTables(_ context.Context, _ string, q aws.RouteTableQuery) ([]aws.RouteTable, error) {
	f.Count("RouteTables")
	return []aws.RouteTable{{ID: "rtb-0fake", Name: "fake-main", VpcID: q.VpcID, Main: true, PropagatingVGWs: []string{fakeVGW.ID},
		Routes: []aws.VPCRoute{{Destination: "10.0.0.0/16", Target: "local", Origin: aws.OriginTable, State: "active"},
			{Destination: "192.168.0.0/24", Target: fakeVGW.ID, Origin: aws.OriginPropagated, State: "active"}}}}, nil
}

func (f *fakeAWS) FilterLogEvents(context.Context, string, aws.LogQuery) (aws.LogPage, error) {
	f.Count("FilterLogEvents")
	return aws.LogPage{}, nil
}

// Site-to-Site on a fake: :gateways lists the gateway in one call, enter
// lists its connection in one more, with one tunnel of two up.
func TestAWSSiteToSiteOnAFake(t *testing.T) {
	f := &fakeAWS{}
	h := newFakeAWSHarness(t, f)
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("fake-vgw", "vgw-0fake")
	h.Keys("enter")
	h.MustShow("fake-hq", "1/2")
	if f.calls["VPNGateways"] != 1 || f.calls["VPNConnections"] != 1 {
		t.Fatalf("calls: %v", f.calls)
	}
	if !strings.Contains(h.Screen(), "198.51.100.7") {
		t.Fatalf("the customer gateway's IP is not on the connections list:\n%s", h.Screen())
	}
}
