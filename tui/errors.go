package tui

import (
	"errors"

	"github.com/vpnscope/vpnscope/api"
)

// errorText says what failed and what to do, on two lines.
func errorText(err error) string {
	var e *api.Error
	if errors.As(err, &e) {
		line := e.Error()
		if e.Hint != "" {
			return line + "\n→ " + e.Hint
		}
		return line
	}
	return err.Error() + "\n→ press r to retry"
}

// errorLine is errorText on one line, for the status line.
func errorLine(err error) string {
	var e *api.Error
	if errors.As(err, &e) {
		head := e.Action + ": " + e.Code
		if e.Code == "" {
			head = e.Action + ": " + e.Message
		}
		if e.RequestID != "" {
			head += " (request " + e.RequestID + ")"
		}
		if e.Hint != "" {
			return head + " — " + e.Hint
		}
		return head
	}
	return err.Error()
}
