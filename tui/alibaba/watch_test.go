package alibaba

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

func TestWatchSeesAFlappingTunnelAndRecordsBothChanges(t *testing.T) {
	h := newHarness(t, 80, 48, emulator.Config{}) // the changes, under CloudMonitor's history, both on screen
	h.Keys("enter", "j", "j", "j")                // prod-hz-core › to-wuhan-004, healthy, single tunnel
	row, _ := h.gateway().conns.Selected()
	conn := row.connection()
	if conn.Name != "to-wuhan-004" {
		t.Fatalf("on %s", conn.Name)
	}
	h.Keys("enter", "w")
	h.MustShow("auto-refresh every 10s", "watch 10s")
	calls := h.emu.Calls("DescribeVpnConnections")

	if _, err := h.emu.FlapConnection("cn-hangzhou", conn.ID); err != nil {
		t.Fatal(err)
	}
	h.FireTimers()
	if n := h.emu.Calls("DescribeVpnConnections") - calls; n != 1 {
		t.Fatalf("a watch tick made %d calls; want the visible page only", n)
	}
	h.MustShow("Changes seen this session", "12:00:00  tunnel phase 2 up → down", "✗ down")

	h.emu.FlapConnection("cn-hangzhou", conn.ID)
	h.FireTimers()
	h.MustShow("tunnel phase 2 down → up", "tunnel phase 2 up → down", "● healthy")
	if got := len(h.tunnels().timeline); got != 2 {
		t.Fatalf("timeline has %d entries, want both transitions", got)
	}

	// The list behind marks the row and kept its cursor and scroll.
	h.Keys("esc")
	l := h.gateway().conns
	if sel, _ := l.Selected(); sel.id != conn.ID || l.Offset != 0 {
		t.Fatalf("cursor moved to %s (offset %d)", sel.name, l.Offset)
	}
	h.MustShow("›•to-wuhan-004", "• 1 changed")

	// Off: ticks stop refreshing.
	h.Keys("w")
	h.MustShow("auto-refresh off")
	calls = h.emu.Calls("")
	h.FireTimers()
	if h.emu.Calls("") != calls {
		t.Fatal("watch kept refreshing after w turned it off")
	}
}

func TestWatchKeepsDisconnectedClientsAsGone(t *testing.T) {
	h := newHarness(t, 160, 30, emulator.Config{})
	h.Keys("enter", "tab") // prod-hz-core's SSL clients (320: paged)
	// Load them all, so vanished clients can be told from unloaded ones.
	h.Keys("L", "y")
	gw := h.gateway().gw.ID
	name, err := h.emu.DisconnectSSLClient("cn-hangzhou", gw)
	if err != nil {
		t.Fatal(err)
	}
	h.Keys("w")
	h.FireTimers()
	h.Keys("/", "text:"+name, "enter")
	h.MustShow(name, "gone, seen 12:00", "1 gone (x hides)")
	h.Keys("esc", "x")
	h.MustShow("1 gone hidden (x shows)")
	if strings.Contains(h.Screen(), "gone, seen") {
		t.Fatal("x should hide gone clients")
	}
	if got := h.gateway().clients().Count(); got != 319 {
		t.Fatalf("%d clients shown, want 319", got)
	}
}

func TestWatchBacksOffWhileThrottled(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("w")
	f := mustFault(t, "throttle")
	h.emu.SetFaults(f)
	h.FireTimers() // refresh, throttled
	h.FireTimers() // sees the throttling: doubles the interval
	h.MustShow("watch 20s (throttled)", "Throttling.User", "prod-hz-core")
	h.emu.SetFaults()
	h.FireTimers()
	h.FireTimers()
	h.MustShow("watch 10s")
	h.MustNotShow("throttled")
}

// Watching a flapping tunnel keeps the view's layout while its state
// changes (issue 28 defect 10: 50 and 72 lines in turn, "What to check"
// appearing and vanishing): up again, the tunnel keeps its last failure's
// explanation, labelled as the last failure, with when it was seen.
func TestAFlappingTunnelKeepsItsLastFailureAndTheLayout(t *testing.T) {
	h := newHarness(t, 80, 40, emulator.Config{})
	h.Keys("enter", "j", "j", "j") // prod-hz-core › to-wuhan-004, healthy, single tunnel
	row, _ := h.gateway().conns.Selected()
	conn := row.connection()
	h.Keys("enter", "w")
	h.MustNotShow("What to check")
	// Enough flaps that the session's changes fill their section: from
	// then on only the state may change, never the length.
	var lengths []int
	for i := range maxTimelineLines + 4 {
		if _, err := h.emu.FlapConnection("cn-hangzhou", conn.ID); err != nil {
			t.Fatal(err)
		}
		h.FireTimers()
		down := i%2 == 0
		text := strings.Join(h.tunnels().sc.Lines, "\n")
		want := []string{"✗ down", "phase 2 failed", "failing now"}
		if !down {
			want = []string{"● healthy", "phase 2 failed", "up now · its last failure, last seen 12:00:00"}
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Fatalf("flap %d lacks %q:\n%s", i+1, w, text)
			}
		}
		if i >= maxTimelineLines {
			lengths = append(lengths, len(h.tunnels().sc.Lines))
		}
	}
	if slices.Min(lengths) != slices.Max(lengths) {
		t.Fatalf("the view's length changed with the state: %v lines, down and up in turn", lengths)
	}
	text := strings.Join(h.tunnels().sc.Lines, "\n")
	if !strings.Contains(text, "What to check") || !strings.Contains(text, "PFS is the same on both ends") {
		t.Fatalf("up again, the last failure's checklist is gone:\n%s", text)
	}
}

// Opened on a tunnel that is up but flaps, the view shows its last failure
// from the state journal, saying so.
func TestAFlappingTunnelOpenedWhileUpShowsTheJournalsLastFailure(t *testing.T) {
	jr := tuitest.NewJournal(t, time.Date(2026, 12, 1, 14, 2, 0, 0, time.UTC))
	h := newHarness(t, 80, 40, emulator.Config{})
	h.Common().Journal = jr.Open()
	h.Keys("enter", "j", "j", "j")
	row, _ := h.gateway().conns.Selected()
	conn := row.connection()
	h.Keys("enter", "w")
	for range 4 { // down, up, down, up: flapping, up at the end
		jr.Advance(time.Minute)
		h.emu.FlapConnection("cn-hangzhou", conn.ID)
		h.FireTimers()
	}
	h.MustShow("● healthy", "flapping")

	again := newHarness(t, 80, 40, emulator.Config{})
	again.Common().Journal = jr.Open()
	again.Keys("enter", "j", "j", "j", "enter")
	text := strings.Join(again.tunnels().sc.Lines, "\n")
	for _, want := range []string{"phase 2 failed", "up now · its last failure, first seen Dec 1 14:05 (state journal)", "What to check"} {
		if !strings.Contains(text, want) {
			t.Fatalf("lacks %q:\n%s", want, text)
		}
	}
}
