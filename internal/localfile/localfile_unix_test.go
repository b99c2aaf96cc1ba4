//go:build unix

package localfile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// What a local file may be: a plain file, read whole up to a bound; the
// null device, read as empty; nothing else, refused before it is opened.
func TestOnlyPlainFilesAndTheNullDeviceAreRead(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain")
	os.WriteFile(plain, []byte("[default]\nregion = x\n"), 0o600)
	if b, err := Read(plain, 100); err != nil || len(b) == 0 {
		t.Errorf("a plain file: %q, %v", b, err)
	}
	if _, err := Read(plain, 4); err == nil || !strings.Contains(err.Error(), "larger than 0 KB") {
		t.Errorf("over the bound: %v", err)
	}
	if b, err := Read(os.DevNull, 100); err != nil || len(b) != 0 {
		t.Errorf("the null device: %q, %v", b, err)
	}
	fifo := filepath.Join(dir, "fifo")
	syscall.Mkfifo(fifo, 0o600)
	if _, err := Read(fifo, 100); err == nil || !strings.Contains(err.Error(), "not a regular file (a named pipe)") {
		t.Errorf("a named pipe: %v", err)
	}
	if _, err := Read(dir, 100); err == nil || !strings.Contains(err.Error(), "a directory") {
		t.Errorf("a directory: %v", err)
	}
	if _, err := Read(filepath.Join(dir, "none"), 100); !os.IsNotExist(err) {
		t.Errorf("a missing file: %v", err)
	}
}

// A file a variable moved is named with the variable when refused; one
// the variable leaves where it was anyway is not.
func TestARefusalNamesTheVariableThatMovedTheFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	syscall.Mkfifo(fifo, 0o600)
	t.Setenv("SOME_FILE", fifo)
	f := FromEnv("SOME_FILE", filepath.Join(dir, "default"))
	if err := f.Named(CheckINI(f.Path)); err == nil || !strings.HasPrefix(err.Error(), "SOME_FILE names "+fifo+": not a regular file") {
		t.Errorf("moved: %v", err)
	}
	t.Setenv("SOME_FILE", fifo+"/../fifo")
	if f := FromEnv("SOME_FILE", fifo); f.Env != "" {
		t.Errorf("a variable naming the default place moved nothing: %+v", f)
	}
}

// CheckINI refuses what the clouds' CLIs refuse, with its line, and takes
// what they take.
func TestCheckINIRefusesWhatTheCLIsRefuse(t *testing.T) {
	for content, says := range map[string]string{
		"[default\nregion = x\n":      `:1: section header "[default" has no closing ]`,
		"[default]\nregion x\n":       ":2: \"region x\" is not `key = value`",
		"[default]\nregion = \x00x\n": ":2: not a text file",
		"[default]\n\xff\xfe\n":       ":2: not a text file",
		"; c\n[default]\nregion: x\ns3 =\n  addressing_style = path\n# end\n": "",
	} {
		path := filepath.Join(t.TempDir(), "config")
		os.WriteFile(path, []byte(content), 0o600)
		err := CheckINI(path)
		if says == "" && err != nil || says != "" && (err == nil || !strings.Contains(err.Error(), says)) {
			t.Errorf("%q: want %q, got %v", content, says, err)
		}
	}
}
