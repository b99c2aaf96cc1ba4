package config

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Options are the settings a run uses, resolved.
type Options struct {
	Demo     bool
	Provider string
	// ProviderChosen: a flag, VPNSCOPE_PROVIDER or the config file named
	// the provider (else every cloud set up is scanned by problems).
	ProviderChosen bool
	Endpoint       string
	Region         string
	Profile        string
	// ProfileEnv names the env var the profile came from (AWS_PROFILE,
	// ALIBABA_CLOUD_PROFILE); "" for a flag's or the config file's. The
	// AWS CLI lets keys in the environment beat such a profile, and
	// vpnscope does as it does.
	ProfileEnv  string
	ReadOnly    bool
	ReadTimeout time.Duration
	MaxInFlight int
	Refresh     time.Duration
	Timeout     time.Duration // a problems scan's, in all
	Format      string        // what problems prints: table, json or prom
	History     bool          // problems: each down tunnel's since from the service's state metric
	DebugLog    string
	Theme       string
	NoJournal   bool
	// FallbackRegion is used when no flag, env var or profile names a
	// region (vpnscope problems checks them all anyway).
	FallbackRegion string
	// Accounts are the profiles each provider's section of the config
	// file lists (accounts:), by provider name.
	Accounts map[string][]string
}

// Profiles are the profiles Profile names: several, comma-separated
// (--profile prod,staging), for a run over several accounts; none when it
// names none.
func (o Options) Profiles() []string {
	var out []string
	for _, p := range strings.Split(o.Profile, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Provider is what the settings know of a provider: its name (the value
// of --provider and its section in the file), what it covers (for help),
// the environment variables its own CLI reads a profile and a region from,
// and a region to give as an example.
type Provider struct {
	Name, Covers  string
	API           string // its API's name: "VPC", "EC2"
	ProfileEnv    []string
	RegionEnv     []string
	ExampleRegion string
}

// Setting is one setting, defined once: the flag, the environment
// variables, the config file key, the default, the check and the words
// for its bounds. The flags, the file's keys and checks, precedence,
// `vpnscope config` and completion all read it.
type Setting struct {
	Key  string // its row in vpnscope config, and its key in the file if InFile
	Flag string
	// Env are read between the flag and the file; PerProvider settings
	// read the provider's own (its CLI's) instead.
	Env         []string
	PerProvider bool // profile, region: the provider's env vars and file section
	InFile      bool
	Default     string // as the flag shows it
	Usage       string // the flag's help, before its bounds and env vars
	Wants       string // what a value is, in words: "a duration like 10s"
	Values      []string
	// MinDuration and MaxDuration, MinInt and MaxInt bound a number;
	// zero is no bound.
	MinDuration, MaxDuration time.Duration
	MinInt, MaxInt           int
	// Inverse: the flag says the opposite of the key (--no-journal,
	// journal: true).
	Inverse bool
	// FlagOnly settings (endpoint, debug log, demo) have no row of their
	// own in the settings vpnscope config lists first.
	FlagOnly bool
	// Only names the one command that takes the flag ("problems"); ""
	// for every command that runs.
	Only string
	// TUIOnly settings (refresh, readonly, theme) change only the terminal
	// UI: vpnscope problems takes them but does not list them.
	TUIOnly bool
	Field   func(*Options) any // the Options field it sets: *string, *bool, *int or *time.Duration
	// ValueName is the flag's value in help (`URL`, `FILE`).
	ValueName string
}

// Table is every setting, in the order vpnscope config lists them.
var Table = []Setting{
	{Key: "demo", Flag: "demo", FlagOnly: true, Default: "false",
		Usage: "run against a built-in emulator with realistic data; no account needed",
		Field: func(o *Options) any { return &o.Demo }},
	{Key: "provider", Flag: "provider", Env: []string{"VPNSCOPE_PROVIDER"}, InFile: true,
		Usage: "which cloud:", Wants: "", // the providers, filled in by Usage and Check
		Field: func(o *Options) any { return &o.Provider }},
	{Key: "endpoint", Flag: "endpoint", FlagOnly: true, ValueName: "URL",
		Usage: "API `URL`, e.g. http://127.0.0.1:8080 for the emulator (default: the region's HTTPS endpoint; http only for loopback)",
		Field: func(o *Options) any { return &o.Endpoint }},
	{Key: "profile", Flag: "profile", PerProvider: true, InFile: true, Wants: "a profile name",
		Usage: "the cloud CLI's profile name; several with commas (prod,staging) for one problems run over their accounts", Field: func(o *Options) any { return &o.Profile }},
	{Key: "region", Flag: "region", PerProvider: true, InFile: true, Wants: "a region id like %s",
		Usage: "region id, e.g. %s", Field: func(o *Options) any { return &o.Region }},
	{Key: "refresh", Flag: "refresh", InFile: true, TUIOnly: true, Default: "10s", Wants: "a duration like 15s", MinDuration: 2 * time.Second,
		Usage: "auto-refresh interval for w", Field: func(o *Options) any { return &o.Refresh }},
	{Key: "read_timeout", Flag: "read-timeout", InFile: true, Default: "10s", Wants: "a duration like 10s",
		MinDuration: time.Second, MaxDuration: 10 * time.Minute,
		Usage: "how long one API call may take", Field: func(o *Options) any { return &o.ReadTimeout }},
	{Key: "readonly", Flag: "readonly", Env: []string{"VPNSCOPE_READONLY"}, InFile: true, TUIOnly: true, Default: "false",
		Usage: "never offer to change anything", Wants: "true or false", Field: func(o *Options) any { return &o.ReadOnly }},
	{Key: "theme", Flag: "theme", InFile: true, TUIOnly: true, Default: "auto", Values: []string{"auto", "dark", "light"},
		Usage: "colours for a dark or light terminal:", Field: func(o *Options) any { return &o.Theme }},
	{Key: "journal", Flag: "no-journal", InFile: true, Inverse: true, Default: "false", Wants: "true or false",
		Usage: "do not record or read state changes in the local state journal ($XDG_STATE_HOME/vpnscope)",
		Field: func(o *Options) any { return &o.NoJournal }},
	{Key: "max_in_flight", Flag: "max-in-flight", Default: "8", Wants: "a number", MinInt: 1, MaxInt: 64,
		Usage: "API calls in flight at most (the problems overview runs this many across the account)",
		Field: func(o *Options) any { return &o.MaxInFlight }},
	{Key: "timeout", Flag: "timeout", Only: "problems", InFile: true, Default: "2m", Wants: "a duration like 2m",
		MinDuration: time.Second, MaxDuration: time.Hour,
		Usage: "how long a problems scan may take in all; what it has not read by then is unknown (not checked in time)",
		Field: func(o *Options) any { return &o.Timeout }},
	{Key: "history", Flag: "history", Only: "problems", InFile: true, Default: "false", Wants: "true or false",
		Usage: "read since when each down tunnel has been down from the cloud's state metric (CloudWatch TunnelState, CloudMonitor): one batched call per region with a down tunnel; CloudWatch bills GetMetricData by the metric",
		Field: func(o *Options) any { return &o.History }},
	{Key: "format", Flag: "format", Only: "problems", FlagOnly: true, Default: "table", Values: []string{"table", "json", "prom"},
		Usage: "what to print: a table, a JSON array, or Prometheus metrics for node_exporter's textfile collector:",
		Field: func(o *Options) any { return &o.Format }},
	{Key: "debug_log", Flag: "debug-log", FlagOnly: true, ValueName: "FILE",
		Usage: "append one line per API call to `FILE` (time, action, region, duration, status, code, request id; never a secret)",
		Field: func(o *Options) any { return &o.DebugLog }},
}

// Lookup is the setting with key.
func Lookup(key string) (Setting, bool) {
	i := slices.IndexFunc(Table, func(s Setting) bool { return s.Key == key })
	if i < 0 {
		return Setting{}, false
	}
	return Table[i], true
}

// fileSetting is the setting a file key names.
func fileSetting(key string) (Setting, bool) {
	s, ok := Lookup(key)
	return s, ok && s.InFile
}

// Bounds says, in words, which values of its kind the setting takes:
// "1s to 10m", "at least 2s", "1 to 64"; "" for any.
func (s Setting) Bounds() string {
	switch {
	case s.MinDuration > 0 && s.MaxDuration > 0:
		return shortDuration(s.MinDuration) + " to " + shortDuration(s.MaxDuration)
	case s.MinDuration > 0:
		return "at least " + shortDuration(s.MinDuration)
	case s.MaxInt > 0:
		return fmt.Sprintf("%d to %d", s.MinInt, s.MaxInt)
	}
	return ""
}

// wants is what a value is, in words, for messages: the choices, or the
// kind of value.
func (s Setting) wants(providers []Provider) string {
	switch {
	case s.Key == "provider":
		return orList(providerNames(providers))
	case len(s.Values) > 0:
		return orList(s.Values)
	case strings.Contains(s.Wants, "%s"):
		var examples []string
		for _, p := range providers {
			examples = append(examples, p.ExampleRegion)
		}
		return fmt.Sprintf(s.Wants, orList(examples))
	}
	return s.Wants
}

// fileWants is what the file's messages say a key takes, bounds included.
func (s Setting) fileWants(providers []Provider) string {
	if b := s.Bounds(); b != "" {
		return s.wants(providers) + " (" + b + ")"
	}
	return s.wants(providers)
}

// FlagUsage is the flag's help: what it does, its choices, its bounds and
// the environment variables that set it.
func (s Setting) FlagUsage(providers []Provider) string {
	u := strings.ReplaceAll(s.Usage, "%s", firstExample(providers))
	if strings.HasPrefix(u, "API ") { // the endpoint: whose API
		var apis []string
		for _, p := range providers {
			apis = append(apis, p.API)
		}
		u = orList(apis) + " " + u
	}
	switch {
	case s.Key == "provider":
		var each []string
		for _, p := range providers {
			each = append(each, p.Name+" ("+p.Covers+")")
		}
		u += " " + orList(each)
	case len(s.Values) > 0:
		u += " " + orList(s.Values)
	}
	if b := s.Bounds(); b != "" {
		u += " (" + b + ")"
	}
	var env []string
	if s.PerProvider {
		for i, p := range providers {
			vars := p.envFor(s.Key)
			if len(vars) == 0 {
				continue
			}
			if i == 0 {
				env = append(env, "env "+vars[0])
			} else {
				env = append(env, "with --provider "+p.Name+", "+vars[0])
			}
		}
	} else if len(s.Env) > 0 {
		env = append(env, "env "+s.Env[0])
	}
	if s.Key == "region" {
		env = append(env, "default: the profile's region")
	}
	if len(env) > 0 {
		u += " (" + strings.Join(env, "; ") + ")"
	}
	return u
}

func (p Provider) envFor(key string) []string {
	switch key {
	case "profile":
		return p.ProfileEnv
	case "region":
		return p.RegionEnv
	}
	return nil
}

var regionID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// check says whether a value has the setting's form; the same checks hold
// wherever the value came from (file, flag, env var). Bounds of numbers
// are checked as the run resolves them (inRange), so the message names
// where the value came from.
func (s Setting) check(value string, providers []Provider) error {
	bad := errors.New(s.wants(providers))
	switch {
	case s.Key == "provider":
		if !slices.Contains(providerNames(providers), value) {
			return bad
		}
	case len(s.Values) > 0:
		if !slices.Contains(s.Values, value) {
			return bad
		}
	case s.Key == "region":
		if len(value) > 64 || !regionID.MatchString(value) {
			return bad
		}
	case s.Key == "profile":
		for _, p := range strings.Split(value, ",") {
			if p = strings.TrimSpace(p); p == "" || len(p) > 128 || strings.ContainsFunc(p, func(r rune) bool { return r < ' ' || r == 0x7f }) {
				return bad
			}
		}
	default:
		var o Options
		switch s.Field(&o).(type) {
		case *time.Duration:
			if d, err := time.ParseDuration(value); err != nil || d <= 0 {
				return bad
			}
		case *bool:
			if _, err := strconv.ParseBool(value); err != nil {
				return bad
			}
		case *int:
			if _, err := strconv.Atoi(value); err != nil {
				return bad
			}
		}
	}
	return nil
}

// inRange says what is wrong with a number outside the setting's bounds,
// the value first ("1s is too short: the minimum is 2s", "0s: want 1s to
// 10m"); "" when it is within them.
func (s Setting) inRange(o *Options) string {
	switch v := s.Field(o).(type) {
	case *time.Duration:
		switch {
		case s.MaxDuration > 0 && (*v < s.MinDuration || *v > s.MaxDuration):
			return fmt.Sprintf("%s: want %s", *v, s.Bounds())
		case *v < s.MinDuration:
			return fmt.Sprintf("%s is too short: the minimum is %s", *v, shortDuration(s.MinDuration))
		}
	case *int:
		if s.MaxInt > 0 && (*v < s.MinInt || *v > s.MaxInt) {
			return fmt.Sprintf("%d: want %s", *v, s.Bounds())
		}
	}
	return ""
}

// CheckValue checks a value for key as the file and the flags do: for
// callers that get a value from elsewhere (a cloud's profile's region).
func CheckValue(key, value string, providers []Provider) error {
	s, ok := Lookup(key)
	if !ok {
		return fmt.Errorf("no setting %s", key)
	}
	return s.check(value, providers)
}

func providerNames(providers []Provider) []string {
	var names []string
	for _, p := range providers {
		names = append(names, p.Name)
	}
	return names
}

func firstExample(providers []Provider) string {
	if len(providers) == 0 {
		return ""
	}
	return providers[0].ExampleRegion
}

// orList writes "a, b or c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// shortDuration writes 10m rather than 10m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
