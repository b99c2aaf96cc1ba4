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

// At 80 columns each AWS problem still says its impact, which resource is
// broken, where and why (walkthrough 4; issue 28 defect 6: REGION was
// missing), under a summary line: counts by impact, what was read in how
// many regions, the calls.
func TestAWSProblemsAt80SayWhatIsBroken(t *testing.T) {
	h, _ := newAWSHarness(t, 80, 24, false)
	h.MustShow("corp-vpn")
	h.Keys("P")
	h.MustShow("IMPACT", "RESOURCE", "REGION", "MESSAGE", "syd-office", "ap-southeast-2", "no tunnel carries", "problems (",
		"✗ traffic down", "! redundancy lost")
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
			golden.RequireEqual(t, p.WaitFor("problems (", "1/29 · 29 of 29 loaded"))
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

// problemRow puts the cursor of the problems list on the first finding of
// subject and says where that is.
func problemRow(t *testing.T, h *harness, subject string) int {
	t.Helper()
	p := h.App.Top().(*awsProblemsPane)
	for i, f := range p.List.Rows() {
		if f.Subject() == subject || strings.HasPrefix(f.Subject(), subject+" ") {
			for p.List.Cursor < i {
				h.Keys("j")
			}
			return i
		}
	}
	t.Fatalf("no problem about %s in %d rows", subject, len(p.List.Rows()))
	return 0
}

// Enter on a problem opens its resource above the overview, as on Alibaba
// Cloud (walkthrough 2, A12): the header says it is one of the problems,
// in which region, under which gateway; esc comes back to the list with
// its cursor where it was and no new scan; the app's region is the same.
func TestAWSProblemOpensAboveTheOverview(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys("P")
	h.MustShow("problems (", "branch-london")
	for _, c := range []struct{ conn, region, gateway string }{
		{"branch-london", "us-east-1", "prod-vgw"},
		{"eu-branch", "eu-west-1", "eu-tgw"},
	} {
		row := problemRow(t, h, c.conn)
		scans := emu.Calls("DescribeVpnConnections")
		h.Keys("enter")
		h.MustShow("AWS › all regions › problems › "+c.region+" › "+c.gateway+" › "+c.conn, "Tunnels", "customer gateway")
		if status := strings.Split(h.Screen(), "\n")[46]; !strings.HasPrefix(status, " "+c.region+" ") {
			t.Errorf("the status line names another region than %s's: %q", c.conn, status)
		}
		h.Keys("l") // the tunnel's log, read in its region
		h.MustShow("Tunnel activity log", "problems › "+c.region+" › "+c.gateway+" › "+c.conn+" › log")
		h.Keys("esc", "esc")
		h.MustShow("AWS › all regions › problems", "branch-london")
		h.MustNotShow("Tunnels")
		p, ok := h.App.Top().(*awsProblemsPane)
		if !ok || p.List.Cursor != row {
			t.Fatalf("esc from %s did not come back to its problem row %d (%T)", c.conn, row, h.App.Top())
		}
		if n := emu.Calls("DescribeVpnConnections") - scans; n > 1 {
			t.Fatalf("opening %s and coming back made %d DescribeVpnConnections (a scan again?)", c.conn, n)
		}
	}
	h.Keys("esc")
	h.MustShow("AWS › us-east-1", "corp-vpn") // the app never left its region
}

// :id opens a VPN connection as browsing reaches it, under "Site-to-Site"
// and its gateway (walkthrough 2, A12: the crumb skipped Site-to-Site),
// and esc walks back that way.
func TestAWSOpenByIDCrumbsAreBrowsings(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("prod-vgw")
	h.Keys("enter")
	h.MustShow("branch-london")
	var id string
	for _, c := range h.App.Top().(*s2sConnectionsPane).List.Rows() {
		if c.Name == "branch-london" {
			id = c.ID
		}
	}
	h.Keys("esc", "esc")
	h.Keys(":", "text:id "+id, "enter")
	h.MustShow("AWS › us-east-1 › Site-to-Site › prod-vgw › branch-london", "Tunnels")
	h.Keys("esc")
	h.MustShow("AWS › us-east-1 › Site-to-Site › prod-vgw", "branch-london")
	h.Keys("esc")
	h.MustShow("AWS › us-east-1 › Site-to-Site", "staging-vgw", "core-tgw")
	h.Keys("esc")
	h.MustShow("AWS › us-east-1", "corp-vpn")

	// A gateway by id: its connections over the gateway list, whose
	// cursor is on it (not on the first row) for esc.
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("core-tgw")
	var tgw string
	for _, g := range h.App.Top().(*s2sGatewaysPane).List.Rows() {
		if g.Name == "core-tgw" {
			tgw = g.ID
		}
	}
	h.Keys("esc", ":", "text:id "+tgw, "enter")
	h.MustShow("AWS › us-east-1 › Site-to-Site › core-tgw")
	h.Keys("esc")
	h.MustShow("AWS › us-east-1 › Site-to-Site", "staging-vgw")
	if g, ok := h.App.Top().(*s2sGatewaysPane); !ok {
		t.Fatalf("esc from core-tgw went to %T", h.App.Top())
	} else if sel, _ := g.List.Selected(); sel.Name != "core-tgw" {
		t.Fatalf("the gateway list's cursor is on %q, not core-tgw", sel.Name)
	}
}

// An endpoint's problem opens the endpoint in its own region above the
// overview, its lists read there; esc comes back to the problem.
func TestAWSEndpointProblemOpensAboveTheOverview(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys("P")
	h.MustShow("problems (")
	row := problemRow(t, h, "client vpn endpoint eu-staff")
	h.Keys("enter")
	h.MustShow("AWS › all regions › problems › eu-west-1 › eu-staff", "[Connections")
	h.MustShow("user001") // read in eu-west-1: us-east-1 has no eu-staff
	h.MustNotShow("not found", "NotFound")
	if status := strings.Split(h.Screen(), "\n")[46]; !strings.HasPrefix(status, " eu-west-1 ") {
		t.Errorf("the status line names another region than eu-staff's: %q", status)
	}
	h.Keys("esc")
	if p, ok := h.App.Top().(*awsProblemsPane); !ok || p.List.Cursor != row {
		t.Fatalf("esc did not come back to the problem row %d (%T)", row, h.App.Top())
	}
}

// Enter on a tunnel's problem opens the connection with that tunnel
// selected, not the first (walkthrough: "redundancy lost hq-backup ·
// 203.0.113.48" opened on tunnel 1, 203.0.113.66).
func TestAWSTunnelProblemOpensOnItsTunnel(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys("P")
	h.MustShow("problems (")
	second := 0 // findings about a tunnel other than the connection's first
	for i, f := range h.App.Top().(*awsProblemsPane).List.Rows() {
		if f.Resource != "tunnel" || f.Connection == nil {
			continue
		}
		if f.Connection.Tunnels[0].OutsideIP != f.TunnelID {
			second++
		}
		for h.App.Top().(*awsProblemsPane).List.Cursor < i {
			h.Keys("j")
		}
		h.Keys("enter")
		h.MustShow("Tunnels")
		v := h.App.Top().(*foundTunnels)
		if got := v.conn.Tunnels[v.sel].OutsideIP; got != f.TunnelID {
			t.Errorf("%s opened with tunnel %s selected, not %s", f.Subject(), got, f.TunnelID)
		}
		h.Keys("esc")
	}
	if second == 0 {
		t.Fatal("no problem is about a connection's second tunnel: this test cannot fail")
	}
}
