package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// Update tests: keys in, screens and emulator call counts out.

func TestOpeningTheGatewayListIsOneCall(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	if n := h.emu.Calls(""); n != 1 || h.emu.Calls("DescribeVpnGateways") != 1 {
		t.Fatalf("%d calls on start", n)
	}
	h.mustShow("prod-hz-core", "staging-hz", "DEMO", "cn-hangzhou", "refreshed 12:00:00")
	// The first page fills the screen: two screens' worth in one call.
	if got := len(h.app.gateways().list.items); got < h.app.gateways().list.height {
		t.Errorf("first page has %d rows for a %d-row screen", got, h.app.gateways().list.height)
	}
}

// The first page's call must not wait for the terminal: New prepares it
// with a page size that needs no window, Run takes it to start at once, and
// an answer that comes before the first size is on the first frame.
func TestFirstCallStartsBeforeTheWindowSizeIsKnown(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	app := New(h.app.cfg)
	first := app.takeFirst()
	if first == nil {
		t.Fatal("New prepared no first call")
	}
	msg := first()
	if h.emu.Calls("DescribeVpnGateways") != 2 {
		t.Fatal("the first call did not reach the service")
	}
	if cmd := app.Init(); cmd != nil {
		for _, m := range h.run(cmd) {
			if _, ok := m.(pageLoadedMsg[alibaba.Gateway]); ok {
				t.Fatal("Init started the first call again after Run took it")
			}
		}
	}
	model, _ := app.Update(msg)
	model, _ = model.(App).Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	frame := ansi.Strip(model.(App).render())
	if !strings.Contains(frame, "prod-hz-core") || !strings.Contains(frame, "50 of 50 loaded") {
		t.Fatalf("first frame lacks the page that came before it:\n%s", frame)
	}
}

// Enter on a gateway starts its connections call and, beside it in the same
// batch (so neither waits for the other), the SSL server for the summary.
func TestOpeningAGatewayRunsTheSideCallInParallel(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	_, cmd := h.app.Update(keyMsg("enter"))
	open, ok := cmd().(pushMsg) // enter asks for the gateway's view
	if !ok {
		t.Fatalf("enter on a gateway: want its view pushed, got %T", cmd())
	}
	batch, ok := open.cmd().(tea.BatchMsg)
	if !ok {
		t.Fatalf("the gateway's view: want a batch of calls, got %T", open.cmd())
	}
	for i, c := range batch {
		before := h.emu.Calls("")
		if c != nil {
			c()
		}
		if h.emu.Calls("")-before > 1 {
			t.Fatalf("command %d of the batch made %d calls in series", i, h.emu.Calls("")-before)
		}
	}
	if h.emu.Calls("DescribeVpnConnections") != 1 || h.emu.Calls("DescribeSslVpnServers") != 1 {
		t.Fatalf("calls: %d connections, %d SSL servers", h.emu.Calls("DescribeVpnConnections"), h.emu.Calls("DescribeSslVpnServers"))
	}
	h = newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter")
	h.mustShow("SSL server UDP/1194 320/500 clients (vss-")
	h = newHarness(t, 80, 24, emulator.Config{})
	h.keys("j", "j", "enter") // dr-hz-legacy: SSL off, so no side call
	h.mustShow("dr-hz-legacy", "SSL off")
	if n := h.emu.Calls("DescribeSslVpnServers"); n != 0 {
		t.Fatalf("%d SSL server calls for a gateway with SSL off", n)
	}
}

func TestDrillInTabsAndBack(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter")
	h.mustShow("cn-hangzhou › prod-hz-core", "[IPsec connections (520)]", "to-beijing-001")
	if n := h.emu.Calls("DescribeVpnConnections"); n != 1 {
		t.Fatalf("opening a gateway made %d connection calls", n)
	}
	if h.emu.Calls("DescribeSslVpnClients")+h.emu.Calls("ListIpsecServers") != 0 {
		t.Fatal("tabs not shown yet were fetched")
	}
	h.keys("tab")
	h.mustShow("[SSL clients (320)]", "user001@corp.example.com")
	h.keys("tab")
	h.mustShow("[IPsec servers (1)]", "prod-hz-core-c2s", "on  off")
	h.keys("tab")
	h.mustShow("[IPsec connections (520)]")
	h.keys("shift+tab", "shift+tab")
	h.mustShow("[SSL clients (320)]")
	for action, want := range map[string]int{"DescribeVpnConnections": 1, "DescribeSslVpnClients": 1, "ListIpsecServers": 1} {
		if n := h.emu.Calls(action); n != want {
			t.Errorf("%s: %d calls, want %d (a tab is fetched once)", action, n, want)
		}
	}
	h.keys("esc")
	h.mustShow("NAME", "prod-hz-core", "STATUS")
	h.mustNotShow("IPsec connections (")
}

func TestTunnelsOfADegradedDualTunnelConnection(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter", "enter")
	h.mustShow("prod-hz-core › to-beijing-001", "◐ degraded", "TUNNEL 1 (master)", "TUNNEL 2 (slave)",
		"Phase 2 (IPsec)", "✗ down", "••••••••")
	calls := h.emu.Calls("")
	h.keys("G")
	h.mustShow("The other tunnel is up", "What to check")
	if all := ansi.Strip(strings.Join(h.app.tunnels().sc.lines, "\n")); !strings.Contains(all, "Tunnel 1 tun-") || !strings.Contains(all, "phase 2 failed") {
		t.Fatalf("no explanation of tunnel 1's failing phase:\n%s", all)
	}
	if h.emu.Calls("") != calls {
		t.Error("the tunnels view made a call; the connection already has its tunnels")
	}
	h.keys("d")
	h.mustShow("Tunnel tun-", "secrets masked")
	h.keys("G")
	h.mustShow("BGP auth key", "Pre-shared key")
	h.mustNotShow("secrets SHOWN")
	h.keys("s", "g")
	h.mustShow("secrets SHOWN")
	psk := h.app.tunnels().selected().IKE.PSK.Reveal()
	h.keys("pgdown")
	h.mustShow(psk)
	h.keys("s")
	h.mustNotShow(psk)
	h.keys("esc", "esc")
	h.mustShow("[IPsec connections (520)]")
}

func TestSingleTunnelConnectionShowsOneTunnel(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter", "j")
	h.mustShow("› to-shenzhen-002")
	h.keys("enter")
	h.mustShow("TUNNEL (single-tunnel connection)", "Phase 1 (IKE)", "✗ down", "- not reached")
	h.mustNotShow("TUNNEL 2")
}

func TestLazyPagingFetchesTheNextPageExactlyAtTheThreshold(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter")
	l := h.app.gateway().conns
	loaded, height := len(l.items), l.height
	if loaded != 2*height {
		t.Fatalf("first page %d rows for height %d", loaded, height)
	}
	// The threshold: the cursor within one screen of the last loaded row.
	for range loaded - height - 1 {
		h.keys("j")
	}
	if n := h.emu.Calls("DescribeVpnConnections"); n != 1 {
		t.Fatalf("fetched early: %d calls with the cursor at %d of %d", n, h.app.gateway().conns.cursor, loaded)
	}
	// Hold the answer back: more moves must not ask again while it is out.
	h.hold = func(m tea.Msg) bool { _, ok := m.(pageLoadedMsg[connRow]); return ok }
	h.keys("j", "j", "j", "pgdown", "G")
	if n := h.emu.Calls("DescribeVpnConnections"); n != 2 {
		t.Fatalf("%d calls; want exactly one more, and none while it is in flight", n)
	}
	h.mustShow("loading more…")
	h.hold = nil
	cursor := h.app.gateway().conns.cursor
	for _, m := range h.held {
		h.send(m)
	}
	l = h.app.gateway().conns
	if len(l.items) != 2*loaded || l.cursor != cursor {
		t.Fatalf("after the page: %d rows, cursor %d (was %d)", len(l.items), l.cursor, cursor)
	}
	// The cursor sat at the old bottom, now mid-list: still within a
	// screen? Then exactly one more call followed; otherwise none.
	want := 2
	if len(l.items)-1-l.cursor < l.height {
		want = 3
	}
	if n := h.emu.Calls("DescribeVpnConnections"); n != want {
		t.Errorf("%d calls after the page arrived, want %d", n, want)
	}
}

func TestStaleAnswersAreDropped(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	// Two refreshes in a row: the first one's answer arrives last.
	h.hold = func(m tea.Msg) bool { _, ok := m.(pageLoadedMsg[alibaba.Gateway]); return ok }
	h.keys("r", "r")
	if len(h.held) != 2 {
		t.Fatalf("held %d answers", len(h.held))
	}
	h.hold = nil
	newer, older := h.held[1], h.held[0]
	h.send(newer)
	if h.app.gateways().list.mode == modeRefresh {
		t.Fatal("the newest refresh did not complete")
	}
	before := fmt.Sprint(h.app.gateways().list.items)
	h.send(older)
	if h.app.gateways().list.mode == modeRefresh || fmt.Sprint(h.app.gateways().list.items) != before {
		t.Fatal("an older answer changed the list")
	}

	// An answer for a view the user has left is dropped too, even when a
	// list of the same kind has taken its place: gateway A's connections,
	// arriving while gateway B is open, must not fill B's list.
	h.hold = func(m tea.Msg) bool { _, ok := m.(pageLoadedMsg[connRow]); return ok }
	h.held = nil
	h.keys("enter", "esc", "j", "enter") // prod-hz-core, then staging-hz
	h.hold = nil
	if len(h.held) != 2 {
		t.Fatalf("held %d connection pages, want one per gateway", len(h.held))
	}
	h.send(h.held[0]) // prod-hz-core's, late
	h.mustShow("cn-hangzhou › staging-hz")
	h.mustNotShow("to-beijing-001")
	if n := len(h.app.gateway().conns.items); n != 0 {
		t.Fatalf("staging-hz shows %d rows of another gateway", n)
	}
	h.send(h.held[1])
	if n := len(h.app.gateway().conns.items); n != 12 {
		t.Fatalf("staging-hz shows %d of its 12 connections", n)
	}
}

func TestRefreshKeepsTheCursorOnTheSameItem(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("j", "j", "j", "j", "j")
	want, _ := h.app.gateways().list.selected()
	before := h.emu.Calls("DescribeVpnGateways")
	h.keys("r")
	got, _ := h.app.gateways().list.selected()
	if got.ID != want.ID || h.emu.Calls("DescribeVpnGateways") != before+1 {
		t.Fatalf("cursor on %s after refresh, want %s", got.Name, want.Name)
	}
	// Deep in a long list, refresh reloads what was loaded and stays put.
	h.keys("enter")
	for range 60 {
		h.keys("j")
	}
	want2, _ := h.app.gateway().conns.selected()
	h.keys("r")
	got2, _ := h.app.gateway().conns.selected()
	if got2.id != want2.id {
		t.Fatalf("cursor on %s after refresh, want %s", got2.name, want2.name)
	}
}

func TestFilterAndLoadAll(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter", "/", "text:down")
	h.mustShow("/down")
	// While the filter input is open, q and esc edit it rather than quit
	// or leave.
	h.keys("text:q")
	if h.quit {
		t.Fatal("q quit while typing a filter")
	}
	h.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	h.keys("enter")
	l := h.app.gateway().conns
	if l.count() == 0 || l.count() >= len(l.items) {
		t.Fatalf("filter kept %d of %d", l.count(), len(l.items))
	}
	for pos := range l.count() {
		if !strings.Contains(strings.ToLower(l.spec.text(l.at(pos))), "down") {
			t.Fatalf("row %d does not match", pos)
		}
	}
	h.mustShow(fmt.Sprintf("filter \"down\": %d match", l.count()), "L load all")
	calls := h.emu.Calls("DescribeVpnConnections")
	h.keys("L")
	rows, n := h.app.gateway().conns.remainingCalls()
	h.mustShow(fmt.Sprintf("Load the remaining %d IPsec connections in %d calls?", rows, n))
	h.keys("y")
	if got := h.emu.Calls("DescribeVpnConnections") - calls; got != n {
		t.Errorf("load all took %d calls, announced %d", got, n)
	}
	l = h.app.gateway().conns
	if len(l.items) != 520 || l.more {
		t.Fatalf("after load all: %d rows, more=%v", len(l.items), l.more)
	}
	h.keys("esc")
	if h.app.gateway().conns.query != "" || !on[*gatewayView](h) {
		t.Fatal("esc should clear the filter first, not leave")
	}
	h.keys("esc")
	if !on[*gatewaysPane](h) {
		t.Fatal("second esc should leave")
	}
}

func TestCopyIDUsesOSC52AndSaysSo(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	g, _ := h.app.gateways().list.selected()
	h.keys("y")
	if len(h.clipboard) != 1 || !strings.Contains(h.clipboard[0], g.ID) {
		t.Fatalf("clipboard %v, want %s", h.clipboard, g.ID)
	}
	h.mustShow("copied " + g.ID)
}

func TestHelpShowsTheKeysOfTheViewBelow(t *testing.T) {
	h := newHarness(t, 80, 40, emulator.Config{})
	h.keys("enter", "?")
	h.mustShow("Keys", "next / previous tab", "l            log", "o            worst first", "filter", "load all", "R            region",
		"c            new SSL server", "P1 P2")
	h.mustNotShow("hide gone")
	h.mustNotShow("secrets")
	h.keys("esc")
	h.mustShow("[IPsec connections")
}

func TestErrorsKeepTheLastGoodDataAndSayWhatToDo(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	f := mustFault(t, "503")
	h.emu.SetFaults(f)
	h.keys("r")
	h.mustShow("prod-hz-core", "ServiceUnavailable", "press r to retry")
	h.emu.SetFaults()
	h.keys("r")
	h.mustShow("prod-hz-core")
	h.mustNotShow("ServiceUnavailable")
}

func TestErrorBeforeAnyDataIsAScreen(t *testing.T) {
	f := mustFault(t, "forbidden:action=DescribeVpnGateways")
	h := newHarness(t, 80, 24, emulator.Config{Faults: []emulator.Fault{f}})
	h.mustShow("Forbidden.RAM", "ask for RAM permission for vpc:DescribeVpnGateways")
}

func TestPermissionErrorOnOneTabLeavesTheOthersWorking(t *testing.T) {
	f := mustFault(t, "forbidden:action=DescribeSslVpnClients")
	h := newHarness(t, 80, 24, emulator.Config{Faults: []emulator.Fault{f}})
	h.keys("enter", "tab")
	h.mustShow("Forbidden.RAM", "vpc:DescribeSslVpnClients")
	h.keys("tab")
	h.mustShow("prod-hz-core-c2s")
	h.keys("tab")
	h.mustShow("to-beijing-001")
}

func TestRegionSwitchToAnEmptyRegion(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter", "R")
	h.mustShow("Switch region", "China (Hangzhou)", "us-west-1")
	h.keys("j", "j", "j")
	h.mustShow("› us-west-1")
	h.keys("enter")
	h.mustShow("us-west-1", "No VPN gateways in us-west-1.", "Press R to switch region.")
	h.mustNotShow("prod-hz-core", "cn-hangzhou ›")
}

func TestQuit(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		h := newHarness(t, 80, 24, emulator.Config{})
		h.keys("enter", k)
		if !h.quit {
			t.Errorf("%s did not quit", k)
		}
	}
}

func TestSortWorstFirstKeepsTheCursorOnItsRow(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter", "j", "j", "j") // to-wuhan-004, healthy
	h.keys("o")
	l := h.app.gateway().conns
	if sel, _ := l.selected(); sel.name != "to-wuhan-004" {
		t.Fatalf("cursor moved to %s", sel.name)
	}
	for pos := 1; pos < l.count(); pos++ {
		if l.at(pos-1).verdict > l.at(pos).verdict {
			t.Fatalf("row %d is worse than row %d", pos, pos-1)
		}
	}
	h.keys("g")
	h.mustShow("worst first (o)", "○ down")
	if first, _ := l.selected(); first.verdict != alibaba.VerdictDown || first.connection().ID != first.id {
		t.Fatalf("top row is %v", first.verdict)
	}
	h.keys("o")
	h.mustNotShow("worst first (o)")
}

func TestHelpFitsAn80x24Screen(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	check := func(where string) {
		t.Helper()
		h.keys("?")
		hv, ok := h.app.top().(*helpView)
		if !ok {
			t.Fatalf("%s: ? opened no help", where)
		}
		if n := len(hv.sc.lines); n > h.app.bodyHeight() {
			t.Errorf("help for %s has %d lines, the screen %d", where, n, h.app.bodyHeight())
		}
		h.keys("esc")
	}
	check("the gateway list")
	h.keys("enter")
	for _, tab := range []string{"connections", "SSL clients", "IPsec servers"} {
		check("a gateway's " + tab)
		h.keys("tab")
	}
	h.keys("enter")
	check("the tunnels")
	h.keys("d")
	check("details")
	h.keys("esc", "l")
	check("the log")
	h.keys("P")
	check("the problems overview")
}

func TestRetryNoticeShowsInTheStatusLine(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	e := &api.Error{Action: "DescribeVpnGateways", Kind: api.KindThrottled, Code: "Throttling.User"}
	h.send(retryNoticeMsg(api.RetryNotice{Action: "DescribeVpnGateways", Err: e, Attempt: 1, Wait: 1500 * time.Millisecond}))
	h.mustShow("DescribeVpnGateways: throttled, retrying in 1.5s (attempt 2)")
	h.keys("r")
	h.mustNotShow("retrying in")

	// The notice ends with its call, not with whatever answer comes next:
	// another call's end leaves it, its own end takes it down.
	h.send(retryNoticeMsg(api.RetryNotice{Action: "DescribeVpnGateways", Call: 7, Err: e, Attempt: 3, Wait: 40 * time.Millisecond}))
	h.mustShow("retrying in 40ms (attempt 4)")
	h.send(retryNoticeMsg(api.RetryNotice{Action: "DescribeVpnGateways", Call: 6, Done: true}))
	h.mustShow("retrying in 40ms")
	h.send(retryNoticeMsg(api.RetryNotice{Action: "DescribeVpnGateways", Call: 7, Done: true}))
	h.mustNotShow("retrying in")
}

// Idle is idle: once the screen has what it waits for and watch is off,
// nothing vpnscope schedules wakes the program again. The spinner's next
// tick ends the animation instead of asking for another, and no timer is
// pending.
func TestIdleSchedulesNothing(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.keys("enter") // a gateway view, with its side call
	h.timers = nil
	model, cmd := h.app.Update(h.app.spin.Tick())
	h.app = model.(App)
	if cmd != nil {
		t.Fatalf("a spinner tick while idle scheduled %T", cmd())
	}
	if h.app.spinning {
		t.Fatal("the spinner still runs with nothing loading")
	}
	// Typing into the filter (an open input) schedules no cursor blink.
	h.keys("/", "text:beijing", "enter")
	if len(h.timers) != 0 {
		t.Fatalf("%d timers pending while idle", len(h.timers))
	}
}

// A flag carrying escape sequences (--region $'us\e]2;PWNED\a\e[5mX') is
// shown as text: no title change, no blink, in the frame or the title.
func TestEscapesFromFlagsAreShownAsText(t *testing.T) {
	app := New(Config{Context: context.Background(),
		Providers: []Provider{NewAlibaba(newFakeClient(3, 3), "us\x1b]2;PWNED\a\x1b[5mX", "http://127.0.0.1:1\x1b[31m")},
		Now:       func() time.Time { return fixedNow }, Location: time.UTC})
	model, _ := app.Update(tea.WindowSizeMsg{Width: 100, Height: 20})
	v := model.(App).View()
	if strings.ContainsAny(v.WindowTitle, "\x1b\a") {
		t.Errorf("window title %q", v.WindowTitle)
	}
	frame := model.(App).render()
	if strings.Contains(frame, "\x1b]2;") || strings.Contains(frame, "\x1b[5m") || strings.Contains(frame, "\a") {
		t.Errorf("the frame carries the flag's sequences: %q", frame)
	}
	if !strings.Contains(ansi.Strip(frame), "us␛]2;PWNED␇␛[5mX") {
		t.Errorf("the region is not shown as text:\n%s", ansi.Strip(frame))
	}
}
