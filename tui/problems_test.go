package tui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// P scans every region: the overview lists every unhealthy connection the
// emulator's world has, once, worst first, with never more than 8 calls in
// flight; enter opens a finding's tunnels as browsing would, esc returns.
func TestProblemsOverview(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.keys("P")
	h.mustShow("all regions › problems", "gateways checked in 5 regions", "API calls")
	v := h.app.problems()
	if !v.done {
		t.Fatal("the scan did not finish")
	}
	var got []string
	for _, f := range v.list.items {
		if f.ConnectionID != "" {
			got = append(got, f.Region+"/"+f.ConnectionID)
		}
	}
	slices.Sort(got)
	if want := h.emu.UnhealthyConnections(); !slices.Equal(slices.Compact(got), want) {
		t.Fatalf("overview has %d unhealthy connections, the world %d", len(slices.Compact(got)), len(want))
	}
	if peak := h.emu.PeakInFlight(); peak > h.app.c.maxInFlight {
		t.Fatalf("%d calls in flight, bound %d", peak, h.app.c.maxInFlight)
	}
	if !strings.Contains(h.screen(), "✗") || v.list.items[0].Impact != api.TrafficDown {
		t.Fatal("critical findings are not first")
	}

	// A connection in another region opens there: its diagnosis is asked of
	// that region, not the one being browsed.
	h.keys("/", "text:ap-southeast-1", "enter")
	f, ok := h.app.problems().list.selected()
	if !ok || f.Region != "ap-southeast-1" || f.Connection == nil {
		t.Fatalf("selected %+v", f)
	}
	before := h.emu.Calls("DiagnoseVpnConnections")
	h.keys("enter")
	h.mustShow("all regions › problems › ap-southeast-1 › "+f.ConnectionName, "TUNNEL")
	if h.emu.Calls("DiagnoseVpnConnections") != before+1 || h.app.tunnels().region != "ap-southeast-1" {
		t.Fatalf("the tunnels view is in %q", h.app.tunnels().region)
	}
	h.keys("esc")
	h.mustShow("all regions › problems", "filter \"ap-southeast-1\"")
}

// A re-check (r) keeps the rows on screen while it runs and marks what is
// new; what got fixed goes.
func TestProblemsRecheckMarksNewAndDropsFixed(t *testing.T) {
	h := newHarness(t, 120, 40, emulator.Config{})
	h.keys("P")
	first := len(h.app.problems().list.items)
	// Flap a healthy connection down in the world, then check again.
	id := "vco-bp1y0rfnvdo424ujpldta" // to-wuhan-004 of prod-hz-core, healthy
	_, err := h.emu.FlapConnection("cn-hangzhou", id)
	if err != nil {
		t.Fatal(err)
	}
	h.keys("r")
	v := h.app.problems()
	if !v.done || len(v.list.changed) == 0 {
		t.Fatalf("after a flap of %s: %d changed rows", id, len(v.list.changed))
	}
	if len(v.list.items) == first {
		t.Fatalf("the flap of %s changed nothing (%d findings)", id, first)
	}
	h.mustShow("changed")
}

// The command line: tab completes, enter runs, an unknown command says what
// exists, up brings back the last line, :q quits.
func TestCommandLine(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys(":", "text:pro", "tab")
	if got := h.app.cmdline.input.Value(); got != "problems" {
		t.Fatalf("tab completed to %q", got)
	}
	h.keys("enter")
	h.mustShow("all regions › problems")
	h.keys(":", "text:frobnicate", "enter")
	h.mustShow(`no command "frobnicate"; try problems, gateways, region, sort, id, refresh`)
	h.keys(":", "text:gateways", "enter")
	h.mustShow("NAME", "prod-hz-core")
	h.mustNotShow("problems ›")
	h.keys(":", "text:region us-w", "tab")
	if got := h.app.cmdline.input.Value(); got != "region us-west-1" {
		t.Fatalf("tab completed to %q", got)
	}
	h.keys("enter")
	h.mustShow("No VPN gateways in us-west-1.")
	h.keys(":", "up")
	if got := h.app.cmdline.input.Value(); got != "region us-west-1" {
		t.Fatalf("history up gave %q", got)
	}
	h.keys("up")
	if got := h.app.cmdline.input.Value(); got != "gateways" {
		t.Fatalf("history up twice gave %q", got)
	}
	h.keys("esc", ":", "text:region", "enter")
	h.mustShow(":region needs ID")
	h.keys(":", "text:q", "enter")
	if !h.quit {
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
	h.mustShow("prod-hz-core", "–")
	h.keys("P", "esc")
	row := ""
	for _, line := range strings.Split(h.screen(), "\n") {
		if strings.Contains(line, "prod-hz-core") {
			row = line
		}
	}
	if !strings.Contains(row, "/520") || !strings.Contains(row, "✗") || !strings.Contains(row, "◐") {
		t.Fatalf("prod-hz-core row: %q", row)
	}
	// Every gateway of the region on screen, and only those.
	r := h.app.gateways().rollups
	if len(r) != 50 {
		t.Fatalf("%d rollups for the 50 gateways of cn-hangzhou", len(r))
	}
}

// :id opens a connection by id alone, in its own region, as browsing there
// would: region › gateway › connection, with esc going back up.
func TestCommandIdOpensAConnectionInAnotherRegion(t *testing.T) {
	h := newHarness(t, 100, 30, emulator.Config{})
	conns, err := h.client.Connections(h.app.c.ctx, "cn-shanghai", "", api.FirstPage(1))
	if err != nil {
		t.Fatal(err)
	}
	c := conns.Items[0]
	h.keys(":", "text:id "+c.ID, "enter")
	h.mustShow("cn-shanghai › ", " › "+c.Name, "found "+c.ID+" in cn-shanghai (2 calls)")
	if h.app.c.region != "cn-shanghai" || !on[*tunnelsView](h) {
		t.Fatalf("in %s on screen %d", h.app.c.region, h.app.top())
	}
	h.keys("esc")
	h.mustShow("[IPsec connections")
	h.keys("esc")
	h.mustShow("NAME", "cn-shanghai")

	h.keys(":", "text:id vpn-nowhere00000000000000", "enter")
	h.mustShow("vpn-nowhere00000000000000: ")
}

// Every key's action is a command too: :details is d, :back is esc.
func TestCommandsStandForKeys(t *testing.T) {
	h := newHarness(t, 100, 30, emulator.Config{})
	h.keys(":", "text:details", "enter")
	h.mustShow("VPN gateway prod-hz-core")
	h.keys(":", "text:back", "enter")
	h.mustShow("NAME", "prod-hz-core")
	h.keys(":", "text:copy", "enter")
	if len(h.clipboard) != 1 {
		t.Fatalf(":copy copied %v", h.clipboard)
	}
	for _, c := range rootCommands {
		if c.key == "" {
			continue
		}
		if k := pressKey(c.key); k.String() != c.key {
			t.Errorf(":%s stands for %q but presses %q", c.name, c.key, k.String())
		}
	}
}

// A re-check replaces the scan in flight: an event of the old scan that
// arrives after it is dropped, and nothing of it is counted.
func TestProblemsDropsEventsOfAReplacedScan(t *testing.T) {
	h := newHarness(t, 100, 30, emulator.Config{})
	h.hold = func(m tea.Msg) bool { _, ok := m.(scanEventMsg); return ok }
	h.keys("P")
	if len(h.held) != 1 {
		t.Fatalf("held %d scan events", len(h.held))
	}
	old := h.held[0]
	h.hold = nil
	h.keys("r")
	v := h.app.problems()
	if !v.done {
		t.Fatal("the new scan did not finish")
	}
	checked, calls, rows, gateways := v.checked, v.calls, len(v.list.items), v.gateways
	// Feed the old scan's event, and let it ask for the next one: the old
	// scan was cancelled, so its channel ends.
	h.send(old)
	v = h.app.problems()
	if v.checked != checked || v.calls != calls || len(v.list.items) != rows || v.gateways != gateways || !v.done {
		t.Fatalf("an old scan's event changed the overview: checked %d→%d, calls %d→%d, rows %d→%d, gateways %d→%d",
			checked, v.checked, calls, v.calls, rows, len(v.list.items), gateways, v.gateways)
	}
}
