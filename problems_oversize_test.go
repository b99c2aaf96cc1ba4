package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api/fault"
)

// A service that answers pages of connections with four times the rows
// asked (the oversize fault) is not believed: the summary counts only the
// gateways with no connection as read, never all of them, and prod-hz-core
// is an unknown finding saying why (a page of 200,000 rows once ended its
// walk 470 connections short, and the summary said 50 of 50 were read).
func TestProblemsDoesNotBelieveAPageLargerThanAsked(t *testing.T) {
	emu := alibabaEmulatorWithDemoKeys(t)
	f, _ := fault.Parse("oversize:action=DescribeVpnConnections")
	emu.SetFaults(f)

	out, errOut, code := problemsAgainst(t, "--endpoint", emu.URL, "--region", "cn-hangzhou", "--json")
	if code == 0 {
		t.Errorf("exit 0: a clean bill of health")
	}
	m := regexp.MustCompile(`(\d+) of (\d+) gateways' connections read`).FindStringSubmatch(errOut)
	if m == nil || m[1] == m[2] {
		t.Errorf("summary: %s", errOut)
	}
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	core := false
	for _, x := range fs {
		if x["resource"] == "connection" {
			t.Errorf("a connection of an oversized page judged: %v", x)
		}
		reason, _ := x["reason"].(string)
		core = core || x["gateway_name"] == "prod-hz-core" && x["impact"] == "unknown" && strings.Contains(reason, "OversizedPage")
	}
	if !core {
		t.Errorf("no unknown finding for prod-hz-core saying OversizedPage:\n%s", out)
	}
}
