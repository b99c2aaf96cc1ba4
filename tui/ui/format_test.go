package ui

import (
	"slices"
	"testing"
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
