package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// setting is one effective value and where it came from, for `vpnscope
// config` and for error messages that name the right place.
type setting struct {
	name, value, source string
}

// providerEnv are each provider's own environment variables for profile
// and region, as its CLI reads them.
var providerEnv = map[string]struct{ profile, region []string }{
	"alibaba": {profile: []string{"ALIBABA_CLOUD_PROFILE"}, region: []string{"ALIBABA_CLOUD_REGION_ID"}},
	"aws":     {profile: []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE"}, region: []string{"AWS_REGION", "AWS_DEFAULT_REGION"}},
}

// Bounds on durations, wherever they are set.
const (
	minRefresh     = 2 * time.Second
	minReadTimeout = time.Second
	maxReadTimeout = 10 * time.Minute
)

// resolveSettings fills o from, per setting: a flag, else an env var, else
// the config file, else the default (the cloud's own profile comes after
// all of these, in setup). It checks every value and names its source
// when one is wrong.
func resolveSettings(fs *pflag.FlagSet, o *options, file fileConfig) ([]setting, error) {
	var out []setting
	changed := func(name string) bool { f := fs.Lookup(name); return f != nil && f.Changed }
	// pick is the first of flag, env vars, file keys that is set.
	pick := func(flagName string, envs []string, keys ...string) (string, string, bool) {
		if changed(flagName) {
			return fs.Lookup(flagName).Value.String(), "--" + flagName, true
		}
		for _, e := range envs {
			if v := os.Getenv(e); v != "" {
				return v, "env " + e, true
			}
		}
		for _, k := range keys {
			if v, src, ok := file.get(k); ok {
				return v, src, true
			}
		}
		return "", "", false
	}
	bad := func(source, key, value string, why string) error {
		if strings.HasPrefix(source, "--") {
			return fmt.Errorf("%s %s: %s", source, quoteShort(value), why)
		}
		if strings.HasPrefix(source, "env ") {
			return fmt.Errorf("%s=%s: %s", strings.TrimPrefix(source, "env "), quoteShort(value), why)
		}
		return fmt.Errorf("%s: %s %s: %s", strings.TrimSuffix(source, " ("+key+")"), key, value, why)
	}

	// provider first: the rest depends on it.
	if v, src, ok := pick("provider", []string{"VPNSCOPE_PROVIDER"}, "provider"); ok {
		if checkValue("provider", v) != nil {
			return nil, bad(src, "provider", v, "want alibaba or aws")
		}
		o.provider, o.providerChosen = v, true
		out = append(out, setting{"provider", v, src})
	} else {
		o.provider = "alibaba"
		out = append(out, setting{"provider", "alibaba", "default"})
	}
	env := providerEnv[o.provider]
	for _, s := range []struct {
		key  string
		envs []string
		to   *string
	}{{"profile", env.profile, &o.profile}, {"region", env.region, &o.region}} {
		keys := []string{o.provider + "." + s.key}
		flat := file.flatOwner() == o.provider
		if flat {
			keys = append(keys, s.key)
		}
		v, src, ok := pick(s.key, s.envs, keys...)
		if !ok {
			src = "not set"
			if _, where, set := file.get(s.key); set && !flat {
				// A flat file's region is its own provider's: cn-hangzhou is
				// no AWS region.
				src = fmt.Sprintf("not set (%s is %s's; set %s's under %s:)", strings.TrimSuffix(where, " ("+s.key+")"),
					file.flatOwner(), o.provider, o.provider)
			}
			out = append(out, setting{s.key, "", src})
			continue
		}
		if err := checkValue(s.key, v); err != nil {
			return nil, bad(src, s.key, v, err.Error())
		}
		*s.to = v
		if s.key == "profile" {
			o.profileEnv = "" // a flag's or the file's
			if env, ok := strings.CutPrefix(src, "env "); ok {
				o.profileEnv = env
			}
		}
		out = append(out, setting{s.key, v, src})
	}

	durations := []struct {
		flag, key string
		to        *time.Duration
		check     func(time.Duration) string
	}{
		{"refresh", "refresh", &o.refresh, func(d time.Duration) string {
			if d < minRefresh {
				return fmt.Sprintf("%s is too short: the minimum is %s", d, minRefresh)
			}
			return ""
		}},
		{"read-timeout", "read_timeout", &o.readTimeout, func(d time.Duration) string {
			if d < minReadTimeout || d > maxReadTimeout {
				return fmt.Sprintf("%s: want 1s to 10m", d)
			}
			return ""
		}},
	}
	for _, d := range durations {
		src := "default"
		if changed(d.flag) {
			src = "--" + d.flag
		} else if v, from, ok := file.get(d.key); ok {
			*d.to, _ = time.ParseDuration(v) // checked when the file was read
			src = from
		}
		if why := d.check(*d.to); why != "" {
			if src == "default" || strings.HasPrefix(src, "--") {
				return nil, fmt.Errorf("--%s %s", d.flag, why)
			}
			return nil, fmt.Errorf("%s: %s %s", strings.TrimSuffix(src, " ("+d.key+")"), d.key, why)
		}
		out = append(out, setting{d.key, d.to.String(), src})
	}

	// readonly: a flag (even --readonly=false) beats the env var, which
	// beats the file.
	roSrc := "default"
	switch v := os.Getenv("VPNSCOPE_READONLY"); {
	case changed("readonly"):
		roSrc = "--readonly"
	case v != "":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("VPNSCOPE_READONLY=%s: want 1 or 0 (or true or false)", quoteShort(v))
		}
		o.readOnly, roSrc = b, "env VPNSCOPE_READONLY"
	default:
		if v, src, ok := file.get("readonly"); ok {
			o.readOnly, _ = strconv.ParseBool(v)
			roSrc = src
		}
	}
	out = append(out, setting{"readonly", strconv.FormatBool(o.readOnly), roSrc})

	if v, src, ok := pick("theme", nil, "theme"); ok {
		if checkValue("theme", v) != nil {
			return nil, bad(src, "theme", v, "want auto, dark or light")
		}
		o.theme = v
		out = append(out, setting{"theme", v, src})
	} else {
		out = append(out, setting{"theme", o.theme, "default"})
	}

	// journal: --no-journal, else the file's journal: false.
	jSrc := "default"
	if changed("no-journal") {
		jSrc = "--no-journal"
	} else if v, src, ok := file.get("journal"); ok {
		on, _ := strconv.ParseBool(v)
		o.noJournal, jSrc = !on, src
	}
	out = append(out, setting{"journal", strconv.FormatBool(!o.noJournal), jSrc})

	if o.maxInFlight < 1 || o.maxInFlight > 64 {
		return nil, fmt.Errorf("--max-in-flight %d: want 1 to 64", o.maxInFlight)
	}
	out = append(out, setting{"max_in_flight", strconv.Itoa(o.maxInFlight), sourceOfFlag(changed("max-in-flight"), "max-in-flight")})
	return out, nil
}

func sourceOfFlag(changed bool, name string) string {
	if changed {
		return "--" + name
	}
	return "default"
}
