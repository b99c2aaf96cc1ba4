package aws

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
)

// The offline list is the SDK's own list of the aws partition's regions, so
// completion and the picker offer every region, new ones included, after
// an SDK upgrade (a hand-kept list had lost Hong Kong, Jakarta, Zurich…).
func TestRegionsAreTheSDKsPartition(t *testing.T) {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-sdk-go-v2").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "internal", "endpoints", "awsrulesfn", "partitions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Partitions []struct {
			ID      string                     `json:"id"`
			Regions map[string]json.RawMessage `json:"regions"`
		} `json:"partitions"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var sdk, ours []string
	for _, p := range doc.Partitions {
		if p.ID == "aws" {
			for id := range p.Regions {
				if id != "aws-global" {
					sdk = append(sdk, id)
				}
			}
		}
	}
	for _, r := range Regions {
		ours = append(ours, r.ID)
	}
	slices.Sort(sdk)
	slices.Sort(ours)
	if len(sdk) == 0 || !slices.Equal(sdk, ours) {
		t.Errorf("the SDK's aws partition:\n%v\nRegions:\n%v", sdk, ours)
	}
}

// A region id that is no region of the partition's says which was meant;
// one the account's DescribeRegions lists is a region, though the table
// does not know it yet (a region newer than the SDK).
func TestAnUnknownRegionSaysTheNearest(t *testing.T) {
	if got, want := UnknownRegion("us-esat-1", nil), "us-esat-1 is no AWS region: did you mean us-east-1?"; got != want {
		t.Fatalf("us-esat-1: %q, want %q", got, want)
	}
	if got := UnknownRegion("eu-west-1", nil); got != "" {
		t.Fatalf("eu-west-1 is said to be unknown: %q", got)
	}
	if got := UnknownRegion("xx-newest-1", []api.Region{{ID: "xx-newest-1"}}); got != "" {
		t.Fatalf("a region DescribeRegions lists is refused: %q", got)
	}
}
