package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// writeProm writes a problems run in the Prometheus text exposition format
// (version 0.0.4), for node_exporter's textfile collector run from cron:
// one gauge per finding, labelled with where it is and its impact; the
// findings per impact (every impact, zeros too, so an alert can compare);
// what could not be read; and each cloud's scan duration and calls.
// https://prometheus.io/docs/instrumenting/exposition_formats/
func writeProm(w io.Writer, runs []problemsRun, findings []api.Finding, took time.Duration) error {
	var b strings.Builder
	metric := func(name, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name)
	}
	metric("vpnscope_finding", "A broken resource the last scan found (1), with its impact and what is wrong.")
	for _, f := range findings {
		fmt.Fprintf(&b, "vpnscope_finding{%s} 1\n", promLabels(
			"provider", f.Provider, "account", f.Account, "region", f.Region, "resource", f.Resource,
			"resource_id", f.ResourceID, "name", f.ResourceName, "impact", f.Impact.Word(), "phase", f.Phase, "state", f.State))
	}
	metric("vpnscope_findings", "Findings of the last scan, by impact.")
	by := map[api.Impact]int{}
	for _, f := range findings {
		by[f.Impact]++
	}
	for i := api.TrafficDown; i <= api.Note; i++ {
		fmt.Fprintf(&b, "vpnscope_findings{%s} %d\n", promLabels("impact", i.Word()), by[i])
	}
	metric("vpnscope_scan_unreadable", "What the last scan could not read, by cloud and account (each is an unknown finding too).")
	for _, r := range runs {
		fmt.Fprintf(&b, "vpnscope_scan_unreadable{%s} %d\n", promLabels("provider", r.cloud, "account", r.account), r.failures)
	}
	metric("vpnscope_scan_calls", "API requests the last scan sent, retries included, by cloud and account.")
	for _, r := range runs {
		fmt.Fprintf(&b, "vpnscope_scan_calls{%s} %d\n", promLabels("provider", r.cloud, "account", r.account), r.calls)
	}
	metric("vpnscope_scan_duration_seconds", "How long the last scan took, every cloud and account together.")
	fmt.Fprintf(&b, "vpnscope_scan_duration_seconds %.3f\n", took.Seconds())
	metric("vpnscope_scan_timestamp_seconds", "When the last scan ended (Unix time).")
	fmt.Fprintf(&b, "vpnscope_scan_timestamp_seconds %d\n", time.Now().Unix())
	_, err := io.WriteString(w, b.String())
	return err
}

// promLabels writes name="value" pairs, each value made printable (a line
// feed or escape sequence is shown as a symbol) and then escaped as the
// format wants (backslash, double quote).
func promLabels(pairs ...string) string {
	var parts []string
	for i := 0; i+1 < len(pairs); i += 2 {
		v := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(api.Printable(pairs[i+1]))
		parts = append(parts, pairs[i]+`="`+v+`"`)
	}
	return strings.Join(parts, ",")
}
