package aws

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api/fault"
)

// hq-primary's first tunnel has an endpoint replacement pending: its
// tunnels view says so with the date AWS applies it, and, its startup
// action being add, that it stays down after it until the device
// initiates; the second tunnel has none. A refused read says so and
// leaves the view whole.
func TestThePendingReplacementIsSaidOnItsTunnel(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("prod-vgw")
	h.Keys("enter")
	h.MustShow("hq-primary")
	h.Keys("enter")
	h.MustShow("tunnel 1: endpoint replacement pending, applied by AWS after 2026-11-23 12:00",
		"stays down after it until the device initiates (startup action add")
	h.MustNotShow("tunnel 2: endpoint replacement")

	f, _ := fault.Parse("forbidden:action=GetVpnTunnelReplacementStatus")
	emu.SetFaults(f)
	h.Keys("esc", "enter")
	h.MustShow("maintenance: could not read", "ec2:GetVpnTunnelReplacementStatus", "phase 1 encryption")
	h.MustNotShow("endpoint replacement pending")
}

func TestMaintenanceGoldenScreens(t *testing.T) {
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
			p.Keys("enter")
			golden.RequireEqual(t, p.WaitFor("Tunnels", "traffic, last", "replacement pending"))
		})
	}
}
