package alibaba

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// pskConnection is a cn-hangzhou connection the service diagnoses with a
// pre-shared key mismatch: the seeded world is the same on every run.
func pskConnection(t *testing.T) alibaba.Connection {
	t.Helper()
	_, client := startEmulator(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	gws, err := client.Gateways(ctx, "cn-hangzhou", api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gws.Items {
		conns, err := client.Connections(ctx, "cn-hangzhou", g.ID, api.FirstPage(50))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range conns.Items {
			ds, err := client.Diagnose(ctx, "cn-hangzhou", g.ID, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				if d.Code == "IkePskMismatch" {
					return c
				}
			}
		}
	}
	t.Fatal("no key mismatch in cn-hangzhou")
	return alibaba.Connection{}
}

// A connection failing on a key mismatch: its tunnels view says the key
// was changed two minutes before the failure the service dates, by whom;
// a lists what changed from ActionTrail, d shows the key masked, and the
// key is on no screen.
func TestTheAlibabaTunnelsViewSaysTheKeyChangeBeforeTheFailure(t *testing.T) {
	c := pskConnection(t)
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys(":", "text:id "+c.ID, "enter")
	h.MustShow("Phase 1 (IKE)", "PSK changed", "by alice, 2 min before the outage")
	h.Keys("a")
	h.MustShow("what changed", "ModifyVpnConnectionAttribute", "alice", "192.0.2.45")
	h.MustNotShow("DescribeVpnConnections")
	h.Keys("d")
	h.MustShow("Psk", "••••••••")
	if key := c.IKE.PSK.Reveal(); key != "" {
		h.MustNotShow(key)
	}
}

// ActionTrail refused: the tunnels view stays whole and says what could
// not be read, with the permission to ask for.
func TestARefusedActionTrailLeavesTheAlibabaTunnelsViewWhole(t *testing.T) {
	c := pskConnection(t)
	h := newHarness(t, 160, 48, emulator.Config{Faults: []emulator.Fault{mustFault(t, "forbidden:action=LookupEvents")}})
	h.Keys(":", "text:id "+c.ID, "enter")
	h.MustShow("Phase 1 (IKE)", "The service says", "could not read ActionTrail", "actiontrail:LookupEvents")
	h.MustNotShow("PSK changed")
}

func TestAlibabaChangesGoldenScreens(t *testing.T) {
	c := pskConnection(t)
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			p := startProgram(t, size.w, size.h)
			p.WaitFor("NAME")
			p.Keys(":")
			p.Keys(strings.Split("id "+c.ID, "")...)
			p.Keys("enter")
			t.Run("tunnels", func(t *testing.T) {
				golden.RequireEqual(t, p.WaitFor("Phase 1 (IKE)", "PSK changed", "customer gateway 61.228.102.166", "refreshed 12:00:00"))
			})
			p.Keys("a")
			t.Run("changes", func(t *testing.T) {
				golden.RequireEqual(t, p.WaitFor("WHEN", "ModifyVpnConnectionAttribute"))
			})
		})
	}
}
