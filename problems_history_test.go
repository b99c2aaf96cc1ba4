package main

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
)

// --history gives each down connection's since from the service's state
// metric (issue 25), labelled so in the JSON; without it, no metric call
// is made at all: CloudWatch bills GetMetricData by the metric, and a cron
// job every five minutes must not pay for what it did not ask.
func TestHistoryReadsTheStateMetricOnlyWhenAsked(t *testing.T) {
	emu := alibabaEmulatorWithDemoKeys(t)
	scan := func(more ...string) []map[string]any {
		t.Helper()
		var out bytes.Buffer
		run(append([]string{"problems", "--provider", "alibaba", "--endpoint", emu.URL, "--region", "cn-hangzhou", "--no-journal", "--json"}, more...), &out, io.Discard)
		var fs []map[string]any
		if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
			t.Fatalf("%v:\n%.300s", err, out.String())
		}
		return fs
	}
	sources := func(fs []map[string]any) map[any]int {
		n := map[any]int{}
		for _, f := range fs {
			n[f["since_source"]]++
		}
		return n
	}
	without := scan()
	if n := emu.Calls("DescribeMetricList"); n != 0 {
		t.Fatalf("%d DescribeMetricList calls without --history", n)
	}
	if n := sources(without)["service-metric"]; n != 0 {
		t.Fatalf("%d findings say their since is the metric's without --history", n)
	}
	with := scan("--history")
	calls := emu.Calls("DescribeMetricList")
	if n := sources(with)["service-metric"]; n == 0 || calls == 0 {
		t.Fatalf("--history: %d findings with their since from the metric, %d calls; sources %v", n, calls, sources(with))
	}
	// One batched call per metric and region (and page), not one per
	// connection: the region has dozens of down connections.
	down := sources(with)["service-metric"]
	t.Logf("--history: %d DescribeMetricList calls, %d findings' since from the metric", calls, down)
	if calls >= down {
		t.Errorf("%d calls for %d connections: not batched; %v", calls, down, sources(with))
	}
}
