package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

// `vpnscope problems --provider aws --json` on the demo: every region,
// down tunnels and endpoints that cannot serve (critical) or are being
// created or deleted (notes), each resource once, exit 1.
func TestProblemsCommandAWS(t *testing.T) {
	isolate(t)
	var out, errOut bytes.Buffer
	err := run([]string{"problems", "--provider", "aws", "--demo", "--json"}, &out, &errOut)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitProblems || ec.err != nil {
		t.Fatalf("want exit 1, got %v\n%s", err, errOut.String())
	}
	var findings []map[string]any
	if err := json.Unmarshal(out.Bytes(), &findings); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	regions, resources, keys := map[string]bool{}, map[string]int{}, map[string]bool{}
	for _, f := range findings {
		if f["provider"] != "aws" {
			t.Errorf("provider %v", f["provider"])
		}
		key := f["region"].(string) + "|" + f["resource"].(string) + "|" + f["resource_id"].(string)
		if keys[key] {
			t.Errorf("%s twice", key)
		}
		keys[key] = true
		regions[f["region"].(string)] = true
		resources[f["resource"].(string)+" "+f["urgency"].(string)]++
	}
	if len(regions) != 3 || resources["connection critical"] < 4 || resources["tunnel warning"] < 4 || resources["client-vpn-endpoint critical"] < 1 ||
		resources["client-vpn-endpoint note"] < 3 {
		t.Errorf("regions %v, resources %v", regions, resources)
	}
	if !strings.Contains(errOut.String(), "listed in 3 regions · 7 of 7 Client VPN endpoints read whole, listed in 3 regions") {
		t.Errorf("summary: %s", errOut.String())
	}
}

// AWS findings go into the state journal as Alibaba Cloud's do, through
// the real path (the SDK against the emulator over HTTP): a second run
// gives each finding the time the first saw it, in the JSON and the
// table; a tunnel that comes back is recorded as fixed, one that goes down
// is new; a region that could not be read is not taken as fixed.
func TestProblemsAWSJournalSince(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	state := filepath.Join(home, "state")
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	t.Setenv("AWS_REGION", "us-east-1") // where the client starts; the scan covers every region
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	problems := func(args ...string) (string, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		err := run(append([]string{"problems", "--provider", "aws", "--endpoint", emu.URL}, args...), &out, &errOut)
		var ec exitCode
		if !errors.As(err, &ec) || ec.code != exitProblems {
			t.Fatalf("want exit 1, got %v\n%s", err, errOut.String())
		}
		return out.String(), errOut.String()
	}
	runJSON := func() map[string]map[string]any {
		t.Helper()
		out, _ := problems("--json")
		var fs []map[string]any
		if err := json.Unmarshal([]byte(out), &fs); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		by := map[string]map[string]any{}
		for _, f := range fs {
			by[fmt.Sprint(f["region"], " ", f["resource"], " ", f["resource_id"])] = f
		}
		return by
	}
	first := runJSON()
	const syd = "ap-southeast-2 connection "
	var sydKey string
	for k, f := range first {
		// An unknown is no state the journal keeps: it has no since.
		if f["since"] == nil && f["impact"] != "unknown" {
			t.Errorf("%s: no since on the first run", k)
		}
		if strings.HasPrefix(k, syd) && f["resource_name"] == "syd-office" { // not the region's other connections
			sydKey = k
		}
	}
	if sydKey == "" {
		t.Fatal("syd-office, both tunnels down, is not a finding")
	}
	// A first run already says since when: the service's time of the last
	// tunnel going down (20 minutes before), not the run's own.
	if since, _ := time.Parse(time.RFC3339, fmt.Sprint(first[sydKey]["since"])); first[sydKey]["since_source"] != api.SinceLastChange ||
		!since.Before(time.Now().Add(-10*time.Minute)) {
		t.Errorf("syd-office on a first run: since %v from %v", first[sydKey]["since"], first[sydKey]["since_source"])
	}
	journalFile := filepath.Join(state, "vpnscope", "journal.jsonl")
	b, err := os.ReadFile(journalFile)
	if err != nil || !strings.Contains(string(b), `"aws|ap-southeast-2|tunnel|`) || !strings.Contains(string(b), `"aws|`+strings.ReplaceAll(sydKey, " ", "|")+`"`) {
		t.Fatalf("the journal lacks the AWS finding or its tunnels (%v):\n%s", err, b)
	}

	time.Sleep(1100 * time.Millisecond) // the journal's times have second precision at least
	second := runJSON()
	for k, f := range second {
		if f["since"] != first[k]["since"] || f["since"] == nil && f["impact"] != "unknown" {
			t.Errorf("%s: since %v on the second run, %v on the first", k, f["since"], first[k]["since"])
		}
	}
	table, _ := problems()
	for _, line := range strings.Split(table, "\n") {
		if strings.Contains(line, "syd-office") && !strings.Contains(line, " 20") {
			t.Errorf("the table gives no since: %q", line)
		}
	}

	// One of syd-office's tunnels comes back: the connection is fixed (a
	// tunnel finding, redundancy lost, is new); Sydney read whole.
	if err := emu.SetTunnelStatus("ap-southeast-2", "syd-office", 0, "UP", ""); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	third := runJSON()
	if _, ok := third[sydKey]; ok {
		t.Errorf("%s still a finding with a tunnel up", sydKey)
	}
	var tunnel map[string]any
	for k, f := range third {
		if strings.HasPrefix(k, "ap-southeast-2 tunnel ") && f["connection_name"] == "syd-office" {
			tunnel = f
		}
	}
	// Its since is the service's: when that tunnel went down, which the
	// connection's finding did not say (it gave the last of the two).
	if tunnel == nil || tunnel["since"] == nil || tunnel["since_source"] != api.SinceLastChange {
		t.Errorf("the tunnel still down: %v, want the service's since", tunnel)
	}
	b, _ = os.ReadFile(journalFile)
	if !strings.Contains(string(b), `"k":"aws|`+strings.ReplaceAll(sydKey, " ", "|")+`","s":"ok"`) {
		t.Errorf("the fixed connection is not recorded ok:\n%s", b)
	}

	// Down again while Sydney cannot be read: nothing there is taken as
	// fixed, and the tunnel keeps its since.
	emu.SetTunnelStatus("ap-southeast-2", "syd-office", 0, "DOWN", "IPSEC IS DOWN")
	f, _ := fault.Parse("forbidden:action=DescribeVpnConnections")
	emu.SetFaults(f)
	before, _ := os.ReadFile(journalFile)
	var out, errOut bytes.Buffer
	run([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--json"}, &out, &errOut)
	after, _ := os.ReadFile(journalFile)
	if strings.Contains(string(after[len(before):]), `"s":"ok"`) {
		t.Errorf("a region that could not be read was taken as fixed:\n%s", after[len(before):])
	}
}

// `vpnscope problems --debug-log FILE` logs each call of the scan, as the
// TUI does, on both clouds: the flag is listed for problems, so it works.
func TestProblemsDebugLog(t *testing.T) {
	isolate(t)
	isolateAWS(t)
	for _, provider := range []string{"alibaba", "aws"} {
		logPath := filepath.Join(t.TempDir(), "calls.log")
		var out, errOut bytes.Buffer
		err := run([]string{"problems", "--provider", provider, "--demo", "--no-journal", "--debug-log", logPath}, &out, &errOut)
		var ec exitCode
		if !errors.As(err, &ec) || ec.code != exitProblems {
			t.Fatalf("%s: want exit 1, got %v\n%s", provider, err, errOut.String())
		}
		b, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatalf("%s: no debug log: %v", provider, err)
		}
		want := map[string]string{"alibaba": "DescribeVpnConnections", "aws": "DescribeVpnConnections"}[provider]
		if lines := strings.Count(string(b), "\n"); lines < 5 || !strings.Contains(string(b), want) || !strings.Contains(string(b), "status=200") {
			t.Errorf("%s: %d lines, want the scan's calls with %s:\n%.600s", provider, lines, want, b)
		}
	}
}

// A misspelt --region says so, with the region meant, and is not scanned
// (walkthrough: "auth failed … check the credentials" for us-esat-1); the
// run could not check what was asked, so it exits 2.
func TestProblemsAMisspeltAWSRegionSaysWhichWasMeant(t *testing.T) {
	isolate(t)
	out, summary, code := problemsAgainst(t, "--demo", "--provider", "aws", "--region", "us-esat-1")
	// One call (DescribeRegions: is it a region of the account's?), none to
	// the region itself.
	if !strings.Contains(out, "us-esat-1 is no AWS region: did you mean us-east-1?") || code != 2 ||
		!strings.Contains(summary, "· 1 API call") {
		t.Fatalf("exit %d:\n%s%s", code, out, summary)
	}
	for _, wrong := range []string{"auth failed", "credentials", "AuthFailure"} {
		if strings.Contains(out, wrong) {
			t.Errorf("it says %q:\n%s", wrong, out)
		}
	}
}
