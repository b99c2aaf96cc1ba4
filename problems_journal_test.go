package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/api/fault"
)

// What could not be read is not a change of state (issue 29, 3): a clean
// run, then one with a read refused, then clean again, twice over, on one
// state directory. Every finding of the clean runs keeps the since of the
// first and none flaps (they came back with a new since, and flapping
// after a few alternations). On Alibaba Cloud DescribeVpnConnections is
// refused (the gateways go unknown); on AWS DescribeClientVpnTargetNetworks
// (an endpoint that cannot serve goes unknown). The real SDKs, over HTTP,
// against the emulators.
func TestAFailedReadIsNotAChangeOfState(t *testing.T) {
	for _, c := range []struct {
		provider, fault string
		start           func(t *testing.T) (url string, setFaults func(...fault.Fault), stop func())
	}{
		{"alibaba", "forbidden:action=DescribeVpnConnections", func(t *testing.T) (string, func(...fault.Fault), func()) {
			t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.DemoAccessKeyID)
			t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.DemoAccessKeySecret)
			emu, err := emulator.Start("127.0.0.1:0", emulator.Config{})
			if err != nil {
				t.Fatal(err)
			}
			return emu.URL, func(f ...fault.Fault) { emu.SetFaults(f...) }, func() { emu.Close() }
		}},
		{"aws", "forbidden:action=DescribeClientVpnTargetNetworks", func(t *testing.T) (string, func(...fault.Fault), func()) {
			t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
			t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
			t.Setenv("AWS_REGION", "us-east-1")
			emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
			if err != nil {
				t.Fatal(err)
			}
			return emu.URL, emu.SetFaults, func() { emu.Close() }
		}},
	} {
		t.Run(c.provider, func(t *testing.T) {
			home := isolate(t)
			isolateAWSHome(t, home)
			t.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
			url, setFaults, stop := c.start(t)
			defer stop()
			refused, err := fault.Parse(c.fault)
			if err != nil {
				t.Fatal(err)
			}
			scan := func() map[string]map[string]any {
				t.Helper()
				var out, errOut bytes.Buffer
				err := run([]string{"problems", "--provider", c.provider, "--endpoint", url, "--json"}, &out, &errOut)
				var ec exitCode
				if !errors.As(err, &ec) || ec.code != exitProblems {
					t.Fatalf("want exit 1, got %v\n%s", err, errOut.String())
				}
				var fs []map[string]any
				if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
					t.Fatalf("not JSON: %v\n%s", err, out.String())
				}
				by := map[string]map[string]any{}
				for _, f := range fs {
					by[fmt.Sprint(f["region"], "|", f["resource"], "|", f["resource_id"])] = f
				}
				return by
			}
			first := scan()
			unknown := 0
			for round := range 2 {
				setFaults(refused)
				for k, f := range scan() {
					if f["impact"] == "unknown" && first[k] != nil && first[k]["impact"] != "unknown" {
						unknown++ // a finding of the clean run that could not be read
					}
				}
				setFaults()
				for k, f := range scan() {
					if f["since"] != first[k]["since"] || f["flapping"] != false {
						t.Errorf("round %d: %s since %v flapping %v, was since %v", round, k, f["since"], f["flapping"], first[k]["since"])
					}
				}
			}
			if unknown == 0 {
				t.Fatalf("%s made no finding unknown: the test tests nothing", c.fault)
			}
		})
	}
}
