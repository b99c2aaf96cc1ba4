package tui

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
)

// openWizardOn opens the wizard on the named gateway of cn-hangzhou.
func openWizardOn(t *testing.T, h *harness, name string) {
	t.Helper()
	for i := 0; i < 50; i++ {
		if g, ok := h.app.gateways().list.selected(); ok && g.Name == name {
			h.keys("c")
			if !on[*wizard](h) {
				t.Fatalf("c did not open the wizard:\n%s", h.screen())
			}
			return
		}
		h.keys("j")
	}
	t.Fatalf("no gateway %s", name)
}

func clearField(h *harness) {
	for range 60 {
		h.keys("backspace")
	}
}

// fillGood walks staging-hz's wizard to the review step with a good request.
func fillGood(h *harness) {
	h.keys("text:office-vpn", "enter") // name → client pool (pre-filled /26)
	h.keys("enter", "text:10.0.0.0/8, 10.30.0.0/16", "enter")
	h.keys("right", "enter", "enter", "enter", "enter") // UDP, port 1194, cipher, compress
	h.keys("enter")                                     // no two-factor auth → review
}

func TestWizardGoodRequestEndsActive(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{UpdateDuration: 20 * time.Millisecond})
	openWizardOn(t, h, "staging-hz")
	if n := h.emu.Calls("DescribeSslVpnServers"); n != 1 {
		t.Fatalf("opening the wizard made %d DescribeSslVpnServers calls", n)
	}
	h.mustShow("New SSL server on staging-hz", "1 Basics", "Name")
	gwID := h.app.wizard().gw.ID
	fillGood(h)
	h.mustShow("CreateSslVpnServer will be sent with:", "172.31.0.0/26", "10.0.0.0/8,10.30.0.0/16", "UDP", "1194",
		"test-token-1", "enter submits")
	// Double enter: the second arrives while the first is out.
	h.hold = func(m tea.Msg) bool { _, ok := m.(wizardSubmittedMsg); return ok }
	h.keys("enter", "enter")
	h.hold = nil
	if n := h.emu.Calls("CreateSslVpnServer"); n != 1 {
		t.Fatalf("double enter sent %d requests", n)
	}
	for _, m := range h.held {
		h.send(m)
	}
	h.mustShow("✓ SSL server vss-", "created", "updating")
	time.Sleep(30 * time.Millisecond)
	h.fireTimers()
	h.mustShow("The gateway is active", "UDP/1194, pool 172.31.0.0/26")
	h.keys("enter")
	if !on[*gatewayView](h) || h.app.gateway().gw.Name != "staging-hz" {
		t.Fatalf("enter should land on the gateway's view, on %v", h.app.top())
	}
	h.mustShow("cn-hangzhou › staging-hz", "SSL server UDP/1194 0/", "(vss-", "created on staging-hz")
	h.keys("esc")
	h.mustShow("staging-hz", "STATUS")
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
			h.keys(tc.keys...)
			h.mustShow(tc.says)
			step := h.app.wizard().step
			h.keys("enter", "enter", "enter", "enter", "enter", "enter")
			if h.app.wizard().step != step && h.app.wizard().stepBlocked(step) {
				t.Fatalf("left step %v with a blocker", step)
			}
			if h.app.wizard().step == stepReview {
				t.Fatalf("reached review with a blocker:\n%s", h.screen())
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
	h.keys("enter", "backspace", "backspace", "text:27")
	h.mustShow("suggested: 172.31.0.0/26")
	h.keys("ctrl+f")
	h.mustNotShow("use a /26")
	if v := h.app.wizard().field(alibaba.FieldClientIPPool).input.Value(); v != "172.31.0.0/26" {
		t.Fatalf("fix applied as %q", v)
	}
	h.keys("shift+tab", "shift+tab")
	if h.app.wizard().step != stepBasics {
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
			h.mustShow("cannot get an SSL server now", says, "esc leaves")
			h.keys("text:abc", "enter", "enter")
			if h.emu.Calls("CreateSslVpnServer") != 0 || h.app.wizard().step != stepBasics {
				t.Fatal("a blocked wizard moved on")
			}
			h.keys("esc")
			if !on[*gatewaysPane](h) {
				t.Fatal("esc should leave a blocked wizard at once")
			}
		})
	}
}

func TestWizardServerErrorLandsOnItsFieldAndKeepsInput(t *testing.T) {
	h := newHarness(t, 80, 40, emulator.Config{})
	openWizardOn(t, h, "staging-hz")
	h.keys("text:office", "enter", "enter", "text:10.0.0.0/8", "enter", "enter", "enter", "enter", "enter")
	h.keys("space", "enter", "text:idaas-cn-hangzhou-nope", "enter", "enter")
	h.mustShow("IDaaSInstanceId", "idaas-cn-hangzhou-nope")
	h.keys("enter")
	if h.app.wizard().step != stepAuth || h.app.wizard().fields[h.app.wizard().focus].key != alibaba.FieldIDaaSID {
		t.Fatalf("the refusal should focus the IDaaS field; step %v:\n%s", h.app.wizard().step, h.screen())
	}
	h.mustShow("the service refused: InvalidIDaaSInstanceId.NotFound", "idaas-cn-hangzhou-nope")
	if v := h.app.wizard().field(alibaba.FieldName).input.Value(); v != "office" {
		t.Fatalf("input lost: name is %q", v)
	}
	// Correct it and resubmit: a changed request needs a new token, or the
	// service would refuse the reuse.
	clearField(h)
	h.keys("text:"+emulator.DemoIDaaSInstanceID, "enter", "enter")
	h.mustShow("test-token-2")
	h.keys("enter")
	h.mustShow("✓ SSL server vss-")
	if n := h.emu.Calls("CreateSslVpnServer"); n != 2 {
		t.Fatalf("%d requests", n)
	}
}

func TestWizardGatewayConflictIsShownAgainstTheGateway(t *testing.T) {
	h := newHarness(t, 80, 30, emulator.Config{UpdateDuration: time.Millisecond})
	openWizardOn(t, h, "staging-hz")
	fillGood(h)
	// Someone else creates a server meanwhile.
	_, err := h.client.CreateSSLServer(context.Background(), "cn-hangzhou", alibaba.SSLServerSpec{GatewayID: h.app.wizard().gw.ID,
		ClientIPPool: "192.168.240.0/26", LocalSubnets: []string{"10.0.0.0/8"}}, "someone-else")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond) // its update finishes
	h.keys("enter")
	h.mustShow("the service refused: SslVpnServer.AlreadyExist", "at most one")
}

func TestWizardRetryAfterALostAnswerCreatesOneServer(t *testing.T) {
	lost := mustFault(t, "lost:action=CreateSslVpnServer,nth=1")
	h := newHarnessWith(t, 80, 30, emulator.Config{Faults: []emulator.Fault{lost}, UpdateDuration: time.Millisecond},
		vpcclient.Options{ReadTimeout: 150 * time.Millisecond, Retry: api.RetryPolicy{Attempts: 1}})
	openWizardOn(t, h, "staging-hz")
	fillGood(h)
	h.keys("enter")
	h.mustShow("Timeout", "enter retries the same request")
	h.keys("enter")
	h.mustShow("✓ SSL server vss-")
	if n := h.emu.Calls("CreateSslVpnServer"); n != 2 {
		t.Fatalf("%d requests, want the lost one and its retry", n)
	}
	s, err := h.client.SSLServer(context.Background(), "cn-hangzhou", h.app.wizard().gw.ID)
	if err != nil || s == nil || s.ID != h.app.wizard().created.ID {
		t.Fatalf("the retry must return the server the lost request made: %+v vs %s", s, h.app.wizard().created.ID)
	}
}

func TestWizardEscAsksBeforeDroppingInput(t *testing.T) {
	h := newHarness(t, 80, 24, emulator.Config{})
	openWizardOn(t, h, "staging-hz")
	h.keys("esc")
	if !on[*gatewaysPane](h) {
		t.Fatal("an untouched wizard should close on esc")
	}
	openWizardOn(t, h, "staging-hz")
	h.keys("text:x", "esc")
	h.mustShow("Leave the wizard? What you typed is lost.")
	h.keys("n")
	if !on[*wizard](h) {
		t.Fatal("n should stay")
	}
	h.keys("esc", "y")
	if !on[*gatewaysPane](h) {
		t.Fatal("y should leave")
	}
}

func TestReadOnlyRefusesTheWizard(t *testing.T) {
	h := newHarness(t, 100, 30, emulator.Config{})
	h.app.cfg.ReadOnly, h.app.c.readOnly = true, true
	h.app.c.keys.List.Create.SetEnabled(false) // as New does under --readonly
	h.mustShow("P problems")
	h.mustNotShow("new SSL server") // hints offer only what works
	h.keys("?")
	h.mustNotShow("new SSL server")
	h.keys("esc", "j", "c")
	if on[*wizard](h) {
		t.Fatal("read-only opened the wizard")
	}
	h.mustShow("read-only: creating an SSL server is disabled")
}

// Keys match through their bindings: rebinding Create moves the wizard to
// the new key, and the hint line follows.
func TestRebindingAKeyMovesItsAction(t *testing.T) {
	h := newHarness(t, 120, 30, emulator.Config{})
	h.app.c.keys.List.Create = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new SSL server"))
	h.mustShow("n new SSL server")
	h.keys("j", "c")
	if on[*wizard](h) {
		t.Fatal("c still opens the wizard")
	}
	h.keys("n")
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
			h.keys(shot.keys...)
			golden.RequireEqual(t, h.screen())
		})
	}
	t.Run("blocked-gateway", func(t *testing.T) {
		h := newHarness(t, 80, 24, emulator.Config{})
		openWizardOn(t, h, "dr-hz-legacy")
		golden.RequireEqual(t, h.screen())
	})
}

func TestWizardPoolConflictInTheVPCLandsOnThePool(t *testing.T) {
	h := newHarness(t, 80, 30, emulator.Config{})
	openWizardOn(t, h, "hz-shared-vpc-a")
	h.keys("enter")
	clearField(h)
	// The gateway next door, in the same VPC, has an SSL server on 10.88.0.0/16:
	// nothing here can know that; the service refuses.
	h.keys("text:10.88.0.0/26", "enter", "text:192.168.0.0/16", "enter")
	h.keys("enter", "enter", "enter", "enter", "enter")
	h.mustShow("CreateSslVpnServer will be sent with:", "10.88.0.0/26")
	h.keys("enter")
	if h.app.wizard().step != stepAddresses || h.app.wizard().fields[h.app.wizard().focus].key != alibaba.FieldClientIPPool {
		t.Fatalf("IpConflict should land on the client pool:\n%s", h.screen())
	}
	h.mustShow("the service refused: IpConflict", "other SSL VPN server in the same VPC", "10.88.0.0/26")
}

// The header names the gateway once, from either place the wizard opens.
func TestWizardCrumbs(t *testing.T) {
	h := newHarness(t, 100, 24, emulator.Config{})
	h.keys("j", "c")
	h.mustShow("cn-hangzhou › staging-hz › new SSL server")
	h.keys("esc", "enter", "c")
	h.mustShow("cn-hangzhou › staging-hz › new SSL server")
	h.mustNotShow("staging-hz › staging-hz")
}
