package alibaba

import (
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// A tunnel that went down and up while the TUI watched shows both changes
// with their times after a restart of the program, from the state journal.
func TestTunnelHistorySurvivesARestart(t *testing.T) {
	jr := tuitest.NewJournal(t, time.Date(2026, 12, 1, 14, 2, 0, 0, time.UTC))

	h := newHarness(t, 120, 60, emulator.Config{})
	h.Common().Journal = jr.Open()
	h.Keys("enter", "j", "j", "j") // prod-hz-core › to-wuhan-004, healthy, single tunnel
	row, _ := h.gateway().conns.Selected()
	conn := row.connection()
	h.Keys("enter", "w")
	h.MustShow("History (the changes vpnscope saw", "Since")
	if _, err := h.emu.FlapConnection("cn-hangzhou", conn.ID); err != nil {
		t.Fatal(err)
	}
	h.FireTimers()
	h.MustShow("down at least since Dec 1 14:02 (just now) · first seen by vpnscope", "Dec 1 14:02:00  traffic-down (phase 2)")
	jr.Advance(7 * time.Minute)
	h.emu.FlapConnection("cn-hangzhou", conn.ID)
	h.FireTimers()
	h.MustShow("up since Dec 1 14:09", "Dec 1 14:09:00  ok")

	// A new program, a new emulator world: the journal remembers.
	again := newHarness(t, 120, 60, emulator.Config{})
	again.Common().Journal = jr.Open()
	again.Keys("enter", "j", "j", "j", "enter")
	again.MustShow("up since Dec 1 14:09", "Dec 1 14:09:00  ok", "Dec 1 14:02:00  traffic-down (phase 2)")
}

// Without a journal (--no-journal) the tunnels view has no history of
// its own and says nothing about it: a Since is the service's alone.
func TestNoJournalNoHistory(t *testing.T) {
	h := newHarness(t, 120, 60, emulator.Config{})
	h.Keys("enter", "enter")
	h.MustShow("Since ", "the service's state metric (CloudMonitor)")
	h.MustNotShow("History (the changes vpnscope saw", "first seen by vpnscope")
}
