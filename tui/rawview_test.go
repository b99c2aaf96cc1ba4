package tui

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// v on a connection's tunnels shows it as the API returned it, secrets
// masked, and y copies all of it.
func TestRawJSONOfAConnection(t *testing.T) {
	h := newHarness(t, 120, 50, emulator.Config{})
	h.keys("enter", "enter") // prod-hz-core › to-beijing-001
	conn := h.app.tunnels().conn
	calls := h.emu.Calls("DescribeVpnConnections")
	h.keys("v")
	h.mustShow("connection "+conn.ID, "as the API returned it", `"IpsecConfig": {`)
	if n := h.emu.Calls("DescribeVpnConnections") - calls; n != 1 {
		t.Errorf("v made %d calls, want 1", n)
	}
	all := strings.Join(h.app.top().(*rawView).sc.lines, "\n")
	if psk := conn.Tunnels()[0].IKE.PSK.Reveal(); psk == "" || strings.Contains(all, psk) {
		t.Fatalf("the pre-shared key is shown (or there is none):\n%s", all)
	}
	if !strings.Contains(all, `"VpnConnectionId": "`+conn.ID+`"`) || !strings.Contains(all, api.Mask) {
		t.Errorf("no mask in:\n%s", all)
	}
	h.keys("y")
	h.mustShow("copied connection " + conn.ID + " as JSON")
	h.keys("esc")
	h.mustShow("TUNNEL 1 (master)")
}
