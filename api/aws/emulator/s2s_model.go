package emulator

import "time"

// Site-to-Site VPN records, in the EC2 Query API's XML shapes (the element
// names aws-sdk-go-v2's ec2 deserializers read), so an action's answer is
// the records themselves.

type vpcAttachment struct {
	VpcID string `xml:"vpcId"`
	State string `xml:"state"`
}

type vpnGateway struct {
	ID            string          `xml:"vpnGatewayId"`
	State         string          `xml:"state"`
	Type          string          `xml:"type"`
	Attachments   []vpcAttachment `xml:"attachments>item"`
	AmazonSideAsn int64           `xml:"amazonSideAsn"`
	Tags          []tag           `xml:"tagSet>item"`
}

type tgwOptions struct {
	AmazonSideAsn  int64  `xml:"amazonSideAsn"`
	VpnEcmpSupport string `xml:"vpnEcmpSupport"`
	DNSSupport     string `xml:"dnsSupport"`
}

type transitGateway struct {
	ID           string     `xml:"transitGatewayId"`
	Arn          string     `xml:"transitGatewayArn"`
	State        string     `xml:"state"`
	OwnerID      string     `xml:"ownerId"`
	Description  string     `xml:"description"`
	CreationTime string     `xml:"creationTime"`
	Options      tgwOptions `xml:"options"`
	Tags         []tag      `xml:"tagSet>item"`
}

type customerGateway struct {
	ID         string `xml:"customerGatewayId"`
	State      string `xml:"state"`
	Type       string `xml:"type"`
	IPAddress  string `xml:"ipAddress"`
	BgpAsn     string `xml:"bgpAsn"`
	DeviceName string `xml:"deviceName,omitempty"`
	Tags       []tag  `xml:"tagSet>item"`
}

type valueItem struct {
	Value string `xml:"value"`
}

type numberItem struct {
	Value int `xml:"value"`
}

type cloudWatchLogOptions struct {
	LogEnabled      bool   `xml:"logEnabled"`
	LogGroupArn     string `xml:"logGroupArn,omitempty"`
	LogOutputFormat string `xml:"logOutputFormat,omitempty"`
	// The BGP log (bgp_log_world.go).
	BgpLogEnabled      bool   `xml:"bgpLogEnabled"`
	BgpLogGroupArn     string `xml:"bgpLogGroupArn,omitempty"`
	BgpLogOutputFormat string `xml:"bgpLogOutputFormat,omitempty"`
}

type tunnelLogOptions struct {
	CloudWatch cloudWatchLogOptions `xml:"cloudWatchLogOptions"`
}

type tunnelOption struct {
	OutsideIPAddress       string           `xml:"outsideIpAddress"`
	TunnelInsideCidr       string           `xml:"tunnelInsideCidr"`
	PreSharedKey           string           `xml:"preSharedKey"`
	Phase1LifetimeSeconds  int              `xml:"phase1LifetimeSeconds"`
	Phase2LifetimeSeconds  int              `xml:"phase2LifetimeSeconds"`
	RekeyMarginTimeSeconds int              `xml:"rekeyMarginTimeSeconds"`
	RekeyFuzzPercentage    int              `xml:"rekeyFuzzPercentage"`
	ReplayWindowSize       int              `xml:"replayWindowSize"`
	DpdTimeoutSeconds      int              `xml:"dpdTimeoutSeconds"`
	DpdTimeoutAction       string           `xml:"dpdTimeoutAction"`
	Phase1Encryption       []valueItem      `xml:"phase1EncryptionAlgorithmSet>item"`
	Phase2Encryption       []valueItem      `xml:"phase2EncryptionAlgorithmSet>item"`
	Phase1Integrity        []valueItem      `xml:"phase1IntegrityAlgorithmSet>item"`
	Phase2Integrity        []valueItem      `xml:"phase2IntegrityAlgorithmSet>item"`
	Phase1DHGroups         []numberItem     `xml:"phase1DHGroupNumberSet>item"`
	Phase2DHGroups         []numberItem     `xml:"phase2DHGroupNumberSet>item"`
	IkeVersions            []valueItem      `xml:"ikeVersionSet>item"`
	StartupAction          string           `xml:"startupAction"`
	LogOptions             tunnelLogOptions `xml:"logOptions"`
}

type vpnOptions struct {
	StaticRoutesOnly      bool           `xml:"staticRoutesOnly"`
	LocalIpv4NetworkCidr  string         `xml:"localIpv4NetworkCidr"`
	RemoteIpv4NetworkCidr string         `xml:"remoteIpv4NetworkCidr"`
	OutsideIPAddressType  string         `xml:"outsideIpAddressType"`
	TunnelInsideIPVersion string         `xml:"tunnelInsideIpVersion"`
	Tunnels               []tunnelOption `xml:"tunnelOptionSet>item"`
}

type staticRoute struct {
	DestinationCidrBlock string `xml:"destinationCidrBlock"`
	Source               string `xml:"source"`
	State                string `xml:"state"`
}

type telemetry struct {
	OutsideIPAddress string `xml:"outsideIpAddress"`
	Status           string `xml:"status"`
	LastStatusChange string `xml:"lastStatusChange"`
	StatusMessage    string `xml:"statusMessage"`
	// AcceptedRouteCount is optional (API_VgwTelemetry, Required: No):
	// nil leaves it out.
	AcceptedRouteCount *int `xml:"acceptedRouteCount,omitempty"`
	// advertised is how many prefixes the device advertises over BGP: what
	// the tunnel accepts while it is UP.
	advertised int
	// The TunnelState history before LastStatusChange (metrics.go): the
	// outages the log tells, and when the metric begins (zero: before the
	// window).
	downs       []span
	metricsFrom time.Time
}

type vpnConnection struct {
	ID                string `xml:"vpnConnectionId"`
	State             string `xml:"state"`
	Type              string `xml:"type"`
	Category          string `xml:"category"`
	CustomerGatewayID string `xml:"customerGatewayId"`
	// The service sends the device's configuration, both pre-shared keys
	// in clear, to anyone allowed DescribeVpnConnections: the emulator
	// does too, so tests prove vpnscope drops it.
	CustomerGatewayConfiguration string        `xml:"customerGatewayConfiguration"`
	VpnGatewayID                 string        `xml:"vpnGatewayId,omitempty"`
	TransitGatewayID             string        `xml:"transitGatewayId,omitempty"`
	GatewayAssociationState      string        `xml:"gatewayAssociationState"`
	Options                      vpnOptions    `xml:"options"`
	Routes                       []staticRoute `xml:"routes>item"`
	Telemetry                    []telemetry   `xml:"vgwTelemetry>item"`
	Tags                         []tag         `xml:"tagSet>item"`
}

type regionInfo struct {
	RegionName     string `xml:"regionName"`
	RegionEndpoint string `xml:"regionEndpoint"`
	OptInStatus    string `xml:"optInStatus"`
}
