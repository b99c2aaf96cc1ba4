package aws

import "github.com/vpnscope/vpnscope/api"

// DefaultRegion is where the AWS side starts when nothing names a region.
const DefaultRegion = "us-east-1"

// Regions are the commercial AWS regions that offer Client VPN. EC2's
// regions are well known, so listing them costs no call.
var Regions = func() []api.Region {
	var out []api.Region
	for _, r := range [][2]string{
		{"us-east-1", "US East (N. Virginia)"}, {"us-east-2", "US East (Ohio)"}, {"us-west-1", "US West (N. California)"},
		{"us-west-2", "US West (Oregon)"}, {"ca-central-1", "Canada (Central)"}, {"eu-west-1", "Europe (Ireland)"},
		{"eu-west-2", "Europe (London)"}, {"eu-west-3", "Europe (Paris)"}, {"eu-central-1", "Europe (Frankfurt)"},
		{"eu-north-1", "Europe (Stockholm)"}, {"eu-south-1", "Europe (Milan)"}, {"ap-south-1", "Asia Pacific (Mumbai)"},
		{"ap-southeast-1", "Asia Pacific (Singapore)"}, {"ap-southeast-2", "Asia Pacific (Sydney)"},
		{"ap-northeast-1", "Asia Pacific (Tokyo)"}, {"ap-northeast-2", "Asia Pacific (Seoul)"},
		{"ap-northeast-3", "Asia Pacific (Osaka)"}, {"sa-east-1", "South America (São Paulo)"},
		{"me-south-1", "Middle East (Bahrain)"}, {"af-south-1", "Africa (Cape Town)"},
	} {
		out = append(out, api.Region{ID: r[0], LocalName: r[1]})
	}
	return out
}()
