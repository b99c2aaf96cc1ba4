package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// --format prom writes what node_exporter's textfile collector reads: a
// gauge per finding (as many as the JSON has), the findings per impact
// (every impact, zeros too) adding up to them, what could not be read and
// the calls per cloud, and the scan's duration; promtool accepts it.
func TestProblemsFormatPromIsWhatPrometheusReads(t *testing.T) {
	isolate(t)
	var prom, asJSON bytes.Buffer
	err := run([]string{"problems", "--demo", "--no-journal", "--format", "prom"}, &prom, &bytes.Buffer{})
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitProblems {
		t.Fatalf("want exit 1, as for a table, got %v", err)
	}
	run([]string{"problems", "--demo", "--no-journal", "--format", "json"}, &asJSON, &bytes.Buffer{})
	out := prom.String()
	findings := strings.Count(out, "\nvpnscope_finding{")
	if want := strings.Count(asJSON.String(), `"resource_id"`); findings != want || findings == 0 {
		t.Errorf("%d finding gauges, the JSON has %d findings", findings, want)
	}
	sum := 0
	for _, m := range regexp.MustCompile(`(?m)^vpnscope_findings\{impact="([a-z-]+)"\} (\d+)$`).FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[2])
		sum += n
	}
	if sum != findings || strings.Count(out, "vpnscope_findings{impact=") != 5 {
		t.Errorf("findings by impact add up to %d of %d, or miss an impact:\n%s", sum, findings, out)
	}
	for _, want := range []string{`vpnscope_scan_calls{provider="alibaba",account=""} `, `vpnscope_scan_calls{provider="aws",account="prod"} `,
		`vpnscope_scan_unreadable{provider="aws",account="staging"} 0`, "# TYPE vpnscope_scan_duration_seconds gauge"} {
		if !strings.Contains(out, want) {
			t.Errorf("wants %q", want)
		}
	}
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI installs promtool (.ci/run): it is not on PATH")
		}
		t.Skip("promtool is not installed (apt-get install prometheus)")
	}
	check := exec.Command(promtool, "check", "metrics")
	check.Stdin = &prom
	if msg, err := check.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics: %v\n%s", err, msg)
	}
}

// A label value holds any text a name may: quotes and backslashes are
// escaped as the exposition format says, line feeds and control
// characters made printable, so no name can break the file; a format it does not
// write is refused as nothing checked.
func TestPromLabelsEscapeWhatANameHolds(t *testing.T) {
	got := promLabels("name", "a \"quoted\" \\path\\\nnext\x1b[31m")
	want := `name="a \"quoted\" \\path\\␊next␛[31m"`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	isolate(t)
	var ec exitCode
	if err := run([]string{"problems", "--demo", "--format", "xml"}, &bytes.Buffer{}, &bytes.Buffer{}); !errors.As(err, &ec) ||
		ec.code != exitCouldNotCheck || !strings.Contains(err.Error(), `--format "xml": want table, json or prom`) {
		t.Errorf("--format xml: %v", err)
	}
}
