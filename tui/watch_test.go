package tui

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

func TestWatchSeesAFlappingTunnelAndRecordsBothChanges(t *testing.T) {
	h := newHarness(t, 80, 40, emulator.Config{})
	h.keys("enter", "j", "j", "j") // prod-hz-core › to-wuhan-004, healthy, single tunnel
	row, _ := h.app.gateway().conns.selected()
	conn := row.connection()
	if conn.Name != "to-wuhan-004" {
		t.Fatalf("on %s", conn.Name)
	}
	h.keys("enter", "w")
	h.mustShow("auto-refresh every 10s", "watch 10s")
	calls := h.emu.Calls("DescribeVpnConnections")

	if _, err := h.emu.FlapConnection("cn-hangzhou", conn.ID); err != nil {
		t.Fatal(err)
	}
	h.fireTimers()
	if n := h.emu.Calls("DescribeVpnConnections") - calls; n != 1 {
		t.Fatalf("a watch tick made %d calls; want the visible page only", n)
	}
	h.mustShow("Changes seen this session", "12:00:00  tunnel phase 2 up → down", "○ down")

	h.emu.FlapConnection("cn-hangzhou", conn.ID)
	h.fireTimers()
	h.mustShow("tunnel phase 2 down → up", "tunnel phase 2 up → down", "● healthy")
	if got := len(h.app.tunnels().timeline); got != 2 {
		t.Fatalf("timeline has %d entries, want both transitions", got)
	}

	// The list behind marks the row and kept its cursor and scroll.
	h.keys("esc")
	l := h.app.gateway().conns
	if sel, _ := l.selected(); sel.id != conn.ID || l.offset != 0 {
		t.Fatalf("cursor moved to %s (offset %d)", sel.name, l.offset)
	}
	h.mustShow("›•to-wuhan-004", "• 1 changed")

	// Off: ticks stop refreshing.
	h.keys("w")
	h.mustShow("auto-refresh off")
	calls = h.emu.Calls("")
	h.fireTimers()
	if h.emu.Calls("") != calls {
		t.Fatal("watch kept refreshing after w turned it off")
	}
}

func TestWatchKeepsDisconnectedClientsAsGone(t *testing.T) {
	h := newHarness(t, 160, 30, emulator.Config{})
	h.keys("enter", "tab") // prod-hz-core's SSL clients (320: paged)
	// Load them all, so vanished clients can be told from unloaded ones.
	h.keys("L", "y")
	gw := h.app.gateway().gw.ID
	name, err := h.emu.DisconnectSSLClient("cn-hangzhou", gw)
	if err != nil {
		t.Fatal(err)
	}
	h.keys("w")
	h.fireTimers()
	h.keys("/", "text:"+name, "enter")
	h.mustShow(name, "gone, seen 12:00", "1 gone (x hides)")
	h.keys("esc", "x")
	h.mustShow("1 gone hidden (x shows)")
	if strings.Contains(h.screen(), "gone, seen") {
		t.Fatal("x should hide gone clients")
	}
	if got := h.app.gateway().clients().count(); got != 319 {
		t.Fatalf("%d clients shown, want 319", got)
	}
}

func TestWatchBacksOffWhileThrottled(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("w")
	f := mustFault(t, "throttle")
	h.emu.SetFaults(f)
	h.fireTimers() // refresh, throttled
	h.fireTimers() // sees the throttling: doubles the interval
	h.mustShow("watch 20s (throttled)", "Throttling.User", "prod-hz-core")
	h.emu.SetFaults()
	h.fireTimers()
	h.fireTimers()
	h.mustShow("watch 10s")
	h.mustNotShow("throttled")
}
