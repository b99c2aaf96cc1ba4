package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Two providers of the test's own, so the table is seen to name none.
var testProviders = []Provider{
	{Name: "north", Covers: "north VPNs", API: "N", ExampleRegion: "no-1", ProfileEnv: []string{"NORTH_PROFILE"}, RegionEnv: []string{"NORTH_REGION", "NORTH_DEFAULT_REGION"}},
	{Name: "south", Covers: "south VPNs", API: "S", ExampleRegion: "so-1", ProfileEnv: []string{"SOUTH_PROFILE"}, RegionEnv: []string{"SOUTH_REGION"}},
}

// defaults are Options as the flags leave them before anything is given.
func defaults() Options {
	var o Options
	for _, s := range Table {
		if s.Default != "" {
			s.set(&o, s.Default)
		}
	}
	return o
}

func loadFile(t *testing.T, content string) File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if content != "" {
		os.WriteFile(path, []byte(content), 0o600)
	}
	f, err := Load(path, testProviders)
	if err != nil {
		t.Fatalf("load %q: %v", content, err)
	}
	return f
}

func clearEnv(t *testing.T) {
	for _, s := range Table {
		for _, e := range s.Env {
			t.Setenv(e, "")
		}
	}
	for _, p := range testProviders {
		for _, e := range append(p.ProfileEnv, p.RegionEnv...) {
			t.Setenv(e, "")
		}
	}
}

func rowOf(rows []Row, name string) Row {
	for _, r := range rows {
		if r.Name == name {
			return r
		}
	}
	return Row{}
}

// Each setting is defined once: a flag, a field, a unique key, and an
// example of its bounds in the words every message uses.
func TestEverySettingIsDefinedOnceInTheTable(t *testing.T) {
	keys, flags := map[string]bool{}, map[string]bool{}
	for _, s := range Table {
		if s.Key == "" || s.Flag == "" || s.Field == nil || s.Usage == "" {
			t.Errorf("%+v: key, flag, field and usage are all needed", s)
		}
		if keys[s.Key] || flags[s.Flag] {
			t.Errorf("%s: defined twice", s.Key)
		}
		keys[s.Key], flags[s.Flag] = true, true
		if s.InFile && s.FlagOnly {
			t.Errorf("%s: in the file but flag-only", s.Key)
		}
	}
	for key, want := range map[string]string{"read_timeout": "1s to 10m", "refresh": "at least 2s", "max_in_flight": "1 to 64"} {
		s, _ := Lookup(key)
		if s.Bounds() != want || !strings.Contains(s.FlagUsage(testProviders), "("+want+")") {
			t.Errorf("%s: bounds %q, usage %q; want %q in both", key, s.Bounds(), s.FlagUsage(testProviders), want)
		}
	}
	p, _ := Lookup("provider")
	if u := p.FlagUsage(testProviders); !strings.Contains(u, "north (north VPNs) or south (south VPNs)") {
		t.Errorf("provider usage names the providers it is given: %q", u)
	}
	r, _ := Lookup("region")
	if u := r.FlagUsage(testProviders); !strings.Contains(u, "env NORTH_REGION; with --provider south, SOUTH_REGION") {
		t.Errorf("region usage names each provider's variable: %q", u)
	}
}

// Precedence, per setting: a flag, else an environment variable, else the
// config file, else the default; each row says which.
func TestPrecedenceIsFlagThenEnvThenFileThenDefault(t *testing.T) {
	file := "provider: south\nrefresh: 30s\nread_timeout: 20s\nreadonly: true\ntheme: light\njournal: false\nsouth:\n  profile: file-prof\n  region: so-file\n"
	cases := []struct {
		name    string
		flags   map[string]string
		env     map[string]string
		file    string
		key     string
		want    string
		source  string
		checkOp func(Options) bool
	}{
		{"provider default", nil, nil, "", "provider", "north", "default", func(o Options) bool { return o.Provider == "north" && !o.ProviderChosen }},
		{"provider from the file", nil, nil, file, "provider", "south", "(provider)", func(o Options) bool { return o.ProviderChosen }},
		{"provider env beats file", nil, map[string]string{"VPNSCOPE_PROVIDER": "north"}, file, "provider", "north", "env VPNSCOPE_PROVIDER", nil},
		{"provider flag beats env", map[string]string{"provider": "south"}, map[string]string{"VPNSCOPE_PROVIDER": "north"}, "", "provider", "south", "--provider", nil},
		{"region from the provider's section", nil, nil, file, "region", "so-file", "(south.region)", nil},
		{"region: the provider's own env var beats the file", nil, map[string]string{"SOUTH_REGION": "so-env"}, file, "region", "so-env", "env SOUTH_REGION", nil},
		{"region: another provider's env var is not read", nil, map[string]string{"NORTH_REGION": "no-env"}, file, "region", "so-file", "(south.region)", nil},
		{"region: the second env var", nil, map[string]string{"NORTH_DEFAULT_REGION": "no-2"}, "", "region", "no-2", "env NORTH_DEFAULT_REGION", nil},
		{"profile env remembers its variable", nil, map[string]string{"SOUTH_PROFILE": "p"}, file, "profile", "p", "env SOUTH_PROFILE", func(o Options) bool { return o.ProfileEnv == "SOUTH_PROFILE" }},
		{"profile from the file has no env", nil, nil, file, "profile", "file-prof", "(south.profile)", func(o Options) bool { return o.ProfileEnv == "" }},
		{"a flat region is the first provider's", nil, nil, "region: no-flat\n", "region", "no-flat", "(region)", nil},
		{"a flat region is not another provider's", map[string]string{"provider": "south"}, nil, "region: no-flat\n", "region", "", "not set (", nil},
		{"refresh default", nil, nil, "", "refresh", "10s", "default", nil},
		{"refresh from the file", nil, nil, file, "refresh", "30s", "(refresh)", func(o Options) bool { return o.Refresh == 30*time.Second }},
		{"refresh flag beats the file", map[string]string{"refresh": "5s"}, nil, file, "refresh", "5s", "--refresh", nil},
		{"readonly env beats the file", nil, map[string]string{"VPNSCOPE_READONLY": "0"}, file, "readonly", "false", "env VPNSCOPE_READONLY", nil},
		{"readonly=false flag beats env", map[string]string{"readonly": "false"}, map[string]string{"VPNSCOPE_READONLY": "1"}, "", "readonly", "false", "--readonly", nil},
		{"journal default: on", nil, nil, "", "journal", "true", "default", func(o Options) bool { return !o.NoJournal }},
		{"timeout default, whether or not the command has the flag", nil, nil, "", "timeout", "2m0s", "default", func(o Options) bool { return o.Timeout == 2*time.Minute }},
		{"journal: false in the file", nil, nil, file, "journal", "false", "(journal)", func(o Options) bool { return o.NoJournal }},
		{"journal: --no-journal", map[string]string{"no-journal": "true"}, nil, "", "journal", "false", "--no-journal", func(o Options) bool { return o.NoJournal }},
		{"theme from the file", nil, nil, file, "theme", "light", "(theme)", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			o := defaults()
			for flag, v := range c.flags { // what the flag parser would have stored
				for _, s := range Table {
					if s.Flag == flag {
						s.set(&o, v)
						if s.Inverse {
							s.set(&o, flip(v))
						}
					}
				}
			}
			changed := func(flag string) bool { _, ok := c.flags[flag]; return ok }
			rows, err := Resolve(&o, changed, loadFile(t, c.file), testProviders)
			if err != nil {
				t.Fatal(err)
			}
			r := rowOf(rows, c.key)
			if r.Value != c.want || !strings.Contains(r.Source, c.source) {
				t.Errorf("%s = %q from %q; want %q from …%s…", c.key, r.Value, r.Source, c.want, c.source)
			}
			if c.checkOp != nil && !c.checkOp(o) {
				t.Errorf("options: %+v", o)
			}
		})
	}
}

// A wrong value is refused with where it came from and what is wanted.
func TestWrongValuesNameTheirSourceAndWhatIsWanted(t *testing.T) {
	cases := []struct {
		flags map[string]string
		env   map[string]string
		file  string
		says  string
	}{
		{env: map[string]string{"VPNSCOPE_PROVIDER": "west"}, says: `VPNSCOPE_PROVIDER="west": want north or south`},
		{flags: map[string]string{"provider": "west"}, says: `--provider "west": want north or south`},
		{env: map[string]string{"NORTH_REGION": "no 1"}, says: `NORTH_REGION="no 1": want a region id like no-1 or so-1`},
		{env: map[string]string{"VPNSCOPE_READONLY": "perhaps"}, says: `VPNSCOPE_READONLY="perhaps": want 1 or 0 (or true or false)`},
		{flags: map[string]string{"read-timeout": "11m"}, says: "--read-timeout 11m0s: want 1s to 10m"},
		{flags: map[string]string{"refresh": "1s"}, says: "--refresh 1s is too short: the minimum is 2s"},
		{flags: map[string]string{"max-in-flight": "65"}, says: "--max-in-flight 65: want 1 to 64"},
		{file: "refresh: 1s\n", says: "config.yaml:1: refresh 1s is too short: the minimum is 2s"},
		{file: "read_timeout: 1ns\n", says: "config.yaml:1: read_timeout 1ns: want 1s to 10m"},
	}
	for _, c := range cases {
		clearEnv(t)
		for k, v := range c.env {
			t.Setenv(k, v)
		}
		o := defaults()
		for flag, v := range c.flags {
			for _, s := range Table {
				if s.Flag == flag {
					s.set(&o, v)
				}
			}
		}
		changed := func(flag string) bool { _, ok := c.flags[flag]; return ok }
		_, err := Resolve(&o, changed, loadFile(t, c.file), testProviders)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("want %q, got %v", c.says, err)
		}
	}
	// The file's own checks, at load, in the table's words.
	for content, says := range map[string]string{
		"provider: west\n":    `provider: north or south, not "west"`,
		"theme: purple\n":     `theme: auto, dark or light, not "purple"`,
		"refresh: soon\n":     `refresh: a duration like 15s (at least 2s), not "soon"`,
		"colour: red\n":       `unknown key "colour" (known: provider, profile, region, refresh, read_timeout, readonly, theme, journal, timeout, history; sections north, south)`,
		"south:\n  zone: a\n": `unknown key "zone" in the south section (known: profile, region, accounts)`,
		"north: somewhere\n":  "north: want a section with profile and region under it",
	} {
		path := filepath.Join(t.TempDir(), "config.yaml")
		os.WriteFile(path, []byte(content), 0o600)
		if _, err := Load(path, testProviders); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("%q: want %q, got %v", content, says, err)
		}
	}
}

// A provider's section lists its accounts, as a list or one line with
// commas; the provider that runs takes them as its profiles (unless a
// flag or its own variable names one), and every provider's are kept.
func TestAccountsInTheFileArePerProvider(t *testing.T) {
	clearEnv(t)
	for _, content := range []string{"north:\n  accounts: [a, b]\nsouth:\n  accounts: s1,s2\n", "north:\n  accounts:\n    - a\n    - b\nsouth:\n  accounts: s1, s2\n"} {
		o := defaults()
		rows, err := Resolve(&o, func(string) bool { return false }, loadFile(t, content), testProviders)
		if err != nil {
			t.Fatal(err)
		}
		if r := rowOf(rows, "profile"); r.Value != "a,b" || !strings.Contains(r.Source, "(north.accounts)") {
			t.Errorf("%q: profile %q from %q", content, r.Value, r.Source)
		}
		if got := strings.Join(o.Accounts["south"], " "); got != "s1 s2" || len(o.Profiles()) != 2 {
			t.Errorf("%q: south's accounts %q, profiles %v", content, got, o.Profiles())
		}
	}
	t.Setenv("NORTH_PROFILE", "solo")
	o := defaults()
	Resolve(&o, func(string) bool { return false }, loadFile(t, "north:\n  accounts: [a, b]\n"), testProviders)
	if o.Profile != "solo" {
		t.Errorf("the provider's own variable beats the file's accounts: %q", o.Profile)
	}
	for content, says := range map[string]string{
		"north:\n  accounts: [a, \"b\\u0007\"]\n": "north.accounts: a list of profile names, not",
		"north:\n  accounts: {a: 1}\n":            "north.accounts: a list of profile names",
	} {
		path := filepath.Join(t.TempDir(), "config.yaml")
		os.WriteFile(path, []byte(content), 0o600)
		if _, err := Load(path, testProviders); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("%q: want %q, got %v", content, says, err)
		}
	}
}
