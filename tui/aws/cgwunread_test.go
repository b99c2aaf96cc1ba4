package aws

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api/fault"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// couldNotRead is what stands where DescribeCustomerGateways was refused.
const couldNotRead = "could not read (ec2:DescribeCustomerGateways)"

// With DescribeCustomerGateways refused, every screen that shows the
// customer's device says it could not be read and which call, never "-"
// (which says there is none), through the emulator (issue 28): the
// connection list (ASN too, cut as CUSTOMER GW is, not "?"), its details, the tunnels view opened from the list and
// by :id (its header and its advice, "the device at - must bring the
// tunnel up"), and the problems view's findings.
func TestAnUnreadableCustomerGatewayIsSaidSoOnEveryScreen(t *testing.T) {
	h, emu := newAWSHarness(t, 200, 60, false)
	h.MustShow("corp-vpn")
	f, err := fault.Parse("forbidden:action=DescribeCustomerGateways")
	if err != nil {
		t.Fatal(err)
	}
	emu.SetFaults(f)
	h.Keys(":", "text:gateways", "enter", "enter") // prod-vgw
	cp, ok := h.Top().(*s2sConnectionsPane)
	if !ok || cp.List.Count() == 0 {
		t.Fatalf("on %T", h.Top())
	}
	for pos := range cp.List.Count() {
		x := cp.List.At(pos)
		if ip, _ := cellOf(t, h.Common().Styles, &cp.List, "CUSTOMER GW", x); ip != couldNotRead {
			t.Errorf("%s: CUSTOMER GW %q", x.Name, ip)
		}
		if asn, _ := cellOf(t, h.Common().Styles, &cp.List, "ASN", x); asn != couldNotRead {
			t.Errorf("%s: ASN %q, want it said as CUSTOMER GW says it", x.Name, asn)
		}
	}
	rows := 0
	for _, line := range strings.Split(h.Screen(), "\n") {
		if strings.Contains(line, "could not read") {
			rows++
			if strings.Count(line, "could") != 2 {
				t.Errorf("a row's ASN beside its unread customer gateway: %q", line)
			}
		}
	}
	if rows == 0 {
		t.Errorf("no row says its customer gateway could not be read:\n%s", h.Screen())
	}
	first := cp.List.At(0) // hq-primary
	h.Keys("/", "text:branch-london", "enter", "d")
	h.MustShow("Customer gateway", couldNotRead)
	h.Keys("esc", "enter")
	tunnels := func(how string) {
		t.Helper()
		h.MustShow("branch-london", "customer gateway cgw-", couldNotRead, "the device (its IP: "+couldNotRead+") must bring the tunnel up",
			"allowed both ways between the device (its IP: "+couldNotRead+") and 203.0.113.237")
		v, _ := tuitest.Find[*s2sTunnelsView](h.Harness)
		for _, line := range v.lines() {
			if strings.Contains(line, "at - ") || strings.Contains(line, "between - ") || strings.Contains(line, "(ASN -)") {
				t.Errorf("%s: %q", how, line)
			}
		}
	}
	tunnels("from the list")
	h.Keys(":", "text:id "+first.ID, "enter")
	h.MustShow("Tunnels · "+first.Name, "customer gateway cgw-", couldNotRead)

	h.Keys("P")
	p, _ := tuitest.Find[*awsProblemsPane](h.Harness)
	seen := 0
	for _, f := range p.List.Rows() {
		if f.Connection == nil {
			continue
		}
		msgs := []string{f.Message}
		for _, c := range f.Also {
			msgs = append(msgs, c.Message)
		}
		for _, msg := range msgs {
			if strings.Contains(msg, "device at -") {
				t.Errorf("%s: %q", f.Subject(), msg)
			}
		}
		if strings.Contains(f.Message, "AWS waits for the device (its IP: "+couldNotRead+") to initiate") {
			seen++
		}
	}
	if seen == 0 {
		t.Error("no finding says the device's IP could not be read")
	}
}
