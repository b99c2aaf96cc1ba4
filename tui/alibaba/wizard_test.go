package alibaba

import (
	"context"

	"charm.land/bubbles/v2/key"

	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	tui "github.com/vpnscope/vpnscope/tui"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// openWizardOn opens the wizard on the named gateway of cn-hangzhou.
func openWizardOn(t *testing.T, h *harness, name string) {
	t.Helper()
	for i := 0; i < 50; i++ {
		if g, ok := h.gateways().List.Selected(); ok && g.Name == name {
			h.Keys("c")
			if !on[*wizard](h) {
				t.Fatalf("c did not open the wizard:\n%s", h.Screen())
			}
			return
		}
		h.Keys("j")
	}
	t.Fatalf("no gateway %s", name)
}

func clearField(h *harness) {
	for range 60 {
		h.Keys("backspace")
	}
}

// fillGood walks staging-hz's wizard to the review step with a good request.
func fillGood(h *harness) {
	h.Keys("text:office-vpn", "enter") // name → client pool (pre-filled /26)
	h.Keys("enter", "text:10.0.0.0/8, 10.30.0.0/16", "enter")
	h.Keys("right", "enter", "enter", "enter", "enter") // UDP, port 1194, cipher, compress
	h.Keys("enter")                                     // no two-factor auth → review
}

func TestWizardGoodRequestEndsActive(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{UpdateDuration: 20 * time.Millisecond})
	openWizardOn(t, h, "staging-hz")
	if n := h.emu.Calls("DescribeSslVpnServers"); n != 1 {
		t.Fatalf("opening the wizard made %d DescribeSslVpnServers calls", n)
	}
	h.MustShow("New SSL server on staging-hz", "1 Basics", "Name")
	gwID := h.wizard().gw.ID
	fillGood(h)
	h.MustShow("CreateSslVpnServer will be sent with:", "172.31.0.0/26", "10.0.0.0/8,10.30.0.0/16", "UDP", "1194",
		"test-token-1", "enter submits")
	// Double enter: the second arrives while the first is out.
	h.Hold = func(m tea.Msg) bool { _, ok := m.(wizardSubmittedMsg); return ok }
	h.Keys("enter", "enter")
	h.Hold = nil
	if n := h.emu.Calls("CreateSslVpnServer"); n != 1 {
		t.Fatalf("double enter sent %d requests", n)
	}
	for _, m := range h.Held {
		h.Send(m)
	}
	h.MustShow("✓ SSL server vss-", "created", "updating")
	time.Sleep(30 * time.Millisecond)
	h.FireTimers()
	h.MustShow("The gateway is active", "UDP/1194, pool 172.31.0.0/26")
	h.Keys("enter")
	if !on[*gatewayView](h) || h.gateway().gw.Name != "staging-hz" {
		t.Fatalf("enter should land on the gateway's view, on %v", h.App.Top())
	}
	h.MustShow("cn-hangzhou › staging-hz", "SSL server UDP/1194 0/", "created on staging-hz")
	h.Keys("esc")
	h.MustShow("staging-hz", "STATUS")
	s, err := h.client.SSLServer(context.Background(), "cn-hangzhou", gwID)
	if err != nil || s == nil || s.ClientIPPool != "172.31.0.0/26" || s.Proto != "UDP" || s.Name != "office-vpn" {
		t.Fatalf("server as the service has it: %+v, %v", s, err)
	}
}

func TestWizardBlocksEachClassOfBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
		says string
	}{
		{"name with a scheme", []string{"text:https://vpn"}, "cannot start with https://"},
		{"pool too small", []string{"enter", "backspace", "backspace", "text:27"}, "use a /26 or larger"},
		{"pool host bits", []string{"enter", "backspace", "backspace", "backspace", "backspace", "text:5/26"}, "has host bits set"},
		{"no local subnet", []string{"enter", "enter"}, "at least one local CIDR"},
		{"pool overlaps local", []string{"enter", "enter", "text:172.16.0.0/12"}, "overlaps the local CIDR"},
		{"reserved port", []string{"enter", "enter", "text:10.0.0.0/8", "enter", "enter", "backspace", "backspace", "backspace", "backspace", "text:4500"}, "Port 4500 is reserved"},
		{"port not a number", []string{"enter", "enter", "text:10.0.0.0/8", "enter", "enter", "text:x"}, "is not a port"},
		{"mfa without idaas", []string{"enter", "enter", "text:10.0.0.0/8", "enter", "enter", "enter", "enter", "enter", "space", "enter"}, "needs the IDaaS instance id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, 80, 40, emulator.Config{})
			openWizardOn(t, h, "staging-hz")
			h.Keys(tc.keys...)
			h.MustShow(tc.says)
			step := h.wizard().form.Step
			h.Keys("enter", "enter", "enter", "enter", "enter", "enter")
			if h.wizard().form.Step != step && h.wizard().stepBlocked(step) {
				t.Fatalf("left step %v with a blocker", step)
			}
			if h.wizard().form.Step == stepReview {
				t.Fatalf("reached review with a blocker:\n%s", h.Screen())
			}
			if n := h.emu.Calls("CreateSslVpnServer"); n != 0 {
				t.Fatalf("%d requests sent with a blocker", n)
			}
		})
	}
}

func TestWizardFixSuggestionAndGoingBack(t *testing.T) {
	h := newHarness(t, 80, 30, emulator.Config{})
	openWizardOn(t, h, "staging-hz")
	h.Keys("enter", "backspace", "backspace", "text:27")
	h.MustShow("suggested: 172.31.0.0/26")
	h.Keys("ctrl+f")
	h.MustNotShow("use a /26")
	if v := h.wizard().field(alibaba.FieldClientIPPool).Input.Value(); v != "172.31.0.0/26" {
		t.Fatalf("fix applied as %q", v)
	}
	h.Keys("shift+tab", "shift+tab")
	if h.wizard().form.Step != stepBasics {
		t.Fatal("shift+tab should go back a step, even past a blocker")
	}
}

func TestWizardRefusesGatewaysThatCannotHaveAServer(t *testing.T) {
	for gw, says := range map[string]string{
		"dr-hz-legacy":    "SSL-VPN is off",
		"prod-hz-core":    "already has an SSL server",
		"hz-updating":     "The gateway is updating",
		"hz-locked":       "locked for an overdue payment",
		"hz-provisioning": "The gateway is provisioning",
	} {
		t.Run(gw, func(t *testing.T) {
			h := newHarness(t, 80, 24, emulator.Config{})
			openWizardOn(t, h, gw)
			h.MustShow("cannot get an SSL server now", says, "esc leaves")
			h.Keys("text:abc", "enter", "enter")
			if h.emu.Calls("CreateSslVpnServer") != 0 || h.wizard().form.Step != stepBasics {
				t.Fatal("a blocked wizard moved on")
			}
			h.Keys("esc")
			if !on[*gatewaysPane](h) {
				t.Fatal("esc should leave a blocked wizard at once")
			}
		})
	}
}

func TestWizardServerErrorLandsOnItsFieldAndKeepsInput(t *testing.T) {
	h := newHarness(t, 80, 40, emulator.Config{})
	openWizardOn(t, h, "staging-hz")
	h.Keys("text:office", "enter", "enter", "text:10.0.0.0/8", "enter", "enter", "enter", "enter", "enter")
	h.Keys("space", "enter", "text:idaas-cn-hangzhou-nope", "enter", "enter")
	h.MustShow("IDaaSInstanceId", "idaas-cn-hangzhou-nope")
	h.Keys("enter")
	if h.wizard().form.Step != stepAuth || h.wizard().form.Fields[h.wizard().form.Focus].Key != alibaba.FieldIDaaSID {
		t.Fatalf("the refusal should focus the IDaaS field; step %v:\n%s", h.wizard().form.Step, h.Screen())
	}
	h.MustShow("the service refused: InvalidIDaaSInstanceId.NotFound", "idaas-cn-hangzhou-nope")
	if v := h.wizard().field(alibaba.FieldName).Input.Value(); v != "office" {
		t.Fatalf("input lost: name is %q", v)
	}
	// Correct it and resubmit: a changed request needs a new token, or the
	// service would refuse the reuse.
	clearField(h)
	h.Keys("text:"+emulator.DemoIDaaSInstanceID, "enter", "enter")
	h.MustShow("test-token-2")
	h.Keys("enter")
	h.MustShow("✓ SSL server vss-")
	if n := h.emu.Calls("CreateSslVpnServer"); n != 2 {
		t.Fatalf("%d requests", n)
	}
}

func TestWizardGatewayConflictIsShownAgainstTheGateway(t *testing.T) {
	h := newHarness(t, 80, 30, emulator.Config{UpdateDuration: time.Millisecond})
	openWizardOn(t, h, "staging-hz")
	fillGood(h)
	// Someone else creates a server meanwhile.
	_, err := h.client.CreateSSLServer(context.Background(), "cn-hangzhou", alibaba.SSLServerSpec{GatewayID: h.wizard().gw.ID,
		ClientIPPool: "192.168.240.0/26", LocalSubnets: []string{"10.0.0.0/8"}}, "someone-else")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond) // its update finishes
	h.Keys("enter")
	h.MustShow("the service refused: SslVpnServer.AlreadyExist", "at most one")
}

func TestWizardRetryAfterALostAnswerCreatesOneServer(t *testing.T) {
	lost := mustFault(t, "lost:action=CreateSslVpnServer,nth=1")
	h := newHarnessWith(t, 80, 30, emulator.Config{Faults: []emulator.Fault{lost}, UpdateDuration: time.Millisecond},
		vpcclient.Options{ReadTimeout: 150 * time.Millisecond, Retry: api.RetryPolicy{Attempts: 1}})
	openWizardOn(t, h, "staging-hz")
	fillGood(h)
	h.Keys("enter")
	h.MustShow("Timeout", "enter retries the same request")
	h.Keys("enter")
	h.MustShow("✓ SSL server vss-")
	if n := h.emu.Calls("CreateSslVpnServer"); n != 2 {
		t.Fatalf("%d requests, want the lost one and its retry", n)
	}
	s, err := h.client.SSLServer(context.Background(), "cn-hangzhou", h.wizard().gw.ID)
	if err != nil || s == nil || s.ID != h.wizard().created.ID {
		t.Fatalf("the retry must return the server the lost request made: %+v vs %s", s, h.wizard().created.ID)
	}
}

func TestWizardEscAsksBeforeDroppingInput(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	openWizardOn(t, h, "staging-hz")
	h.Keys("esc")
	if !on[*gatewaysPane](h) {
		t.Fatal("an untouched wizard should close on esc")
	}
	openWizardOn(t, h, "staging-hz")
	h.Keys("text:x", "esc")
	h.MustShow("Leave the wizard? What you typed is lost.")
	h.Keys("n")
	if !on[*wizard](h) {
		t.Fatal("n should stay")
	}
	h.Keys("esc", "y")
	if !on[*gatewaysPane](h) {
		t.Fatal("y should leave")
	}
}

func TestReadOnlyRefusesTheWizard(t *testing.T) {
	emu, client := startEmulator(t, emulator.Config{}, vpcclient.Options{})
	h := &harness{Harness: tuitest.New(t, 100, 30, tui.Config{Providers: []ui.Provider{NewProvider(client, "cn-hangzhou", "")}, ReadOnly: true}), emu: emu, client: client}
	h.MustShow("P problems")
	h.MustNotShow("new SSL server") // hints offer only what works
	h.Keys("?")
	h.MustNotShow("new SSL server")
	h.Keys("esc", "j", "c")
	if on[*wizard](h) {
		t.Fatal("read-only opened the wizard")
	}
	h.MustShow("new SSL server: off under --readonly") // said by the root, for every such key
}

// Keys match through their bindings: rebinding Create moves the wizard to
// the new key, and the hint line follows.
func TestRebindingAKeyMovesItsAction(t *testing.T) {
	h := newHarness(t, 120, 30, emulator.Config{})
	h.Common().Keys.List.Create = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new SSL server"))
	h.MustShow("n new SSL server")
	h.Keys("j", "c")
	if on[*wizard](h) {
		t.Fatal("c still opens the wizard")
	}
	h.Keys("n")
	if !on[*wizard](h) {
		t.Fatal("the new key does not open the wizard")
	}
}

func TestWizardGoldenSteps(t *testing.T) {
	shots := []struct {
		name string
		keys []string
	}{
		{"1-basics", nil},
		{"2-addresses-error", []string{"enter", "backspace", "backspace", "text:27"}},
		{"2-addresses", []string{"enter", "enter", "text:10.0.0.0/8"}},
		{"3-protocol", []string{"enter", "enter", "text:10.0.0.0/8", "enter", "right"}},
		{"4-auth", []string{"enter", "enter", "text:10.0.0.0/8", "enter", "enter", "enter", "enter", "enter", "space", "enter", "text:idaas-cn-hangzhou-demo01"}},
		{"3-protocol-error", []string{"enter", "enter", "text:10.0.0.0/8", "enter", "enter", "backspace", "backspace", "backspace", "backspace", "text:443"}},
		{"4-auth-error", []string{"enter", "enter", "text:10.0.0.0/8", "enter", "enter", "enter", "enter", "enter", "space"}},
		{"5-review", []string{"text:office-vpn", "enter", "enter", "text:10.0.0.0/8, 10.30.0.0/16", "enter", "right", "enter", "enter", "enter", "enter", "enter"}},
	}
	for _, shot := range shots {
		t.Run(shot.name, func(t *testing.T) {
			h := newHarness(t, 80, 24, emulator.Config{})
			openWizardOn(t, h, "staging-hz")
			h.Keys(shot.keys...)
			golden.RequireEqual(t, h.Screen())
		})
	}
	t.Run("blocked-gateway", func(t *testing.T) {
		h := newHarness(t, 80, 24, emulator.Config{})
		openWizardOn(t, h, "dr-hz-legacy")
		golden.RequireEqual(t, h.Screen())
	})
}

func TestWizardPoolConflictInTheVPCLandsOnThePool(t *testing.T) {
	h := newHarness(t, 80, 30, emulator.Config{})
	openWizardOn(t, h, "hz-shared-vpc-a")
	h.Keys("enter")
	clearField(h)
	// The gateway next door, in the same VPC, has an SSL server on 10.88.0.0/16:
	// nothing here can know that; the service refuses.
	h.Keys("text:10.88.0.0/26", "enter", "text:192.168.0.0/16", "enter")
	h.Keys("enter", "enter", "enter", "enter", "enter")
	h.MustShow("CreateSslVpnServer will be sent with:", "10.88.0.0/26")
	h.Keys("enter")
	if h.wizard().form.Step != stepAddresses || h.wizard().form.Fields[h.wizard().form.Focus].Key != alibaba.FieldClientIPPool {
		t.Fatalf("IpConflict should land on the client pool:\n%s", h.Screen())
	}
	h.MustShow("the service refused: IpConflict", "other SSL VPN server in the same VPC", "10.88.0.0/26")
}

// The header names the gateway once, from either place the wizard opens.
func TestWizardCrumbs(t *testing.T) {
	h := newHarness(t, 100, 24, emulator.Config{})
	h.Keys("j", "c")
	h.MustShow("cn-hangzhou › staging-hz › new SSL server")
	h.Keys("esc", "enter", "c")
	h.MustShow("cn-hangzhou › staging-hz › new SSL server")
	h.MustNotShow("staging-hz › staging-hz")
}

// On a window too short for the focused field (80x4: one row of body)
// the wizard says so and what to do, and keys do not edit the field it
// cannot show; taller, the field is there, as it was.
func TestWizardTooShortSaysSoAndTakesNoEdits(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	openWizardOn(t, h, "staging-hz")
	h.Send(tea.WindowSizeMsg{Width: 80, Height: 4})
	h.MustShow("window too small: make it taller (needs 3 more rows)")
	h.Keys("text:office", "space", "backspace")
	if v := h.wizard().field(alibaba.FieldName).Input.Value(); v != "" {
		t.Fatalf("keys edited the hidden name field: %q", v)
	}
	h.Keys("enter", "tab")
	if h.wizard().form.Step != stepBasics {
		t.Fatalf("keys moved the hidden form to step %d", h.wizard().form.Step)
	}
	if hints := h.wizard().Hints(h.Common().Keys); len(hints) != 1 || hints[0].Help().Desc != "leave" {
		t.Errorf("too short, the hints offer keys that do nothing: %v", hints)
	}
	h.Send(tea.WindowSizeMsg{Width: 80, Height: 7})
	h.MustShow("› Name", "New SSL server")
	h.MustNotShow("too small")
	h.Keys("text:x", "esc") // taller, it edits again; esc asks, also when short again
	h.Send(tea.WindowSizeMsg{Width: 80, Height: 4})
	h.MustShow("Leave the wizard? What you typed is lost.")
	h.Keys("y")
	if !on[*gatewaysPane](h) {
		t.Fatal("y should leave")
	}
}

// A short window that cuts the step's lines keeps the focused field on
// screen, not only the end of the step.
func TestWizardShortKeepsTheFocusedField(t *testing.T) {
	h := newHarness(t, 80, 10, emulator.Config{})
	openWizardOn(t, h, "staging-hz")
	h.Keys("enter", "backspace", "backspace", "text:27") // the pool, with its reason and fix under it
	h.MustShow("New SSL server", "› Client IP pool   [172.31.0.0/27", "✗ A /27 holds 32 addresses")
}

// The IDaaS instance id and its region have documented forms
// (CreateSslVpnServer: IDaaSInstanceId like idaas-cn-hangzhou-p****, an
// earlier-version instance; IDaaSRegionId a region DescribeRegions lists):
// ones that are not are refused under their fields before anything is
// sent, and the region list is asked for once, when two-factor is on.
func TestWizardRefusesAnIDaaSInstanceAndRegionNotInTheirDocumentedForms(t *testing.T) {
	h := newHarness(t, 120, 40, emulator.Config{})
	openWizardOn(t, h, "staging-hz")
	h.Keys("text:office", "enter", "enter", "text:10.0.0.0/8", "enter", "enter", "enter", "enter", "enter")
	h.Keys("space", "enter", "text:bad id!", "enter")
	clearField(h)
	h.Keys("text:nowhere-1")
	h.MustShow(`"bad id!" is not an IDaaS instance id`, "nowhere-1 is not a region of Alibaba Cloud")
	h.Keys("enter", "enter")
	if w := h.wizard(); w == nil || w.form.Step == stepReview || h.emu.Calls("CreateSslVpnServer") != 0 {
		t.Fatalf("the wizard let bad IDaaS values through:\n%s", h.Screen())
	}
	if n := h.emu.Calls("DescribeRegions"); n != 1 {
		t.Fatalf("%d DescribeRegions calls", n)
	}
	// An instance id in the documented form names its region: another
	// region is refused, with the instance's as the fix.
	h.Keys("shift+tab")
	clearField(h)
	h.Keys("text:"+emulator.DemoIDaaSInstanceID, "enter")
	clearField(h)
	h.Keys("text:cn-shanghai")
	h.MustShow("is in cn-hangzhou (its id says so), not cn-shanghai")
	h.Keys("ctrl+f", "enter")
	h.MustShow("CreateSslVpnServer will be sent with:", emulator.DemoIDaaSInstanceID, "IDaaSRegionId          cn-hangzhou")
}

// A client token serves one request: after a refusal, the corrected
// request goes with a new one (the service refuses a token reused with
// other parameters), and Review says why the token it shows changed.
func TestWizardSaysWhyTheTokenChangedAfterARefusal(t *testing.T) {
	h := newHarness(t, 100, 40, emulator.Config{})
	openWizardOn(t, h, "staging-hz")
	h.Keys("text:office", "enter", "enter", "text:10.0.0.0/8", "enter", "enter", "enter", "enter", "enter")
	h.Keys("space", "enter", "text:idaas-cn-hangzhou-nope", "enter", "enter")
	h.MustShow("test-token-1")
	h.MustNotShow("a new ClientToken")
	h.Keys("enter")
	h.MustShow("InvalidIDaaSInstanceId.NotFound")
	h.Keys("enter", "enter") // unchanged: the same request, the same token
	h.MustShow("test-token-1")
	h.MustNotShow("a new ClientToken")
	h.Keys("shift+tab", "shift+tab")
	clearField(h)
	h.Keys("text:"+emulator.DemoIDaaSInstanceID, "enter", "enter")
	h.MustShow("test-token-2", "a new ClientToken: this request differs from the one the service refused")
	h.Keys("enter")
	h.MustShow("✓ SSL server vss-")
}
