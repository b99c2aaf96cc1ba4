package main

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/tui"
)

// BenchmarkDemoStartupToFirstFrame is the program's own time from start to
// its first frame in demo mode: starting the in-process emulator (seeding
// its world), the SDK client, the app, the first window size and the first
// render, which shows the loading screen while the first page is fetched
// (budget: well under 100 ms).
func BenchmarkDemoStartupToFirstFrame(b *testing.B) {
	b.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	o := options{Demo: true, ReadTimeout: 10 * time.Second, Refresh: 10 * time.Second, Theme: "dark", Provider: "alibaba"}
	for b.Loop() {
		cfg, cleanup, err := setup(context.Background(), o)
		if err != nil {
			b.Fatal(err)
		}
		m, _ := tui.New(cfg).Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if frame := m.View().Content; !strings.Contains(frame, "Loading VPN gateways") {
			b.Fatalf("first frame:\n%s", frame)
		}
		b.StopTimer()
		cleanup()
		b.StartTimer()
	}
}
