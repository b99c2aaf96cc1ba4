package aws

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// l then b on a BGP tunnel: its BGP log in the same log view, the flap of
// two hours ago read as the session going down and up and the prefixes
// withdrawn and advertised again; / searches it; b goes back to the
// tunnel log; ? names the key. Against the emulator through the real SDK.
func TestLThenBOpensTheBGPLogOfABGPTunnel(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:gateways", "enter", "enter", "j", "enter") // hq-backup: tunnel 1 flapped two hours ago
	h.MustShow("Tunnels", "hq-backup")
	h.Keys("l")
	h.MustShow("Tunnel activity log", "b BGP log")
	before := emu.Calls("FilterLogEvents")
	h.Keys("b")
	h.MustShow("BGP log", "No BGP events in the last 1h", "b tunnel log")
	h.Keys("+")
	h.MustShow("last 3h", "Down", "Up", "- withdrawn", "+ advertised", "10.101.0.0/24", "BGP session up")
	if n := emu.Calls("FilterLogEvents") - before; n != 2 {
		t.Errorf("%d FilterLogEvents calls to open the BGP log and widen it once, want 2", n)
	}
	if _, ok := h.Top().(*bgpLogView); !ok {
		t.Fatalf("the top pane is %T", h.Top())
	}
	h.Keys("/", "text:withdrawn", "enter")
	h.MustShow("- withdrawn")
	h.MustNotShow("+ advertised")
	h.Keys("esc", "?")
	h.MustShow("BGP log ⇄ tunnel log")
	h.Keys("esc", "b")
	h.MustShow("Tunnel activity log")
	if _, ok := h.Top().(*tunnelLogView); !ok {
		t.Fatalf("b in the BGP log: the top pane is %T", h.Top())
	}
	h.Keys("esc")
	if _, ok := h.Top().(*s2sTunnelsView); !ok {
		t.Fatalf("esc from the log after switching: the top pane is %T, want the tunnels", h.Top())
	}
}

// A BGP tunnel with the BGP log off says what turns it on, not an empty
// view; a static tunnel's log offers no BGP log.
func TestTheBGPLogOffSaysWhatTurnsItOn(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:gateways", "enter", "enter", "j", "j", "j", "enter") // branch-paris: BGP, no logs
	h.MustShow("Tunnels", "branch-paris")
	h.Keys("l", "b")
	h.MustShow("BGP log", "The BGP log is off for tunnel", "BgpLogEnabled=true", "Modify VPN tunnel options")

	h.Keys("esc", "esc", "k", "enter") // branch-london: static
	h.MustShow("Tunnels", "branch-london")
	h.Keys("l")
	h.MustShow("Tunnel activity log")
	h.MustNotShow("b BGP log")
	h.Keys("b")
	if _, ok := h.Top().(*tunnelLogView); !ok {
		t.Fatalf("b on a static tunnel's log: the top pane is %T", h.Top())
	}
}

func TestBGPLogGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			open := func(t *testing.T, down int) {
				p := startAWSProgram(t, size.w, size.h)
				p.WaitFor("corp-vpn")
				p.Keys(":")
				p.Keys(strings.Split("gateways", "")...)
				p.Keys("enter")
				p.WaitFor("prod-vgw")
				p.Keys("enter")
				p.WaitFor("hq-primary", "1/2")
				for range down {
					p.Keys("j")
				}
				p.Keys("enter")
				p.WaitFor("Tunnels", "phase 1 encryption")
				p.Keys("l")
				// The log's title, not the words: the tunnels view's checks
				// name the tunnel and BGP logs too.
				p.WaitFor("Tunnel activity log · last")
				p.Keys("b")
				if down == 1 {
					p.WaitFor("BGP log · last 1h", "SESSION")
					p.Keys("+")
					golden.RequireEqual(t, p.WaitFor("BGP log", "last 3h", "+ advertised", "18 of 18 loaded")) // the 3h read, not the 1h one under its label
					return
				}
				golden.RequireEqual(t, p.WaitFor("BGP log · last", "BgpLogEnabled"))
			}
			t.Run("bgp-log", func(t *testing.T) { open(t, 1) })     // hq-backup, tunnel 1: the flap
			t.Run("bgp-log-off", func(t *testing.T) { open(t, 3) }) // branch-paris: off
		})
	}
}

// b in the log of both tunnels of a BGP connection says where the BGP log
// is, rather than nothing.
func TestBInBothTunnelsLogSaysTheBGPLogIsPerTunnel(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:gateways", "enter", "enter", "j") // hq-backup, on the connections list
	h.MustShow("hq-backup")
	h.Keys("l")
	h.MustShow("Tunnel activity log", "both tunnels of hq-backup")
	h.Keys("b")
	h.MustShow("the BGP log is per tunnel")
	if _, ok := h.Top().(*tunnelLogView); !ok {
		t.Fatalf("the top pane is %T", h.Top())
	}
}

// d on a BGP tunnel names its BGP log, or says it is off.
func TestTunnelDetailsNameTheBGPLog(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:gateways", "enter", "enter", "j", "enter", "d") // hq-backup, tunnel 1
	h.MustShow("Tunnel 1 of hq-backup", "BGP log", "/aws/vendedlogs/s2s-vpn-bgp (json) · l, then b")
	h.Keys("esc", "esc", "j", "j", "enter", "d") // branch-paris: no logs
	h.MustShow("Tunnel 1 of branch-paris", "off (l, then b: what turns it on)")
}
