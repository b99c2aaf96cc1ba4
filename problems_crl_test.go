package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
)

// --history reads each Client VPN endpoint's CrlDaysToExpiry in the same
// GetMetricData batch as the down tunnels' TunnelState: corp-vpn's CRL,
// three days from expiry, is then a degraded finding, at no extra call;
// without --history no metric is read and nothing is said of it.
func TestHistoryOnAWSSaysACRLNearExpiryInTheSameCall(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	crlFindings := func(more ...string) []map[string]any {
		t.Helper()
		var out bytes.Buffer
		run(append([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--no-journal", "--json"}, more...), &out, io.Discard)
		var fs []map[string]any
		if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
			t.Fatalf("%v:\n%.300s", err, out.String())
		}
		var crl []map[string]any
		for _, f := range fs {
			if raw, _ := json.Marshal(f); strings.Contains(string(raw), "certificate revocation list") {
				crl = append(crl, f)
			}
		}
		return crl
	}
	if without := crlFindings(); len(without) != 0 || emu.Calls("GetMetricData") != 0 {
		t.Fatalf("without --history: %d CRL findings, %d GetMetricData calls", len(without), emu.Calls("GetMetricData"))
	}
	with := crlFindings("--history")
	if calls := emu.Calls("GetMetricData"); calls != 1 {
		t.Errorf("--history: %d GetMetricData calls, want the region's one", calls)
	}
	if len(with) != 1 || with[0]["impact"] != "degraded" || with[0]["resource_name"] != "corp-vpn" {
		t.Fatalf("--history: CRL findings %v, want corp-vpn's, degraded", with)
	}
	// corp-vpn's own finding (a connection stuck terminating) is as bad:
	// the CRL is folded into it, not a second finding for one endpoint.
	if raw, _ := json.Marshal(with[0]); !strings.Contains(string(raw), "expires in 3 days") {
		t.Errorf("corp-vpn's finding says %s", raw)
	}
}

// Over several accounts, --history's findings carry their account as
// every finding does; and the pending replacement notes are said, not
// journaled: a run without --history would take their absence for a fix,
// and the note would flap from run to run.
func TestHistoryFindingsCarryTheirAccountAndNotesStayOutOfTheJournal(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
	staging := awsemulator.DemoKeyPair(2)
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Accounts: []awsemulator.KeyPair{staging}})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte(fmt.Sprintf(
		"[prod]\naws_access_key_id = %s\naws_secret_access_key = %s\n[staging]\naws_access_key_id = %s\naws_secret_access_key = %s\n",
		awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, staging.AccessKeyID, staging.SecretAccessKey)), 0o600)
	var out bytes.Buffer
	run([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--json", "--history", "--profile", "prod,staging"}, &out, io.Discard)
	var fs []map[string]any
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
		t.Fatalf("%v:\n%.300s", err, out.String())
	}
	for _, f := range fs {
		if f["account"] != "prod" && f["account"] != "staging" || f["account_id"] == "" {
			t.Errorf("a finding without its account: %v", f)
		}
	}
	journal, err := os.ReadFile(filepath.Join(home, "state", "vpnscope", "journal.jsonl"))
	if err != nil || !strings.Contains(string(journal), "aws@prod|") || strings.Contains(string(journal), "tunnel-replacement") {
		t.Errorf("the journal (%v) should hold the scan but no tunnel-replacement:\n%.400s", err, journal)
	}
	if !strings.Contains(out.String(), `"resource": "tunnel-replacement"`) {
		t.Error("the pending replacement note is not said")
	}
}
