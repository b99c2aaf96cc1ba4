package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// errorText says what failed, what to do and the details support needs,
// on separate lines.
func errorText(err error) string {
	var e *api.Error
	if errors.As(err, &e) {
		lines := []string{strings.TrimPrefix(e.Error(), e.Action+": ")}
		if i := strings.LastIndex(lines[0], " (HTTP "); i > 0 {
			lines[0] = lines[0][:i]
		}
		if e.Hint != "" {
			lines = append(lines, "→ "+e.Hint)
		}
		detail := e.Action
		if e.HTTPStatus != 0 {
			detail += fmt.Sprintf(" · HTTP %d", e.HTTPStatus)
		}
		if e.RequestID != "" {
			detail += " · request " + e.RequestID
		}
		if detail != "" {
			lines = append(lines, detail)
		}
		return strings.Join(lines, "\n")
	}
	return api.Printable(err.Error()) + "\n→ press r to retry" // it may quote what the endpoint sent
}

// ErrorLine is errorText on one line, for the status line: the code and
// what to do first, so a narrow screen cuts the details, not the advice.
func ErrorLine(err error) string {
	var e *api.Error
	if errors.As(err, &e) {
		head := e.Code
		if head == "" {
			head = e.Message
		}
		if e.Hint != "" {
			head += " — " + e.Hint
		}
		if e.Action != "" { // none when no call failed: Locate found nothing
			head += " · " + e.Action
		}
		if e.RequestID != "" {
			head += " · request " + e.RequestID
		}
		return head
	}
	return api.Printable(err.Error()) // it may quote what the endpoint sent
}

// ErrorLines is errorText wrapped to width, for a screen with room for
// it: what failed, "→ what to do" (its lines under the text after the
// arrow), the details support needs. Nothing is cut: "ask for RAM
// permission for vpc:Dia…" hid the one word that mattered.
func ErrorLines(err error, width int) []string { return proseLines(errorText(err), width) }

// proseLines wraps each paragraph of text as prose, the lines of a "→ "
// paragraph under the text after the arrow.
func proseLines(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		hang := ""
		if strings.HasPrefix(para, "→ ") {
			hang = "  "
		}
		out = append(out, WrapProse(para, width, hang)...)
	}
	return out
}
