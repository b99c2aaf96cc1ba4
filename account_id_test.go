package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
)

// startTwoAccounts is the AWS emulator with a second key pair, and that
// pair's account id.
func startTwoAccounts(t *testing.T) (*awsemulator.Running, awsemulator.ServedAccount) {
	t.Helper()
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Accounts: []awsemulator.KeyPair{awsemulator.DemoKeyPair(2)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	return emu, emu.Accounts()[1]
}

// The account id comes from STS GetCallerIdentity, asked once at set-up on
// the --endpoint emulator, and each finding's JSON carries it.
func TestEachFindingCarriesTheAccountIdSTSAnswersForItsKeys(t *testing.T) {
	isolateAWSHome(t, isolate(t))
	emu, second := startTwoAccounts(t)
	t.Setenv("AWS_ACCESS_KEY_ID", second.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", second.SecretAccessKey)
	c, err := setupAWS(context.Background(), options{Endpoint: emu.URL, Region: "us-east-1"}, hooks{})
	if err != nil {
		t.Fatal(err)
	}
	if c.accountID != second.ID || c.accountID == awsemulator.Account {
		t.Errorf("account id %q, want the second key pair's %s", c.accountID, second.ID)
	}
	if n := emu.Calls("GetCallerIdentity"); n != 1 {
		t.Errorf("GetCallerIdentity asked %d times at set-up, want once", n)
	}
	var out bytes.Buffer
	run([]string{"problems", "--provider", "aws", "--endpoint", emu.URL, "--region", "us-east-1", "--json", "--no-journal"}, &out, &bytes.Buffer{})
	var fs []map[string]any
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil || len(fs) == 0 {
		t.Fatalf("%v:\n%.300s", err, out.String())
	}
	for _, f := range fs {
		if f["account_id"] != second.ID {
			t.Fatalf("a finding's account_id is %v, want %s: %v", f["account_id"], second.ID, f)
		}
	}
}

// AWS_ENDPOINT_URL_STS names STS's endpoint, and beats --endpoint for it
// (a user who set it meant STS to go there); when STS cannot answer, the
// run goes on with the account id unknown, and says so.
func TestAnSTSEndpointOfItsOwnBeatsEndpointAndItsFailureIsNotFatal(t *testing.T) {
	isolateAWSHome(t, isolate(t))
	emu, _ := startTwoAccounts(t)
	var asked atomic.Int32
	sts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer sts.Close()
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	t.Setenv("AWS_ENDPOINT_URL_STS", sts.URL)
	c, err := setupAWS(context.Background(), options{Endpoint: emu.URL, Region: "us-east-1"}, hooks{})
	if err != nil {
		t.Fatalf("a failed identity stopped the set-up: %v", err)
	}
	if asked.Load() == 0 || emu.Calls("GetCallerIdentity") != 0 {
		t.Errorf("STS asked at AWS_ENDPOINT_URL_STS %d times, at --endpoint %d times", asked.Load(), emu.Calls("GetCallerIdentity"))
	}
	if c.accountID != "" || !strings.Contains(c.warning, "account id unknown") {
		t.Errorf("account id %q, warning %q", c.accountID, c.warning)
	}
	// Plain HTTP to another machine is refused for STS as for EC2: not
	// dialled, and the account id unknown.
	t.Setenv("AWS_ENDPOINT_URL_STS", "http://sts.example.invalid")
	c, err = setupAWS(context.Background(), options{Endpoint: emu.URL, Region: "us-east-1"}, hooks{})
	if err != nil || c.accountID != "" || !strings.Contains(c.warning, "account id unknown") {
		t.Errorf("plain-HTTP STS: %v, account id %q, warning %q", err, c.accountID, c.warning)
	}
}
