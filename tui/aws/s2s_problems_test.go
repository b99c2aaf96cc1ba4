package aws

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api/fault"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// At 80 columns each AWS problem still says which resource is broken and
// what (walkthrough 4), under a summary line: counts by impact, what was
// read in how many regions, the calls.
func TestAWSProblemsAt80SayWhatIsBroken(t *testing.T) {
	h, _ := newAWSHarness(t, 80, 24, false)
	h.MustShow("corp-vpn")
	h.Keys("P")
	h.MustShow("RESOURCE", "WHAT", "syd-office", "problems (", "traffic down", "3 regions")
	screen := h.Screen()
	for _, f := range h.App.Top().(*awsProblemsPane).List.Rows()[:15] {
		if subject := []rune(f.Subject()); !strings.Contains(screen, string(subject[:min(len(subject), 20)])) {
			t.Errorf("no row names %q", f.Subject())
		}
	}
}

// With DescribeVpnConnections refused, every region is an unknown row
// saying what to grant, and d gives the reason; never an empty list.
func TestAWSProblemsUnreadableIsShown(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	f, _ := fault.Parse("forbidden:action=DescribeVpnConnections")
	emu.SetFaults(f)
	h.Keys("P")
	h.MustShow("unknown", "region us-east-1", "region eu-west-1", "region ap-southeast-2", "3 unknown", "could not be read")
	h.Keys("/", "text:region us-east-1", "enter", "d")
	h.MustShow("ec2:DescribeVpnConnections", "Reason", "UnauthorizedOperation")
	h.MustNotShow("Tunnel ID", "Server ID")
}

func TestAWSProblemsGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			p := startAWSProgram(t, size.w, size.h)
			p.WaitFor("corp-vpn")
			p.Keys("P")
			golden.RequireEqual(t, p.WaitFor("problems (", "1/20 · 20 of 20 loaded"))
		})
	}
}

// Enter on a problem opens it even after :id was used (walkthrough 2: the
// pane's own lookup carried no sequence and the root dropped it).
func TestAWSProblemOpensAfterCommandID(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.Keys(":", "text:id "+euConnections(t, h)[0].ID, "enter")
	h.MustShow("Tunnels")
	h.Keys("P")
	h.MustShow("all regions › problems")
	for range 8 {
		h.Keys("esc")
	}
	h.Keys("P", "enter")
	h.MustShow("Tunnels", "customer gateway")
	h.MustNotShow("looking up")
}

// The AWS problems pane records what it finds in the state journal, as
// vpnscope problems does: a second run, later, still says since when.
func TestAWSProblemsSinceFromTheJournal(t *testing.T) {
	jr := tuitest.NewJournal(t, time.Date(2026, 12, 1, 14, 2, 0, 0, time.UTC))
	h, _ := newAWSHarness(t, 160, 48, false)
	h.Common().Journal = jr.Open()
	h.Keys("P")
	h.MustShow("SINCE", "Dec 1 14:02")
	jr.Advance(time.Hour)
	again, _ := newAWSHarness(t, 160, 48, false)
	again.Common().Journal = jr.Open()
	again.Keys("P")
	again.MustShow("Dec 1 14:02")
	again.MustNotShow("Dec 1 15:02")
}
