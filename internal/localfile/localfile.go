// Package localfile reads the files on this machine that vpnscope and the
// clouds' CLIs keep (the config file, the aliyun CLI's, the AWS CLI's):
// each is checked before it is read, so a broken one is named with where
// it is broken instead of surfacing as "no credentials" later, and a path
// that is not a file (a named pipe, a device) cannot block start-up or
// swell memory.
package localfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Read reads a regular file of at most limit bytes. A missing file is
// os.ErrNotExist; anything else that is not a plain file is refused before
// it is opened (opening a FIFO blocks until someone writes to it). The
// null device reads as empty.
func Read(path string, limit int64) ([]byte, error) {
	if err := CheckRegular(path, limit); err != nil {
		return nil, err
	}
	// Non-blocking, and checked again once open: a pipe put in its place
	// after the check must not block us either.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Tilde(path), err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !(st.Mode().IsRegular() || isNullDevice(st)) {
		return nil, fmt.Errorf("%s: changed while being read; vpnscope reads only plain files", Tilde(path))
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Tilde(path), err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than %s; is this the right file?", Tilde(path), sizeString(limit))
	}
	return b, nil
}

// CheckRegular says what is wrong with a path that should be a file: not
// a plain file, or too large. A missing file is os.ErrNotExist.
func CheckRegular(path string, limit int64) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err != nil {
		return fmt.Errorf("%s: %w", Tilde(path), err)
	}
	if isNullDevice(st) {
		return nil
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file (%s); vpnscope reads only plain files", Tilde(path), FileKind(st.Mode()))
	}
	if st.Size() > limit {
		return fmt.Errorf("%s: larger than %s; is this the right file?", Tilde(path), sizeString(limit))
	}
	return nil
}

// isNullDevice reports whether st is the null device: AWS_CONFIG_FILE=/dev/null
// is the usual way to say "no such file" (the variable: AWS CLI user guide,
// cli-configure-envvars.html), and the AWS CLI and SDK read the file as it
// is, which for the null device is empty (aws-sdk-go-v2 config reads it
// with os.ReadFile), so vpnscope does too.
func isNullDevice(st os.FileInfo) bool {
	null, err := os.Stat(os.DevNull)
	return err == nil && os.SameFile(st, null)
}

// FileKind says what a path that is not a plain file is: "a named pipe".
func FileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}

func sizeString(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// File is a file another tool's convention places: its path, and the
// environment variable that chose it ("" for the default place), so that
// a refusal names what to change.
type File struct{ Path, Env string }

// FromEnv is the file env names, else fallback. A variable that names the
// default place anyway moved nothing, and is not named.
func FromEnv(env, fallback string) File {
	if p := os.Getenv(env); p != "" && filepath.Clean(p) != filepath.Clean(fallback) {
		return File{Path: p, Env: env}
	}
	return File{Path: fallback}
}

// Named says which variable pointed at the file err is about.
func (f File) Named(err error) error {
	if err == nil || f.Env == "" || errors.Is(err, os.ErrNotExist) {
		return err
	}
	return fmt.Errorf("%s names %w", f.Env, err)
}

// Tilde writes a path under the home directory as ~/…, as people
// recognise their files.
func Tilde(p string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return p
	}
	if rel, err := filepath.Rel(home, p); err == nil && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
		return filepath.Join("~", rel)
	}
	return p
}

// QuoteShort quotes a value for a message: escapes shown, not sent to the
// terminal, and a long one cut.
func QuoteShort(s string) string {
	if len(s) > 40 {
		return strconv.Quote(s[:40]) + "…"
	}
	return strconv.Quote(s)
}
