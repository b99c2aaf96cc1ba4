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
	clouds, closeClouds, err := setupClouds(ctx, o, hooks{events: events, onCall: onCall})
	cleanup := func() { closeClouds(); closeLog() }
	if err != nil {
		return cfg, cleanup, err
	}
	if len(clouds) > 1 && !o.Demo {
		// The TUI browses one account of the provider that runs (its
		// journal and views are one account's); vpnscope problems checks
		// them all, and every provider with accounts in the config file.
		c, err := firstReachable(slices.DeleteFunc(clouds, func(c cloud) bool { return c.name != o.Provider }))
		if err != nil {
			return cfg, cleanup, err
		}
		c.warning = addWarning(c.warning, "several profiles: browsing "+c.account+"; vpnscope problems checks them all")
		clouds = []cloud{c}
	}
	for i, c := range clouds {
		// The TUI browses each cloud's first account (the demo has two on
		// AWS); vpnscope problems checks them all.
		if !slices.ContainsFunc(clouds[:i], func(d cloud) bool { return d.name == c.name }) {
			cfg.Providers = append(cfg.Providers, c.provider)
		}
	}
	cfg.Demo = o.Demo
	cfg.CredentialSource, cfg.Warning = clouds[0].source, clouds[0].warning
	return cfg, cleanup, nil
}

// firstReachable is the first account that could be set up; when none
// could, the first one's reason.
func firstReachable(clouds []cloud) (cloud, error) {
	for _, c := range clouds {
		if c.provider != nil {
			return c, nil
		}
	}
	r := clouds[0].scan(context.Background(), scanRequest{})
	return cloud{}, fmt.Errorf("no profile could be set up; %s: %s", clouds[0].account, r.findings[0].Message)
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
