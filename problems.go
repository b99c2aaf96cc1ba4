package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/journal"
	"github.com/vpnscope/vpnscope/tui"
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
// TUI. It prints a table, or --json, and exits 0, 1 or 2.
func runProblems(args []string, stdout, stderr io.Writer) error {
	var o options
	fs := newFlagSet(&o, stderr)
	asJSON := fs.Bool("json", false, "print a JSON array, one object per broken resource")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: vpnscope problems [flags]

Checks every region (or --region) for IPsec connections whose phase 1 or 2 is
down, BGP down or health check failing, gateways not active or locked, and SSL
and IPsec servers at or near their connection limit. Prints one line per broken
resource with its worst cause (what follows from it in parentheses), ranked:
traffic down, redundancy lost, degraded, note. SINCE is when vpnscope first
saw it in that state, from the local state journal in $XDG_STATE_HOME/vpnscope
(every run records what changed; --no-journal or journal: false turns it off).

Exit status: 0 nothing wrong, 1 problems found, 2 could not check.

Flags:
`)
		printFlags(fs, stderr)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return exitCode{exitCouldNotCheck, err}
	}
	if fs.NArg() > 0 {
		return exitCode{exitCouldNotCheck, fmt.Errorf("unexpected argument %q (see vpnscope problems --help)", fs.Arg(0))}
	}
	var regions []string
	if o.region != "" {
		regions = []string{o.region}
	}
	if err := applyConfig(fs, &o); err != nil {
		return exitCode{exitCouldNotCheck, err}
	}
	// Every region is checked, so the client's own region only needs to
	// exist: any will do when none is configured.
	o.fallbackRegion = "cn-hangzhou"
	if o.provider == "aws" {
		o.fallbackRegion = "us-east-1"
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	clouds, cleanup, err := setupClouds(ctx, o, &tui.Events{}, nil)
	defer cleanup()
	if err != nil {
		return exitCode{exitCouldNotCheck, err}
	}
	if o.provider == "aws" {
		return runAWSProblems(ctx, clouds[0].aws, regions, o.maxInFlight, *asJSON, stdout, stderr)
	}

	start := time.Now()
	events := make(chan alibaba.ScanEvent)
	go alibaba.Scan(ctx, clouds[0].alibaba, alibaba.ScanOptions{Regions: regions, MaxInFlight: o.maxInFlight}, events)
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
	recordFindings(o, stderr, findings, regionsChecked(regions, failed))
	if *asJSON {
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
	fmt.Fprintf(stderr, "%s · %d of %d gateways checked in %d regions · %d API calls · %s\n",
		countFindings(findings), checked, gateways, regionsSeen, calls, time.Since(start).Round(time.Millisecond))
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

// openJournal opens the state journal unless --no-journal (or journal:
// false) says not to; a journal that cannot be used is one line on stderr,
// never a failure. The demo keeps its own, apart from any account's.
func openJournal(o options, stderr io.Writer) *journal.Journal {
	if o.noJournal {
		return nil
	}
	dir, err := journal.DefaultDir()
	if err != nil {
		fmt.Fprintf(stderr, "state journal: %v; going on without it\n", err)
		return nil
	}
	jo := journal.Options{}
	if o.demo {
		jo.Name = "demo-journal"
	}
	j, warning, err := journal.Open(dir, jo)
	if err != nil {
		fmt.Fprintf(stderr, "%v; going on without it\n", err)
		return nil
	}
	if warning != "" {
		fmt.Fprintln(stderr, warning)
	}
	return j
}

// regionsChecked says which regions a scan read whole: a resource there
// that is no longer a finding was fixed; one elsewhere may just not have
// been read.
func regionsChecked(asked []string, failed []alibaba.RegionError) func(region string) bool {
	bad := map[string]bool{}
	for _, f := range failed {
		bad[f.Region] = true
	}
	return func(region string) bool {
		if bad[region] || bad[""] {
			return false
		}
		return len(asked) == 0 || slices.Contains(asked, region)
	}
}

// recordFindings writes what this run saw to the journal and fills each
// finding's since and flapping from it.
func recordFindings(o options, stderr io.Writer, findings []alibaba.Finding, checked func(region string) bool) {
	j := openJournal(o, stderr)
	if j == nil {
		return
	}
	// Each finding, and each tunnel of a broken connection, so the tunnels
	// view has every tunnel's timeline.
	var seen []journal.Observation
	for _, f := range findings {
		seen = append(seen, f.AsState())
		if f.Connection != nil {
			seen = append(seen, alibaba.TunnelStates(f.Region, *f.Connection)...)
		}
	}
	err := j.Observe(seen, func(key string) bool {
		parts := strings.Split(key, "|")
		return len(parts) == 4 && parts[0] == "alibaba" && checked(parts[1])
	})
	if err != nil {
		fmt.Fprintf(stderr, "%v; this run is not recorded\n", err)
	}
	for i := range findings {
		if since, ok := j.Since(findings[i].Key()); ok {
			findings[i].Since = &since
		}
		findings[i].Flapping = j.Flapping(findings[i].Key())
	}
}

// countFindings says how many things are broken, by impact.
func countFindings(fs []alibaba.Finding) string {
	by := map[api.Impact]int{}
	for _, f := range fs {
		by[f.Impact]++
	}
	var parts []string
	for i := api.TrafficDown; i <= api.Note; i++ {
		if by[i] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", by[i], i))
		}
	}
	s := fmt.Sprintf("%d findings", len(fs))
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

// printFindings writes the findings as a table aligned by display width
// (connection names are often Chinese; tabwriter counts runes, not cells).
func printFindings(w io.Writer, findings []alibaba.Finding) {
	if len(findings) == 0 {
		fmt.Fprintln(w, "No problems found.")
		return
	}
	rows := [][]string{{"IMPACT", "REGION", "GATEWAY", "RESOURCE", "ID", "WHAT", "STATE", "SINCE", "MESSAGE"}}
	for _, f := range findings {
		gw := f.GatewayName
		if gw == "" {
			gw = f.GatewayID
		}
		rows = append(rows, []string{f.Impact.String(), f.Region, orDash(gw), f.Subject(), f.ID(), f.Phase, f.State, sinceCell(f.Finding), f.Summary()})
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

// sinceCell is when vpnscope first saw the finding in its state, and
// whether it flaps; "-" without a journal.
func sinceCell(f api.Finding) string {
	s := "-"
	if f.Since != nil {
		s = f.Since.Local().Format("2006-01-02 15:04")
	}
	if f.Flapping {
		s += " flapping"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
