package aws

import (
	"context"
	"fmt"
	"slices"

	"github.com/vpnscope/vpnscope/api"
)

// DefaultRegion is where the AWS side starts when nothing names a region.
const DefaultRegion = "us-east-1"

// Regions are the regions of the commercial (aws) partition, as the SDK's
// endpoint data lists them (aws-sdk-go-v2 v1.47): the picker and
// completion offer them without a call. Opt-in regions are among them; a
// scan asks DescribeRegions which are enabled.
var Regions = func() []api.Region {
	var out []api.Region
	for _, r := range [][2]string{
		{"us-east-1", "US East (N. Virginia)"}, {"us-east-2", "US East (Ohio)"}, {"us-west-1", "US West (N. California)"},
		{"us-west-2", "US West (Oregon)"}, {"ca-central-1", "Canada (Central)"}, {"ca-west-1", "Canada West (Calgary)"},
		{"mx-central-1", "Mexico (Central)"}, {"sa-east-1", "South America (São Paulo)"},
		{"eu-west-1", "Europe (Ireland)"}, {"eu-west-2", "Europe (London)"}, {"eu-west-3", "Europe (Paris)"},
		{"eu-central-1", "Europe (Frankfurt)"}, {"eu-central-2", "Europe (Zurich)"}, {"eu-north-1", "Europe (Stockholm)"},
		{"eu-south-1", "Europe (Milan)"}, {"eu-south-2", "Europe (Spain)"},
		{"il-central-1", "Israel (Tel Aviv)"}, {"me-south-1", "Middle East (Bahrain)"}, {"me-central-1", "Middle East (UAE)"},
		{"af-south-1", "Africa (Cape Town)"},
		{"ap-south-1", "Asia Pacific (Mumbai)"}, {"ap-south-2", "Asia Pacific (Hyderabad)"},
		{"ap-east-1", "Asia Pacific (Hong Kong)"}, {"ap-east-2", "Asia Pacific (Taipei)"},
		{"ap-southeast-1", "Asia Pacific (Singapore)"}, {"ap-southeast-2", "Asia Pacific (Sydney)"},
		{"ap-southeast-3", "Asia Pacific (Jakarta)"}, {"ap-southeast-4", "Asia Pacific (Melbourne)"},
		{"ap-southeast-5", "Asia Pacific (Malaysia)"}, {"ap-southeast-6", "Asia Pacific (New Zealand)"},
		{"ap-southeast-7", "Asia Pacific (Thailand)"},
		{"ap-northeast-1", "Asia Pacific (Tokyo)"}, {"ap-northeast-2", "Asia Pacific (Seoul)"},
		{"ap-northeast-3", "Asia Pacific (Osaka)"},
	} {
		out = append(out, api.Region{ID: r[0], LocalName: r[1]})
	}
	return out
}()

// UnknownRegion says what is wrong with a region id that is none of the
// partition's (Regions) nor of listed, the account's DescribeRegions
// answer when it was read (it may name a region newer than the table):
// "us-esat-1 is no AWS region: did you mean us-east-1?". "" for a region
// either knows. AWS has no endpoint for a region it does not have, and an
// endpoint that serves every region (a proxy, the emulator) refuses the
// signature's scope as AuthFailure, which would read as a wrong key.
func UnknownRegion(id string, listed []api.Region) string {
	var ids []string
	for _, r := range append(slices.Clone(Regions), listed...) {
		if r.ID == id {
			return ""
		}
		ids = append(ids, r.ID)
	}
	return fmt.Sprintf("%s is no AWS region: did you mean %s?", api.Printable(id), api.Nearest(id, ids))
}

// SplitRegions keeps of ids the regions AWS has and makes each other one a
// finding saying which was meant (UnknownRegion), so a misspelt --region is
// not scanned: AWS's endpoint for it does not resolve, and one serving
// every region answers AuthFailure, and neither says "misspelt". An id the
// table does not know is asked of the account (DescribeRegions, one call):
// a region it lists is kept. When the call fails (it goes to the client's
// region, which may be the misspelt one), the table decides alone.
func SplitRegions(ctx context.Context, c interface {
	Regions(context.Context) ([]api.Region, error)
}, ids []string) (known []string, unknown []*Finding, calls int) {
	var listed []api.Region
	asked := false
	for _, id := range ids {
		if UnknownRegion(id, nil) != "" && !asked {
			asked = true
			listed, _ = c.Regions(ctx)
			calls++
		}
		why := UnknownRegion(id, listed)
		if why == "" {
			known = append(known, id)
			continue
		}
		f := newFinding(id, "region", id, id)
		f.Impact = api.Unknown
		f.Cause = api.Cause{Phase: "region", State: "no such region", Message: why}
		f.Unchecked = []string{"the region: it is none of AWS's"}
		unknown = append(unknown, &Finding{Finding: f})
	}
	return known, unknown, calls
}
