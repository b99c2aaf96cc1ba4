package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
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
	exitProblems      = 1 // something is wrong (whatever else could not be read)
	exitCouldNotCheck = 2 // nothing seen wrong, but credentials, network or permissions stopped (part of) the check
)

// collectSooner has the collector run when the heap has grown by half
// since the last collection, not doubled (GOGC=50, not 100), for a run
// over several accounts, unless GOGC says otherwise: a cron job on a small
// jump host runs it every few minutes. Twenty accounts of about 700
// connections each hold some 30 MB live; the process then peaks near 88
// MB instead of about 115 (BENCHMARKS.md), for a third more CPU. It is a
// ratio, not a limit: a larger run grows with what it holds, and never
// spends its time collecting against a ceiling. It returns the setting
// before, to put back when the run ends.
func collectSooner() (before int) {
	before = debug.SetGCPercent(50)
	if os.Getenv("GOGC") != "" {
		debug.SetGCPercent(before)
	}
	return before
}

// runProblems is `vpnscope problems`: the problems overview without the
// TUI. It prints a table, JSON or Prometheus metrics (o.Format), and exits
// 0, 1 or 2. o is resolved
// (cmd_problems.go); regions is what --region restricts the scan to.
func runProblems(ctx context.Context, o options, regions []string, stdout, stderr io.Writer) error {
	// Every region is checked, so the client's own region only needs to
	// exist: any will do when none is configured.
	o.FallbackRegion = providerNamed(o.Provider).defaultRegion()
	onCall, closeLog, err := openCallLog(o)
	if err != nil {
		return exitCode{exitCouldNotCheck, err}
	}
	defer closeLog()
	clouds, cleanup, err := setupClouds(ctx, o, hooks{events: &tui.Events{}, onCall: onCall})
	defer cleanup()
	if err != nil {
		if o.Format == "json" {
			// A monitoring system reads stdout: it gets JSON that says
			// nothing was checked and why, not an empty page.
			writeSetupFailure(stdout, o.Provider, err)
		}
		return exitCode{exitCouldNotCheck, err}
	}
	// Every cloud set up, in one list (the demo sets up both), unless one
	// was chosen by name; --region, as in the TUI, is the starting
	// provider's.
	if o.ProviderChosen || len(regions) > 0 {
		first := clouds[0].name
		if len(regions) > 0 && !o.ProviderChosen && slices.ContainsFunc(clouds, func(c cloud) bool { return c.name != first }) {
			// Said, not silent: a region is one cloud's.
			fmt.Fprintf(stderr, "only %s is checked: --region %s is its region (drop --region to check every cloud)\n",
				providerNamed(first).title(), api.Printable(regions[0]))
		}
		clouds = slices.DeleteFunc(clouds, func(c cloud) bool { return c.name != first })
	}
	clouds = sameAccounts(clouds, stderr)
	if len(clouds) > 1 {
		defer debug.SetGCPercent(collectSooner())
	}
	start := time.Now()
	// The whole scan's deadline: what it has not read by then is unknown,
	// "not checked in time", and a cron job gets its answer.
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, o.Timeout, api.ErrNotCheckedInTime)
		defer cancel()
	}
	// One journal for every cloud: each records its own resources, one at
	// a time.
	j := openJournal(o, stderr)
	var journalMu sync.Mutex
	// Every cloud and account at once, each within its own bound of calls
	// in flight (--max-in-flight) and all within maxInFlightInAll.
	ctx = api.WithSharedSlots(ctx, maxInFlightInAll(o.MaxInFlight, len(clouds)))
	all := make([]problemsRun, len(clouds))
	var wg sync.WaitGroup
	for i, c := range clouds {
		wg.Go(func() {
			all[i] = c.scan(ctx, scanRequest{account: c.account, accountID: c.accountID, regions: regions, maxInFlight: o.MaxInFlight, history: o.History,
				journal: j, journalMu: &journalMu, stderr: stderr})
		})
	}
	wg.Wait()
	switch stopped := slices.ContainsFunc(all, func(r problemsRun) bool { return r.stopped }); {
	case stopped && errors.Is(context.Cause(ctx), api.ErrNotCheckedInTime):
		fmt.Fprintf(stderr, "the scan's deadline (--timeout %s) passed: what it had not read is unknown (not checked in time), and nothing was recorded\n", o.Timeout)
	case stopped:
		fmt.Fprintln(stderr, "stopped before the scan finished: what it did not reach is not checked, and nothing was recorded")
	}
	for i, c := range clouds {
		all[i].cloud, all[i].account = c.name, c.account
	}
	return reportProblems(all, o.Format, time.Since(start), stdout, stderr)
}

// writeSetupFailure prints, as the JSON of a run, the one unknown finding
// a cloud that could not be set up (no credentials, a refused file) is.
func writeSetupFailure(stdout io.Writer, provider string, err error) {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.Encode([]api.Finding{setupFailure(provider, err)})
}

// setupFailure is the one unknown finding an account that could not be set
// up is: nothing in it was checked, and why.
func setupFailure(provider string, err error) api.Finding {
	return api.Finding{Provider: provider, Resource: "account", ResourceName: "every region", Impact: api.Unknown,
		Cause: api.Cause{Phase: "unreadable", State: "not set up", Message: "nothing was checked: " + api.Printable(err.Error())}}
}

// maxInFlightInAll bounds the calls of every account's scan together. The
// clouds throttle per account (and region), so each account keeps its own
// bound; this one is for the machine the run is on: up to sixteen
// accounts' worth at once (128 calls at the default 8), so a run over
// twenty accounts takes about as many round trips as a run over one.
func maxInFlightInAll(perAccount, accounts int) int {
	return perAccount * min(max(accounts, 1), 16)
}

// problemsRun is what one cloud's scan found: its findings (as JSON
// objects go out: alibaba.Finding or api.Finding), the shared part of each
// for the table, what could not be checked, and a summary line.
type problemsRun struct {
	provider string // its title in the summary: "AWS (prod)"
	cloud    string // as --provider says it, and the account, for --format prom
	account  string
	calls    int
	// stopped: the scan was interrupted before its end (Ctrl-C, SIGTERM).
	stopped  bool
	json     []any
	findings []api.Finding
	// failures counts what the scan could not read (each is an unknown
	// finding too, with the reason) and a stop before the end.
	failures int
	summary  string
}

// stoppedUnless marks a run that did not finish: what it did not reach is
// a failure (exit 2 at best), not a clean bill of health.
func stoppedUnless(finished bool, run problemsRun) problemsRun {
	if !finished {
		run.stopped = true
		run.failures++ // the rest of the scan
	}
	return run
}

// writeJSONArray writes values as one indented JSON array, as an
// Encoder with SetIndent("", "  ") would, one element at a time: twenty
// accounts' findings are megabytes of JSON, which one Encode would hold
// (and grow by doubling) in memory before the first byte went out.
func writeJSONArray(w io.Writer, values []any) error {
	if len(values) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	b := bufio.NewWriter(w)
	b.WriteString("[\n")
	for i, v := range values {
		text, err := json.MarshalIndent(v, "  ", "  ")
		if err != nil {
			return err
		}
		b.WriteString("  ")
		b.Write(text)
		if i < len(values)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	return b.Flush()
}

// reportProblems prints every cloud's findings in one table or one JSON
// array, worst first, and picks the exit code: 1 if anything is wrong, 2
// if nothing is but something could not be checked.
func reportProblems(runs []problemsRun, format string, took time.Duration, stdout, stderr io.Writer) error {
	type row struct {
		json    any
		finding api.Finding
	}
	var rows []row
	failed := 0
	for _, r := range runs {
		for i := range r.findings {
			rows = append(rows, row{r.json[i], r.findings[i]})
		}
		failed += r.failures
	}
	slices.SortStableFunc(rows, func(a, b row) int { return api.CompareFindings(a.finding, b.finding) })
	findings := make([]api.Finding, len(rows))
	out := make([]any, len(rows))
	for i, r := range rows {
		findings[i], out[i] = r.finding, r.json
	}
	switch {
	case format == "json":
		if err := writeJSONArray(stdout, out); err != nil {
			return exitCode{exitCouldNotCheck, err}
		}
	case format == "prom":
		if err := writeProm(stdout, runs, findings, took); err != nil {
			return exitCode{exitCouldNotCheck, err}
		}
	case len(findings) == 0 && failed > 0:
		// Not "No problems found": part of the account was never seen.
		fmt.Fprintf(stdout, "Nothing seen wrong, but %d could not be checked (the summary on stderr says what); this is not a clean bill of health.\n", failed)
	default:
		// PROVIDER where there is more than one cloud, ACCOUNT where
		// there is more than one account.
		clouds := map[string]bool{}
		for _, f := range findings {
			clouds[f.Provider] = true
		}
		printFindings(stdout, findings, len(clouds) > 1, slices.ContainsFunc(findings, func(f api.Finding) bool { return f.Account != "" }))
	}
	for _, r := range runs {
		fmt.Fprintf(stderr, "%s: %s · %s\n", r.provider, countFindings(r.findings), r.summary)
	}
	fmt.Fprintf(stderr, "%s in all · %s\n", countFindings(findings), took.Round(time.Millisecond))
	// What could not be read is in the table and the JSON, as unknown
	// findings (with the reason and what to do): 1 when anything is seen
	// wrong, 2 when nothing is but not everything could be read.
	wrong, unknown := 0, 0
	for _, f := range findings {
		if f.Impact == api.Unknown {
			unknown++
		} else {
			wrong++
		}
	}
	switch {
	case wrong > 0:
		return exitCode{exitProblems, nil}
	case unknown > 0 || failed > 0:
		return exitCode{exitCouldNotCheck, nil}
	}
	return nil
}

// ofRegions says in how many of the regions tried a list was read: "5
// regions", "3 of 5 regions", or that the regions could not be listed.
func ofRegions(read, tried int) string {
	switch {
	case tried == 0:
		return "no region (the regions could not be listed)"
	case read == tried:
		return api.Count(read, "region")
	}
	return fmt.Sprintf("%d of %s", read, api.Count(tried, "region"))
}

// openJournal opens the state journal unless --no-journal (or journal:
// false) says not to; a journal that cannot be used is one line on stderr,
// never a failure. The demo keeps its own, apart from any account's.
func openJournal(o options, stderr io.Writer) *journal.Journal {
	if o.NoJournal {
		return nil
	}
	dir, err := journal.DefaultDir()
	if err != nil {
		fmt.Fprintf(stderr, "state journal: %v; going on without it\n", err)
		return nil
	}
	jo := journal.Options{}
	if o.Demo {
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

// tuiJournal opens the state journal for the TUI. What openJournal says
// of it (refused, set aside) goes after warning, for the status line: the
// TUI takes the screen, so a line on stderr would not be seen.
func tuiJournal(o options, warning string) (*journal.Journal, string) {
	var said strings.Builder
	j := openJournal(o, &said)
	if s := strings.Join(strings.Fields(said.String()), " "); s != "" {
		warning = addWarning(warning, s)
	}
	return j, warning
}

// recordFindings writes what one cloud's run saw to the journal j (nil:
// none) and fills each finding's since and flapping from it
// (journal.RecordFindings); a journal that cannot be written is one line.
func recordFindings(j *journal.Journal, stderr io.Writer, provider string, findings []*api.Finding, extra []journal.Observation, checked func(region string) bool) {
	if err := journal.RecordFindings(j, provider, findings, extra, checked); err != nil {
		fmt.Fprintf(stderr, "%v; this run is not recorded\n", err)
	}
}

// countFindings says how many things are broken, by impact.
func countFindings(fs []api.Finding) string {
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
	s := api.Count(len(fs), "finding")
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

// printFindings writes the findings as a table aligned by display width
// (connection names are often Chinese; tabwriter counts runes, not cells).
// With several clouds, a PROVIDER column says whose each finding is.
func printFindings(w io.Writer, findings []api.Finding, withProvider, withAccount bool) {
	if len(findings) == 0 {
		fmt.Fprintln(w, "No problems found.")
		return
	}
	head := []string{"IMPACT", "REGION", "GATEWAY", "RESOURCE", "ID", "WHAT", "STATE", "SINCE", "MESSAGE"}
	if withAccount {
		head = append([]string{"ACCOUNT"}, head...)
	}
	if withProvider {
		head = append([]string{"PROVIDER"}, head...)
	}
	rows := [][]string{head}
	for _, f := range findings {
		gw := f.GatewayName
		if gw == "" {
			gw = f.GatewayID
		}
		cells := []string{f.Impact.String(), api.OrDash(f.Region), api.OrDash(gw), f.Subject(), api.OrDash(f.ID()), f.Phase, f.State, sinceCell(f), messageCell(f)}
		if withAccount {
			cells = append([]string{api.OrDash(f.Account)}, cells...)
		}
		if withProvider {
			cells = append([]string{f.Provider}, cells...)
		}
		rows = append(rows, cells)
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

// messageCell is the finding's message with its consequences, then its
// other causes ("also: tunnel 2: …"), so the table says what the JSON says.
func messageCell(f api.Finding) string {
	s := f.Summary()
	for _, c := range f.Also {
		s += "; also: " + c.Message
	}
	return s
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
