package api

import (
	"strings"
	"unicode/utf8"
)

// Printable makes text from outside the program (an API answer, a flag, an
// environment variable, a file) safe to put on a terminal: every control
// character — C0 (ESC, BEL, CR, LF…), DEL and C1 (U+0080–U+009F, which some
// terminals take as CSI or OSC) — becomes a visible stand-in, so no colour,
// blink, title, hyperlink or cursor sequence can be smuggled in a name; so
// does every bidirectional control (isBidiControl), so no name can reorder
// the text after it on its line. A tab becomes a space; invalid UTF-8
// becomes U+FFFD. The common case, plain text, is returned as is without
// allocating.
func Printable(s string) string {
	if isPrintable(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20:
			b.WriteRune(0x2400 + r) // the Control Pictures block: ␛ ␇ ␍ ␊
		case r == 0x7f:
			b.WriteRune('\u2421') // ␡
		case r >= 0x80 && r <= 0x9f || isBidiControl(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 || r >= 0x80 && r <= 0x9f || isBidiControl(r) {
				return false
			}
			i += size - 1
		}
	}
	return true
}

// isBidiControl reports whether r is one of Unicode's explicit
// bidirectional formatting characters (UAX #9, "Explicit Directional
// Embeddings, Overrides and Isolates", and the implicit marks): the
// embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, and
// the marks U+200E, U+200F and U+061C. Shown raw, a right-to-left override
// in a name reverses what follows it on the line (the "Trojan Source"
// characters, CVE-2021-42574).
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}
