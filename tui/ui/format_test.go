package ui

import (
	"slices"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// WrapProse keeps a sentence reading as one: continuation lines hang,
// and the last word never stands alone when the line above has words to
// spare.
func TestWrapProse(t *testing.T) {
	got := WrapProse("→ check the network path to the endpoint (proxy, DNS, firewall), then press r", 76, "  ")
	want := []string{"→ check the network path to the endpoint (proxy, DNS, firewall), then", "  press r"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got := WrapProse("a short line", 76, "  "); !slices.Equal(got, []string{"a short line"}) {
		t.Fatalf("a line that fits: %q", got)
	}
	for _, l := range WrapProse("one two three four five six seven eight nine ten eleven", 20, "  ") {
		if len([]rune(l)) > 20 {
			t.Fatalf("%q is wider than 20", l)
		}
	}
}

// A cut of a wide-character string fills its column exactly: a 2-cell
// rune with no room before the ellipsis leaves a space, so the next
// column starts where it does on an ASCII row.
func TestFitCutsWideCharactersToExactlyTheColumnWidth(t *testing.T) {
	for _, s := range []string{"上海办公室-主线路", "ab上海办公室", "\x1b[1m上海办公室\x1b[0m"} {
		for w := 1; w <= 9; w++ {
			got := Fit(s, w)
			if n := ansi.StringWidth(got); n != w {
				t.Errorf("Fit(%q, %d) = %q, %d cells wide", s, w, got, n)
			}
		}
	}
	if got := Fit("上海办公室", 6); got != "上海… " {
		t.Errorf("Fit at an odd room: %q, want %q", got, "上海… ")
	}
}
