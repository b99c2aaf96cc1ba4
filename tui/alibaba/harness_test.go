package alibaba

import (
	"os"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"

	tui "github.com/vpnscope/vpnscope/tui"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

func TestMain(m *testing.M) {
	os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	os.Exit(m.Run())
}

// harness is the app on the Alibaba Cloud provider, on a fresh emulator
// through the real SDK.
type harness struct {
	*tuitest.Harness
	emu    *emulator.Running
	client *vpcclient.Client
}

func newHarness(t testing.TB, w, h int, ecfg emulator.Config) *harness {
	t.Helper()
	return newHarnessWith(t, w, h, ecfg, vpcclient.Options{})
}

func newHarnessWith(t testing.TB, w, h int, ecfg emulator.Config, opts vpcclient.Options) *harness {
	t.Helper()
	emu, client := startEmulator(t, ecfg, opts)
	hr := tuitest.New(t, w, h, tui.Config{Providers: []ui.Provider{NewProvider(client, "cn-hangzhou", "http://emulator")},
		CredentialSource: "demo key", Demo: true})
	return &harness{Harness: hr, emu: emu, client: client}
}

// startEmulator runs the emulator on the tests' clock and a client of it
// that retries fast.
func startEmulator(t testing.TB, ecfg emulator.Config, opts vpcclient.Options) (*emulator.Running, *vpcclient.Client) {
	t.Helper()
	ecfg.Now = func() time.Time { return tuitest.FixedNow }
	emu, err := emulator.Start("127.0.0.1:0", ecfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	opts.Endpoint = emu.URL
	opts.Credential = credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret)
	if opts.Retry.Attempts == 0 {
		opts.Retry = api.RetryPolicy{Attempts: 2, Base: time.Millisecond, Cap: 2 * time.Millisecond}
	}
	client, err := vpcclient.New("cn-hangzhou", opts)
	if err != nil {
		t.Fatal(err)
	}
	return emu, client
}

// mustFault parses a fault spec; a typo fails the test instead of quietly
// injecting nothing.
func mustFault(t testing.TB, spec string) emulator.Fault {
	t.Helper()
	f, err := emulator.ParseFault(spec)
	if err != nil {
		t.Fatalf("fault %q: %v", spec, err)
	}
	return f
}

// The panes in the stack, typed, for tests; nil when not open.
func (h *harness) gateway() *gatewayView   { p, _ := tuitest.Find[*gatewayView](h.Harness); return p }
func (h *harness) tunnels() *tunnelsView   { p, _ := tuitest.Find[*tunnelsView](h.Harness); return p }
func (h *harness) problems() *problemsView { p, _ := tuitest.Find[*problemsView](h.Harness); return p }
func (h *harness) logs() *logsView         { p, _ := tuitest.Find[*logsView](h.Harness); return p }
func (h *harness) wizard() *wizard         { p, _ := tuitest.Find[*wizard](h.Harness); return p }

// gateways is the root gateway list.
func (h *harness) gateways() *gatewaysPane { p, _ := h.App.Panes()[0].(*gatewaysPane); return p }

// on reports whether the pane in front is of type P.
func on[P ui.Pane](h *harness) bool { return tuitest.On[P](h.Harness) }

// opened reports whether a pane of type P is in the stack.
func opened[P ui.Pane](h *harness) bool { return tuitest.Opened[P](h.Harness) }
