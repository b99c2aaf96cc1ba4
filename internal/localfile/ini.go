package localfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

// maxINI bounds an INI file: the clouds' CLIs write a few lines a profile.
const maxINI = 4 << 20

// CheckINI checks an INI file as the AWS CLI and the Alibaba Cloud SDK
// would refuse it, before they read it: text (a binary file put there by
// mistake otherwise reads as "no credentials" after a metadata wait),
// each section header closed, each line a section, a comment or
// key = value (a continuation is indented). Where it is broken is named
// with its line. A missing file is fine.
func CheckINI(path string) error {
	b, err := Read(path, maxINI)
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
		line, _ := LineCol(b, int64(i))
		return fmt.Errorf("%s:%d: not a text file (binary bytes); is this the right file?", Tilde(path), line)
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
			// configparser (the AWS CLI: "delimiters, default ('=',
			// ':')", docs.python.org/3/library/configparser.html) takes
			// = or :; ini.v1 (the Alibaba SDK's) likewise.
			if raw[0] != ' ' && raw[0] != '\t' && !strings.ContainsAny(line, "=:") {
				return fmt.Errorf("%s:%d: %s is not `key = value`", Tilde(path), n, QuoteShort(line))
			}
			continue
		}
		if i := strings.IndexAny(line, "#;"); i > 0 {
			line = strings.TrimSpace(line[:i])
		}
		if !strings.HasSuffix(line, "]") {
			return fmt.Errorf("%s:%d: section header %s has no closing ]", Tilde(path), n, QuoteShort(line))
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

// LineCol turns a byte offset into a 1-based line and column.
func LineCol(b []byte, offset int64) (int, int) {
	offset = min(max(offset, 0), int64(len(b)))
	before := b[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// Section is one INI section: its name and keys, and the file it is in.
type Section struct {
	Name string
	Keys map[string]string
	File string
}

// Sections reads an INI file's sections and their keys, for completion
// and `vpnscope config`; what an SDK makes of the file is the SDK's. An
// unreadable file has none.
func Sections(path string) []Section {
	b, err := Read(path, maxINI)
	if err != nil {
		return nil
	}
	var out []Section
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, len(b)+1)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if name, ok := strings.CutPrefix(line, "["); ok {
			name, ok = strings.CutSuffix(name, "]")
			if ok {
				out = append(out, Section{Name: strings.TrimSpace(name), Keys: map[string]string{}, File: path})
			}
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok && len(out) > 0 {
			out[len(out)-1].Keys[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out
}

// FindSection is the section called name, if the file has it.
func FindSection(sections []Section, name string) (Section, bool) {
	for _, s := range sections {
		if s.Name == name {
			return s, true
		}
	}
	return Section{}, false
}
