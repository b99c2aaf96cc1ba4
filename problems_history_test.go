package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
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

// On AWS, --history reads TunnelState for the down tunnels in one
// GetMetricData call per region and gives their since from it, labelled
// service-metric; without it, GetMetricData is never called.
func TestHistoryOnAWSReadsTunnelStateOnlyWhenAsked(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	scan := func(more ...string) map[any]int {
		t.Helper()
		var out bytes.Buffer
		run(append([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--no-journal", "--json"}, more...), &out, io.Discard)
		var fs []map[string]any
		if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
			t.Fatalf("%v:\n%.300s", err, out.String())
		}
		n := map[any]int{}
		for _, f := range fs {
			n[f["since_source"]]++
		}
		return n
	}
	if without := scan(); emu.Calls("GetMetricData") != 0 || without["service-metric"] != 0 {
		t.Fatalf("without --history: %d GetMetricData calls, since sources %v", emu.Calls("GetMetricData"), without)
	}
	if n := emu.Calls("GetVpnTunnelReplacementStatus"); n != 0 {
		t.Fatalf("without --history: %d GetVpnTunnelReplacementStatus calls", n)
	}
	with := scan("--history")
	if calls := emu.Calls("GetMetricData"); calls != 1 || with["service-metric"] == 0 {
		t.Errorf("--history: %d GetMetricData calls (want one for the region), since sources %v", calls, with)
	}
}

// --history also reads each tunnel's pending endpoint replacement, a call
// a tunnel, and says a pending one as a note with the date AWS applies it
// (the demo world has one pending on hq-primary's first tunnel).
func TestHistoryOnAWSSaysAPendingTunnelReplacement(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	var out bytes.Buffer
	run([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--no-journal", "--json", "--history"}, &out, io.Discard)
	var fs []map[string]any
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
		t.Fatalf("%v:\n%.300s", err, out.String())
	}
	var notes []map[string]any
	for _, f := range fs {
		if f["resource"] == "tunnel-replacement" {
			notes = append(notes, f)
		}
	}
	if len(notes) != 1 || notes[0]["impact"] != "note" || notes[0]["connection_name"] != "hq-primary" ||
		!strings.Contains(fmt.Sprint(notes[0]["message"]), "after 20") {
		t.Fatalf("want one note for hq-primary's pending replacement with its date: %v", notes)
	}
	if emu.Calls("GetVpnTunnelReplacementStatus") == 0 {
		t.Error("no GetVpnTunnelReplacementStatus call")
	}
}
