package aws

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api/fault"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// routePathText is the route path's lines as one text, wrapped lines
// joined, so a sentence is found whatever the width.
func routePathText(t *testing.T, h *harness) string {
	t.Helper()
	v, ok := tuitest.Find[*s2sRoutePathView](h.Harness)
	if !ok {
		t.Fatal("no route path open")
	}
	var words []string
	for _, l := range v.lines() {
		words = append(words, strings.Fields(ansi.Strip(l))...)
	}
	return strings.Join(words, " ")
}

// says fails the test unless text holds every one of want and none of not.
func says(t *testing.T, text string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the route path lacks %q:\n%s", w, text)
		}
	}
	for _, n := range not {
		if strings.Contains(text, n) {
			t.Errorf("the route path says %q:\n%s", n, text)
		}
	}
}

// refuse makes the emulator refuse action to these credentials.
func refuse(t *testing.T, set func(...fault.Fault), actions ...string) {
	t.Helper()
	var fs []fault.Fault
	for _, a := range actions {
		f, err := fault.Parse("forbidden:action=" + a)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	set(fs...)
}

// With the route tables refused, the BGP connection's last hop says the
// routes propagated from the gateway could not be read and which call,
// never "0 routes" counted from tables it did not read.
func TestRoutePathCountsNoRouteFromTablesItCouldNotRead(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:gateways", "enter", "enter") // prod-vgw
	h.MustShow("hq-primary")
	refuse(t, emu.SetFaults, "DescribeRouteTables")
	h.Keys("t") // hq-primary: BGP
	h.MustShow(hops...)
	says(t, routePathText(t, h), []string{"could not read the route tables of vpc-",
		"the routes propagated from the gateway into the route tables: could not read (ec2:DescribeRouteTables)"},
		[]string{"hold 0 routes", "propagated from the gateway, from every"})
}

// A gateway known by its id alone (the connection opened by :id) whose
// read is refused: the gateway hop names the call that failed, not a dash
// for its state, its id again as its name, nor an ASN of 0; the last hop
// does not count the routes of tables it could not read.
func TestRoutePathOfAnUnreadGatewayInventsNoValue(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:gateways", "enter", "enter") // prod-vgw
	h.MustShow("hq-primary")
	cp, ok := h.Top().(*s2sConnectionsPane)
	if !ok {
		t.Fatalf("on %T", h.Top())
	}
	var id, gw string
	for pos := range cp.List.Count() {
		if x := cp.List.At(pos); x.Name == "hq-primary" {
			id, gw = x.ID, x.GatewayID
		}
	}
	refuse(t, emu.SetFaults, "DescribeRouteTables", "DescribeVpnGateways")
	h.Keys(":", "text:id "+id, "enter")
	h.MustShow("Tunnels · hq-primary")
	h.Keys("t")
	h.MustShow(hops...)
	says(t, routePathText(t, h), []string{"2 Gateway · " + gw + " · could not read (ec2:DescribeVpnGateways)",
		"the routes propagated from the gateway into the route tables: could not read (ec2:DescribeVpnGateways)"},
		[]string{gw + " " + gw, "ASN 0", "hold 0 routes", " · - · "})
}

// A static connection's prefixes with the route tables refused: each says
// whether the VPC routes it is not known, and why.
func TestRoutePathSaysAPrefixsRouteIsUnread(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	euGateway(h, 2) // eu-dr: static, 10.70.0.0/16
	h.MustShow("eu-dr")
	refuse(t, emu.SetFaults, "DescribeRouteTables")
	h.Keys("t")
	h.MustShow(hops...)
	says(t, routePathText(t, h), []string{"10.70.0.0/16: whether the VPC sends it to the gateway: could not read (ec2:DescribeRouteTables)"}, nil)
}
