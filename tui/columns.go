package tui

import (
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// Cells shared by several panes. Every state is a word or a symbol as well
// as a colour, so it reads without colour (NO_COLOR, a monochrome SSH).

func phaseSymbol(p api.PhaseState) string {
	switch p {
	case api.PhaseUp:
		return "✓"
	case api.PhaseDown:
		return "✗"
	case api.PhaseNotReached:
		return "-"
	}
	return "?"
}

// phasesCell is "P1✓ P2✗": phase 1 (IKE) and phase 2 (IPsec).
func phasesCell(status string) string {
	p1, p2 := api.Phases(status)
	return "P1" + phaseSymbol(p1) + " P2" + phaseSymbol(p2)
}

// The tone of each state, for paint.
var (
	sessionTones = map[api.SessionState]tone{api.SessionUp: toneGood, api.SessionDown: toneBad}
	verdictTones = map[api.Verdict]tone{api.VerdictHealthy: toneGood, api.VerdictDegraded: toneWarn, api.VerdictDown: toneBad}
	phaseTones   = map[api.PhaseState]tone{api.PhaseUp: toneGood, api.PhaseDown: toneBad}
)

func sessionWord(st api.SessionState) string {
	return st.String()
}

func paintSession(s *Styles, st api.SessionState, text string) string {
	return s.paint(sessionTones[st], text)
}

func verdictWord(v api.Verdict) string {
	return map[api.Verdict]string{api.VerdictHealthy: "● healthy", api.VerdictDegraded: "◐ degraded",
		api.VerdictDown: "○ down", api.VerdictUnknown: "? unknown"}[v]
}

func paintVerdict(s *Styles, v api.Verdict, text string) string {
	return s.paint(verdictTones[v], text)
}

// gatewayState is the status a person cares about: a financial lock beats
// whatever the configuration state says.
func gatewayState(g api.Gateway) string {
	if g.BusinessStatus == "FinancialLocked" {
		return "locked"
	}
	return g.Status
}

func paintGatewayState(s *Styles, g api.Gateway, text string) string {
	switch gatewayState(g) {
	case "active":
		return s.paint(toneGood, text)
	case "locked", "deleting":
		return s.paint(toneBad, text)
	}
	return s.paint(toneWarn, text)
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

func featuresCell(g api.Gateway) string {
	parts := []string{"-----", "---"}
	if g.IPsecEnabled {
		parts[0] = "IPsec"
	}
	if g.SSLEnabled {
		parts[1] = "SSL"
	}
	return strings.Join(parts, " ")
}
