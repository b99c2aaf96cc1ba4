package api

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrintableNeutralisesEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"to-beijing-001":           "to-beijing-001",
		"上海办公室-主线-7":               "上海办公室-主线-7",
		"us\x1b]2;PWNED\a\x1b[5mX": "us␛]2;PWNED␇␛[5mX",
		"red\x1b[31mname":          "red␛[31mname",
		"c1\u009b31m":              "c1\uFFFD31m",
		"tab\there":                "tab here",
		"line\r\nbreak":            "line␍␊break",
		"del\x7f":                  "del␡",
		"bad\xffutf8":              "bad\uFFFDutf8",
		"link\x1b]8;;http://x\x1b\\t\x1b]8;;\x1b\\": "link␛]8;;http://x␛\\t␛]8;;␛\\",
		"rlo\u202Egnp.exe":                          "rlo\uFFFDgnp.exe",
		"lre\u202Aa\u202Cpdf":                       "lre\uFFFDa\uFFFDpdf",
		"iso\u2066x\u2069late\u2067\u2068":          "iso\uFFFDx\uFFFDlate\uFFFD\uFFFD",
		"marks\u200E\u200F\u061C":                   "marks\uFFFD\uFFFD\uFFFD",
		"عربي-مكتب":                                 "عربي-مكتب",
		"עברית\u200Dzwj":                            "עברית\u200Dzwj",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrintableDoesNotAllocateForPlainText(t *testing.T) {
	s := "to-beijing-001 vco-bp1fp7fh55ymf2qma3bcv 上海"
	if n := testing.AllocsPerRun(100, func() { _ = Printable(s) }); n != 0 {
		t.Fatalf("%v allocations for plain text", n)
	}
}

func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[5m", "\u009b", "\xff", "a\tb", "日本", "\u202e", "a\u2067b\u2069", "\u200f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Printable(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
				r == 0x200e || r == 0x200f || r == 0x061c {
				t.Fatalf("control %U left in %q (from %q)", r, out, s)
			}
		}
		if Printable(out) != out {
			t.Fatalf("not idempotent on %q", s)
		}
		if isPrintable(s) && out != s {
			t.Fatalf("plain text changed: %q → %q", s, out)
		}
		if strings.ContainsRune(s, '\x1b') && strings.ContainsRune(out, '\x1b') {
			t.Fatalf("ESC survived in %q", out)
		}
	})
}
