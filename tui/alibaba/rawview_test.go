package alibaba

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
	h.Keys("enter", "enter") // prod-hz-core › to-beijing-001
	conn := h.tunnels().conn
	calls := h.emu.Calls("DescribeVpnConnections")
	h.Keys("v")
	h.MustShow("connection "+conn.ID, "as the API returned it", `"IpsecConfig": {`)
	if n := h.emu.Calls("DescribeVpnConnections") - calls; n != 1 {
		t.Errorf("v made %d calls, want 1", n)
	}
	h.Keys("y") // copies all of it
	all := h.Clipboard[len(h.Clipboard)-1]
	if psk := conn.Tunnels()[0].IKE.PSK.Reveal(); psk == "" || strings.Contains(all, psk) {
		t.Fatalf("the pre-shared key is shown (or there is none):\n%s", all)
	}
	if !strings.Contains(all, `"VpnConnectionId": "`+conn.ID+`"`) || !strings.Contains(all, api.Mask) {
		t.Errorf("no mask in:\n%s", all)
	}
	h.Keys("y")
	h.MustShow("copied connection " + conn.ID + " as JSON")
	h.Keys("esc")
	h.MustShow("TUNNEL 1 (master)")
}

// v on a gateway's IPsec servers tab shows the server under the cursor,
// on the SSL clients tab the SSL server (issue 17: both showed the gateway).
func TestRawJSONFollowsTheTab(t *testing.T) {
	h := newHarness(t, 120, 50, emulator.Config{})
	h.Keys("enter") // prod-hz-core
	h.MustShow("SSL server UDP/1194")
	h.Keys("tab", "tab")
	h.MustShow("[IPsec servers")
	s, ok := h.gateway().servers().Selected()
	if !ok {
		t.Fatal("no IPsec server on prod-hz-core")
	}
	h.Keys("v")
	h.MustShow("ipsec-server "+s.ID, `"IpsecServerId": "`+s.ID+`"`)
	h.Keys("esc", "shift+tab", "v")
	h.MustShow("ssl-server vss-", `"SslVpnServerId": "vss-`)
}
