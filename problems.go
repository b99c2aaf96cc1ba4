package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// exitCode ends the program with a code other than 1; a nil err prints
// nothing (the output already said it all).
type exitCode struct {
	code int
	err  error
}

func (e exitCode) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// The exit codes of `vpnscope problems`, for scripts and cron jobs.
const (
	exitHealthy       = 0 // everything checked, nothing wrong
	exitProblems      = 1 // something is wrong
	exitCouldNotCheck = 2 // credentials, network or permissions stopped the check
)

// runProblems is `vpnscope problems`: the problems overview without the
// TUI. It prints a table, or asJSON, and exits 0, 1 or 2. o is resolved
// (cmd_problems.go); regions is what --region restricts the scan to.
func runProblems(o options, regions []string, asJSON bool, stdout, stderr io.Writer) error {
	if o.provider == "aws" {
		return exitCode{exitCouldNotCheck, errors.New("vpnscope problems checks Alibaba Cloud only so far; for AWS, open an endpoint and press e")}
	}
	// Every region is checked, so the client's own region only needs to
	// exist: any will do when none is configured.
	o.fallbackRegion = "cn-hangzhou"
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, cleanup, err := setup(ctx, o)
	if err != nil {
		return exitCode{exitCouldNotCheck, err}
	}
	defer cleanup()

	start := time.Now()
	events := make(chan alibaba.ScanEvent)
	go alibaba.Scan(ctx, cfg.Client, alibaba.ScanOptions{Regions: regions, MaxInFlight: o.maxInFlight}, events)
	var findings []alibaba.Finding
	var failed []alibaba.RegionError
	checked, gateways, regionsSeen := 0, 0, 0
	calls := 0
	for e := range events {
		findings = append(findings, e.Findings...)
		if e.RegionErr != nil {
			failed = append(failed, *e.RegionErr)
		}
		if e.Checked != nil {
			checked++
		}
		if e.RegionFound != "" {
			regionsSeen++
		}
		gateways += e.Gateways
		calls = e.Calls
	}
	alibaba.SortFindings(findings)
	if asJSON {
		if findings == nil {
			findings = []alibaba.Finding{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(findings); err != nil {
			return exitCode{exitCouldNotCheck, err}
		}
	} else {
		printFindings(stdout, findings)
	}
	fmt.Fprintf(stderr, "%d problems · %d of %d gateways checked in %d regions · %d API calls · %s\n",
		len(findings), checked, gateways, regionsSeen, calls, time.Since(start).Round(time.Millisecond))
	for _, f := range failed {
		where := f.Region
		if f.GatewayID != "" {
			where += " " + f.GatewayID
		}
		if where == "" {
			where = "the account"
		}
		verb := "could not be checked"
		if f.Unreadable() {
			verb = "may not be read with these credentials"
		}
		fmt.Fprintf(stderr, "%s %s: %v\n", where, verb, f.Err)
	}
	switch {
	case len(findings) > 0:
		return exitCode{exitProblems, nil}
	case len(failed) > 0:
		return exitCode{exitCouldNotCheck, nil}
	}
	return nil
}

// printFindings writes the findings as a table aligned by display width
// (connection names are often Chinese; tabwriter counts runes, not cells).
func printFindings(w io.Writer, findings []alibaba.Finding) {
	if len(findings) == 0 {
		fmt.Fprintln(w, "No problems found.")
		return
	}
	rows := [][]string{{"URGENCY", "REGION", "GATEWAY", "RESOURCE", "ID", "WHAT", "STATE", "MESSAGE"}}
	for _, f := range findings {
		gw := f.GatewayName
		if gw == "" {
			gw = f.GatewayID
		}
		rows = append(rows, []string{f.Urgency.String(), f.Region, orDash(gw), f.Subject(), f.ID(), f.Phase, f.State, f.Message})
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], ansi.StringWidth(cell))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		b.Reset()
		for i, cell := range r {
			b.WriteString(cell)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(cell)+2))
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
