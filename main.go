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

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/tui"

	ui "github.com/vpnscope/vpnscope/tui/ui"
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
	// Every account the run names, of every provider the config file
	// lists accounts for, as vpnscope problems checks them: p and
	// :account switch between them, P scans them all (accounts.go).
	clouds, closeClouds, err := setupClouds(ctx, o, h)
	cleanup := func() { closeClouds(); closeLog() }
	if err != nil {
		return cfg, cleanup, err
	}
	clouds, err = browsable(clouds)
	if err != nil {
		return cfg, cleanup, err
	}
	return withClouds(cfg, o, clouds), cleanup, nil
}

// browsable are the clouds that were set up: an account that could not be
// (a missing profile, expired SSO) has no panes, and the status line says
// why; when none could, the first one's reason is the error.
func browsable(clouds []cloud) ([]cloud, error) {
	var out []cloud
	var why string
	for _, c := range clouds {
		if c.provider != nil {
			out = append(out, c)
			continue
		}
		why = addWarning(why, c.account+": not set up ("+ui.ErrorLine(c.setupErr)+")")
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no profile could be set up; %s: nothing was checked: %w", clouds[0].account, clouds[0].setupErr)
	}
	if why != "" {
		out[0].warning = addWarning(out[0].warning, why)
	}
	return out, nil
}

// withClouds is cfg with the clouds' panes, one per account: the first is
// where the app starts.
func withClouds(cfg tui.Config, o options, clouds []cloud) tui.Config {
	for _, c := range clouds {
		if a, ok := c.provider.(ui.AccountSetter); ok && c.account != "" {
			a.SetAccount(ui.Account{Name: c.account, ID: c.accountID})
		}
		cfg.Providers, cfg.Sources = append(cfg.Providers, c.provider), append(cfg.Sources, c.source)
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
