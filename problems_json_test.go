package main

import (
	"bytes"
	"encoding/json"
	"os"
	"runtime/debug"
	"testing"
)

// The findings are written one at a time, byte for byte as one indented
// Encode of the whole array wrote them (scripts diff and parse it): HTML
// escaping, nesting, nulls, and the empty array.
func TestTheJSONArrayIsWrittenAsOneEncodeWroteIt(t *testing.T) {
	vals := []any{map[string]any{"a": 1, "b": []int{1, 2}, "c": "<x>&"}, map[string]any{}, []any{}, "s", nil}
	for _, in := range [][]any{vals, nil, vals[:1]} {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if in == nil {
			enc.Encode([]any{})
		} else {
			enc.Encode(in)
		}
		writeJSONArray(&got, in)
		if want.String() != got.String() {
			t.Errorf("want\n%s\ngot\n%s", want.String(), got.String())
		}
	}
}

// A run over several accounts collects when the heap has grown by half,
// unless GOGC says otherwise; either way the setting before is handed
// back, to be put back when the run ends.
func TestSeveralAccountsCollectSooner(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	t.Setenv("GOGC", "")
	os.Unsetenv("GOGC")
	if was := collectSooner(); was != 100 || debug.SetGCPercent(100) != 50 {
		t.Errorf("GOGC unset: handed back %d, want 100, and the percent is not 50", was)
	}
	t.Setenv("GOGC", "200")
	if was := collectSooner(); was != 100 || debug.SetGCPercent(100) != 100 {
		t.Error("GOGC set, yet the percent changed")
	}
}
