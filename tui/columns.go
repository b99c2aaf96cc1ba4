package tui

import (
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api/alibaba"
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
	sessionTones = map[alibaba.SessionState]tone{alibaba.SessionUp: toneGood, alibaba.SessionDown: toneBad}
	verdictTones = map[alibaba.Verdict]tone{alibaba.VerdictHealthy: toneGood, alibaba.VerdictDegraded: toneWarn, alibaba.VerdictDown: toneBad}
	phaseTones   = map[alibaba.PhaseState]tone{alibaba.PhaseUp: toneGood, alibaba.PhaseDown: toneBad}
)

func sessionWord(st alibaba.SessionState) string {
	return st.String()
}

func paintSession(s *Styles, st alibaba.SessionState, text string) string {
	return s.paint(sessionTones[st], text)
}

func verdictWord(v alibaba.Verdict) string {
	return map[alibaba.Verdict]string{alibaba.VerdictHealthy: "● healthy", alibaba.VerdictDegraded: "◐ degraded",
		alibaba.VerdictDown: "○ down", alibaba.VerdictUnknown: "? unknown"}[v]
}

func paintVerdict(s *Styles, v alibaba.Verdict, text string) string {
	return s.paint(verdictTones[v], text)
}

// gatewayState is the status a person cares about: a financial lock beats
// whatever the configuration state says.
func gatewayState(g alibaba.Gateway) string {
	if g.BusinessStatus == "FinancialLocked" {
		return "locked"
	}
	return g.Status
}

func paintGatewayState(s *Styles, g alibaba.Gateway, text string) string {
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
