package aws_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

const (
	testAttach = "tgw-attach-0route"
	vpnTable   = "tgw-rtb-0vpn"
	spokes     = "tgw-rtb-0spokes"
)

// tgwConn is a connection on a transit gateway with both tunnels up.
func tgwConn(static bool, local string) aws.VPNConnection {
	return aws.VPNConnection{ID: "vpn-0tgw", Name: "tgw-conn", State: "available", GatewayID: "tgw-0route", GatewayKind: aws.KindTGW,
		StaticRoutesOnly: static, LocalCIDR: local, Tunnels: []aws.Tunnel{{OutsideIP: "203.0.113.1", Status: "UP", Logging: true},
			{OutsideIP: "203.0.113.2", Status: "UP", Logging: true}}}
}

func toAttach(dest, typ string) aws.TGWRoute {
	return aws.TGWRoute{Destination: dest, Attachments: []string{testAttach}, Type: typ, State: "active"}
}

func blackholeRoute(dest string) aws.TGWRoute {
	return aws.TGWRoute{Destination: dest, Type: "static", State: "blackhole"}
}

// tgwPath is the path of c: associated with the vpn table (unless assoc
// is ""), propagating to the tables named, each table holding its routes.
func tgwPath(c aws.VPNConnection, assoc string, propagates []string, tables map[string][]aws.TGWRoute) aws.TGWPath {
	p := aws.TGWPath{Connection: c, Attachment: &aws.TGWAttachment{ID: testAttach, TransitGatewayID: c.GatewayID, ResourceType: "vpn",
		ResourceID: c.ID, State: "available", AssociatedTable: assoc, AssociationState: "associated"},
		Tables: map[string]aws.TGWRouteTable{}, TableErrs: map[string]error{}}
	if assoc == "" {
		p.Attachment.AssociationState = ""
	}
	for _, id := range propagates {
		p.Propagations = append(p.Propagations, aws.TGWPropagation{TableID: id, State: "enabled"})
	}
	for id, routes := range tables {
		p.Tables[id] = aws.TGWRouteTable{ID: id, Routes: routes}
	}
	return p
}

// Each rule of a transit gateway connection's route path, by the pages it
// cites: routed is healthy; unassociated, not propagating, no route to it,
// blackholes and a customer prefix no route holds are named, with their
// impact and the action to take.
func TestTransitGatewayRoutePathRules(t *testing.T) {
	bgp := tgwConn(false, "")
	for _, c := range []struct {
		name   string
		path   aws.TGWPath
		rules  string
		impact api.Impact
		says   string
	}{
		{"routed", tgwPath(bgp, vpnTable, []string{spokes}, map[string][]aws.TGWRoute{spokes: {toAttach("172.16.0.0/24", "propagated")}}), "", 0, ""},
		{"unassociated", tgwPath(bgp, "", []string{spokes}, map[string][]aws.TGWRoute{spokes: {toAttach("172.16.0.0/24", "propagated")}}),
			aws.RuleUnassociated, api.TrafficDown, "AssociateTransitGatewayRouteTable"},
		{"propagating nowhere", tgwPath(bgp, vpnTable, nil, nil), aws.RuleNotPropagating, api.TrafficDown, "EnableTransitGatewayRouteTablePropagation"},
		{"propagating nowhere, a static route to it in its table", tgwPath(tgwConn(true, ""), vpnTable, nil,
			map[string][]aws.TGWRoute{vpnTable: {toAttach("10.9.0.0/16", "static")}}), "", 0, ""},
		{"propagating, nothing advertised", tgwPath(bgp, vpnTable, []string{spokes}, map[string][]aws.TGWRoute{spokes: {}}),
			aws.RuleTGWUnrouted, api.TrafficDown, "advertises"},
		{"static, no static route", tgwPath(tgwConn(true, "10.9.0.0/16"), vpnTable, []string{spokes}, map[string][]aws.TGWRoute{spokes: {}}),
			aws.RuleTGWUnrouted, api.TrafficDown, "CreateTransitGatewayRoute"},
		{"half blackholed", tgwPath(tgwConn(true, "10.9.0.0/16"), vpnTable, []string{spokes},
			map[string][]aws.TGWRoute{spokes: {toAttach("10.9.0.0/16", "static"), blackholeRoute("10.9.128.0/17")}}),
			aws.RuleBlackhole, api.Degraded, "10.9.128.0/17 in " + spokes + " is a blackhole"},
		{"a blackhole elsewhere says nothing", tgwPath(tgwConn(true, "10.9.0.0/16"), vpnTable, []string{spokes},
			map[string][]aws.TGWRoute{spokes: {toAttach("10.9.0.0/16", "static"), blackholeRoute("192.168.0.0/16")}}), "", 0, ""},
		{"every route to it a blackhole", tgwPath(tgwConn(true, "10.9.0.0/16"), vpnTable, []string{spokes},
			map[string][]aws.TGWRoute{spokes: {{Destination: "10.9.0.0/16", Attachments: []string{testAttach}, Type: "static", State: "blackhole"}}}),
			aws.RuleTGWUnrouted + "," + aws.RuleBlackhole, api.TrafficDown, "DeleteTransitGatewayRoute"},
		{"the customer side reached by more specific routes", tgwPath(tgwConn(false, "10.0.0.0/8"), vpnTable, []string{spokes},
			map[string][]aws.TGWRoute{spokes: {toAttach("10.1.0.0/24", "propagated"), toAttach("10.2.0.0/24", "propagated")}}), "", 0, ""},
		{"the customer side unrouted", tgwPath(tgwConn(true, "10.9.0.0/16"), vpnTable, []string{spokes},
			map[string][]aws.TGWRoute{spokes: {toAttach("10.8.0.0/16", "static")}}), aws.RuleUnrouted, api.Degraded, "10.9.0.0/16, the customer's side"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := aws.JudgeTGWPath(c.path)
			if got := strings.Join(rules(v), ","); got != c.rules || len(v.Unread) > 0 {
				t.Fatalf("rules %q, unread %v; want %q", got, v.Unread, c.rules)
			}
			if c.rules == "" {
				if !v.Healthy() {
					t.Errorf("not healthy: %+v", v)
				}
				return
			}
			if v.Issues[0].Impact != c.impact {
				t.Errorf("impact %v, want %v", v.Issues[0].Impact, c.impact)
			}
			all := ""
			for _, i := range v.Issues {
				all += i.Problem + " " + i.Check + " "
			}
			if !strings.Contains(all, c.says) {
				t.Errorf("%q does not say %q", all, c.says)
			}
		})
	}
}

// What could not be read is unread, with no verdict resting on it: the
// attachment refused or not listed judges nothing; a table refused or
// cut short (more than one answer holds) never makes "no route to it".
func TestTransitGatewayRoutePathUnread(t *testing.T) {
	refused := errors.New("refused")
	bgp := tgwConn(false, "")
	p := tgwPath(bgp, vpnTable, []string{spokes}, nil)
	p.Attachment, p.AttachmentErr = nil, refused
	if v := aws.JudgeTGWPath(p); len(v.Issues) != 0 || len(v.Unread) != 1 || v.Healthy() {
		t.Errorf("attachment refused: %+v", v)
	}
	p = tgwPath(bgp, vpnTable, []string{spokes}, nil)
	p.Attachment = nil
	if v := aws.JudgeTGWPath(p); len(v.Issues) != 0 || len(v.Unread) != 1 || !strings.Contains(v.Unread[0].Err.Error(), "listed no attachment") {
		t.Errorf("attachment not listed: %+v", v)
	}
	p = tgwPath(bgp, vpnTable, []string{spokes}, map[string][]aws.TGWRoute{vpnTable: {}})
	p.TableErrs[spokes] = refused
	if v := aws.JudgeTGWPath(p); len(v.Issues) != 0 || len(v.Unread) != 1 || !strings.Contains(v.Unread[0].What, spokes) {
		t.Errorf("a table refused: %+v", v)
	}
	p = tgwPath(bgp, vpnTable, []string{spokes}, map[string][]aws.TGWRoute{vpnTable: {}, spokes: {}})
	p.Tables[spokes] = aws.TGWRouteTable{ID: spokes, Truncated: true}
	if v := aws.JudgeTGWPath(p); len(v.Issues) != 0 {
		t.Errorf("a table cut short judged on what it did not hold: %+v", v)
	}
	p = tgwPath(bgp, vpnTable, nil, nil)
	p.Propagations, p.PropagationErr = nil, refused
	if v := aws.JudgeTGWPath(p); len(v.Issues) != 0 || len(v.Unread) != 1 {
		t.Errorf("propagations refused: %+v", v)
	}
	// A connection on a virtual private gateway is not judged here.
	vgw := tgwConn(false, "")
	vgw.GatewayKind = aws.KindVGW
	if v := aws.JudgeTGWPath(tgwPath(vgw, "", nil, nil)); !v.Healthy() {
		t.Errorf("a VGW connection judged by the transit gateway rules: %+v", v)
	}
}
