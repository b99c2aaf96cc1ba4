package aws_test

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// Each documented Client VPN rule, with its page, said where it applies
// and not where it does not.
func TestTroubleshootSaysEachDocumentedRule(t *testing.T) {
	e := aws.Endpoint{ID: "cvpn-endpoint-1", Status: "available", ClientCIDR: "10.200.0.0/22", LoggingEnabled: true}
	nets := []aws.TargetNetwork{{SubnetID: "subnet-a", Status: "associated"}, {SubnetID: "subnet-b", Status: "associated"}}
	vpc := func(subnet string) aws.Route {
		return aws.Route{Destination: "10.0.0.0/16", TargetSubnet: subnet, Origin: "associate", Status: "active", Type: "Nat"}
	}
	manual := func(dst, subnet string) aws.Route {
		return aws.Route{Destination: dst, TargetSubnet: subnet, Origin: "add-route", Status: "active", Type: "Nat"}
	}
	all := func(dst string) aws.AuthorizationRule {
		return aws.AuthorizationRule{Destination: dst, AccessAll: true, Status: "active"}
	}
	group := func(dst, g string) aws.AuthorizationRule {
		return aws.AuthorizationRule{Destination: dst, GroupID: g, Status: "active"}
	}
	healthyRoutes := []aws.Route{vpc("subnet-a"), vpc("subnet-b")}
	cases := []struct {
		source   string
		e        aws.Endpoint
		routes   []aws.Route
		rules    []aws.AuthorizationRule
		problem  string // "" for no advice at all
		blocking bool
		note     bool
	}{
		{"a healthy endpoint", e, healthyRoutes, []aws.AuthorizationRule{all("10.0.0.0/16")}, "", false, false},
		{"CreateClientVpnEndpoint ClientCidrBlock: not the VPC's CIDR",
			aws.Endpoint{Status: "available", ClientCIDR: "10.0.128.0/22", LoggingEnabled: true}, healthyRoutes,
			[]aws.AuthorizationRule{all("10.0.0.0/16")}, "overlaps the VPC's 10.0.0.0/16, which the client range must not", true, false},
		{"CreateClientVpnEndpoint ClientCidrBlock: nor a route added by hand",
			e, append(healthyRoutes, manual("10.200.0.0/16", "subnet-a"), manual("10.200.0.0/16", "subnet-b")),
			[]aws.AuthorizationRule{all("10.0.0.0/16"), all("10.200.0.0/16")}, "overlaps the route to 10.200.0.0/16 added by hand", false, false},
		{"CreateClientVpnRoute: 0.0.0.0/0 for internet access is no overlap",
			e, append(healthyRoutes, manual("0.0.0.0/0", "subnet-a"), manual("0.0.0.0/0", "subnet-b")),
			[]aws.AuthorizationRule{all("0.0.0.0/0")}, "", false, false},
		{"CreateClientVpnRoute: the client range's local route is no overlap",
			e, append(healthyRoutes, aws.Route{Destination: "10.200.0.0/22", TargetSubnet: "local", Origin: "add-route", Status: "active"}),
			[]aws.AuthorizationRule{all("10.0.0.0/8")}, "", false, false},
		{"cvpn-working-routes: each associated subnet an identical set of routes",
			e, append(healthyRoutes, manual("192.168.0.0/16", "subnet-a")),
			[]aws.AuthorizationRule{all("10.0.0.0/16"), all("192.168.0.0/16")}, "goes through 1 of the 2 associated subnets: clients that land on subnet-b", false, false},
		{"troubleshooting.html: 0.0.0.0/0 rules are evaluated last",
			e, healthyRoutes, []aws.AuthorizationRule{all("0.0.0.0/0"), group("10.0.8.0/24", "finance"), all("10.0.0.0/16")},
			"The rule for 0.0.0.0/0 is evaluated last: 10.0.8.0/24 is reachable by group finance only", false, true},
		{"a group's rule without a 0.0.0.0/0 rule is no such case",
			e, healthyRoutes, []aws.AuthorizationRule{group("10.0.8.0/24", "finance"), all("10.0.0.0/16")}, "", false, false},
		{"connection-logging.html: logging off leaves nothing to read",
			aws.Endpoint{Status: "available", ClientCIDR: "10.200.0.0/22"}, healthyRoutes, []aws.AuthorizationRule{all("10.0.0.0/16")},
			"Connection logging is off", false, true},
	}
	for _, tc := range cases {
		advice := aws.Troubleshoot(tc.e, nets, tc.routes, tc.rules)
		if tc.problem == "" {
			if len(advice) != 0 {
				t.Errorf("%s: advice %+v", tc.source, advice)
			}
			continue
		}
		var found *aws.Advice
		for i := range advice {
			if strings.Contains(advice[i].Problem, tc.problem) {
				found = &advice[i]
			}
		}
		if found == nil || found.Blocking != tc.blocking || found.Note != tc.note || found.Check == "" {
			t.Errorf("%s: want %q (blocking %v, note %v) in %+v", tc.source, tc.problem, tc.blocking, tc.note, advice)
		}
	}
}

// A note is ranked a note, a subnet missing a route degraded: the
// finding follows the advice's own weight, not its words.
func TestEndpointFindingRanksAdviceByItsWeight(t *testing.T) {
	e := aws.Endpoint{ID: "cvpn-endpoint-1", Status: "available", ClientCIDR: "10.200.0.0/22", LoggingEnabled: true}
	note := []aws.Advice{{Note: true, Phase: "authorization", State: "evaluated last", Problem: "The rule for 0.0.0.0/0 is evaluated last.", Check: "x"}}
	if f := aws.EndpointFinding("r", e, true, note, nil, nil); f == nil || f.Impact != api.Note || f.Phase != "authorization" || f.State != "evaluated last" {
		t.Errorf("note: %+v", f)
	}
	degraded := []aws.Advice{{Problem: "Route to 192.168.0.0/16 goes through 1 of the 2 associated subnets.", Check: "y"}}
	if f := aws.EndpointFinding("r", e, true, append(note, degraded...), nil, nil); f == nil || f.Impact != api.Degraded || len(f.Also) != 1 {
		t.Errorf("degraded with a note: %+v", f)
	}
}

// Every input an endpoint's verdict rests on, missing or unreadable in
// turn: none is taken as healthy, and none ranks below unknown.
func TestNoMissingEndpointInputReadsAsHealthy(t *testing.T) {
	e := aws.Endpoint{ID: "cvpn-endpoint-1", Status: "available", ClientCIDR: "10.200.0.0/22", LoggingEnabled: true}
	l := aws.Lists{Networks: []aws.TargetNetwork{{SubnetID: "subnet-a", Status: "associated"}},
		Routes:       []aws.Route{{Destination: "10.0.0.0/16", TargetSubnet: "subnet-a", Origin: "associate", Status: "active"}},
		Rules:        []aws.AuthorizationRule{{Destination: "10.0.0.0/16", AccessAll: true, Status: "active"}},
		NetworksRead: true, RoutesRead: true, RulesRead: true}
	judge := func(e aws.Endpoint, l aws.Lists) *aws.Finding {
		v := aws.Judge(e, l)
		var unread []api.Unread
		for _, u := range v.Unchecked {
			unread = append(unread, api.Unread{What: u})
		}
		return aws.EndpointFinding("r", e, false, v.Advice, nil, unread)
	}
	if f := judge(e, l); f != nil {
		t.Fatalf("the healthy endpoint: %+v", f.Finding)
	}
	for name, spoil := range map[string]func(*aws.Endpoint, *aws.Lists){
		"status missing":               func(e *aws.Endpoint, _ *aws.Lists) { e.Status = "" },
		"status no document names":     func(e *aws.Endpoint, _ *aws.Lists) { e.Status = "hibernating" },
		"target networks not read":     func(_ *aws.Endpoint, l *aws.Lists) { l.NetworksRead = false },
		"routes not read":              func(_ *aws.Endpoint, l *aws.Lists) { l.RoutesRead = false },
		"authorization rules not read": func(_ *aws.Endpoint, l *aws.Lists) { l.RulesRead = false },
	} {
		e, l := e, l
		spoil(&e, &l)
		f := judge(e, l)
		if f == nil || f.Impact > api.Unknown || len(f.Unchecked) == 0 {
			t.Errorf("%s: %+v", name, f)
		}
	}
}
