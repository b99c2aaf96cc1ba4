package aws

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
