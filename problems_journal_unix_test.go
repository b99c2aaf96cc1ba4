//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The journal's file as a named pipe or a symlink to /dev/zero (issue 29,
// 1): `vpnscope problems --demo --json` blocked in open for 784 s, past
// SIGTERM, or grew to 15 GB. Now the journal is refused in one line on
// stderr and the run goes on without it: the findings, as valid JSON,
// exit 1. The TUI gets the same line in its status line.
func TestAJournalThatIsNotAFileIsOneLineAndTheRunGoesOn(t *testing.T) {
	for _, c := range []struct {
		kind string
		make func(path string) error
	}{
		{"a named pipe", func(p string) error { return syscall.Mkfifo(p, 0o600) }},
		{"a device", func(p string) error { return os.Symlink("/dev/zero", p) }},
	} {
		home := isolate(t)
		state := filepath.Join(home, "state")
		t.Setenv("XDG_STATE_HOME", state)
		for _, name := range []string{"demo-journal.jsonl", "demo-journal.1.jsonl"} {
			dir := filepath.Join(state, "vpnscope")
			os.MkdirAll(dir, 0o700)
			p := filepath.Join(dir, name)
			if err := c.make(p); err != nil {
				t.Fatal(err)
			}
			var out, errOut bytes.Buffer
			done := make(chan error, 1)
			go func() {
				done <- run([]string{"problems", "--demo", "--json", "--region", "cn-shanghai"}, &out, &errOut)
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				t.Fatalf("%s as %s: vpnscope problems still blocked after 20 s", c.kind, name)
			}
			var ec exitCode
			var fs []map[string]any
			if !errors.As(err, &ec) || ec.code != exitProblems || json.Unmarshal(out.Bytes(), &fs) != nil || len(fs) == 0 {
				t.Errorf("%s as %s: exit %v, stdout %.200q", c.kind, name, err, out.String())
			}
			var said []string
			for _, line := range strings.Split(errOut.String(), "\n") {
				if strings.Contains(line, "journal") {
					said = append(said, line)
				}
			}
			if len(said) != 1 || !strings.Contains(said[0], p) || !strings.Contains(said[0], "not a regular file ("+c.kind+")") ||
				!strings.Contains(said[0], "going on without it") {
				t.Errorf("%s as %s: stderr says\n%s", c.kind, name, errOut.String())
			}

			// The TUI: the same line, for its status line.
			o, err := parseFlags([]string{"--demo"})
			if err != nil {
				t.Fatal(err)
			}
			jdone := make(chan string, 1)
			go func() {
				j, warning := tuiJournal(o, "a warning before")
				if j != nil {
					warning = "a journal: " + warning
				}
				jdone <- warning
			}()
			select {
			case warning := <-jdone:
				if !strings.HasPrefix(warning, "a warning before · state journal: "+p) || !strings.Contains(warning, "going on without it") ||
					strings.Contains(warning, "\n") {
					t.Errorf("%s as %s: the TUI's status line says %q", c.kind, name, warning)
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("%s as %s: the TUI's journal still blocked after 20 s", c.kind, name)
			}
			os.Remove(p)
		}
	}
}
