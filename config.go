package main

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
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fileConfig is $XDG_CONFIG_HOME/vpnscope/config.yaml: defaults a person
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
type fileConfig struct {
	path   string
	found  bool
	values map[string]fileValue // "refresh", "aws.region", …
}

// fileValue is one checked value and the line it is on, so a value that is
// fine for the file but not for the run (refresh below the minimum) is
// still reported as the file's.
type fileValue struct {
	value string
	line  int
}

// get returns a value and where it came from ("config.yaml:4 (aws.region)").
func (c fileConfig) get(key string) (string, string, bool) {
	v, ok := c.values[key]
	if !ok || v.value == "" {
		return "", "", false
	}
	return v.value, c.where(key), true
}

// flatOwner is the provider a top-level profile or region belongs to: the
// one the file's provider key names, else alibaba, the only one there was
// when files were flat.
func (c fileConfig) flatOwner() string {
	if v, _, ok := c.get("provider"); ok {
		return v
	}
	return "alibaba"
}

func (c fileConfig) where(key string) string {
	return fmt.Sprintf("%s:%d (%s)", tildePath(c.path), c.values[key].line, key)
}

// configKeys are the keys a config file may hold, with what each allows.
var configKeys = map[string]string{
	"provider":     "alibaba or aws",
	"profile":      "a profile name",
	"region":       "a region id like cn-hangzhou or us-east-1",
	"refresh":      "a duration like 15s (at least 2s)",
	"read_timeout": "a duration like 10s (1s to 10m)",
	"readonly":     "true or false",
	"theme":        "auto, dark or light",
	"journal":      "true or false",
}

// sectionKeys are what a provider's section may hold.
var sectionKeys = []string{"profile", "region"}

var configProviders = providerNames

func configPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "vpnscope", "config.yaml")
}

// maxConfigSize bounds what is read: a config file is a few lines.
const maxConfigSize = 1 << 20

// loadConfig reads the config file; a missing file is an empty config.
func loadConfig(path string) (fileConfig, error) {
	cfg := fileConfig{path: path, values: map[string]fileValue{}}
	b, err := readLocalFile(path, maxConfigSize)
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
			return cfg, fmt.Errorf("%s:%d: a second document (after ---): one file holds one, remove the --- and merge them", tildePath(path), line)
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
			return cfg, fmt.Errorf("%s:%d: %s: put a space after the colon (key: value)", tildePath(path), top.Line, quoteShort(top.Value))
		}
		return cfg, fmt.Errorf("%s:%d: want `key: value` lines (keys: %s)", tildePath(path), top.Line, knownKeys())
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
		line, _ = lineCol(b, int64(i))
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
	return fmt.Errorf("%s:%d: %s", tildePath(path), line, msg)
}

// readMapping checks and stores one mapping: the top level, or a provider's
// section (prefix "aws.").
func (c *fileConfig) readMapping(m *yaml.Node, prefix string) error {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		key := k.Value
		at := fmt.Sprintf("%s:%d", tildePath(c.path), k.Line)
		if line, dup := seen[key]; dup {
			return fmt.Errorf("%s: %s%s is set twice (first on line %d)", at, prefix, key, line)
		}
		seen[key] = k.Line
		if prefix == "" && slices.Contains(configProviders, key) {
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue // an empty section
			}
			if v.Kind != yaml.MappingNode {
				return fmt.Errorf("%s: %s: want a section with %s under it", at, key, strings.Join(sectionKeys, " and "))
			}
			if err := c.readMapping(v, key+"."); err != nil {
				return err
			}
			continue
		}
		if prefix != "" && !slices.Contains(sectionKeys, key) {
			return fmt.Errorf("%s: unknown key %q in the %s section (known: %s)", at, key, strings.TrimSuffix(prefix, "."), strings.Join(sectionKeys, ", "))
		}
		want, known := configKeys[key]
		if !known {
			return fmt.Errorf("%s: unknown key %q (known: %s)", at, prefix+key, knownKeys())
		}
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s: %s%s: %s, not a list or section", at, prefix, key, want)
		}
		value := v.Value
		if v.Tag == "!!null" {
			value = ""
		}
		if value != "" {
			if err := checkValue(key, value); err != nil {
				return fmt.Errorf("%s: %s%s: %s, not %s", at, prefix, key, want, quoteShort(value))
			}
		}
		c.values[prefix+key] = fileValue{value: value, line: v.Line}
	}
	return nil
}

func knownKeys() string {
	keys := []string{"provider", "profile", "region", "refresh", "read_timeout", "readonly", "theme", "journal"}
	return strings.Join(keys, ", ") + "; sections " + strings.Join(configProviders, ", ")
}

var regionID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkValue says whether a value is one the key allows; the same checks
// hold wherever the value came from (file, flag, env var).
func checkValue(key, value string) error {
	bad := errors.New(configKeys[key])
	switch key {
	case "provider":
		if !slices.Contains(configProviders, value) {
			return bad
		}
	case "region":
		if len(value) > 64 || !regionID.MatchString(value) {
			return bad
		}
	case "profile":
		if len(value) > 128 || strings.ContainsFunc(value, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return bad
		}
	case "refresh", "read_timeout":
		d, err := time.ParseDuration(value)
		if err != nil || d <= 0 {
			return bad
		}
	case "readonly", "journal":
		if _, err := strconv.ParseBool(value); err != nil {
			return bad
		}
	case "theme":
		if value != "auto" && value != "dark" && value != "light" {
			return bad
		}
	}
	return nil
}

// quoteShort quotes a value for a message: escapes shown, not sent to the
// terminal, and a long one cut.
func quoteShort(s string) string {
	if len(s) > 40 {
		return strconv.Quote(s[:40]) + "…"
	}
	return strconv.Quote(s)
}

// tildePath writes a path under the home directory as ~/…, as people
// recognise their files.
func tildePath(p string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return p
	}
	if rel, err := filepath.Rel(home, p); err == nil && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
		return filepath.Join("~", rel)
	}
	return p
}
