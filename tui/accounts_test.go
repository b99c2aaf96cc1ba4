package tui_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// threeAccounts are two accounts of one cloud and one of another, each
// finding the same connection id, as two AWS accounts' vpn-… may.
func threeAccounts(scans *atomic.Int64) tui.Config {
	down := []api.Finding{{Region: "two", Resource: "connection", ResourceID: "conn-1", ConnectionName: "same-name",
		Impact: api.TrafficDown, Cause: api.Cause{Phase: "down", Message: "down"}}}
	cloud := func(label, home, account string) ui.Provider {
		return tuitest.ScanningCloud{Cloud: tuitest.Cloud{Label: label, Home: home, Acct: ui.Account{Name: account}},
			Scans: scans, Findings: down}
	}
	return tui.Config{Providers: []ui.Provider{cloud("Second", "two", "prod"), cloud("Second", "two", "staging"), cloud("First", "one", "")},
		Sources: []string{"profile prod", "profile staging"}, CredentialSource: "env"}
}

// :account goes to an account by its profile's name, the way :region goes
// to a region: the crumbs say which account is browsed, tab completes
// the names, and a name that is none is said with the nearest one.
func TestAccountSwitchesTheAccountBrowsed(t *testing.T) {
	h := tuitest.New(t, 120, 24, threeAccounts(&atomic.Int64{}))
	h.MustShow("Second (prod) › two")
	if got := h.Common().Account.Name; got != "prod" {
		t.Fatalf("the app browses account %q, want prod", got)
	}
	h.Keys(":", "text:account st", "tab")
	if got := h.App.CommandInput(); got != "account staging" {
		t.Errorf("tab completed %q", got)
	}
	h.Keys("enter")
	h.MustShow("Second (staging) › two", "switched to Second (staging)", "profile staging")
	if got := h.Common().Account.Name; got != "staging" {
		t.Errorf("the app browses account %q after :account staging", got)
	}
	h.Keys(":", "text:account prd", "enter")
	h.MustShow(`no account "prd": did you mean prod?`)
	h.Keys("esc")
	h.MustShow("Second (staging) › two")
	h.Keys("p") // p cycles every account of every cloud
	h.MustShow("First › one", "one · env")
	if got := h.Common().Account; got != (ui.Account{}) {
		t.Errorf("an account without a name carried over: %+v", got)
	}
}

// With one account per cloud :account is not offered, and typed anyway
// it says why.
func TestAccountIsNotOfferedWithOneAccountPerCloud(t *testing.T) {
	h := tuitest.New(t, 120, 24, twoScanningClouds(&atomic.Int64{}))
	for _, c := range h.App.Commands() {
		if c.Name == "account" {
			t.Fatal(":account is offered with one account per cloud")
		}
	}
	h.Keys(":", "text:account prod", "enter")
	h.MustShow(`no command "account"`)
}

// The overview of several accounts has an ACCOUNT column: the same id in
// two accounts is two rows, each with its account, and enter opens a row
// in its own account.
func TestTheOverviewOfSeveralAccountsSaysEachRowsAccount(t *testing.T) {
	scans := &atomic.Int64{}
	h := tuitest.New(t, 120, 24, threeAccounts(scans))
	h.Keys("P")
	h.MustShow("ACCOUNT", "PROVIDER", "3 of 3 accounts read")
	var rows []string
	for _, line := range strings.Split(h.Screen(), "\n") {
		if strings.Contains(line, "same-name") {
			rows = append(rows, line)
		}
	}
	if len(rows) != 3 || !strings.Contains(rows[0], " - ") || !strings.Contains(rows[1], "prod") || !strings.Contains(rows[2], "staging") {
		t.Fatalf("want one row per account, the one without first, then by name:\n%s", strings.Join(rows, "\n"))
	}
	h.Keys("j", "j", "enter")
	h.MustShow("problems › Second (staging)")
	if got := h.Common().Account.Name; got != "staging" {
		t.Errorf("enter on staging's row browses %q", got)
	}
	h.Keys("esc")
	h.MustShow("› ✗ traffic down")
	if row := strings.Split(h.Screen(), "\n")[5]; !strings.Contains(row, "› ✗") || !strings.Contains(row, "staging") {
		t.Errorf("esc did not come back to staging's row:\n%s", h.Screen())
	}
}
