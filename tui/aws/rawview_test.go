package aws

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// rawShows presses v, checks the raw view names head, copies it with y,
// checks the copy holds want and returns it; esc goes back.
func rawShows(t *testing.T, h *harness, head string, want ...string) string {
	t.Helper()
	before := h.Top()
	h.FireTimers() // the last copy's flash gives the hint line back
	h.Keys("v")
	h.MustShow(head, "as the API returned it", "y copy JSON", "{") // the JSON may run below the screen
	h.MustNotShow("select one in a list first", "copy id")
	h.Keys("y")
	all := h.Clipboard[len(h.Clipboard)-1]
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("%s: y copied no %s:\n%s", head, w, all)
		}
	}
	h.Keys("esc")
	if h.Top() != before {
		t.Fatalf("%s: esc did not go back", head)
	}
	return all
}

// cursorTo moves the cursor down to the row named name.
func cursorTo[T any](t *testing.T, h *harness, l *ui.PagedList[T], nameOf func(T) string, name string) T {
	t.Helper()
	for range l.Count() {
		if x, ok := l.Selected(); ok && nameOf(x) == name {
			return x
		}
		h.Keys("j")
	}
	t.Fatalf("no row %s", name)
	var zero T
	return zero
}

// v on every AWS screen with a resource under the cursor shows that
// resource read again by id through the SDK, as the AWS CLI prints it:
// the endpoint list, an endpoint's four tabs, :gateways, a gateway's
// connections, a connection's tunnels; no pre-shared key unmasked.
func TestRawJSONOnEveryAWSPane(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	ep, _ := h.Top().(*endpointsPane).List.Selected()
	calls := emu.Calls("DescribeClientVpnEndpoints")
	rawShows(t, h, "endpoint "+ep.ID, `"ClientVpnEndpointId": "`+ep.ID+`"`, `"ClientCidrBlock": "`)
	if n := emu.Calls("DescribeClientVpnEndpoints") - calls; n != 1 {
		t.Errorf("v on an endpoint made %d calls, want 1", n)
	}

	h.Keys("enter") // corp-vpn
	h.MustShow("[Connections", "user001")
	v := h.Top().(*endpointView)
	c, _ := v.conns.Selected()
	rawShows(t, h, "connection "+c.ID, `"ConnectionId": "`+c.ID+`"`, `"ClientVpnEndpointId": "`+ep.ID+`"`)
	h.Keys("tab")
	h.MustShow("[Target networks (2)]")
	n, _ := v.networks.Selected()
	rawShows(t, h, "target-network "+n.AssociationID, `"AssociationId": "`+n.AssociationID+`"`, `"TargetNetworkId": "`+n.SubnetID+`"`)
	h.Keys("tab")
	h.MustShow("[Routes (2)]")
	r, _ := v.routes.Selected()
	rawShows(t, h, "route "+r.Destination+" via "+r.TargetSubnet, `"DestinationCidr": "`+r.Destination+`"`, `"TargetSubnet": "`+r.TargetSubnet+`"`)
	h.Keys("tab")
	h.MustShow("[Authorization rules (1)]")
	rule, _ := v.rules.Selected()
	rawShows(t, h, "rule "+rule.Destination+" for all users", `"DestinationCidr": "`+rule.Destination+`"`, `"AccessAll": true`)

	h.Keys(":", "text:gateways", "enter")
	h.MustShow("prod-vgw", "core-tgw")
	g, _ := h.Top().(*s2sGatewaysPane).List.Selected()
	rawShows(t, h, "gateway "+g.ID, `"VpnGatewayId": "`+g.ID+`"`, `"AmazonSideAsn": `)
	h.Keys("enter") // prod-vgw
	h.MustShow("hq-primary", "branch-london")
	x := cursorTo(t, h, &h.Top().(*s2sConnectionsPane).List, func(x s2sConn) string { return x.Name }, "branch-london")
	calls = emu.Calls("DescribeVpnConnections")
	all := rawShows(t, h, "vpn-connection "+x.ID, `"VpnConnectionId": "`+x.ID+`"`, `"PreSharedKey": "`+api.Mask+`"`,
		`"CustomerGatewayConfiguration": "`+api.Mask+`"`)
	if n := emu.Calls("DescribeVpnConnections") - calls; n != 1 {
		t.Errorf("v on a VPN connection made %d calls, want 1", n)
	}
	for _, tu := range x.Tunnels {
		if psk := tu.PreSharedKey.Reveal(); psk == "" || strings.Contains(all, psk) {
			t.Fatalf("a pre-shared key is shown (or there is none):\n%s", all)
		}
	}
	h.Keys("enter") // its tunnels
	h.MustShow("Tunnels", "phase 1 encryption")
	all = rawShows(t, h, "vpn-connection "+x.ID, `"VpnConnectionId": "`+x.ID+`"`, `"TunnelOptions": [`)
	for _, tu := range x.Tunnels {
		if strings.Contains(all, tu.PreSharedKey.Reveal()) {
			t.Fatalf("a pre-shared key is shown from the tunnels view:\n%s", all)
		}
	}
}

// v on a transit gateway reads it with DescribeTransitGateways.
func TestRawJSONOfATransitGateway(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("core-tgw")
	g := cursorTo(t, h, &h.Top().(*s2sGatewaysPane).List, func(g aws.VPNGateway) string { return g.Name }, "core-tgw")
	rawShows(t, h, "gateway "+g.ID, `"TransitGatewayId": "`+g.ID+`"`, `"Options": {`)
	if emu.Calls("DescribeTransitGateways") < 2 {
		t.Error("the transit gateway was not read again")
	}
}

// v on a finding shows its resource read in the finding's region: the
// worst, syd-office, is in ap-southeast-2.
func TestRawJSONOfAFinding(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys("P")
	h.MustShow("syd-office")
	f, _ := h.Top().(*awsProblemsPane).List.Selected()
	if f.Region != "ap-southeast-2" || f.Resource != "connection" {
		t.Fatalf("the worst finding is %s %s in %s", f.Resource, f.ResourceID, f.Region)
	}
	rawShows(t, h, "vpn-connection "+f.ResourceID, `"VpnConnectionId": "`+f.ResourceID+`"`, `"PreSharedKey": "`+api.Mask+`"`)
	h.Keys("enter") // its tunnels, in its region
	h.MustShow("ap-southeast-2", "syd-office", "Tunnels")
	rawShows(t, h, "vpn-connection "+f.ResourceID, `"VpnConnectionId": "`+f.ResourceID+`"`)
}
