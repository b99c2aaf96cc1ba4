package alibaba

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"

	tui "github.com/vpnscope/vpnscope/tui"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

func startProgram(t *testing.T, w, h int, faults ...emulator.Fault) *tuitest.Program {
	t.Helper()
	_, client := startEmulator(t, emulator.Config{Faults: faults}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
	return tuitest.NewProgram(t, w, h, tui.Config{Providers: []ui.Provider{NewProvider(client, "cn-hangzhou", "http://127.0.0.1:PORT")},
		CredentialSource: "demo key", Demo: true})
}

func TestGoldenScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			t.Run("gateways", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				golden.RequireEqual(t, p.WaitFor("prod-hz-core", "of 50 loaded"))
			})
			t.Run("connections", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.WaitFor("prod-hz-core")
				p.Keys("enter")
				// The SSL server is a side call: wait for it too.
				golden.RequireEqual(t, p.WaitFor("[IPsec connections (520)]", "to-beijing-001", "SSL server UDP/1194"))
			})
			t.Run("tunnels-failing-phase", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.WaitFor("prod-hz-core")
				p.Keys("enter")
				p.WaitFor("to-beijing-001")
				p.Keys("enter")
				golden.RequireEqual(t, p.WaitFor("TUNNEL 2 (slave)", "Traffic, last"))
			})
			t.Run("ssl-clients", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.WaitFor("prod-hz-core")
				p.Keys("enter")
				p.WaitFor("to-beijing-001")
				p.Keys("tab")
				golden.RequireEqual(t, p.WaitFor("[SSL clients (320)]", "user001@corp.example.com", "SSL server UDP/1194"))
			})
			t.Run("help", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.WaitFor("prod-hz-core")
				p.Keys("?")
				golden.RequireEqual(t, p.WaitFor("Keys", "Everywhere"))
			})
			t.Run("problems", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.WaitFor("prod-hz-core")
				p.Keys("P")
				golden.RequireEqual(t, p.WaitFor("all regions › problems", "64 of 64 gateways"))
			})
			t.Run("error", func(t *testing.T) {
				f := mustFault(t, "503")
				p := startProgram(t, size.w, size.h, f)
				golden.RequireEqual(t, p.WaitFor("ServiceUnavailable"))
			})
			t.Run("empty-region", func(t *testing.T) {
				p := startProgram(t, size.w, size.h)
				p.WaitFor("prod-hz-core")
				p.Keys("R")
				p.WaitFor("us-west-1")
				p.Keys("j", "j", "j", "enter")
				golden.RequireEqual(t, p.WaitFor("No VPN gateways in us-west-1."))
			})
		})
	}
}
