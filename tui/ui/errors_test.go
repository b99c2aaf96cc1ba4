package ui

import (
	"errors"
	"strings"
	"testing"
)

// An error that is not the client's own (a JSON or file error quoting
// what came in) reaches the status line and the list with nothing a
// terminal acts on: no escape, no right-to-left override.
func TestErrorsFromOutsideArePrintable(t *testing.T) {
	err := errors.New("bad answer: name\u202egnp.exe \x1b]2;PWNED\a")
	for _, s := range []string{ErrorLine(err), errorText(err)} {
		if strings.ContainsAny(s, "\u202e\x1b\a") || !strings.Contains(s, "PWNED") {
			t.Errorf("%q", s)
		}
	}
}
