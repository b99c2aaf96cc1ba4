package main

import (
	"bytes"
	"strings"
	"testing"
)

// A misspelt flag names the one meant, on the root and on problems
// (issue 28, 12); a flag problems does not list is not suggested.
func TestAMisspeltFlagSaysWhichWasMeant(t *testing.T) {
	isolate(t)
	for args, want := range map[string]string{
		"--regoin x":            `unknown flag: --regoin (did you mean --region? see vpnscope --help)`,
		"problems --regoin x":   `unknown flag: --regoin (did you mean --region? see vpnscope problems --help)`,
		"problems --max-in-fli": `unknown flag: --max-in-fli (did you mean --max-in-flight? see vpnscope problems --help)`,
		"--readonyl":            `unknown flag: --readonyl (did you mean --readonly? see vpnscope --help)`,
		"problems --readonyl":   `unknown flag: --readonyl (see vpnscope problems --help)`,
		"--qqqqqq":              `unknown flag: --qqqqqq (see vpnscope --help)`,
	} {
		err := run(strings.Fields(args), &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", args, err, want)
		}
	}
}

// vpnscope problems --help lists no flag that changes only the terminal
// UI (issue 28, 12), and still takes them, so a shared alias runs.
func TestProblemsHelpListsNoTUIOnlyFlag(t *testing.T) {
	isolate(t)
	var out bytes.Buffer
	if err := run([]string{"problems", "--help"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"--theme", "--refresh", "--readonly"} {
		if strings.Contains(out.String(), flag) {
			t.Errorf("problems --help lists %s:\n%s", flag, out.String())
		}
	}
	if !strings.Contains(out.String(), "--region") || !strings.Contains(out.String(), "--json") {
		t.Fatalf("problems --help lost its own flags:\n%s", out.String())
	}
	var root bytes.Buffer
	if err := run([]string{"--help"}, &root, &bytes.Buffer{}); err != nil || !strings.Contains(root.String(), "--theme") {
		t.Fatalf("vpnscope --help lost --theme: %v", err)
	}
	// Taken: the parse goes past them to the next flag's mistake.
	err := run([]string{"problems", "--theme", "dark", "--refresh", "5s", "--readonly", "--regoin"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "unknown flag: --regoin") {
		t.Fatalf("problems refused a TUI flag: %v", err)
	}
}
