package alibaba

import (
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// A single-tunnel connection has no tunnel to pick: its keys line and ?
// do not offer tab (issue 28, 12); a dual-tunnel one still does.
func TestASingleTunnelConnectionOffersNoTunnelToPick(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Keys("enter", "j")
	h.MustShow("› to-shenzhen-002")
	h.Keys("enter")
	h.MustShow("TUNNEL (single-tunnel connection)")
	h.Keys("G")
	h.MustShow("l the negotiation log · d details")
	h.MustNotShow("tab picks a tunnel")
	h.Keys("?")
	h.MustShow("t l", "route path · log")
	h.MustNotShow("next tunnel")
	h.Keys("esc", "esc", "k", "enter", "G") // the first: dual-tunnel
	h.MustShow("to-beijing-001", "tab picks a tunnel")
}
