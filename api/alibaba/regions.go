package alibaba

// regions are the Alibaba Cloud regions that serve VPN gateways, each with
// the code its resource ids carry after the prefix (vpn-bp1… is
// cn-hangzhou) where that code is known: the one list of them.
var regions = []struct{ id, code string }{
	{"cn-qingdao", "m5e"}, {"cn-beijing", "2ze"}, {"cn-zhangjiakou", ""}, {"cn-huhehaote", ""}, {"cn-wulanchabu", ""},
	{"cn-hangzhou", "bp1"}, {"cn-shanghai", "uf6"}, {"cn-nanjing", ""}, {"cn-fuzhou", ""}, {"cn-shenzhen", "wz9"},
	{"cn-heyuan", ""}, {"cn-guangzhou", ""}, {"cn-chengdu", ""}, {"cn-hongkong", "j6c"},
	{"ap-northeast-1", "6we"}, {"ap-northeast-2", ""}, {"ap-southeast-1", "t4n"}, {"ap-southeast-3", ""},
	{"ap-southeast-5", ""}, {"ap-southeast-6", ""}, {"ap-southeast-7", ""},
	{"us-east-1", "0xi"}, {"us-west-1", "rj9"}, {"eu-west-1", ""}, {"eu-central-1", "gw8"},
	{"me-east-1", ""}, {"me-central-1", ""},
}

// RegionIDs are the ids of regions, for completing a region without a
// call (DescribeRegions is the live list).
var RegionIDs = func() []string {
	ids := make([]string, len(regions))
	for i, r := range regions {
		ids[i] = r.id
	}
	return ids
}()

// regionOfCode is the region whose ids carry code, or "".
func regionOfCode(code string) string {
	for _, r := range regions {
		if r.code != "" && r.code == code {
			return r.id
		}
	}
	return ""
}

// DefaultRegion is where vpnscope starts when nothing names a region.
const DefaultRegion = "cn-hangzhou"
