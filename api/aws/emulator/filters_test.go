package emulator_test

import (
	"context"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpnscope/vpnscope/api/aws/emulator"
)

func filter(name, value string) types.Filter {
	return types.Filter{Name: awssdk.String(name), Values: []string{value}}
}

// An endpoint's target networks, routes and authorization rules can be
// read one at a time, by association id or by the filters the service
// knows (what v's raw view asks for); an unknown filter is refused.
func TestEndpointPartsByIDAndFilter(t *testing.T) {
	_, sdk := startSDK(t, emulator.Config{Now: func() time.Time { return fixedNow }})
	ctx, id := context.Background(), awssdk.String(corpVPN(t, sdk))

	all, err := sdk.DescribeClientVpnTargetNetworks(ctx, &ec2.DescribeClientVpnTargetNetworksInput{ClientVpnEndpointId: id})
	if err != nil || len(all.ClientVpnTargetNetworks) < 2 {
		t.Fatalf("target networks: %v, %d", err, len(all.ClientVpnTargetNetworks))
	}
	second := all.ClientVpnTargetNetworks[1]
	for _, in := range []*ec2.DescribeClientVpnTargetNetworksInput{
		{ClientVpnEndpointId: id, AssociationIds: []string{*second.AssociationId}},
		{ClientVpnEndpointId: id, Filters: []types.Filter{filter("association-id", *second.AssociationId)}},
		{ClientVpnEndpointId: id, Filters: []types.Filter{filter("target-network-id", *second.TargetNetworkId)}},
	} {
		out, err := sdk.DescribeClientVpnTargetNetworks(ctx, in)
		if err != nil || len(out.ClientVpnTargetNetworks) != 1 || *out.ClientVpnTargetNetworks[0].AssociationId != *second.AssociationId {
			t.Errorf("%+v: %v, %d networks", in, err, len(out.ClientVpnTargetNetworks))
		}
	}

	routes, err := sdk.DescribeClientVpnRoutes(ctx, &ec2.DescribeClientVpnRoutesInput{ClientVpnEndpointId: id})
	if err != nil || len(routes.Routes) < 2 {
		t.Fatalf("routes: %v", err)
	}
	r := routes.Routes[1]
	one, err := sdk.DescribeClientVpnRoutes(ctx, &ec2.DescribeClientVpnRoutesInput{ClientVpnEndpointId: id,
		Filters: []types.Filter{filter("destination-cidr", *r.DestinationCidr), filter("target-subnet", *r.TargetSubnet)}})
	if err != nil || len(one.Routes) != 1 || *one.Routes[0].TargetSubnet != *r.TargetSubnet {
		t.Errorf("one route: %v, %d", err, len(one.Routes))
	}

	rules, err := sdk.DescribeClientVpnAuthorizationRules(ctx, &ec2.DescribeClientVpnAuthorizationRulesInput{ClientVpnEndpointId: id})
	if err != nil || len(rules.AuthorizationRules) == 0 {
		t.Fatalf("rules: %v", err)
	}
	rule := rules.AuthorizationRules[0]
	got, err := sdk.DescribeClientVpnAuthorizationRules(ctx, &ec2.DescribeClientVpnAuthorizationRulesInput{ClientVpnEndpointId: id,
		Filters: []types.Filter{filter("destination-cidr", *rule.DestinationCidr)}})
	if err != nil || len(got.AuthorizationRules) != 1 {
		t.Errorf("one rule: %v, %d", err, len(got.AuthorizationRules))
	}
	none, err := sdk.DescribeClientVpnAuthorizationRules(ctx, &ec2.DescribeClientVpnAuthorizationRulesInput{ClientVpnEndpointId: id,
		Filters: []types.Filter{filter("destination-cidr", "192.0.2.0/24")}})
	if err != nil || len(none.AuthorizationRules) != 0 {
		t.Errorf("a destination no rule has: %v, %d", err, len(none.AuthorizationRules))
	}
	if _, err := sdk.DescribeClientVpnRoutes(ctx, &ec2.DescribeClientVpnRoutesInput{ClientVpnEndpointId: id,
		Filters: []types.Filter{filter("no-such-filter", "x")}}); err == nil {
		t.Error("an unknown filter was accepted")
	}
}
