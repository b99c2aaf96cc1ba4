package aws

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/fault"
)

// openHQBackup opens prod-vgw's connections with the cursor on hq-backup,
// whose tunnel 2 is down since its key was changed.
func openHQBackup(h *harness) {
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("prod-vgw")
	h.Keys("enter")
	h.MustShow("hq-primary", "hq-backup")
	h.Keys("j")
}

// a on a connection lists what changed on it from CloudTrail, newest
// first, who and from where; d on the key change shows its parameters with
// the key masked, and the key is on no screen; ? names the key.
func TestAOnAConnectionListsWhatChangedWithTheKeyMasked(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 40, false)
	openHQBackup(h)
	h.Keys("a")
	h.MustShow("what changed", "ModifyVpnTunnelOptions", "alice", "192.0.2.45", "CreateVpnConnection", "terraform-deployer/tf-deploy")
	h.MustNotShow("DescribeVpnConnections")
	screen := h.Screen()
	if strings.Index(screen, "ModifyVpnTunnelOptions") > strings.Index(screen, "CreateVpnConnection") {
		t.Errorf("not newest first:\n%s", screen)
	}
	h.Keys("d")
	h.MustShow("TunnelOptions.PreSharedKey", "••••••••", "arn:aws:iam::123456789012:user/alice")
	conns, err := h.client.VPNConnections(context.Background(), "us-east-1", aws.VPNConnectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range conns {
		for _, tun := range c.Tunnels {
			h.MustNotShow(tun.PreSharedKey.Reveal())
		}
	}
	h.Keys("esc", "esc")
	h.MustShow("hq-primary", "hq-backup")
	h.Keys("?")
	h.MustShow("a", "what changed", "Act")
}

// A CloudTrail that refuses leaves the tunnels view whole (states,
// settings, CloudWatch's history) and says what could not be read and the
// permission to grant; a opens a list that says the same.
func TestARefusedTrailLeavesTheTunnelsViewWholeAndSaysWhy(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	f, err := fault.Parse("forbidden:action=LookupEvents")
	if err != nil {
		t.Fatal(err)
	}
	emu.SetFaults(f)
	openHQBackup(h)
	h.Keys("enter")
	h.MustShow("Tunnels", "phase 1 encryption", "traffic, last", "could not read CloudTrail", "cloudtrail:LookupEvents")
	h.MustNotShow("PSK changed")
	h.Keys("a")
	h.MustShow("what changed", "cloudtrail:LookupEvents")
}

func TestChangesGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			p := startAWSProgram(t, size.w, size.h)
			p.WaitFor("corp-vpn")
			p.Keys(":")
			p.Keys(strings.Split("gateways", "")...)
			p.Keys("enter")
			p.WaitFor("prod-vgw")
			p.Keys("enter")
			p.WaitFor("hq-primary", "1/2")
			p.Keys("j", "a")
			golden.RequireEqual(t, p.WaitFor("WHEN", "ModifyVpnTunnelOptions", "CreateVpnConnection"))
		})
	}
}

// a on a Client VPN endpoint, in the list or once open, lists what changed
// on it: lab's authorization rule was revoked a day before.
func TestAOnAnEndpointListsWhatChangedOnIt(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 40, false)
	h.MustShow("corp-vpn", "lab")
	h.Keys("a")
	h.MustShow("No change to corp-vpn in CloudTrail's last 90 days")
	h.Keys("esc", "j", "j")
	h.Keys("a")
	h.MustShow("what changed", "RevokeClientVpnIngress", "NetworkAdmin/bob", "CreateClientVpnEndpoint")
	h.Keys("esc", "enter")
	h.MustShow("[Connections")
	h.Keys("a")
	h.MustShow("what changed", "RevokeClientVpnIngress")
}

// Opening a Site-to-Site tunnels view reads what the connection's list did
// not: one GetMetricData, one LookupEvents, one GetVpnTunnelReplacementStatus
// a tunnel (the action takes one), and not the connection again. (Not
// every call: the list's customer gateways read may land late.)
func TestTheTunnelsViewsCallsAreCounted(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	openHQBackup(h)
	before := map[string]int{}
	for _, a := range []string{"DescribeVpnConnections", "GetMetricData", "LookupEvents", "GetVpnTunnelReplacementStatus"} {
		before[a] = emu.Calls(a)
	}
	h.Keys("enter")
	h.MustShow("Tunnels", "PSK changed", "traffic, last")
	want := map[string]int{"GetMetricData": 1, "LookupEvents": 1, "GetVpnTunnelReplacementStatus": 2, "DescribeVpnConnections": 0}
	for a, n := range want {
		if got := emu.Calls(a) - before[a]; got != n {
			t.Errorf("%q: %d calls, want %d", a, got, n)
		}
	}
}
