package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode/utf8"
)

// Local files (our config, the aliyun CLI's, the AWS CLI's) are checked
// before anything reads them, so a broken one is named with where it is
// broken instead of surfacing as "no credentials" later, and a path that
// is not a file (a named pipe) cannot block start-up.

// readLocalFile reads a regular file of at most limit bytes. A missing file
// is os.ErrNotExist; anything else that is not a plain file is refused
// before it is opened (opening a FIFO blocks until someone writes to it).
// The null device reads as empty.
func readLocalFile(path string, limit int64) ([]byte, error) {
	if err := checkRegular(path, limit); err != nil {
		return nil, err
	}
	// Non-blocking, and checked again once open: a pipe put in its place
	// after the check must not block us either.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", tildePath(path), err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !(st.Mode().IsRegular() || isNullDevice(st)) {
		return nil, fmt.Errorf("%s: changed while being read; vpnscope reads only plain files", tildePath(path))
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", tildePath(path), err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than %s; is this the right file?", tildePath(path), sizeString(limit))
	}
	return b, nil
}

// checkRegular says what is wrong with a path that should be a file: not
// a plain file, or too large. A missing file is os.ErrNotExist.
func checkRegular(path string, limit int64) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err != nil {
		return fmt.Errorf("%s: %w", tildePath(path), err)
	}
	if isNullDevice(st) {
		return nil
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file (%s); vpnscope reads only plain files", tildePath(path), fileKind(st.Mode()))
	}
	if st.Size() > limit {
		return fmt.Errorf("%s: larger than %s; is this the right file?", tildePath(path), sizeString(limit))
	}
	return nil
}

// isNullDevice reports whether st is the null device: AWS_CONFIG_FILE=/dev/null
// is the usual way to say "no such file", and the AWS CLI and SDK read it as
// empty, so vpnscope does too.
func isNullDevice(st os.FileInfo) bool {
	null, err := os.Stat(os.DevNull)
	return err == nil && os.SameFile(st, null)
}

func fileKind(m os.FileMode) string {
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

// checkCLIConfig checks the aliyun CLI's config.json is JSON; a missing
// one is fine (other sources may have credentials).
func checkCLIConfig(path string) error {
	b, err := readLocalFile(path, 4<<20)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		return fmt.Errorf("%s: starts with a UTF-8 byte-order mark, which the aliyun CLI and the SDK cannot read; save it without one", tildePath(path))
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		var syn *json.SyntaxError
		where := tildePath(path)
		if errors.As(err, &syn) {
			line, col := lineCol(b, syn.Offset)
			where = fmt.Sprintf("%s:%d:%d", where, line, col)
		}
		return fmt.Errorf("%s: not valid JSON (%v); fix it, or run `aliyun configure` to write it again", where, err)
	}
	return nil
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(b []byte, offset int64) (int, int) {
	offset = min(max(offset, 0), int64(len(b)))
	before := b[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// awsFiles are the AWS CLI's shared files the SDK will read.
func awsFiles() []string {
	var paths []string
	for _, f := range awsSharedFiles() {
		paths = append(paths, f.path)
	}
	return paths
}

// awsSharedFiles are the config and credentials files, each with the
// variable that moved it, if one did.
func awsSharedFiles() []localFile {
	home, _ := os.UserHomeDir()
	return []localFile{
		envFile("AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config")),
		envFile("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials")),
	}
}

// localFile is a file another tool's convention places: its path, and the
// environment variable that chose it ("" for the default place), so that
// a refusal names what to change.
type localFile struct{ path, env string }

// envFile is the file env names, else fallback. A variable that names the
// default place anyway moved nothing, and is not named.
func envFile(env, fallback string) localFile {
	if p := os.Getenv(env); p != "" && filepath.Clean(p) != filepath.Clean(fallback) {
		return localFile{path: p, env: env}
	}
	return localFile{path: fallback}
}

// named says which variable pointed at the file err is about.
func (f localFile) named(err error) error {
	if err == nil || f.env == "" || errors.Is(err, os.ErrNotExist) {
		return err
	}
	return fmt.Errorf("%s names %w", f.env, err)
}

// checkAWSFiles checks the shared config and credentials files before the
// SDK reads them: the SDK skips a section whose header is broken, so an
// unterminated "[default" would otherwise read as "no AWS region".
func checkAWSFiles() error {
	for _, f := range awsSharedFiles() {
		if err := f.named(checkINI(f.path)); err != nil {
			return err
		}
	}
	return nil
}

// checkINI checks an INI file as the AWS CLI and the Alibaba Cloud SDK
// would refuse it, before they read it: text (a binary file put there by
// mistake otherwise reads as "no credentials" after a metadata wait),
// each section header closed, each line a section, a comment or
// key = value (a continuation is indented). Where it is broken is named
// with its line.
func checkINI(path string) error {
	b, err := readLocalFile(path, 4<<20)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if i := bytes.IndexByte(b, 0); i >= 0 || !utf8.Valid(b) {
		if i < 0 {
			i = invalidUTF8At(b)
		}
		line, _ := lineCol(b, int64(i))
		return fmt.Errorf("%s:%d: not a text file (binary bytes); is this the right file?", tildePath(path), line)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, len(b)+1) // a long line is not an error here
	for n := 1; sc.Scan(); n++ {
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
			continue
		case !strings.HasPrefix(line, "["):
			if raw[0] != ' ' && raw[0] != '\t' && !strings.ContainsAny(line, "=:") {
				return fmt.Errorf("%s:%d: %s is not `key = value`", tildePath(path), n, quoteShort(line))
			}
			continue
		}
		if i := strings.IndexAny(line, "#;"); i > 0 {
			line = strings.TrimSpace(line[:i])
		}
		if !strings.HasSuffix(line, "]") {
			return fmt.Errorf("%s:%d: section header %s has no closing ]", tildePath(path), n, quoteShort(line))
		}
	}
	return sc.Err()
}

// invalidUTF8At is the offset of the first byte that is not UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}
