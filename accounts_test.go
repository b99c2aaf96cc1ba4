package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	ui "github.com/vpnscope/vpnscope/tui/ui"
	"os"
	"path/filepath"
	"strings"
	"testing"

	aliemulator "github.com/vpnscope/vpnscope/api/alibaba/emulator"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
)

// One problems run over several AWS profiles: every finding carries its
// account, in the JSON and in the table's ACCOUNT column; a profile that
// cannot be set up is one unknown finding saying why while the others are
// still checked; and the journal keeps each account's resources apart.
func TestOneRunChecksEveryProfileAndNamesTheAccountOfEachFinding(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	state := filepath.Join(home, "state")
	t.Setenv("XDG_STATE_HOME", state)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	// prod and staging are two accounts: two key pairs of the emulator.
	keys := func(k awsemulator.KeyPair) string {
		return fmt.Sprintf("aws_access_key_id = %s\naws_secret_access_key = %s\n", k.AccessKeyID, k.SecretAccessKey)
	}
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte("[prod]\n"+keys(awsemulator.DemoKeyPair(1))+"[staging]\n"+keys(awsemulator.DemoKeyPair(2))), 0o600)
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Accounts: []awsemulator.KeyPair{awsemulator.DemoKeyPair(2)}})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	ids := map[string]string{"prod": emu.Accounts()[0].ID, "staging": emu.Accounts()[1].ID, "gone": ""}
	var out, errOut bytes.Buffer
	err = run([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--json",
		"--profile", "prod,staging,gone"}, &out, &errOut)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitProblems {
		t.Fatalf("want exit 1, got %v\n%s", err, errOut.String())
	}
	var fs []map[string]any
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
		t.Fatal(err)
	}
	by := map[string]int{}
	for _, f := range fs {
		by[fmt.Sprint(f["account"])]++
		if f["account_id"] != ids[fmt.Sprint(f["account"])] {
			t.Errorf("a finding of %v has account_id %v, want %q", f["account"], f["account_id"], ids[fmt.Sprint(f["account"])])
		}
		if f["account"] == "gone" && (f["impact"] != "unknown" || !strings.Contains(fmt.Sprint(f["message"]), `no AWS profile "gone"`)) {
			t.Errorf("the missing profile's finding: %v", f)
		}
	}
	if by["prod"] == 0 || by["staging"] == 0 || by["gone"] != 1 || len(by) != 3 {
		t.Errorf("findings by account: %v", by)
	}
	for _, want := range []string{"AWS (prod): ", "AWS (staging): ", "AWS (gone): 1 finding (1 unknown) · not set up"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("summary wants %q:\n%s", want, errOut.String())
		}
	}
	journal, err := os.ReadFile(filepath.Join(state, "vpnscope", "journal.jsonl"))
	if err != nil || !strings.Contains(string(journal), `"aws@prod|us-east-1|`) || !strings.Contains(string(journal), `"aws@staging|us-east-1|tunnel|`) ||
		strings.Contains(string(journal), `"aws|us-east-1|`) {
		t.Errorf("the journal keys each account's resources apart (%v):\n%.600s", err, journal)
	}

	out.Reset()
	run([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--no-journal",
		"--profile", "prod,staging"}, &out, &bytes.Buffer{})
	lines := strings.Split(out.String(), "\n")
	if !strings.HasPrefix(lines[0], "ACCOUNT ") || !strings.Contains(out.String(), "\nstaging ") {
		t.Errorf("the table's ACCOUNT column:\n%.400s", out.String())
	}
	// One profile is a run over one account, as before: no account, and
	// the journal's keys as before.
	out.Reset()
	run([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--json", "--profile", "prod"}, &out, &bytes.Buffer{})
	if strings.Contains(out.String(), `"account": "prod"`) {
		t.Errorf("a run over one account names it on every finding:\n%.300s", out.String())
	}
}

// The TUI browses every account the run names, each a provider of its
// own with its profile and account id (p and :account switch); one that
// cannot be set up is said in the status line, and only when none can is
// the first one's reason an error.
func TestTheTUIBrowsesEveryReachableAccount(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	staging := awsemulator.DemoKeyPair(2)
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Accounts: []awsemulator.KeyPair{staging}})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	keys := func(id, secret string) string {
		return fmt.Sprintf("aws_access_key_id = %s\naws_secret_access_key = %s\n", id, secret)
	}
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte("[prod]\n"+keys(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey)+
		"[staging]\n"+keys(staging.AccessKeyID, staging.SecretAccessKey)), 0o600)
	o, err := parseFlags([]string{"--provider", "aws", "--region", "us-east-1", "--endpoint", emu.URL, "--profile", "gone,staging,prod"})
	if err != nil {
		t.Fatal(err)
	}
	cfg, cleanup, err := setup(context.Background(), o)
	defer cleanup()
	if err != nil || len(cfg.Providers) != 2 {
		t.Fatalf("%d providers, %v", len(cfg.Providers), err)
	}
	first, second := ui.AccountOf(cfg.Providers[0]), ui.AccountOf(cfg.Providers[1])
	ids := emu.Accounts()
	if first.Name != "staging" || first.ID != ids[1].ID || second.Name != "prod" || second.ID != ids[0].ID {
		t.Errorf("the accounts browsed, in the order named: %+v, %+v (ids %v)", first, second, ids)
	}
	if !strings.Contains(cfg.Warning, "gone: not set up") {
		t.Errorf("the profile that could not be set up is not said: %q", cfg.Warning)
	}
	o.Profile = "gone,lost"
	if _, cleanup, err := setup(context.Background(), o); err == nil || !strings.Contains(err.Error(), `no profile could be set up; gone: nothing was checked: no AWS profile "gone"`) {
		t.Errorf("no reachable profile: %v", err)
	} else {
		cleanup()
	}
}

// The config file's accounts, per provider: one problems run, with no
// provider chosen, checks the provider that runs and every other provider
// whose section lists accounts, each finding with its account (issue 26:
// two AWS profiles and one aliyun profile in one run).
func TestOneRunChecksTheAccountsOfEveryProvider(t *testing.T) {
	ali := alibabaEmulatorWithDemoKeys(t) // isolated, in a home of its own
	home := os.Getenv("HOME")
	isolateAWSHome(t, home)
	staging := awsemulator.DemoKeyPair(2) // an account of its own
	aws, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Accounts: []awsemulator.KeyPair{staging}})
	if err != nil {
		t.Fatal(err)
	}
	defer aws.Close()
	os.Unsetenv("ALIBABA_CLOUD_ACCESS_KEY_ID") // the aliyun profile's keys, not the environment's
	os.Unsetenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
	os.MkdirAll(filepath.Join(home, ".aliyun"), 0o700)
	os.WriteFile(filepath.Join(home, ".aliyun", "config.json"), []byte(fmt.Sprintf(
		`{"current": "cn-prod", "profiles": [{"name": "cn-prod", "mode": "AK", "access_key_id": %q, "access_key_secret": %q, "region_id": "cn-hangzhou"}]}`,
		aliemulator.DemoAccessKeyID, aliemulator.DemoAccessKeySecret)), 0o600)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	keys := fmt.Sprintf("aws_access_key_id = %s\naws_secret_access_key = %s\n", awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey)
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte(fmt.Sprintf("[prod]\n%s[staging]\naws_access_key_id = %s\naws_secret_access_key = %s\n",
		keys, staging.AccessKeyID, staging.SecretAccessKey)), 0o600)
	t.Setenv("AWS_ENDPOINT_URL", aws.URL)
	writeConfig(t, home, "alibaba:\n  accounts: cn-prod\naws:\n  accounts:\n    - prod\n    - staging\n")
	var out, errOut bytes.Buffer
	err = run([]string{"problems", "--endpoint", ali.URL, "--json", "--no-journal"}, &out, &errOut)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitProblems {
		t.Fatalf("want exit 1, got %v\n%s", err, errOut.String())
	}
	var fs []map[string]any
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
		t.Fatal(err)
	}
	by := map[string]int{}
	for _, f := range fs {
		by[fmt.Sprint(f["provider"], "/", f["account"])]++
	}
	for _, want := range []string{"alibaba/cn-prod", "aws/prod", "aws/staging"} {
		if by[want] == 0 {
			t.Errorf("no finding of %s: %v\n%s", want, by, errOut.String())
		}
	}
	if len(by) != 3 {
		t.Errorf("findings by account: %v", by)
	}
}

// Two profiles on one key pair are one account (one id from STS): checked
// once, as the first profile named, and stderr says which were the same;
// their findings are not doubled.
func TestTwoProfilesOfOneAccountAreCheckedOnce(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	keys := fmt.Sprintf("aws_access_key_id = %s\naws_secret_access_key = %s\n", awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey)
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte("[prod]\n"+keys+"[admin]\n"+keys), 0o600)
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	var alone, both, errOut bytes.Buffer
	run([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--json", "--no-journal", "--profile", "prod"}, &alone, &bytes.Buffer{})
	run([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--json", "--no-journal", "--profile", "admin,prod"}, &both, &errOut)
	var one, two []map[string]any
	json.Unmarshal(alone.Bytes(), &one)
	if err := json.Unmarshal(both.Bytes(), &two); err != nil || len(one) == 0 || len(two) != len(one) {
		t.Fatalf("one profile: %d findings, two profiles of one account: %d (%v)\n%s", len(one), len(two), err, errOut.String())
	}
	for _, f := range two {
		if f["account"] != "admin" {
			t.Fatalf("the account is checked as %v, want admin (named first)", f["account"])
		}
	}
	if want := "profiles admin, prod are one account (" + awsemulator.Account + "): checked once, as admin"; !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr wants %q:\n%s", want, errOut.String())
	}
}
