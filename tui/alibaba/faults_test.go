package alibaba

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// Each fault: the last good data stays, the error says what to do, the UI
// does not panic, and it recovers when the fault stops.
func TestFaultsKeepDataAndRecover(t *testing.T) {
	for _, tc := range []struct {
		fault string
		says  string
	}{
		{"throttle:first=5", "Throttling.User"},
		{"503", "ServiceUnavailable"},
		{"500", "InternalError"},
		{"truncate", "MalformedResponse"},
		{"malformed", "MalformedResponse"},
		{"numeric-code", "MalformedResponse"},
		{"hang", "Timeout"},
		{"forbidden", "Forbidden.RAM"},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			h := newHarnessWith(t, 120, 24, emulator.Config{}, vpcclient.Options{ReadTimeout: 150 * time.Millisecond})
			h.Keys("enter")
			h.MustShow("to-beijing-001")
			f := mustFault(t, tc.fault)
			h.emu.SetFaults(f)
			h.Keys("r")
			h.MustShow("to-beijing-001", " ✗ "+strings.Split(tc.says, " ")[0])
			h.Keys("j", "j") // still responds
			h.emu.SetFaults()
			h.Keys("r")
			h.MustShow("to-beijing-001")
			h.MustNotShow(tc.says)
		})
	}
}

func TestConnectionRefusedThenBack(t *testing.T) {
	h := newHarness(t, 120, 24, emulator.Config{})
	addr := h.emu.Addr
	h.emu.Close()
	h.Keys("r")
	h.MustShow("prod-hz-core", "check the network path")
	if s := h.Screen(); !strings.Contains(s, "connection refused") && !strings.Contains(s, "closed the connection") {
		t.Fatalf("the error should say the endpoint is gone:\n%s", s)
	}
	emu, err := emulator.Start(addr, emulator.Config{Now: func() time.Time { return tuitest.FixedNow }})
	if err != nil {
		t.Skipf("could not listen on %s again: %v", addr, err)
	}
	defer emu.Close()
	h.Keys("r")
	h.MustNotShow("refused")
	h.MustShow("prod-hz-core")
}

// The UI answers keys while a call is pending: the real program, with
// every answer 2 s late.
func TestKeysWorkWhileCallsArePending(t *testing.T) {
	slow := mustFault(t, "latency:delay=2s")
	p := startProgram(t, 80, 24, slow)
	deadline := time.Now().Add(time.Second)
	for !strings.Contains(p.Screen.Load().(string), "Loading VPN gateways") {
		if time.Now().After(deadline) {
			t.Fatal("no loading screen")
		}
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	p.Keys("?")
	for !strings.Contains(p.Screen.Load().(string), "Keys") {
		if time.Since(start) > time.Second {
			t.Fatalf("help did not open while a call was pending:\n%s", p.Screen.Load())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if time.Since(start) > 500*time.Millisecond {
		t.Errorf("a key took %v to show while a call was pending", time.Since(start))
	}
	p.Keys("esc")
	p.WaitFor("prod-hz-core")
}

// A soak: hundreds of refresh cycles under random faults leave no extra
// goroutines and no growing heap.
func TestSoakRefreshUnderRandomFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("soak")
	}
	h := newHarnessWith(t, 120, 30, emulator.Config{}, vpcclient.Options{ReadTimeout: 200 * time.Millisecond})
	h.Keys("enter")
	var faults []emulator.Fault
	for _, spec := range []string{"throttle:rate=0.2", "503:rate=0.1", "truncate:rate=0.05", "malformed:rate=0.05", "numeric-code:rate=0.05"} {
		f := mustFault(t, spec)
		faults = append(faults, f)
	}
	h.emu.SetFaults(faults...)
	cycle := func(n int) {
		for i := range n {
			switch i % 3 {
			case 0:
				h.Keys("r")
			case 1:
				h.Keys("tab", "r")
			default:
				h.Keys("shift+tab", "j", "r")
			}
		}
	}
	// Warm up: connections, caches, the SDK's pools, and the HTTP client's
	// keep-alive pool at its bound (MaxInFlight), which a page of
	// connections far down the list fills when it reads the customer
	// gateways' pages four at once: idle connections are the pool, not a
	// leak.
	cycle(30)
	h.Keys("G", "G", "G")
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	goroutines := runtime.NumGoroutine()
	cycle(300)
	h.emu.SetFaults()
	h.Keys("r")
	runtime.GC()
	runtime.ReadMemStats(&after)
	time.Sleep(50 * time.Millisecond)
	if g := runtime.NumGoroutine(); g > goroutines+5 {
		t.Errorf("goroutines grew from %d to %d", goroutines, g)
	}
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 16<<20 {
		t.Errorf("heap grew by %d MB over 300 cycles", grew>>20)
	}
	if !strings.Contains(ansi.Strip(h.App.Render()), "prod-hz-core") {
		t.Fatal("lost the gateway view")
	}
}

// With DiagnoseVpnConnections refused, the tunnels view says so whole at
// 80 columns, wrapped, and names the permission to ask for (issue 28
// defect 8: "ask for RAM permission for vpc:Dia…").
func TestARefusedDiagnosisIsSaidWholeAt80(t *testing.T) {
	f := mustFault(t, "forbidden:action=DiagnoseVpnConnections")
	h := newHarness(t, 80, 24, emulator.Config{Faults: []emulator.Fault{f}})
	h.Keys("enter", "enter")
	lines := h.tunnels().sc.Lines
	text := ansi.Strip(strings.Join(lines, " "))
	if !strings.Contains(text, "vpc:DiagnoseVpnConnections") || !strings.Contains(text, "The service says nothing") {
		t.Fatalf("no refusal naming the permission in:\n%s", strings.Join(lines, "\n"))
	}
	for _, l := range lines {
		if strings.Contains(l, "Forbidden.RAM") || strings.Contains(l, "RAM permission") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("cut at 80 columns (%d cells): %q", w, ansi.Strip(l))
			}
		}
	}
}
