package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

// emulator --help names every fault kind (lost was missing) and the
// loopback rule.
func TestEmulatorHelpListsEveryFault(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run([]string{"emulator", "--help"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	help := out.String() + errOut.String()
	for _, k := range append(fault.KindNames(), "--allow-remote", "loopback") {
		if !strings.Contains(help, k) {
			t.Errorf("help does not name %q:\n%s", k, help)
		}
	}
}

// A listen address other machines reach is refused, before anything
// listens, unless --allow-remote says so.
func TestEmulatorRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "10.1.2.3:0", "example.com:0"} {
		for _, provider := range []string{"alibaba", "aws"} {
			var out, errOut bytes.Buffer
			err := run([]string{"emulator", "--provider", provider, "--listen", addr, "--quiet"}, &out, &errOut)
			if err == nil || !strings.Contains(err.Error(), "--allow-remote") || strings.Contains(out.String(), "secret") {
				t.Errorf("%s %s: %v, printed %q", provider, addr, err, out.String())
			}
		}
	}
	// Asked for, the rule steps aside: this address fails to listen, not
	// the loopback check.
	err := serveEmulator(context.Background(), emulatorOptions{provider: "aws", listen: "256.1.1.1:0", allowRemote: true, quiet: true},
		&bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || strings.Contains(err.Error(), "allow-remote") {
		t.Fatalf("with --allow-remote: %v", err)
	}
}

// The runner serves either cloud on loopback and prints how to use it.
func TestEmulatorRunnerServesBothClouds(t *testing.T) {
	for provider, want := range map[string]string{"alibaba": "the VPC OpenAPI", "aws": "EC2 (Site-to-Site VPN, Client VPN) and CloudWatch Logs"} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // serve, print, and stop at once
		var out bytes.Buffer
		err := serveEmulator(ctx, emulatorOptions{provider: provider, listen: "localhost:0", quiet: true}, &out, &bytes.Buffer{})
		if err != nil || !strings.Contains(out.String(), "serving "+want+" on http://") || !strings.Contains(out.String(), "try: ") {
			t.Errorf("%s: %v\n%s", provider, err, out.String())
		}
	}
}

// A churn interval that would only burn CPU is refused with the minimum.
func TestEmulatorRefusesFranticChurn(t *testing.T) {
	for _, provider := range []string{"alibaba", "aws"} {
		err := run([]string{"emulator", "--provider", provider, "--listen", "127.0.0.1:0", "--quiet", "--churn", "1ns"}, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "--churn 1ns is too short: the minimum is 10ms") {
			t.Errorf("%s --churn 1ns: %v", provider, err)
		}
	}
}

// Which calls a fault hits is checked when the flag is read.
func TestEmulatorRefusesFaultsThatCountFromZero(t *testing.T) {
	for _, spec := range []string{"503:nth=-1", "503:nth=0", "throttle:first=-2"} {
		err := run([]string{"emulator", "--listen", "127.0.0.1:0", "--fault", spec}, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil {
			t.Errorf("%s accepted", spec)
		}
	}
}

// Each emulator's try: line is a vpnscope command, and it works: run as
// printed (with problems), it reads the emulator it names and finds its
// seeded problems. The AWS one also shows the aws CLI (walkthrough item 16).
func TestEmulatorTryLineIsAWorkingVpnscopeCommand(t *testing.T) {
	for _, provider := range []string{"alibaba", "aws"} {
		home := isolate(t)
		isolateAWSHome(t, home)
		ctx, cancel := context.WithCancel(context.Background())
		pr, pw := io.Pipe()
		done := make(chan error, 1)
		go func() {
			done <- serveEmulator(ctx, emulatorOptions{provider: provider, listen: "127.0.0.1:0", quiet: true}, pw, io.Discard)
			pw.Close()
		}()
		lines := make(chan string, 16)
		go func() {
			sc := bufio.NewScanner(pr)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		var try, rest []string
	read:
		for {
			select {
			case line := <-lines:
				if try != nil {
					rest = append(rest, line)
					break read
				}
				if l, ok := strings.CutPrefix(line, "try: "); ok {
					try = strings.Fields(l)
				}
			case <-time.After(2 * time.Second): // all it prints is printed at once
				break read
			}
		}
		i := slices.Index(try, "vpnscope")
		if i < 0 {
			t.Fatalf("%s: the try: line is not a vpnscope command: %q", provider, try)
		}
		for _, kv := range try[:i] {
			k, v, _ := strings.Cut(kv, "=")
			t.Setenv(k, v)
		}
		var out, errOut bytes.Buffer
		err := run(append([]string{"problems", "--no-journal"}, try[i+1:]...), &out, &errOut)
		var ec exitCode
		if !errors.As(err, &ec) || ec.code != exitProblems || ec.err != nil || out.Len() == 0 {
			t.Errorf("%s: %v run as printed: %v\n%s%s", provider, try, err, out.String(), errOut.String())
		}
		if provider == "aws" && (len(rest) == 0 || !strings.Contains(rest[0], " aws ec2 ") || !strings.Contains(rest[0], "--endpoint-url")) {
			t.Errorf("aws: no aws CLI example after the try: line: %q", rest)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// --help and emulator --help say what AWS is here: Site-to-Site VPN and
// Client VPN, with CloudWatch Logs, not Client VPN alone (walkthrough
// item 16).
func TestHelpSaysAWSIsSiteToSiteAndClientVPN(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"emulator", "--help"}} {
		var out, errOut bytes.Buffer
		if err := run(args, &out, &errOut); err != nil {
			t.Fatal(err)
		}
		help := out.String() + errOut.String()
		for _, want := range []string{"Site-to-Site VPN", "Client VPN", "CloudWatch Logs"} {
			if !strings.Contains(help, want) {
				t.Errorf("%v does not say %q:\n%s", args, want, help)
			}
		}
		if strings.Contains(help, "(Client VPN)") || strings.Contains(help, "EC2's Client VPN actions") {
			t.Errorf("%v says AWS is Client VPN alone:\n%s", args, help)
		}
	}
}

// Emulator flags given before the word emulator count as they would after
// it (they were parsed, then dropped: the Alibaba emulator on :8080).
func TestEmulatorFlagsBeforeTheSubcommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--provider", "gcp", "emulator", "--listen", "10.1.2.3:0"}, `--provider "gcp"`},
		{[]string{"--listen", "10.1.2.3:0", "emulator", "--provider", "aws"}, "--allow-remote"},
	} {
		done := make(chan error, 1)
		go func() { done <- run(c.args, &bytes.Buffer{}, &bytes.Buffer{}) }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%q: %v, want an error naming %s", c.args, err, c.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%q: still serving; the flags before emulator were dropped", c.args)
		}
	}
}

// The audit's --fault and --latency leftovers (issue 19 point 7): an empty
// action faulted every call, a misspelt one injected nothing, a delay on a
// kind that takes none was ignored, a negative latency was taken. Each is
// refused before anything listens, naming the flag.
func TestEmulatorRefusesFaultsThatWouldNotDoWhatTheySay(t *testing.T) {
	for _, c := range []struct {
		provider string
		args     []string
		want     []string
	}{
		{"alibaba", []string{"--fault", "503:action="}, []string{"--fault", "action: needs a name"}},
		{"alibaba", []string{"--fault", "503:delay=1s"}, []string{"--fault", "only latency takes a delay"}},
		{"aws", []string{"--fault", "hang:delay=1s"}, []string{"--fault", "only latency takes a delay"}},
		{"alibaba", []string{"--fault", "503:action=DescribeVpnGatewayz"}, []string{"--fault 503:action=DescribeVpnGatewayz", "DescribeVpnGateways?", "It serves "}},
		{"aws", []string{"--fault", "503:action=DescribeVpnGatewayz"}, []string{"--fault 503:action=DescribeVpnGatewayz", "did you mean DescribeVpnGateways?", "FilterLogEvents"}},
		{"aws", []string{"--fault", "503:action=DescribeSslVpnClients"}, []string{"--fault", "DescribeClientVpnConnections"}},
		{"alibaba", []string{"--latency", "-1s"}, []string{"--latency -1s", "negative"}},
		{"aws", []string{"--latency", "-5ms"}, []string{"--latency -5ms", "negative"}},
	} {
		var out bytes.Buffer
		args := append([]string{"emulator", "--provider", c.provider, "--listen", "127.0.0.1:0", "--quiet"}, c.args...)
		done := make(chan error, 1)
		go func() { done <- run(args, &out, &bytes.Buffer{}) }()
		var err error
		select {
		case err = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s %v: still serving", c.provider, c.args)
		}
		if err == nil {
			t.Errorf("%s %v accepted", c.provider, c.args)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s %v: %q does not say %q", c.provider, c.args, err, w)
			}
		}
		if strings.Contains(err.Error(), "\n") || out.Len() > 0 {
			t.Errorf("%s %v: not one line, or printed %q: %q", c.provider, c.args, out.String(), err)
		}
	}
}

// A fault on an action one emulator serves starts that emulator: the
// check is against the chosen provider's actions, CloudWatch Logs' among
// AWS's.
func TestEmulatorTakesFaultsOnItsOwnActions(t *testing.T) {
	for provider, spec := range map[string]string{"alibaba": "503:action=DescribeSslVpnClients", "aws": "throttle:action=FilterLogEvents"} {
		f, err := fault.Parse(spec)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var out bytes.Buffer
		if err := serveEmulator(ctx, emulatorOptions{provider: provider, listen: "127.0.0.1:0", quiet: true, faults: []fault.Fault{f}}, &out, io.Discard); err != nil {
			t.Errorf("%s %s: %v", provider, spec, err)
		}
	}
}

// An error that echoes what was typed reaches the terminal as text: a
// fault's action with a title sequence in it was printed raw.
func TestErrorsNeverCarryTerminalSequences(t *testing.T) {
	err := run([]string{"emulator", "--listen", "127.0.0.1:0", "--fault", "hang:action=X\x1b]2;PWNED\a\x1b[5m"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil {
		t.Fatal("an unserved action was accepted")
	}
	var shown bytes.Buffer
	if code := reportError(&shown, err); code == 0 || strings.ContainsAny(shown.String(), "\x1b\a") || !strings.Contains(shown.String(), "PWNED") {
		t.Errorf("exit %d, shown %q", code, shown.String())
	}
}

// --accounts N serves N key pairs, each an account of its own: the banner
// gives each pair, and a problems run over two profiles on two of them
// sees two account ids.
func TestEmulatorServesSeveralAccounts(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- serveEmulator(ctx, emulatorOptions{provider: "aws", listen: "127.0.0.1:0", quiet: true, accounts: 2}, pw, io.Discard)
		pw.Close()
	}()
	var url, id, secret string
	lines := bufio.NewScanner(pr)
	for lines.Scan() && (url == "" || id == "") {
		f := strings.Fields(lines.Text())
		switch {
		case len(f) > 1 && f[0] == "vpnscope":
			url = f[len(f)-1]
		case len(f) == 5 && f[0] == "account" && f[1] == "2:":
			id, secret = f[2], f[4]
		}
	}
	go io.Copy(io.Discard, pr)
	if url == "" || id == "" {
		t.Fatalf("the banner does not give account 2's key pair (url %q)", url)
	}
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte(fmt.Sprintf(
		"[one]\naws_access_key_id = %s\naws_secret_access_key = %s\n[two]\naws_access_key_id = %s\naws_secret_access_key = %s\n",
		awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, id, secret)), 0o600)
	var out bytes.Buffer
	run([]string{"problems", "--provider", "aws", "--endpoint", url, "--region", "us-east-1", "--no-journal", "--json", "--profile", "one,two"}, &out, io.Discard)
	var findings []map[string]any
	if err := json.Unmarshal(out.Bytes(), &findings); err != nil {
		t.Fatalf("%v:\n%.300s", err, out.String())
	}
	ids := map[string]string{}
	for _, f := range findings {
		ids[fmt.Sprint(f["account"])] = fmt.Sprint(f["account_id"])
	}
	if len(ids) != 2 || ids["one"] == ids["two"] || ids["one"] != awsemulator.Account || len(ids["two"]) != 12 {
		t.Errorf("want two accounts with two ids, the first the demo's: %v", ids)
	}
	cancel()
	<-done

	if err := run([]string{"emulator", "--provider", "aws", "--accounts", "0"}, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "from 1 to 50") {
		t.Errorf("--accounts 0: %v", err)
	}
}
