package aws

import (
	"math"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/fault"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// openHQBackupTunnels opens hq-backup's tunnels (tunnel 1 flapped, tunnel
// 2 down six hours) on the emulator.
func openHQBackupTunnels(t *testing.T, h *harness) {
	t.Helper()
	h.MustShow("corp-vpn")
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("prod-vgw")
	h.Keys("enter")
	h.MustShow("hq-backup")
	h.Keys("j", "enter")
	h.MustShow("Tunnels · hq-backup", "phase 1 encryption")
}

// The state line says up, down and part of the time by its blocks, so it
// reads without colour; no data is neither.
func TestTheStateLineReadsWithoutColour(t *testing.T) {
	start := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	s := aws.Series{Start: start, Period: time.Minute, Values: []float64{1, 1, 0, 0, 0.5, math.NaN()}}
	got := ansi.Strip(ui.StateSpark(ui.NewStyles(true), s.Values, 6))
	if got != "▇▇▁▁▄·" {
		t.Errorf("state line %q, want ▇▇▁▁▄·", got)
	}
	if got := ansi.Strip(ui.StateSpark(ui.NewStyles(true), s.Values, 3)); got != "▇▁▄" {
		t.Errorf("three columns of two points: %q, want ▇▁▄ (a column down at all is not up)", got)
	}
	traffic := aws.Series{Start: start, Period: time.Minute, Values: []float64{0, 100, 800, math.NaN()}}
	if got := ui.TrafficSpark(traffic.Values, 4, ui.ColumnTop(4, ui.Sum, traffic.Values), ui.Sum); got != " ▁█·" {
		t.Errorf("traffic line %q, want \" ▁█·\"", got)
	}
}

// The view opens with a day of CloudWatch history in one GetMetricData
// call, + and - change the window with one call each, the axis is in the
// viewer's zone, and the end of the steps says so without a call.
func TestTunnelsHistoryIsOneCallAViewAndAWindow(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	openHQBackupTunnels(t, h)
	if n := emu.Calls("GetMetricData"); n != 1 {
		t.Fatalf("%d GetMetricData calls to open the view, want 1", n)
	}
	h.MustShow("state 24h", "11-19 12:00", "▶ most of it", "traffic in", "traffic out")
	if !strings.Contains(h.Screen(), "▄▁▁▁") {
		t.Errorf("tunnel 2's outage is not on the state line:\n%s", h.Screen())
	}
	h.Keys("+")
	h.MustShow("state 3d", "11-17 12:00")
	if n := emu.Calls("GetMetricData"); n != 2 {
		t.Errorf("%d calls after +, want 2", n)
	}
	h.Keys("+", "+")
	h.MustShow("state 14d")
	h.Keys("+")
	h.MustShow("as wide as it goes")
	if n := emu.Calls("GetMetricData"); n != 4 {
		t.Errorf("%d calls, want 4 (none past the widest)", n)
	}
	h.Keys("-")
	h.MustShow("state 7d")
	h.Keys("?")
	h.MustShow("longer history", "shorter history")
}

// An answer for a window the view has left is dropped: the 24 h answer
// that comes after the 3 d one does not replace it.
func TestAStaleHistoryIsDropped(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.Hold = func(m tea.Msg) bool { _, ok := m.(ui.ReadAnswer[aws.ConnectionMetrics]); return ok }
	openHQBackupTunnels(t, h)
	h.MustShow("reading CloudWatch…") // nothing waits on it
	h.Send(h.Held[0])
	h.MustShow("state 24h", "11-19 12:00")
	h.Keys("+")
	h.MustShow("state 3d", "reading CloudWatch…") // not the 24 h lines under the 3 d label
	h.MustNotShow("11-19 12:00")
	if len(h.Held) != 2 {
		t.Fatalf("%d answers held, want 2", len(h.Held))
	}
	old, fresh := h.Held[0], h.Held[1] // the 24 h answer again: as if it came late
	h.Hold = nil
	h.Send(fresh)
	h.MustShow("state 3d", "11-17 12:00")
	h.Send(old)
	h.MustShow("state 3d", "11-17 12:00")
	h.MustNotShow("11-19 12:00")
}

// A metric read that fails leaves the rest of the view and says what
// could not be read and the permission it takes.
func TestAFailedHistoryLeavesTheTunnelsView(t *testing.T) {
	for spec, says := range map[string]string{"forbidden": "AccessDenied", "throttle": "Throttling", "malformed": "MalformedResponse"} {
		t.Run(spec, func(t *testing.T) {
			h, emu := newAWSHarness(t, 160, 48, false)
			f, err := fault.Parse(spec + ":action=GetMetricData")
			if err != nil {
				t.Fatal(err)
			}
			emu.SetFaults(f)
			openHQBackupTunnels(t, h)
			h.MustShow("could not read (cloudwatch:GetMetricData)", says, "○ DOWN", "phase 1 encryption", "IPSEC IS DOWN")
			h.MustNotShow("traffic, last")
			if spec == "forbidden" {
				h.MustShow("does not allow cloudwatch:GetMetricData")
			}
		})
	}
}

// The last row is traffic over the window's last period, said as traffic
// (AWS: the data metrics "can report traffic even when a tunnel is down")
// and to the minute; at 80 columns the words give way so no number is cut.
func TestTheTrafficRowSaysTrafficOverItsPeriodAndKeepsItsNumbersWhole(t *testing.T) {
	h, _ := newAWSHarness(t, 80, 24, false)
	openHQBackupTunnels(t, h)
	h.MustShow("traffic, last 12m", "▶ most of it ↓35.9M ↑37.0M")
	h.MustNotShow("now", "carries it")
	h.Keys("+", "+", "+")
	h.MustShow("state 14d", "traffic, last 2h48m") // 14 days in 120 points: 168-minute periods

	start := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	big := ui.TunnelSeries{
		In:  aws.Series{Start: start, Period: 2 * time.Hour, Values: []float64{86.4 * 1024 * 1024}},
		Out: aws.Series{Start: start, Period: 2 * time.Hour, Values: []float64{229.5 * 1024 * 1024}},
	}
	big.State = big.In
	const cell = 26 // a tunnel's cell at 80 columns
	_, _, _, _, now := ui.HistoryCells(ui.NewStyles(true), time.UTC, []ui.TunnelSeries{big}, 0, cell, awsTraffic)
	got := now[0]
	if !strings.Contains(got, "↓86.4M ↑229.5M") || ansi.StringWidth(got) > cell || !strings.HasPrefix(got, "▶ ") {
		t.Errorf("carrier cell %q (%d cells): want ▶ and both numbers whole in %d", got, ansi.StringWidth(got), cell)
	}
}
