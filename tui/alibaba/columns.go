package alibaba

import (
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api/alibaba"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// Cells shared by several panes. Every state is a word or a symbol as well
// as a colour, so it reads without colour (NO_COLOR, a monochrome SSH).

func phaseSymbol(p alibaba.PhaseState) string {
	switch p {
	case alibaba.PhaseUp:
		return "✓"
	case alibaba.PhaseDown:
		return "✗"
	case alibaba.PhaseNotReached:
		return "-"
	}
	return "?"
}

// phasesCell is "P1✓ P2✗": phase 1 (IKE) and phase 2 (IPsec).
func phasesCell(status string) string {
	p1, p2 := alibaba.Phases(status)
	return "P1" + phaseSymbol(p1) + " P2" + phaseSymbol(p2)
}

// The tone of each state, for paint.
var (
	sessionTones = map[alibaba.SessionState]ui.Tone{alibaba.SessionUp: ui.ToneGood, alibaba.SessionDown: ui.ToneBad}
	phaseTones   = map[alibaba.PhaseState]ui.Tone{alibaba.PhaseUp: ui.ToneGood, alibaba.PhaseDown: ui.ToneBad}
)

func sessionWord(st alibaba.SessionState) string {
	return st.String()
}

func paintSession(s *ui.Styles, st alibaba.SessionState, text string) string {
	return s.Paint(sessionTones[st], text)
}

// gatewayState is the status a person cares about: a financial lock beats
// whatever the configuration state says.
func gatewayState(g alibaba.Gateway) string {
	if g.BusinessStatus == "FinancialLocked" {
		return "locked"
	}
	return g.Status
}

// paintGatewayState paints the status by the gateway's own finding (its
// lock, its state), as P ranks it: a gateway being deleted is a note, not
// red.
func paintGatewayState(s *ui.Styles, region string, g alibaba.Gateway, text string) string {
	return s.PaintState(alibaba.VerdictOfGateway(region, g), text)
}

// subnetsCell shows the first CIDR and how many more.
func subnetsCell(cidrs []string) string {
	switch len(cidrs) {
	case 0:
		return "-"
	case 1:
		return cidrs[0]
	}
	return fmt.Sprintf("%s +%d", cidrs[0], len(cidrs)-1)
}

func featuresCell(g alibaba.Gateway) string {
	parts := []string{"-----", "---"}
	if g.IPsecEnabled {
		parts[0] = "IPsec"
	}
	if g.SSLEnabled {
		parts[1] = "SSL"
	}
	return strings.Join(parts, " ")
}
