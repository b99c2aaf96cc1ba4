package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// fileConfig is $XDG_CONFIG_HOME/vpnscope/config.yaml: defaults a person
// sets once. It is flat `key: value` YAML; flags and env vars win over it.
//
//	profile: prod
//	region: cn-hangzhou
//	refresh: 15s
//	read_timeout: 10s
//	readonly: true
//	theme: dark        # auto (default), dark or light
//	provider: aws      # alibaba (default) or aws
//	journal: false     # no local state journal (like --no-journal)
type fileConfig struct {
	path        string
	profile     string
	region      string
	refresh     time.Duration
	readTimeout time.Duration
	readOnly    bool
	theme       string
	provider    string
	journalOff  bool
}

func configPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "vpnscope", "config.yaml")
}

// loadConfig reads the config file; a missing file is an empty config.
func loadConfig(path string) (fileConfig, error) {
	cfg := fileConfig{path: path}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return cfg, fmt.Errorf("%s:%d: want `key: value`", path, n)
		}
		key, value = strings.TrimSpace(key), strings.Trim(strings.TrimSpace(value), `"'`)
		bad := func(want string) error { return fmt.Errorf("%s:%d: %s: %s, not %q", path, n, key, want, value) }
		switch key {
		case "profile":
			cfg.profile = value
		case "region":
			cfg.region = value
		case "refresh", "read_timeout":
			d, err := time.ParseDuration(value)
			if err != nil || d <= 0 {
				return cfg, bad("a duration like 15s")
			}
			if key == "refresh" {
				cfg.refresh = d
			} else {
				cfg.readTimeout = d
			}
		case "readonly":
			b, err := strconv.ParseBool(value)
			if err != nil {
				return cfg, bad("true or false")
			}
			cfg.readOnly = b
		case "journal":
			b, err := strconv.ParseBool(value)
			if err != nil {
				return cfg, bad("true or false")
			}
			cfg.journalOff = !b
		case "provider":
			if value != "alibaba" && value != "aws" {
				return cfg, bad("alibaba or aws")
			}
			cfg.provider = value
		case "theme":
			if value != "auto" && value != "dark" && value != "light" {
				return cfg, bad("auto, dark or light")
			}
			cfg.theme = value
		default:
			return cfg, fmt.Errorf("%s:%d: unknown key %q (known: provider, profile, region, refresh, read_timeout, readonly, theme, journal)", path, n, key)
		}
	}
	return cfg, sc.Err()
}
