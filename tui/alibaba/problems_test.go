package alibaba

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"

	tui "github.com/vpnscope/vpnscope/tui"
)

// P scans every region: the overview lists every unhealthy connection the
// emulator's world has, once, worst first, with never more than 8 calls in
// flight; enter opens a finding's tunnels as browsing would, esc returns.
func TestProblemsOverview(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys("P")
	h.MustShow("all regions › problems", "gateways' connections read in 5 regions", "API calls")
	v := h.problems()
	if !v.done {
		t.Fatal("the scan did not finish")
	}
	var got []string
	for _, f := range v.List.Items {
		if f.ConnectionID != "" {
			got = append(got, f.Region+"/"+f.ConnectionID)
		}
	}
	slices.Sort(got)
	if want := h.emu.UnhealthyConnections(); !slices.Equal(slices.Compact(got), want) {
		t.Fatalf("overview has %d unhealthy connections, the world %d", len(slices.Compact(got)), len(want))
	}
	if peak := h.emu.PeakInFlight(); peak > h.Common().MaxInFlight {
		t.Fatalf("%d calls in flight, bound %d", peak, h.Common().MaxInFlight)
	}
	if !strings.Contains(h.Screen(), "✗") || v.List.Items[0].Impact != api.TrafficDown {
		t.Fatal("critical findings are not first")
	}

	// A connection in another region opens there: its diagnosis is asked of
	// that region, not the one being browsed.
	h.Keys("/", "text:ap-southeast-1", "enter")
	f, ok := h.problems().List.Selected()
	if !ok || f.Region != "ap-southeast-1" || f.Connection == nil {
		t.Fatalf("selected %+v", f)
	}
	before := h.emu.Calls("DiagnoseVpnConnections")
	h.Keys("enter")
	h.MustShow("all regions › problems › ap-southeast-1 › "+f.ConnectionName, "TUNNEL", " ap-southeast-1 · demo key") // the status line too
	if h.emu.Calls("DiagnoseVpnConnections") != before+1 || h.tunnels().region != "ap-southeast-1" {
		t.Fatalf("the tunnels view is in %q", h.tunnels().region)
	}
	h.Keys("esc")
	h.MustShow("all regions › problems", "filter \"ap-southeast-1\"")
}

// A re-check (r) keeps the rows on screen while it runs and marks what is
// new; what got fixed goes.
func TestProblemsRecheckMarksNewAndDropsFixed(t *testing.T) {
	h := newHarness(t, 120, 40, emulator.Config{})
	h.Keys("P")
	first := len(h.problems().List.Items)
	// Flap a healthy connection down in the world, then check again.
	id := "vco-bp1y0rfnvdo424ujpldta" // to-wuhan-004 of prod-hz-core, healthy
	_, err := h.emu.FlapConnection("cn-hangzhou", id)
	if err != nil {
		t.Fatal(err)
	}
	h.Keys("r")
	v := h.problems()
	if !v.done || len(v.List.Changed) == 0 {
		t.Fatalf("after a flap of %s: %d changed rows", id, len(v.List.Changed))
	}
	if len(v.List.Items) == first {
		t.Fatalf("the flap of %s changed nothing (%d findings)", id, first)
	}
	h.MustShow("changed")
}

// The command line: tab completes, enter runs, an unknown command says what
// exists, up brings back the last line, :q quits.
func TestCommandLine(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys(":", "text:pro", "tab")
	if got := h.App.CommandInput(); got != "problems" {
		t.Fatalf("tab completed to %q", got)
	}
	h.Keys("enter")
	h.MustShow("all regions › problems")
	h.Keys(":", "text:frobnicate", "enter")
	h.MustShow(`no command "frobnicate"; try problems, gateways, create, region`)
	h.Keys(":", "text:gateways", "enter")
	h.MustShow("NAME", "prod-hz-core")
	h.MustNotShow("problems ›")
	h.Keys(":", "text:region us-w", "tab")
	if got := h.App.CommandInput(); got != "region us-west-1" {
		t.Fatalf("tab completed to %q", got)
	}
	h.Keys("enter")
	h.MustShow("No VPN gateways in us-west-1.")
	h.Keys(":", "up")
	if got := h.App.CommandInput(); got != "region us-west-1" {
		t.Fatalf("history up gave %q", got)
	}
	h.Keys("up")
	if got := h.App.CommandInput(); got != "gateways" {
		t.Fatalf("history up twice gave %q", got)
	}
	h.Keys("esc", ":", "text:region", "enter")
	h.MustShow(":region needs ID, e.g. :region cn-")
	h.Keys(":", "text:id", "enter")
	h.MustShow(":id needs ID, e.g. :id vco-… or :id vpn-…")
	h.Keys(":", "text:q", "enter")
	if !h.Quit {
		t.Fatal(":q did not quit")
	}
}

// The gateway list shows each gateway's rollup once a problems scan has
// checked it; listing gateways costs no call per gateway.
func TestGatewayRowsShowTheScansRollup(t *testing.T) {
	h := newHarness(t, 100, 30, emulator.Config{})
	if n := h.emu.Calls(""); n != 1 {
		t.Fatalf("listing gateways made %d calls", n)
	}
	h.MustShow("prod-hz-core", "–")
	h.Keys("P", "esc")
	row := ""
	for _, line := range strings.Split(h.Screen(), "\n") {
		if strings.Contains(line, "prod-hz-core") {
			row = line
		}
	}
	if !strings.Contains(row, "/520") || !strings.Contains(row, "✗") || !strings.Contains(row, "◐") {
		t.Fatalf("prod-hz-core row: %q", row)
	}
	// Every gateway the scan checked, in every region: another region,
	// switched to after the scan, shows its counts without a new scan.
	if n := h.gateways().rollups.size(); n != 64 {
		t.Fatalf("%d rollups for the 64 gateways of 5 regions", n)
	}
	calls := h.emu.Calls("")
	h.Keys(":", "text:region ap-southeast-1", "enter")
	h.MustShow("ap-southeast-1")
	h.MustNotShow(" – ")
	if n := h.emu.Calls("") - calls; n != 1 {
		t.Fatalf("the region's gateways cost %d calls", n)
	}
}

// :id opens a connection by id alone, in its own region, as browsing there
// would: region › gateway › connection, with esc going back up.
func TestCommandIdOpensAConnectionInAnotherRegion(t *testing.T) {
	h := newHarness(t, 100, 30, emulator.Config{})
	conns, err := h.client.Connections(h.Common().Ctx, "cn-shanghai", "", api.FirstPage(1))
	if err != nil {
		t.Fatal(err)
	}
	c := conns.Items[0]
	h.Keys(":", "text:id "+c.ID, "enter")
	h.MustShow("cn-shanghai › ", " › "+c.Name, "found "+c.ID+" in cn-shanghai (2 calls)")
	if h.Common().Region != "cn-shanghai" || !on[*tunnelsView](h) {
		t.Fatalf("in %s on screen %d", h.Common().Region, h.App.Top())
	}
	h.Keys("esc")
	h.MustShow("[IPsec connections")
	h.Keys("esc")
	h.MustShow("NAME", "cn-shanghai")

	h.Keys(":", "text:id vpn-nowhere00000000000000", "enter")
	h.MustShow("vpn-nowhere00000000000000: ")
}

// Every key's action is a command too: :details is d, :back is esc.
func TestCommandsStandForKeys(t *testing.T) {
	h := newHarness(t, 100, 30, emulator.Config{})
	h.Keys(":", "text:details", "enter")
	h.MustShow("VPN gateway prod-hz-core")
	h.Keys(":", "text:back", "enter")
	h.MustShow("NAME", "prod-hz-core")
	h.Keys(":", "text:copy", "enter")
	if len(h.Clipboard) != 1 {
		t.Fatalf(":copy copied %v", h.Clipboard)
	}
	for _, c := range tui.RootCommands {
		if c.Key == "" {
			continue
		}
		if k := tui.PressKey(c.Key); k.String() != c.Key {
			t.Errorf(":%s stands for %q but presses %q", c.Name, c.Key, k.String())
		}
	}
}

// A re-check replaces the scan in flight: an event of the old scan that
// arrives after it is dropped, and nothing of it is counted.
func TestProblemsDropsEventsOfAReplacedScan(t *testing.T) {
	h := newHarness(t, 100, 30, emulator.Config{})
	h.Hold = func(m tea.Msg) bool { _, ok := m.(scanEventMsg); return ok }
	h.Keys("P")
	if len(h.Held) != 1 {
		t.Fatalf("held %d scan events", len(h.Held))
	}
	old := h.Held[0]
	h.Hold = nil
	h.Keys("r")
	v := h.problems()
	if !v.done {
		t.Fatal("the new scan did not finish")
	}
	checked, calls, rows, gateways := v.checked, v.calls, len(v.List.Items), v.gateways
	// Feed the old scan's event, and let it ask for the next one: the old
	// scan was cancelled, so its channel ends.
	h.Send(old)
	v = h.problems()
	if v.checked != checked || v.calls != calls || len(v.List.Items) != rows || v.gateways != gateways || !v.done {
		t.Fatalf("an old scan's event changed the overview: checked %d→%d, calls %d→%d, rows %d→%d, gateways %d→%d",
			checked, v.checked, calls, v.calls, rows, len(v.List.Items), gateways, v.gateways)
	}
}

// With DescribeVpnConnections refused, P lists every gateway it could not
// read as unknown ("?"), says in the header that none was read, and d
// says what to grant and why, with only the fields that apply.
func TestProblemsUnreadableIsShown(t *testing.T) {
	f := mustFault(t, "forbidden:action=DescribeVpnConnections")
	h := newHarness(t, 80, 24, emulator.Config{Faults: []emulator.Fault{f}})
	h.Keys("P")
	h.MustShow("all regions › problems", "0 of 64 gateways read")
	v := h.problems()
	unknown := 0
	for _, x := range v.List.Items {
		if x.Resource == "gateway" && (x.Impact == api.Unknown || len(x.Also) > 0) {
			unknown++
		}
	}
	if unknown != 64 {
		t.Fatalf("%d of 64 unreadable gateways listed", unknown)
	}
	h.MustShow("? unknown", "could not read")
	h.Keys("/", "text:unreadable", "enter")
	sel, _ := h.problems().List.Selected()
	if sel.Impact != api.Unknown {
		t.Fatalf("selected %v %s", sel.Impact, sel.Key())
	}
	h.Keys("d")
	h.MustShow("vpc:DescribeVpnConnections", "Forbidden.RAM", "Not read")
	h.MustNotShow("Tunnel ID", "Server ID", "Connection ID")
}

// d on a connection with both tunnels down shows what follows from the
// cause and the other tunnel's failure (walkthrough 9), not "Server ID -".
func TestProblemDetailShowsConsequencesAndAlso(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys("P")
	h.MustShow("all regions › problems", "gateways' connections read")
	var pick *api.Finding
	for _, x := range h.problems().List.Items {
		if len(x.Also) > 0 && len(x.Consequences) > 0 && x.Resource == "connection" {
			pick = &x.Finding
			break
		}
	}
	if pick == nil {
		t.Fatal("no connection finding with consequences and also in the demo world")
	}
	h.Keys("/", "text:"+pick.ConnectionID, "enter", "d")
	h.MustShow("As a result", "Also", pick.Also[0].Message[:30])
	h.MustNotShow("Server ID", " -\n")
}

// The overview has one layout on every provider (issue 28 defect 6): at 80
// columns each problem says its impact (in words, with its own mark), what
// it is, where and why; at 160 what failed reads as the phase model says
// it ("phase 2 down", never the raw "ike_sa_established"), and the gateway
// that tells apart connections of the same name.
func TestProblemsSayImpactRegionAndMessageAtEveryWidth(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("P")
	h.MustShow("IMPACT", "RESOURCE", "REGION", "MESSAGE", "✗ traffic down", "ap-southeast-1", "IKE is up but")
	h.Send(windowSize(160, 48))
	h.MustShow("WHAT", "SINCE", "GATEWAY", "phase 2 down", "phase 1 down", "branch-beijing-33")
	h.MustNotShow("ike_sa_established", "ipsec_sa_not_established", "ike_sa_not_established")
}

// The summary over the problems says what fits and leaves out whole what
// does not: at 80 columns it never ends in a cut number ("116 API …").
func TestProblemsSummaryIsNeverCutInANumber(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("P")
	line := strings.Split(h.Screen(), "\n")[1]
	count := h.App.Top().(*problemsView).List.Count()
	if strings.Contains(line, "…") || !strings.Contains(line, fmt.Sprintf("%d problems (", count)) {
		t.Fatalf("summary at 80 columns, over %d problems: %q", count, line)
	}
	h.Send(windowSize(160, 48))
	h.MustShow(" API calls", "took ")
}

// ? on the overview explains the marks its rows use, and only those: with
// every call refused, only unknown rows, so only "?".
func TestProblemsHelpExplainsTheMarksTheListUses(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("P", "?")
	h.MustShow("Symbols", "✗  traffic down", "!  redundancy lost", "◐  degraded", "?  unknown", "i  note", "•  new since")
	h.MustNotShow("P1 P2")
	h = newHarness(t, 80, 24, emulator.Config{Faults: []emulator.Fault{mustFault(t, "forbidden")}})
	h.Keys("P", "?")
	h.MustShow("Symbols", "?  unknown")
	h.MustNotShow("✗  traffic down", "!  redundancy lost", "◐  degraded")
}

// Enter on a problem opens its connection with the finding's tunnel picked
// (the walkthrough's on AWS: the first tunnel was, whichever had failed).
func TestProblemOpensOnItsTunnel(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys("P")
	h.MustShow("all regions › problems", "gateways' connections read")
	firstNotUp := func(c alibaba.Connection) string {
		for _, t := range c.Tunnels() {
			if !alibaba.TunnelUp(t) {
				return t.ID
			}
		}
		return c.Tunnels()[0].ID
	}
	other := 0 // findings whose tunnel is not the first one down
	for i, f := range h.problems().List.Items {
		if f.TunnelID == "" || f.Connection == nil || len(f.Connection.Tunnels()) < 2 {
			continue
		}
		if firstNotUp(*f.Connection) != f.TunnelID {
			other++
		}
		for h.problems().List.Cursor < i {
			h.Keys("j")
		}
		h.Keys("enter")
		if got := h.tunnels().Selected().ID; got != f.TunnelID {
			t.Errorf("%s opened with tunnel %s picked, not %s", f.Subject(), got, f.TunnelID)
		}
		h.Keys("esc")
	}
	if other == 0 {
		t.Fatal("no problem is about a tunnel other than its connection's first down: this test cannot fail")
	}
}
