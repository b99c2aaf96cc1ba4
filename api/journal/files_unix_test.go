//go:build unix

package journal

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within runs f and fails the test if it has not returned after a few
// seconds: a journal path that blocks open(2) must not block the run.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: still blocked after 5 s", what)
	}
}

// A named pipe as the journal, or as its rotated file, refuses the
// journal at once in one line naming it; opening it would block until
// someone wrote to it (784 s, past SIGTERM).
func TestANamedPipeAsTheJournalIsRefusedWithoutBlocking(t *testing.T) {
	for _, name := range []string{"journal.jsonl", "journal.1.jsonl"} {
		dir := t.TempDir()
		p := filepath.Join(dir, name)
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatal(err)
		}
		var err error
		var j *Journal
		within(t, name, func() { j, _, err = Open(dir, Options{}) })
		if j != nil || err == nil || strings.Contains(err.Error(), "\n") ||
			!strings.Contains(err.Error(), "not a regular file (a named pipe)") || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: journal %v, err %v", name, j, err)
		}
	}
}

// A named pipe put in the journal's place after it was opened (the run is
// long: the TUI) is refused when the journal next reads or writes: the
// record is an error, never a blocked open.
func TestANamedPipeSwappedInLaterIsRefusedWithoutBlocking(t *testing.T) {
	dir := t.TempDir()
	j := open(t, dir, Options{})
	must(t, j.Observe([]Observation{{Key: tun, State: "traffic-down"}}, nil))
	must(t, os.Remove(j.Path()))
	if err := syscall.Mkfifo(j.Path(), 0o600); err != nil {
		t.Fatal(err)
	}
	var err error
	within(t, "Observe", func() { err = j.Observe([]Observation{{Key: tun, State: OK}}, nil) })
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("recorded into a named pipe: %v", err)
	}
	// Nor is a pipe where nothing was yet written: the first append
	// refuses it too.
	dir = t.TempDir()
	j = open(t, dir, Options{})
	if err := syscall.Mkfifo(j.Path(), 0o600); err != nil {
		t.Fatal(err)
	}
	within(t, "the first append", func() { err = appendRecords(j.Path(), []Record{{At: time.Now(), Key: tun, State: OK}}) })
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("appended to a named pipe: %v", err)
	}
}

// A symlink to /dev/zero as the journal is refused before it is read (it
// grew to 15 GB of memory); so is one as the rotated file.
func TestDevZeroAsTheJournalIsRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	for _, name := range []string{"journal.jsonl", "journal.1.jsonl"} {
		dir := t.TempDir()
		must(t, os.Symlink("/dev/zero", filepath.Join(dir, name)))
		var err error
		within(t, name, func() { _, _, err = Open(dir, Options{}) })
		if err == nil || !strings.Contains(err.Error(), "not a regular file (a device)") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A regular file far past any size the journal reaches (it read a 15 GB
// one whole) is not read: it is set aside unread, in one line, and the
// journal starts afresh; memory stays bounded. (A small MaxBytes and a
// 256 MiB sparse file stand for the default and 15 GB, so the test
// cannot take the machine's memory when it fails.)
func TestAHugeJournalIsSetAsideUnread(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "journal.jsonl")
	f, err := os.Create(p)
	must(t, err)
	must(t, f.Truncate(256<<20)) // sparse: takes no disk
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var j *Journal
	var warning string
	o := Options{MaxBytes: 4 << 10}
	within(t, "Open", func() { j, warning, err = Open(dir, o) })
	runtime.ReadMemStats(&after)
	if err != nil || j == nil {
		t.Fatalf("a huge journal is fatal: %v", err)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 1<<20 {
		t.Errorf("reading a 256 MiB journal allocated %d KiB", grown>>10)
	}
	if !strings.Contains(warning, "larger than 64 KiB") || !strings.Contains(warning, "set aside") || strings.Contains(warning, "\n") {
		t.Errorf("warning %q", warning)
	}
	must(t, j.Observe([]Observation{{Key: tun, State: "traffic-down"}}, nil))
	if st, err := os.Stat(p); err != nil || st.Size() > 1<<10 {
		t.Errorf("the journal was not started afresh: %v", err)
	}
}
