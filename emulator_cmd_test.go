package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

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
	for provider, want := range map[string]string{"alibaba": "the VPC OpenAPI", "aws": "EC2 (Client VPN)"} {
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
