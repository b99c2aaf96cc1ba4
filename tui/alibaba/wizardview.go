package alibaba

// Rendering the wizard: its steps, fields with their problems, the
// review of the exact request, and the progress after submit.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

func (w *wizard) SetSize(width, height int) {
	w.width, w.height = width, height
	w.form.SetWidth(width)
}

// wizardMinRows is the least the form needs on screen: its title, its
// steps, the focused field and the first line under it (its reason or
// hint). With fewer, the wizard says so instead and takes no edits.
const wizardMinRows = 4

// tooShort is true while the form is being filled in (or reviewed) on a
// screen with no room for the focused field.
func (w *wizard) tooShort() bool {
	return w.phase == phaseEditing && w.gatewayBlocked() == nil && w.height < wizardMinRows
}

// View renders the wizard into exactly height lines.
func (w wizard) View() string {
	s := w.c.Styles
	if w.tooShort() {
		line := s.Warn.Render(ui.TooShort(wizardMinRows, w.height))
		if w.confirmLeave {
			line = s.Prompt.Render("Leave the wizard? What you typed is lost.") + "  " + s.HintKey.Render("y") + s.HintDesc.Render(" yes  ") + s.HintKey.Render("n") + s.HintDesc.Render(" no")
		}
		out := []string{line}
		for len(out) < w.height {
			out = append(out, "")
		}
		return strings.Join(out[:max(w.height, 0)], "\n")
	}
	focus := -1 // the focused field's line in out
	out := []string{
		" " + s.Title.Render("New SSL server") + " on " + ui.OrDash(w.gw.Name) + s.Dim.Render(" ("+w.gw.ID+")"),
		" " + w.stepsLine(),
		"",
	}
	switch {
	case w.phase == phaseChecking:
		out = append(out, "  Checking the gateway…")
	case w.gatewayBlocked() != nil:
		p := w.gatewayBlocked()
		out = append(out, s.Bad.Render("  ✗ This gateway cannot get an SSL server now."))
		out = append(out, ui.Wrap(p.Message, w.width-4, "    ")...)
		out = append(out, "", s.Dim.Render("  esc leaves the wizard"))
	case w.phase == phaseWaiting || w.phase == phaseFinished:
		out = append(out, w.progressLines()...)
	case w.form.Step == stepReview:
		out = append(out, w.reviewLines()...)
	default:
		lines, at := w.fieldLines()
		if at >= 0 {
			focus = len(out) + at
		}
		out = append(out, lines...)
	}
	if w.checkErr != nil {
		out = append(out, "", s.Warn.Render("  ⚠ could not check for an existing SSL server: "+ui.ErrorLine(w.checkErr)))
	}
	if w.serverErr != nil && (w.serverField == alibaba.FieldGateway || w.serverField == "") {
		out = append(out, "")
		out = append(out, ui.Wrap("✗ the service refused: "+ui.ErrorLine(w.serverErr), w.width-4, "  ")...)
	}
	if w.confirmLeave {
		out = append(out, "", s.Prompt.Render("  Leave the wizard? What you typed is lost.")+"  "+s.HintKey.Render("y")+s.HintDesc.Render(" yes  ")+s.HintKey.Render("n")+s.HintDesc.Render(" no"))
	}
	for len(out) < w.height {
		out = append(out, "")
	}
	if h := max(w.height, 0); len(out) > h {
		// Keep the focused field on screen on a short terminal, and the
		// two header lines while there is room for something below them:
		// the end, unless that would hide the focused field (a question
		// to answer is at the end, so it wins).
		keep := min(2, max(h-1, 0))
		start := len(out) - (h - keep)
		if focus >= keep && focus < start && !w.confirmLeave {
			start = focus
		}
		out = append(out[:keep:keep], out[start:start+h-keep]...)
	}
	return strings.Join(out, "\n")
}

func (w *wizard) stepsLine() string { return w.form.StepsLine(w.stepBlocked) }

// fieldLines are the step's fields, each with its problems under it: the
// service's refusal of it, blockers and warnings with their fixes.
func (w *wizard) fieldLines() (out []string, focus int) {
	s := w.c.Styles
	out, focus = w.form.Lines(w.width, func(key string) []ui.Note {
		var notes []ui.Note
		if w.serverField == key && w.serverErr != nil {
			notes = append(notes, ui.Note{Text: "the service refused: " + w.serverErr.Code + ": " + w.serverErr.Message, Bad: true})
		}
		for _, p := range w.problems.For(key) {
			notes = append(notes, ui.Note{Text: p.Message, Bad: p.Severity != alibaba.Warning, Fix: p.Fix})
		}
		return notes
	})
	out = append(out, "")
	if w.stepBlocked(w.form.Step) {
		out = append(out, s.Dim.Render("  Fix the marked fields to go on."))
	}
	return out, focus
}

func (w *wizard) reviewLines() []string {
	s := w.c.Styles
	spec, _ := w.spec()
	params := [][2]string{
		{"RegionId", w.c.Region}, {"VpnGatewayId", spec.GatewayID}, {"Name", spec.Name},
		{"ClientIpPool", spec.ClientIPPool}, {"LocalSubnet", strings.Join(spec.LocalSubnets, ",")},
		{"Proto", spec.Proto}, {"Port", strconv.Itoa(spec.Port)}, {"Cipher", spec.Cipher},
		{alibaba.FieldCompress, strconv.FormatBool(spec.Compress)}, {alibaba.FieldMFA, strconv.FormatBool(spec.MFA)},
	}
	if spec.MFA {
		params = append(params, [2]string{"IDaaSInstanceId", spec.IDaaSInstanceID}, [2]string{"IDaaSRegionId", spec.IDaaSRegionID})
	}
	params = append(params, [2]string{"ClientToken", w.creation.Token()})
	out := []string{"  " + s.Section.Render("CreateSslVpnServer will be sent with:")}
	for _, p := range params {
		if p[1] == "" {
			continue
		}
		out = append(out, "    "+s.Label.Render(ui.Fit(p[0], 22))+" "+p[1])
	}
	if w.creation.Renewed() {
		// The token shown before the refusal is not this one: say why.
		out = append(out, ui.Wrap("a new ClientToken: this request differs from the one the service refused, "+
			"and it refuses a token reused with other parameters (IdempotentParameterMismatch); every retry of this "+
			"request sends this one", w.width-6, "    ")...)
	}
	out = append(out, "")
	for _, p := range w.problems {
		if p.Severity == alibaba.Warning {
			out = append(out, ui.Wrap("⚠ "+p.Message, w.width-4, "  ")...)
		}
	}
	switch {
	case w.phase == phaseSubmitting:
		out = append(out, "  "+s.Info.Render("Sending…"))
	case w.problems.Blocking():
		out = append(out, "  "+s.Bad.Render(fmt.Sprintf("Submit is disabled: %d problem(s) to fix; shift+tab goes back.", countBlockers(w.problems))))
	case w.submitErr != nil:
		out = append(out, ui.Wrap("✗ "+ui.ErrorLine(w.submitErr), w.width-4, "  ")...)
		out = append(out, "  "+s.Prompt.Render("enter retries the same request (same client token, so never two servers)"))
	default:
		out = append(out, "  "+s.Prompt.Render("enter submits")+s.Dim.Render(" · shift+tab goes back · esc leaves"))
	}
	return out
}

func countBlockers(ps alibaba.Problems) int {
	n := 0
	for _, p := range ps {
		if p.Severity == alibaba.Blocker {
			n++
		}
	}
	return n
}

func (w *wizard) progressLines() []string {
	s := w.c.Styles
	out := []string{"  " + s.Good.Render("✓ SSL server "+w.created.ID+" created") + s.Dim.Render(" (request "+w.created.RequestID+")")}
	elapsed := w.creation.Elapsed(w.c.Now()).Round(time.Second)
	switch {
	case w.phase == phaseWaiting:
		out = append(out, fmt.Sprintf("  The gateway is %s while the server is set up… %s (checking every %s)", ui.OrDash(w.gwStatus), elapsed, alibaba.CreationPollEvery))
	case w.timedOut:
		out = append(out, s.Warn.Render(fmt.Sprintf("  The gateway is still %s after %s: it may need longer. Check it later with r on the gateway list.", ui.OrDash(w.gwStatus), alibaba.CreationTimeout)))
	default:
		out = append(out, "  "+s.Good.Render("✓ The gateway is active: the SSL server is ready."))
		if w.server != nil {
			out = append(out, fmt.Sprintf("    %s %s/%d, pool %s, local %s", w.server.Name, w.server.Proto, w.server.Port,
				w.server.ClientIPPool, strings.Join(w.server.LocalSubnets, ",")))
		}
	}
	if w.phase == phaseWaiting {
		return append(out, "", s.Dim.Render("  esc returns to the gateway (it keeps updating)"))
	}
	return append(out, "", s.Dim.Render("  enter or esc returns to the gateway"))
}
