// Package config is vpnscope's own settings: one table that defines each
// (its flag, environment variable, config file key, default, check and the
// words for its bounds), the config file, and the precedence that resolves
// them (a flag, else an environment variable, else the file, else the
// default; the cloud's own profile comes after, in the provider's set-up).
// It knows no command-line library and names no provider: the providers
// are handed in.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vpnscope/vpnscope/internal/localfile"
	"go.yaml.in/yaml/v3"
)

// File is $XDG_CONFIG_HOME/vpnscope/config.yaml: defaults a person
// sets once. Shared keys at the top, a section per provider; flags and env
// vars win over it, and it wins over the cloud's own profile.
//
//	provider: aws      # alibaba (default) or aws
//	refresh: 15s
//	read_timeout: 10s
//	readonly: true
//	theme: dark        # auto (default), dark or light
//	journal: false     # no local state journal (like --no-journal)
//	alibaba:
//	  profile: prod
//	  region: cn-hangzhou
//	aws:
//	  profile: prod
//	  region: eu-west-1
//
// A top-level profile or region (the flat files of earlier versions) still
// reads, for the provider the file names (alibaba when it names none), unless
// that provider's section sets its own.
type File struct {
	path      string
	found     bool
	providers []Provider           // the sections it may have
	values    map[string]fileValue // "refresh", "aws.region", …
}

// fileValue is one checked value and the line it is on, so a value that is
// fine for the file but not for the run (refresh below the minimum) is
// still reported as the file's.
type fileValue struct {
	value string
	line  int
}

// get returns a value and where it came from ("config.yaml:4 (aws.region)").
func (c File) Get(key string) (string, string, bool) {
	v, ok := c.values[key]
	if !ok || v.value == "" {
		return "", "", false
	}
	return v.value, c.where(key), true
}

// FlatOwner is the provider a top-level profile or region belongs to: the
// one the file's provider key names, else the first provider (Alibaba
// Cloud, the only one there was when files were flat).
func (c File) FlatOwner() string {
	if v, _, ok := c.Get("provider"); ok {
		return v
	}
	return c.providers[0].Name
}

// Found says whether the file exists.
func (c File) Found() bool { return c.found }

// FilePath is where the file is (or would be).
func (c File) FilePath() string { return c.path }

func (c File) where(key string) string {
	return fmt.Sprintf("%s:%d (%s)", localfile.Tilde(c.path), c.values[key].line, key)
}

// sectionKeys are what a provider's section may hold: the settings whose
// environment variables are the provider's own, and its accounts.
func sectionKeys() []string {
	var keys []string
	for _, st := range Table {
		if st.PerProvider {
			keys = append(keys, st.Key)
		}
	}
	return append(keys, accountsKey)
}

// accountsKey is a provider's accounts in its section: the profiles one
// problems run checks, a list (or one line with commas), as --profile
// a,b,c names them.
const accountsKey = "accounts"

// Path is the config file's path: $XDG_CONFIG_HOME/vpnscope/config.yaml.
func Path() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "vpnscope", "config.yaml")
}

// maxConfigSize bounds what is read: a config file is a few lines.
const maxConfigSize = 1 << 20

// Load reads the config file, whose sections are providers'; a missing
// file is an empty config.
func Load(path string, providers []Provider) (File, error) {
	cfg := File{path: path, providers: providers, values: map[string]fileValue{}}
	b, err := localfile.Read(path, maxConfigSize)
	if errors.Is(err, os.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	cfg.found = true
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")) // Windows editors write one
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return cfg, yamlError(path, b, err)
	}
	// A second document would be ignored without a word: say so. An empty
	// one (a trailing ---) holds nothing to ignore.
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return cfg, yamlError(path, b, err)
		}
		if !emptyDocument(&next) {
			line := max(next.Line, 1) // the --- line
			return cfg, fmt.Errorf("%s:%d: a second document (after ---): one file holds one, remove the --- and merge them", localfile.Tilde(path), line)
		}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return cfg, nil // empty, or only comments
	}
	top := doc.Content[0]
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return cfg, nil
	}
	if top.Kind != yaml.MappingNode {
		if top.Kind == yaml.ScalarNode && noSpaceAfterColon.MatchString(top.Value) {
			return cfg, fmt.Errorf("%s:%d: %s: put a space after the colon (key: value)", localfile.Tilde(path), top.Line, localfile.QuoteShort(top.Value))
		}
		return cfg, fmt.Errorf("%s:%d: want `key: value` lines (keys: %s)", localfile.Tilde(path), top.Line, cfg.knownKeys())
	}
	return cfg, cfg.readMapping(top, "")
}

// emptyDocument is a document with nothing in it: only a --- or comments.
func emptyDocument(d *yaml.Node) bool {
	if d.Kind == 0 || len(d.Content) == 0 {
		return true
	}
	top := d.Content[0]
	return top.Kind == yaml.ScalarNode && top.Tag == "!!null" && top.Value == ""
}

// firstUnreadable is where YAML's reader stops: the first byte of invalid
// UTF-8 or a control character other than tab and line breaks; -1 if none.
func firstUnreadable(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 || r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return i
		}
		i += n
	}
	return -1
}

var (
	noSpaceAfterColon = regexp.MustCompile(`^[a-z_]+:\S`)
	yamlLine          = regexp.MustCompile(`^yaml: line (\d+): `)
)

// yamlError turns the YAML library's message into file:line: what is wrong
// and how to write it. The library leaves the line out for the first line
// and for what its reader refuses anywhere (invalid UTF-8, a control
// character): that line is found here.
func yamlError(path string, b []byte, err error) error {
	msg, line := err.Error(), 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else if i := firstUnreadable(b); i >= 0 {
		line, _ = localfile.LineCol(b, int64(i))
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	text := ""
	if lines := strings.Split(string(b), "\n"); line <= len(lines) {
		text = lines[line-1]
	}
	hint := ""
	switch {
	case strings.HasPrefix(text, "\t") || strings.Contains(msg, "tab character"):
		hint = "indent with spaces, not tabs"
	case strings.ContainsAny(text, "@`"):
		hint = "a value that starts with @ or ` needs quotes: profile: \"@team\""
	case strings.Contains(msg, "mapping values are not allowed"):
		hint = "a value with \": \" in it needs quotes, and a section's keys are indented alike"
	case strings.Contains(msg, "end of stream"):
		hint = "a quote is not closed"
	}
	if hint != "" {
		msg += ": " + hint
	}
	return fmt.Errorf("%s:%d: %s", localfile.Tilde(path), line, msg)
}

// readMapping checks and stores one mapping: the top level, or a provider's
// section (prefix "aws.").
func (c *File) readMapping(m *yaml.Node, prefix string) error {
	seen := map[string]int{}
	inSection := sectionKeys()
	settingsInSection := inSection[:len(inSection)-1] // all but accounts
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		key := k.Value
		at := fmt.Sprintf("%s:%d", localfile.Tilde(c.path), k.Line)
		if line, dup := seen[key]; dup {
			return fmt.Errorf("%s: %s%s is set twice (first on line %d)", at, prefix, key, line)
		}
		seen[key] = k.Line
		if prefix == "" && slices.Contains(providerNames(c.providers), key) {
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue // an empty section
			}
			if v.Kind != yaml.MappingNode {
				return fmt.Errorf("%s: %s: want a section with %s under it", at, key, strings.Join(settingsInSection, " and "))
			}
			if err := c.readMapping(v, key+"."); err != nil {
				return err
			}
			continue
		}
		if prefix != "" && !slices.Contains(inSection, key) {
			return fmt.Errorf("%s: unknown key %q in the %s section (known: %s)", at, key, strings.TrimSuffix(prefix, "."), strings.Join(inSection, ", "))
		}
		if prefix != "" && key == accountsKey {
			if err := c.readAccounts(v, prefix, at); err != nil {
				return err
			}
			continue
		}
		st, known := fileSetting(key)
		if !known {
			return fmt.Errorf("%s: unknown key %q (known: %s)", at, prefix+key, c.knownKeys())
		}
		want := st.fileWants(c.providers)
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s: %s%s: %s, not a list or section", at, prefix, key, want)
		}
		value := v.Value
		if v.Tag == "!!null" {
			value = ""
		}
		if value != "" {
			if err := st.check(value, c.providers); err != nil {
				return fmt.Errorf("%s: %s%s: %s, not %s", at, prefix, key, want, localfile.QuoteShort(value))
			}
		}
		c.values[prefix+key] = fileValue{value: value, line: v.Line}
	}
	return nil
}

func (c File) knownKeys() string {
	var keys []string
	for _, st := range Table {
		if st.InFile {
			keys = append(keys, st.Key)
		}
	}
	return strings.Join(keys, ", ") + "; sections " + strings.Join(providerNames(c.providers), ", ")
}

// readAccounts stores a section's accounts, a list of profile names or
// one line of them with commas, each checked as a profile is.
func (c *File) readAccounts(v *yaml.Node, prefix, at string) error {
	var names []string
	switch v.Kind {
	case yaml.ScalarNode:
		names = strings.Split(v.Value, ",")
	case yaml.SequenceNode:
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				return fmt.Errorf("%s: %s%s: a list of profile names, not a list of sections", at, prefix, accountsKey)
			}
			names = append(names, item.Value)
		}
	default:
		return fmt.Errorf("%s: %s%s: a list of profile names", at, prefix, accountsKey)
	}
	profile, _ := Lookup("profile")
	for i, n := range names {
		names[i] = strings.TrimSpace(n)
		if err := profile.check(names[i], c.providers); err != nil {
			return fmt.Errorf("%s: %s%s: a list of profile names, not %s", at, prefix, accountsKey, localfile.QuoteShort(n))
		}
	}
	c.values[prefix+accountsKey] = fileValue{value: strings.Join(names, ","), line: v.Line}
	return nil
}
