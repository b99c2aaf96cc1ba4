// Command vpnscope is a terminal UI for cloud VPNs: Alibaba Cloud VPN
// gateways (IPsec connections and tunnels, SSL-VPN clients, IPsec servers)
// and AWS Site-to-Site VPN and Client VPN. The command tree is in cmd_*.go,
// the clouds it knows in providers.go (one adapter each, provider_*.go).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/tui"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		os.Exit(reportError(os.Stderr, err))
	}
}

// reportError prints err as main does and returns the exit code it
// carries (1 unless it says otherwise). It is the one place an error
// reaches the terminal: whatever it echoes (a flag, a file, an answer) is
// shown as text, never obeyed as a sequence.
func reportError(w io.Writer, err error) int {
	code := 1
	var ec exitCode
	if errors.As(err, &ec) {
		code = ec.code
		err = ec.err
	}
	if err != nil {
		fmt.Fprintln(w, "vpnscope: "+api.Printable(err.Error()))
	}
	return code
}

// setup resolves region, credentials and endpoint into a TUI config, with
// the providers set up (providers.go).
func setup(ctx context.Context, o options) (tui.Config, func(), error) {
	events := &tui.Events{}
	cfg := tui.Config{Context: ctx, ReadOnly: o.ReadOnly, RefreshInterval: o.Refresh, Events: events, Theme: o.Theme,
		MaxInFlight: o.MaxInFlight}
	onCall, closeLog, err := openCallLog(o)
	if err != nil {
		return cfg, func() {}, err
	}
	h := hooks{events: events, onCall: onCall}
	if !o.Demo {
		// The TUI browses one account of the provider that runs (its
		// journal and views are one account's): the first that can be set
		// up, and no other is (each costs a credentials call, and an STS
		// call on AWS). vpnscope problems checks them all, and every
		// provider with accounts in the config file.
		cleanup := func() { closeLog() }
		if len(o.Profiles()) <= 1 {
			c, err := providerNamed(o.Provider).setup(ctx, o, h)
			if err != nil {
				return cfg, cleanup, err
			}
			return withClouds(cfg, o, []cloud{c}), cleanup, nil
		}
		c, err := setupFirstAccount(ctx, providerNamed(o.Provider), o, h)
		if err != nil {
			return cfg, cleanup, err
		}
		c.warning = addWarning(c.warning, "several profiles: browsing "+c.account+"; vpnscope problems checks them all")
		return withClouds(cfg, o, []cloud{c}), cleanup, nil
	}
	clouds, closeClouds, err := setupClouds(ctx, o, h)
	cleanup := func() { closeClouds(); closeLog() }
	if err != nil {
		return cfg, cleanup, err
	}
	return withClouds(cfg, o, clouds), cleanup, nil
}

// withClouds is cfg with the clouds' panes: each cloud's first account
// (the demo has two on AWS; vpnscope problems checks them all).
func withClouds(cfg tui.Config, o options, clouds []cloud) tui.Config {
	for i, c := range clouds {
		if !slices.ContainsFunc(clouds[:i], func(d cloud) bool { return d.name == c.name }) {
			cfg.Providers = append(cfg.Providers, c.provider)
		}
	}
	cfg.Demo = o.Demo
	cfg.CredentialSource, cfg.Warning = clouds[0].source, clouds[0].warning
	return cfg
}

// openCallLog opens --debug-log for appending, one line per API call (nil
// and a no-op close without the flag).
func openCallLog(o options) (func(api.CallRecord), func(), error) {
	if o.DebugLog == "" {
		return nil, func() {}, nil
	}
	f, err := os.OpenFile(o.DebugLog, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, func() {}, fmt.Errorf("--debug-log: %w", err)
	}
	return api.CallLog(f), func() { f.Close() }, nil
}
