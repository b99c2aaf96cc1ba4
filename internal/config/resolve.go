package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/internal/localfile"
)

// Row is one setting as vpnscope config shows it: the value a run uses
// and where it came from ("--refresh", "env AWS_REGION",
// "~/.config/vpnscope/config.yaml:3 (refresh)", "default", "not set").
type Row struct{ Name, Value, Source string }

// Resolve fills o, per setting, from a flag (changed says which were
// given; their values are in o already, bound by the flags), else an
// environment variable, else the config file, else the default. It checks
// every value and names its source when one is wrong, and returns the
// rows vpnscope config shows. The cloud's own profile comes after all of
// these, in the provider's set-up.
func Resolve(o *Options, changed func(flag string) bool, file File, providers []Provider) ([]Row, error) {
	// Each provider's accounts in the file, for a problems run over every
	// provider that has some.
	o.Accounts = map[string][]string{}
	for _, p := range providers {
		if v, _, ok := file.Get(p.Name + "." + accountsKey); ok {
			o.Accounts[p.Name] = Options{Profile: v}.Profiles()
		}
	}
	var rows []Row
	for _, s := range Table {
		if s.FlagOnly {
			// No row and no other source; a choice is still checked.
			if changed(s.Flag) && len(s.Values) > 0 && s.check(s.show(o), providers) != nil {
				return nil, s.bad("--"+s.Flag, s.show(o), s.valueWants(providers, "--"+s.Flag))
			}
			continue
		}
		row, err := s.resolve(o, changed, file, providers)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// resolve is one setting's precedence. Settings come in Table's order, so
// the provider is known before its profile and region.
func (s Setting) resolve(o *Options, changed func(string) bool, file File, providers []Provider) (Row, error) {
	envs, keys := s.Env, []string{s.Key}
	var provider Provider
	if s.PerProvider {
		for _, p := range providers {
			if p.Name == o.Provider {
				provider = p
			}
		}
		envs = provider.envFor(s.Key)
		keys = []string{o.Provider + "." + s.Key}
		if s.Key == "profile" { // several, for a run over its accounts
			keys = append(keys, o.Provider+"."+accountsKey)
		}
		if file.FlatOwner() == o.Provider {
			keys = append(keys, s.Key)
		}
	}
	if !s.InFile {
		keys = nil
	}
	value, source, fromFile := "", "", false
	switch {
	case changed(s.Flag):
		source = "--" + s.Flag
		value = s.show(o)
		if s.Inverse {
			value = flip(value)
		}
	default:
		for _, e := range envs {
			if v := os.Getenv(e); v != "" {
				value, source = v, "env "+e
				break
			}
		}
		if source != "" {
			break
		}
		for _, k := range keys {
			if v, where, ok := file.Get(k); ok {
				value, source, fromFile = v, where, true
				break
			}
		}
	}
	if source == "" {
		return s.unset(o, file, providers)
	}
	// The file's values were checked as it was read, a typed flag's as it
	// was parsed.
	if _, text := s.Field(o).(*string); !fromFile && (text || !strings.HasPrefix(source, "--")) {
		if err := s.check(value, providers); err != nil {
			return Row{}, s.bad(source, value, s.valueWants(providers, source))
		}
	}
	if !strings.HasPrefix(source, "--") {
		s.set(o, value)
	}
	if why := s.inRange(o); why != "" {
		return Row{}, s.outOfRange(source, why)
	}
	switch s.Key {
	case "provider":
		o.ProviderChosen = true
	case "profile":
		o.ProfileEnv = ""
		if env, ok := strings.CutPrefix(source, "env "); ok {
			o.ProfileEnv = env
		}
	}
	return Row{s.Key, s.row(o), source}, nil
}

// unset is a setting nothing set: its default, or "not set" (a profile or
// region the cloud's own profile may still supply).
func (s Setting) unset(o *Options, file File, providers []Provider) (Row, error) {
	switch {
	case s.Key == "provider":
		o.Provider = providers[0].Name
		return Row{s.Key, o.Provider, "default"}, nil
	case s.PerProvider:
		src := "not set"
		if _, where, set := file.Get(s.Key); set && file.FlatOwner() != o.Provider {
			// A flat file's region is its own provider's: cn-hangzhou is
			// no AWS region.
			src = fmt.Sprintf("not set (%s is %s's; set %s's under %s:)", strings.TrimSuffix(where, " ("+s.Key+")"),
				file.FlatOwner(), o.Provider, o.Provider)
		}
		return Row{s.Key, "", src}, nil
	}
	// The default (already there if the command has the flag), which must
	// hold too.
	if s.Default != "" {
		def := s.Default
		if s.Inverse { // the default is the flag's (no-journal false)
			def = flip(def)
		}
		s.set(o, def)
	}
	if why := s.inRange(o); why != "" {
		return Row{}, s.outOfRange("default", why)
	}
	return Row{s.Key, s.row(o), "default"}, nil
}

// valueWants is the reason a value of the wrong form is refused.
func (s Setting) valueWants(providers []Provider, source string) string {
	var o Options
	if _, isBool := s.Field(&o).(*bool); isBool && strings.HasPrefix(source, "env ") {
		return "want 1 or 0 (or true or false)"
	}
	return "want " + s.wants(providers)
}

// bad names where a wrong value came from: --flag "v", VAR="v", or the
// file's line.
func (s Setting) bad(source, value, why string) error {
	if strings.HasPrefix(source, "--") {
		return fmt.Errorf("%s %s: %s", source, localfile.QuoteShort(value), why)
	}
	if env, ok := strings.CutPrefix(source, "env "); ok {
		return fmt.Errorf("%s=%s: %s", env, localfile.QuoteShort(value), why)
	}
	return fmt.Errorf("%s: %s %s: %s", strings.TrimSuffix(source, " ("+s.Key+")"), s.Key, value, why)
}

// outOfRange says a number is out of bounds, as the flag or the file.
func (s Setting) outOfRange(source, why string) error {
	if source == "default" || strings.HasPrefix(source, "--") {
		return fmt.Errorf("--%s %s", s.Flag, why)
	}
	return fmt.Errorf("%s: %s %s", strings.TrimSuffix(source, " ("+s.Key+")"), s.Key, why)
}

// set stores a value already checked into its field.
func (s Setting) set(o *Options, value string) {
	switch f := s.Field(o).(type) {
	case *string:
		*f = value
	case *bool:
		b, _ := strconv.ParseBool(value)
		*f = b != s.Inverse
	case *int:
		*f, _ = strconv.Atoi(value)
	case *time.Duration:
		*f, _ = time.ParseDuration(value)
	}
}

// show is the field's value as a flag would print it.
func (s Setting) show(o *Options) string {
	switch f := s.Field(o).(type) {
	case *string:
		return *f
	case *bool:
		return strconv.FormatBool(*f)
	case *int:
		return strconv.Itoa(*f)
	case *time.Duration:
		return f.String()
	}
	return ""
}

// row is the value vpnscope config shows: the key's sense, not the
// flag's (journal true, not no-journal false).
func (s Setting) row(o *Options) string {
	if s.Inverse {
		return flip(s.show(o))
	}
	return s.show(o)
}

func flip(b string) string {
	v, _ := strconv.ParseBool(b)
	return strconv.FormatBool(!v)
}
