package aws_test

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api/aws"
)

// Each associated subnet with the routes through it, each route with the
// most specific active rule that covers it (none when none does), and
// what the other subnets route that it does not; a failed route is shown
// but routes nothing; the client range's local route is apart.
func TestClientRoutePathBySubnet(t *testing.T) {
	networks := []aws.TargetNetwork{{SubnetID: "subnet-a", Status: "associated"}, {SubnetID: "subnet-b", Status: "associated"},
		{SubnetID: "subnet-c", Status: "association-failed"}}
	routes := []aws.Route{
		{Destination: "10.0.0.0/16", TargetSubnet: "subnet-a", Status: "active"},
		{Destination: "10.0.0.0/16", TargetSubnet: "subnet-b", Status: "active"},
		{Destination: "192.168.0.0/16", TargetSubnet: "subnet-a", Status: "active"},
		{Destination: "172.16.0.0/16", TargetSubnet: "subnet-b", Status: "failed"},
		{Destination: "10.99.0.0/22", TargetSubnet: "local", Type: "local", Status: "active"},
	}
	rules := []aws.AuthorizationRule{{Destination: "10.0.0.0/8", AccessAll: true, Status: "active"},
		{Destination: "10.0.0.0/16", GroupID: "ops", Status: "active"}, {Destination: "192.168.0.0/16", AccessAll: true, Status: "revoking"}}
	subnets, other := aws.ClientRoutePath(networks, routes, rules)
	words := func(s aws.ClientSubnetRoutes) string {
		var out []string
		for _, c := range s.Routes {
			rule := "none"
			if c.Rule != nil {
				rule = c.Rule.Destination + "/" + c.Rule.GroupID
			}
			out = append(out, c.Route.Destination+" "+c.Route.Status+" "+rule)
		}
		return strings.Join(out, "; ") + " | missing " + strings.Join(s.Missing, ", ")
	}
	for i, want := range []string{
		"10.0.0.0/16 active 10.0.0.0/16/ops; 192.168.0.0/16 active none | missing ",
		"10.0.0.0/16 active 10.0.0.0/16/ops; 172.16.0.0/16 failed none | missing 192.168.0.0/16",
		" | missing ",
	} {
		if got := words(subnets[i]); got != want {
			t.Errorf("%s: %q, want %q", subnets[i].Network.SubnetID, got, want)
		}
	}
	if len(other) != 1 || other[0].Route.Destination != "10.99.0.0/22" {
		t.Errorf("apart: %+v", other)
	}
}
