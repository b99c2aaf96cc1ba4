package alibaba

import (
	"context"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"

	ui "github.com/vpnscope/vpnscope/tui/ui"

	tui "github.com/vpnscope/vpnscope/tui"
)

// Update tests: keys in, screens and emulator call counts out.

func TestOpeningTheGatewayListIsOneCall(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	if n := h.emu.Calls(""); n != 1 || h.emu.Calls("DescribeVpnGateways") != 1 {
		t.Fatalf("%d calls on start", n)
	}
	h.MustShow("prod-hz-core", "staging-hz", "DEMO", "cn-hangzhou", "refreshed 12:00:00")
	// The first page fills the screen: two screens' worth in one call.
	if got := len(h.gateways().List.Items); got < h.gateways().List.Height {
		t.Errorf("first page has %d rows for a %d-row screen", got, h.gateways().List.Height)
	}
}

// The first page's call must not wait for the terminal: New prepares it
// with a page size that needs no window, Run takes it to start at once, and
// an answer that comes before the first size is on the first frame.
func TestFirstCallStartsBeforeTheWindowSizeIsKnown(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	app := tui.New(h.Config)
	first := app.TakeFirst()
	if first == nil {
		t.Fatal("New prepared no first call")
	}
	msg := first()
	if h.emu.Calls("DescribeVpnGateways") != 2 {
		t.Fatal("the first call did not reach the service")
	}
	if cmd := app.Init(); cmd != nil {
		for _, m := range h.Run(cmd) {
			if _, ok := m.(ui.PageLoadedMsg[alibaba.Gateway]); ok {
				t.Fatal("Init started the first call again after Run took it")
			}
		}
	}
	model, _ := app.Update(msg)
	model, _ = model.(tui.App).Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	frame := ansi.Strip(model.(tui.App).Render())
	if !strings.Contains(frame, "prod-hz-core") || !strings.Contains(frame, "50 of 50 loaded") {
		t.Fatalf("first frame lacks the page that came before it:\n%s", frame)
	}
}

// Enter on a gateway starts its connections call and, beside it in the same
// batch (so neither waits for the other), the SSL server for the summary.
// The customer gateways the connections name are read by the client beside
// the connections, in the same round trip (api/alibaba, customer gateways'
// tests), so they are not counted as a call in series.
func TestOpeningAGatewayRunsTheSideCallInParallel(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	_, cmd := h.App.Update(tuitest.KeyMsg("enter"))
	open, ok := cmd().(ui.PushMsg) // enter asks for the gateway's view
	if !ok {
		t.Fatalf("enter on a gateway: want its view pushed, got %T", cmd())
	}
	batch, ok := open.Cmd().(tea.BatchMsg)
	if !ok {
		t.Fatalf("the gateway's view: want a batch of calls, got %T", open.Cmd())
	}
	calls := func() int { return h.emu.Calls("") - h.emu.Calls("DescribeCustomerGateways") }
	for i, c := range batch {
		before := calls()
		if c != nil {
			c()
		}
		if calls()-before > 1 {
			t.Fatalf("command %d of the batch made %d calls in series", i, calls()-before)
		}
	}
	if h.emu.Calls("DescribeVpnConnections") != 1 || h.emu.Calls("DescribeSslVpnServers") != 1 {
		t.Fatalf("calls: %d connections, %d SSL servers", h.emu.Calls("DescribeVpnConnections"), h.emu.Calls("DescribeSslVpnServers"))
	}
	h = newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter")
	h.MustShow("SSL server UDP/1194 320/500 clients")
	h.MustNotShow("(vss-") // no cut id at 80 columns; whole when it fits
	h = newHarness(t, 160, 24, emulator.Config{})
	h.Keys("enter")
	h.MustShow("SSL server UDP/1194 320/500 clients (vss-")
	h = newHarness(t, 80, 24, emulator.Config{})
	h.Keys("j", "j", "enter") // dr-hz-legacy: SSL off, so no side call
	h.MustShow("dr-hz-legacy", "SSL off")
	if n := h.emu.Calls("DescribeSslVpnServers"); n != 0 {
		t.Fatalf("%d SSL server calls for a gateway with SSL off", n)
	}
}

func TestDrillInTabsAndBack(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter")
	h.MustShow("cn-hangzhou › prod-hz-core", "[IPsec connections (520)]", "to-beijing-001")
	if n := h.emu.Calls("DescribeVpnConnections"); n != 1 {
		t.Fatalf("opening a gateway made %d connection calls", n)
	}
	if h.emu.Calls("DescribeSslVpnClients")+h.emu.Calls("ListIpsecServers") != 0 {
		t.Fatal("tabs not shown yet were fetched")
	}
	h.Keys("tab")
	h.MustShow("[SSL clients (320)]", "user001@corp.example.com")
	h.Keys("tab")
	h.MustShow("[IPsec servers (1)]", "prod-hz-core-c2s", "on  off")
	h.Keys("tab")
	h.MustShow("[IPsec connections (520)]")
	h.Keys("shift+tab", "shift+tab")
	h.MustShow("[SSL clients (320)]")
	for action, want := range map[string]int{"DescribeVpnConnections": 1, "DescribeSslVpnClients": 1, "ListIpsecServers": 1} {
		if n := h.emu.Calls(action); n != want {
			t.Errorf("%s: %d calls, want %d (a tab is fetched once)", action, n, want)
		}
	}
	h.Keys("esc")
	h.MustShow("NAME", "prod-hz-core", "STATUS")
	h.MustNotShow("IPsec connections (")
}

func TestTunnelsOfADegradedDualTunnelConnection(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter", "enter")
	h.MustShow("prod-hz-core › to-beijing-001", "◐ degraded", "TUNNEL 1 (master)", "TUNNEL 2 (slave)",
		"Phase 2 (IPsec)", "✗ down")
	calls := h.emu.Calls("")
	h.Keys("pgdown") // under CloudMonitor's history
	h.MustShow("••••••••")
	h.Keys("G")
	h.MustShow("The other tunnel is up", "What to check")
	if all := ansi.Strip(strings.Join(h.tunnels().sc.Lines, "\n")); !strings.Contains(all, "Tunnel 1 tun-") || !strings.Contains(all, "phase 2 failed") {
		t.Fatalf("no explanation of tunnel 1's failing phase:\n%s", all)
	}
	if h.emu.Calls("") != calls {
		t.Error("the tunnels view made a call; the connection already has its tunnels")
	}
	h.Keys("d")
	h.MustShow("Tunnel tun-", "secrets masked")
	h.Keys("G")
	h.MustShow("BGP auth key", "Pre-shared key")
	h.MustNotShow("secrets SHOWN")
	h.Keys("s", "g")
	h.MustShow("secrets SHOWN")
	psk := h.tunnels().Selected().IKE.PSK.Reveal()
	h.Keys("pgdown")
	h.MustShow(psk)
	h.Keys("s")
	h.MustNotShow(psk)
	h.Keys("esc", "esc")
	h.MustShow("[IPsec connections (520)]")
}

func TestSingleTunnelConnectionShowsOneTunnel(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter", "j")
	h.MustShow("› to-shenzhen-002")
	h.Keys("enter")
	h.MustShow("TUNNEL (single-tunnel connection)", "Phase 1 (IKE)", "✗ down", "- not reached")
	h.MustNotShow("TUNNEL 2")
}

// An answer for a view the user has left is dropped (the list engine's
// own stale answers are tested in tui/ui), even when a list of the same
// kind has taken its place: gateway A's connections, arriving while
// gateway B is open, must not fill B's list.
func TestAnswersForAViewLeftAreDropped(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Hold = func(m tea.Msg) bool { _, ok := m.(ui.PageLoadedMsg[connRow]); return ok }
	h.Keys("enter", "esc", "j", "enter") // prod-hz-core, then staging-hz
	h.Hold = nil
	if len(h.Held) != 2 {
		t.Fatalf("held %d connection pages, want one per gateway", len(h.Held))
	}
	h.Send(h.Held[0]) // prod-hz-core's, late
	h.MustShow("cn-hangzhou › staging-hz")
	h.MustNotShow("to-beijing-001")
	if n := len(h.gateway().conns.Items); n != 0 {
		t.Fatalf("staging-hz shows %d rows of another gateway", n)
	}
	h.Send(h.Held[1])
	if n := len(h.gateway().conns.Items); n != 12 {
		t.Fatalf("staging-hz shows %d of its 12 connections", n)
	}
}

// In a gateway, esc clears a tab's filter first and leaves only after: the
// tabs ask their list (the filter itself is tested in tui/ui).
func TestEscClearsATabsFilterBeforeLeaving(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter", "/", "text:down", "enter")
	h.MustShow("filter \"down\"")
	h.Keys("esc")
	if h.gateway().conns.Query != "" || !on[*gatewayView](h) {
		t.Fatal("esc should clear the filter first, not leave")
	}
	h.Keys("esc")
	if !on[*gatewaysPane](h) {
		t.Fatal("second esc should leave")
	}
}

func TestCopyIDUsesOSC52AndSaysSo(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	g, _ := h.gateways().List.Selected()
	h.Keys("y")
	if len(h.Clipboard) != 1 || !strings.Contains(h.Clipboard[0], g.ID) {
		t.Fatalf("clipboard %v, want %s", h.Clipboard, g.ID)
	}
	h.MustShow("copied " + g.ID)
}

func TestHelpShowsTheKeysOfTheViewBelow(t *testing.T) {
	h := newHarness(t, 80, 40, emulator.Config{})
	h.Keys("enter", "?")
	h.MustShow("Keys", "next / previous tab", "t l          route path · log", "o            worst first", "filter", "load all", "R            region",
		"c            new SSL server", "P1 P2")
	h.MustNotShow("hide gone")
	h.MustNotShow("secrets")
	h.Keys("esc")
	h.MustShow("[IPsec connections")
}

func TestErrorsKeepTheLastGoodDataAndSayWhatToDo(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	f := mustFault(t, "503")
	h.emu.SetFaults(f)
	h.Keys("r")
	h.MustShow("prod-hz-core", "ServiceUnavailable", "press r to retry")
	h.emu.SetFaults()
	h.Keys("r")
	h.MustShow("prod-hz-core")
	h.MustNotShow("ServiceUnavailable")
}

func TestErrorBeforeAnyDataIsAScreen(t *testing.T) {
	f := mustFault(t, "forbidden:action=DescribeVpnGateways")
	h := newHarness(t, 80, 24, emulator.Config{Faults: []emulator.Fault{f}})
	h.MustShow("Forbidden.RAM", "ask for RAM permission for vpc:DescribeVpnGateways")
}

func TestPermissionErrorOnOneTabLeavesTheOthersWorking(t *testing.T) {
	f := mustFault(t, "forbidden:action=DescribeSslVpnClients")
	h := newHarness(t, 80, 24, emulator.Config{Faults: []emulator.Fault{f}})
	h.Keys("enter", "tab")
	h.MustShow("Forbidden.RAM", "vpc:DescribeSslVpnClients")
	h.Keys("tab")
	h.MustShow("prod-hz-core-c2s")
	h.Keys("tab")
	h.MustShow("to-beijing-001")
}

func TestRegionSwitchToAnEmptyRegion(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter", "R")
	h.MustShow("Switch region", "China (Hangzhou)", "us-west-1")
	h.Keys("j", "j", "j")
	h.MustShow("› us-west-1")
	h.Keys("enter")
	h.MustShow("us-west-1", "No VPN gateways in us-west-1.", "Press R to switch region.")
	h.MustNotShow("prod-hz-core", "cn-hangzhou ›")
}

func TestQuit(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		h := newHarness(t, 80, 24, emulator.Config{})
		h.Keys("enter", k)
		if !h.Quit {
			t.Errorf("%s did not quit", k)
		}
	}
}

// o on a gateway's connections puts the worst verdicts first, down at the
// top (the cursor and the footer are the list's, tested in tui/ui).
func TestWorstFirstPutsDownConnectionsOnTop(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter", "o")
	l := h.gateway().conns
	for pos := 1; pos < l.Count(); pos++ {
		if api.CompareVerdicts(l.At(pos-1).verdict, l.At(pos).verdict) > 0 {
			t.Fatalf("row %d is worse than row %d", pos, pos-1)
		}
	}
	h.Keys("g")
	h.MustShow("✗ down")
	if first, _ := l.Selected(); first.verdict != api.FoundAt(api.TrafficDown) || first.connection().ID != first.id {
		t.Fatalf("top row is %v", first.verdict)
	}
}

func TestHelpFitsAn80x24Screen(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	check := func(where string) {
		t.Helper()
		h.Keys("?")
		hv, ok := h.App.Top().(*tui.HelpView)
		if !ok {
			t.Fatalf("%s: ? opened no help", where)
		}
		if n, room := len(hv.Sc.Lines), 24-3; n > room { // the screen less header, status and message lines
			t.Errorf("help for %s has %d lines, the screen %d", where, n, room)
		}
		h.Keys("esc")
	}
	check("the gateway list")
	h.Keys("enter")
	for _, tab := range []string{"connections", "SSL clients", "IPsec servers"} {
		check("a gateway's " + tab)
		h.Keys("tab")
	}
	h.Keys("enter")
	check("the tunnels")
	h.Keys("d")
	check("details")
	h.Keys("esc", "l")
	check("the log")
	h.Keys("P")
	check("the problems overview")
}

func TestRetryNoticeShowsInTheStatusLine(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	e := &api.Error{Action: "DescribeVpnGateways", Kind: api.KindThrottled, Code: "Throttling.User"}
	h.Send(tui.RetryNoticeMsg(api.RetryNotice{Action: "DescribeVpnGateways", Err: e, Attempt: 1, Wait: 1500 * time.Millisecond}))
	h.MustShow("DescribeVpnGateways: throttled, retrying in 1.5s (attempt 2)")
	h.Keys("r")
	h.MustNotShow("retrying in")

	// The notice ends with its call, not with whatever answer comes next:
	// another call's end leaves it, its own end takes it down.
	h.Send(tui.RetryNoticeMsg(api.RetryNotice{Action: "DescribeVpnGateways", Call: 7, Err: e, Attempt: 3, Wait: 40 * time.Millisecond}))
	h.MustShow("retrying in 40ms (attempt 4)")
	h.Send(tui.RetryNoticeMsg(api.RetryNotice{Action: "DescribeVpnGateways", Call: 6, Done: true}))
	h.MustShow("retrying in 40ms")
	h.Send(tui.RetryNoticeMsg(api.RetryNotice{Action: "DescribeVpnGateways", Call: 7, Done: true}))
	h.MustNotShow("retrying in")
}

// Idle is idle: once the screen has what it waits for and watch is off,
// nothing vpnscope schedules wakes the program again. The spinner's next
// tick ends the animation instead of asking for another, and no timer is
// pending.
func TestIdleSchedulesNothing(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	h.Keys("enter") // a gateway view, with its side call
	h.Timers = nil
	model, cmd := h.App.Update(spinner.TickMsg{})
	h.App = model.(tui.App)
	if cmd != nil {
		t.Fatalf("a spinner tick while idle scheduled %T", cmd())
	}
	// Typing into the filter (an open input) schedules no cursor blink.
	h.Keys("/", "text:beijing", "enter")
	if len(h.Timers) != 0 {
		t.Fatalf("%d timers pending while idle", len(h.Timers))
	}
}

// A flag carrying escape sequences (--region $'us\e]2;PWNED\a\e[5mX') is
// shown as text: no title change, no blink, in the frame or the title.
func TestEscapesFromFlagsAreShownAsText(t *testing.T) {
	app := tui.New(tui.Config{Context: context.Background(),
		Providers: []ui.Provider{NewProvider(newFakeClient(3, 3), "us\x1b]2;PWNED\a\x1b[5mX", "http://127.0.0.1:1\x1b[31m")},
		Now:       func() time.Time { return tuitest.FixedNow }, Location: time.UTC})
	model, _ := app.Update(tea.WindowSizeMsg{Width: 100, Height: 20})
	v := model.(tui.App).View()
	if strings.ContainsAny(v.WindowTitle, "\x1b\a") {
		t.Errorf("window title %q", v.WindowTitle)
	}
	frame := model.(tui.App).Render()
	if strings.Contains(frame, "\x1b]2;") || strings.Contains(frame, "\x1b[5m") || strings.Contains(frame, "\a") {
		t.Errorf("the frame carries the flag's sequences: %q", frame)
	}
	if !strings.Contains(ansi.Strip(frame), "us␛]2;PWNED␇␛[5mX") {
		t.Errorf("the region is not shown as text:\n%s", ansi.Strip(frame))
	}
}

// l on a gateway's SSL clients or IPsec servers tab says where logs are.
func TestLogKeyOnOtherTabsSaysWhere(t *testing.T) {
	h := newHarness(t, 120, 30, emulator.Config{})
	h.Keys("enter", "tab", "l")
	h.MustShow("l shows a connection's negotiation log: on the IPsec connections tab")
	if opened[*logsView](h) {
		t.Fatal("a log opened from the SSL clients tab")
	}
}
