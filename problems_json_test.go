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

// A run over several accounts gets a soft heap limit, 64 MiB and 2 MiB an
// account past twenty, unless GOMEMLIMIT says otherwise.
func TestSeveralAccountsRunUnderASoftMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	for accounts, want := range map[int]int64{2: 64 << 20, 20: 64 << 20, 30: 84 << 20} {
		limitMemory(accounts)
		if got := debug.SetMemoryLimit(-1); got != want {
			t.Errorf("%d accounts: limit %d MiB, want %d", accounts, got>>20, want>>20)
		}
	}
	debug.SetMemoryLimit(before)
	t.Setenv("GOMEMLIMIT", "1GiB")
	limitMemory(20)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("GOMEMLIMIT set, yet the limit became %d MiB", got>>20)
	}
}
