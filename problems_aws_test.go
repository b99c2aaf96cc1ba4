package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
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
	if !strings.Contains(errOut.String(), "Client VPN endpoints checked in 3 regions") {
		t.Errorf("summary: %s", errOut.String())
	}
}
