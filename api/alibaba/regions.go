package alibaba

// RegionIDs are the Alibaba Cloud regions that serve VPN gateways, for
// completing a region without a call (DescribeRegions is the live list).
var RegionIDs = []string{
	"cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu",
	"cn-hangzhou", "cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-shenzhen", "cn-heyuan",
	"cn-guangzhou", "cn-chengdu", "cn-hongkong", "ap-northeast-1", "ap-northeast-2",
	"ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
	"us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "me-east-1", "me-central-1",
}

// DefaultRegion is where vpnscope starts when nothing names a region.
const DefaultRegion = "cn-hangzhou"
