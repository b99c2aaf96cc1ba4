package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

// problemsAgainst runs `vpnscope problems` (args after it) and returns
// its stdout, stderr and exit code.
func problemsAgainst(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(append([]string{"problems", "--no-journal"}, args...), &out, &errOut)
	code := 0
	var ec exitCode
	switch {
	case errors.As(err, &ec):
		code = ec.code
	case err != nil:
		t.Fatalf("problems: %v", err)
	}
	return out.String(), errOut.String(), code
}

// alibabaEmulatorWithDemoKeys isolates the test and serves the Alibaba
// Cloud emulator, with its demo key pair in the environment as a user's
// keys would be; it closes when the test ends.
func alibabaEmulatorWithDemoKeys(t *testing.T) *emulator.Running {
	t.Helper()
	isolate(t)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.DemoAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.DemoAccessKeySecret)
	emu, err := emulator.Start("127.0.0.1:0", emulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	return emu
}

// With DescribeVpnConnections refused, every gateway is a row, unknown,
// with the reason and the permission to grant, in the table and the JSON;
// the summary says none of their connections was read (walkthrough 1).
func TestProblemsUnreadableAlibaba(t *testing.T) {
	emu := alibabaEmulatorWithDemoKeys(t)
	f, _ := fault.Parse("forbidden:action=DescribeVpnConnections")
	emu.SetFaults(f)

	out, errOut, code := problemsAgainst(t, "--endpoint", emu.URL, "--json")
	if code != exitProblems {
		t.Errorf("exit %d, want 1 (a locked gateway is seen wrong)", code)
	}
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	gateways := 0
	for _, x := range fs {
		if _, ok := x["reason"]; !ok {
			t.Fatalf("no reason field: %v", x)
		}
		if x["resource"] != "gateway" || !strings.Contains(x["reason"].(string), "Forbidden") {
			continue
		}
		gateways++
		text, _ := json.Marshal(x)
		if x["impact"] != "unknown" && x["impact"] != "traffic-down" || !strings.Contains(string(text), "grant these credentials vpc:DescribeVpnConnections") {
			t.Errorf("an unreadable gateway: %s", text)
		}
	}
	if gateways != 64 {
		t.Errorf("%d unreadable gateways in the JSON, want all 64", gateways)
	}
	if !strings.Contains(errOut, "0 of 64 gateways' connections read") {
		t.Errorf("summary: %s", errOut)
	}
	table, _, _ := problemsAgainst(t, "--endpoint", emu.URL)
	if n := strings.Count(table, "\nunknown "); n < 63 {
		t.Errorf("%d unknown rows in the table, want 63 (64 less the locked one)\n%s", n, table)
	}

	// Nothing readable at all: nothing seen wrong, but nothing checked: 2.
	f, _ = fault.Parse("forbidden:action=DescribeRegions")
	emu.SetFaults(f)
	out, errOut, code = problemsAgainst(t, "--endpoint", emu.URL)
	if code != exitCouldNotCheck || !strings.Contains(out, "unknown") || !strings.Contains(out, "vpc:DescribeRegions") {
		t.Errorf("exit %d, want 2, with the account as an unknown row:\n%s%s", code, out, errOut)
	}
}

// AWS alike: with DescribeVpnConnections refused, each region is an
// unknown row saying so, and the summary says no connection was listed.
func TestProblemsUnreadableAWS(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	t.Setenv("AWS_REGION", "us-east-1")
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	f, _ := fault.Parse("forbidden:action=DescribeVpnConnections")
	emu.SetFaults(f)
	out, errOut, code := problemsAgainst(t, "--provider", "aws", "--endpoint", emu.URL)
	if code != exitProblems {
		t.Errorf("exit %d, want 1", code)
	}
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-southeast-2"} {
		found := false
		for _, line := range strings.Split(out, "\n") {
			found = found || strings.HasPrefix(line, "unknown") && strings.Contains(line, "region "+region) &&
				strings.Contains(line, "ec2:DescribeVpnConnections")
		}
		if !found {
			t.Errorf("no unknown row for %s:\n%s", region, out)
		}
	}
	if !strings.Contains(errOut, "0 VPN connections listed in 0 of 3 regions") {
		t.Errorf("summary: %s", errOut)
	}
}

// The table says what the JSON says: a connection with both tunnels down
// for different causes ends its MESSAGE with the other tunnel's
// ("also: tunnel …"), on its one row (walkthrough 9).
func TestProblemsTableShowsAlso(t *testing.T) {
	isolate(t)
	out, _, code := problemsAgainst(t, "--demo", "--provider", "alibaba")
	if code != exitProblems {
		t.Fatalf("exit %d", code)
	}
	n := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "no tunnel is up") && strings.Contains(line, "; also: tunnel ") {
			n++
		}
	}
	if n == 0 {
		t.Errorf("no row gives the other tunnel's failure:\n%s", out)
	}
}

// A scan stopped before it finished (Ctrl-C, SIGTERM) says so and exits 2,
// not "No problems found." over a world it never read, and records
// nothing: what it did not reach must not read as fixed in the journal.
func TestProblemsStoppedIsNotClean(t *testing.T) {
	home := isolate(t)
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.DemoAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.DemoAccessKeySecret)
	scan := func(ctx context.Context, faults ...fault.Fault) (string, string, error) {
		emu, err := emulator.Start("127.0.0.1:0", emulator.Config{Faults: faults})
		if err != nil {
			t.Fatal(err)
		}
		defer emu.Close()
		o, err := parseFlags([]string{"--endpoint", emu.URL, "--region", "cn-hangzhou"})
		if err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		err = runProblems(ctx, o, []string{"cn-hangzhou"}, &out, &errOut)
		return out.String(), errOut.String(), err
	}
	// A whole scan first: the journal holds its findings.
	if _, errOut, err := scan(context.Background()); err == nil {
		t.Fatalf("the seeded world has problems: %s", errOut)
	}
	journalPath := filepath.Join(home, "state", "vpnscope", "journal.jsonl")
	before, err := os.ReadFile(journalPath)
	if err != nil || len(before) == 0 {
		t.Fatalf("no journal after a whole scan: %v", err)
	}
	hang, err := fault.Parse("hang")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel) // the interrupt, while every call hangs
	out, errOut, err := scan(ctx, hang)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitCouldNotCheck {
		t.Fatalf("want exit 2, got %v\n%s", err, errOut)
	}
	if strings.Contains(out, "No problems found") || !strings.Contains(errOut, "stopped before the scan finished") {
		t.Errorf("stdout %q\nstderr %q", out, errOut)
	}
	after, _ := os.ReadFile(journalPath)
	if !bytes.Equal(before, after) {
		t.Errorf("the stopped scan wrote to the journal:\n%s", after[len(before):])
	}
}

// A scan has a deadline (--timeout): with every DescribeVpnConnections
// hung it ends on time, what it had not read is unknown "not checked in
// time" in the JSON, and the summary says so (it took 80 s before, and a
// cron job could not bound it).
func TestProblemsEndsAtItsDeadlineSayingWhatWasNotCheckedInTime(t *testing.T) {
	emu := alibabaEmulatorWithDemoKeys(t)
	f, _ := fault.Parse("latency:action=DescribeVpnConnections,delay=1h")
	emu.SetFaults(f)
	start := time.Now()
	out, errOut, code := problemsAgainst(t, "--endpoint", emu.URL, "--region", "cn-hangzhou", "--timeout", "2s", "--json")
	if took := time.Since(start); took > 8*time.Second {
		t.Errorf("the scan took %s past its 2 s deadline", took)
	}
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("stdout is not JSON: %v", err)
	}
	late := 0
	for _, f := range fs {
		if f["impact"] == "unknown" && strings.Contains(fmt.Sprint(f["message"]), "not checked in time") {
			late++
		}
	}
	if late == 0 || code == exitHealthy {
		t.Errorf("exit %d, %d findings not checked in time:\n%s", code, late, out)
	}
	if !strings.Contains(errOut, "the scan's deadline (--timeout 2s) passed") {
		t.Errorf("summary: %s", errOut)
	}
}

// A region the service does not know is said as the service said it (not
// "error … run the check again"); --demo with --region says which cloud it
// left out; one finding is "1 finding".
func TestProblemsSaysWhatItsScopeLeftOut(t *testing.T) {
	isolate(t)
	var out, errOut bytes.Buffer
	err := run([]string{"problems", "--demo", "--no-journal", "--json", "--region", "nowhere-9"}, &out, &errOut)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitCouldNotCheck {
		t.Fatalf("want exit 2, got %v", err)
	}
	var fs []map[string]any
	if json.Unmarshal(out.Bytes(), &fs) != nil || len(fs) != 1 {
		t.Fatalf("want one finding:\n%s", out.String())
	}
	if msg := fmt.Sprint(fs[0]["message"]); !strings.Contains(msg, "the service does not know it (InvalidRegionId.NotFound)") || fs[0]["state"] != "not found" {
		t.Errorf("the region's finding: %v: %s", fs[0]["state"], msg)
	}
	for _, want := range []string{"only Alibaba Cloud is checked: --region nowhere-9 is its region", "1 finding (1 unknown) in all"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr wants %q:\n%s", want, errOut.String())
		}
	}
}

// A scan that runs out of time records nothing (what it did not reach
// would read as fixed), but what it did find keeps the since the journal
// gives it: legacy-office, read before the deadline, is not "-".
func TestAScanPastItsDeadlineKeepsTheSinceOfWhatItRead(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	sinceOf := func(args ...string) (map[string]any, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		run(append([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--json"}, args...), &out, &errOut)
		var fs []map[string]any
		if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out.String())
		}
		for _, f := range fs {
			if f["resource_name"] == "legacy-office" {
				return f, errOut.String()
			}
		}
		t.Fatalf("no legacy-office:\n%s", out.String())
		return nil, ""
	}
	clean, _ := sinceOf()
	f, _ := fault.Parse("latency:action=DescribeVpnConnections,delay=1h")
	emu.SetFaults(f)
	late, summary := sinceOf("--timeout", "2s")
	if !strings.Contains(summary, "deadline") {
		t.Fatalf("the scan did not run out of time:\n%s", summary)
	}
	if clean["since"] == nil || late["since"] != clean["since"] {
		t.Errorf("legacy-office's since: %v after a clean run, %v after one past its deadline", clean["since"], late["since"])
	}
}
