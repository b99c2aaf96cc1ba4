package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra/doc"
)

// The man pages are generated from the command tree by a test, not by the
// binary: cobra's generator brings a Markdown library whose package init
// alone costs more than 2 ms of the 5 ms budget. Releases run
//
//	VPNSCOPE_MAN_DIR=manpages go test -run TestManPages .
//
// (.ci/release-assets) to write them.
func TestManPages(t *testing.T) {
	dir := os.Getenv("VPNSCOPE_MAN_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	root := newRootCmd(io.Discard, io.Discard)
	root.DisableAutoGenTag = true   // the same pages from build to build
	root.InitDefaultCompletionCmd() // added on Execute otherwise
	// No title: each page gets its own command's (VPNSCOPE-PROBLEMS).
	header := &doc.GenManHeader{Section: "1", Source: "vpnscope", Manual: "vpnscope manual"}
	if err := doc.GenManTree(root, header, dir); err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"vpnscope.1":          `\fB--provider\fP`,
		"vpnscope-problems.1": `\fB--json\fP`,
		"vpnscope-emulator.1": `\fB--fault\fP`,
		"vpnscope-config.1":   "read_timeout",
	} {
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		title := strings.ToUpper(strings.TrimSuffix(page, ".1"))
		if !strings.HasPrefix(string(b), ".nh\n.TH \""+title+"\" \"1\"") || !strings.Contains(string(b), want) {
			t.Errorf("%s: no %s, or not titled %s:\n%.300s", page, want, title, b)
		}
	}
}
