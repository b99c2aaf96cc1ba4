package emulator

// The records the emulator keeps, in the EC2 Query API's XML shapes (the
// element names the service sends and the SDK reads), so an action's answer
// is the records themselves.

import "time"

type status struct {
	Code    string `xml:"code"`
	Message string `xml:"message,omitempty"`
}

type tag struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

type authOption struct {
	Type   string `xml:"type"`
	Mutual *struct {
		ClientRootCertificateChain string `xml:"clientRootCertificateChain"`
	} `xml:"mutualAuthentication,omitempty"`
	Directory *struct {
		DirectoryID string `xml:"directoryId"`
	} `xml:"activeDirectory,omitempty"`
	Federated *struct {
		SAMLProviderArn string `xml:"samlProviderArn"`
	} `xml:"federatedAuthentication,omitempty"`
}

type logOptions struct {
	Enabled  bool   `xml:"Enabled"`
	LogGroup string `xml:"CloudwatchLogGroup,omitempty"`
}

type endpoint struct {
	ID                   string       `xml:"clientVpnEndpointId"`
	Description          string       `xml:"description"`
	Status               status       `xml:"status"`
	CreationTime         string       `xml:"creationTime"`
	DNSName              string       `xml:"dnsName"`
	ClientCidrBlock      string       `xml:"clientCidrBlock"`
	SplitTunnel          bool         `xml:"splitTunnel"`
	VpnProtocol          string       `xml:"vpnProtocol"`
	TransportProtocol    string       `xml:"transportProtocol"`
	VpnPort              int          `xml:"vpnPort"`
	ServerCertificateArn string       `xml:"serverCertificateArn"`
	Authentication       []authOption `xml:"authenticationOptions>item"`
	Logging              logOptions   `xml:"connectionLogOptions"`
	Tags                 []tag        `xml:"tagSet>item"`
	SecurityGroupIDs     []string     `xml:"securityGroupIdSet>item"`
	VpcID                string       `xml:"vpcId"`
	SessionTimeoutHours  int          `xml:"sessionTimeoutHours"`

	vpcCidr     string
	connections []*connection // in the order they were made
	ended       []*connection // the terminated ones, in the order they ended
	lastSeq     uint64        // the newest connection's seq
	hosts       int           // client addresses given out
	networks    []targetNetwork
	routes      []route
	rules       []authorizationRule
	crlExpires  time.Time // the imported client CRL's next update; zero: none imported (metrics_clientvpn.go)
}

type connection struct {
	EndpointID      string   `xml:"clientVpnEndpointId"`
	Timestamp       string   `xml:"timestamp"`
	ID              string   `xml:"connectionId"`
	Username        string   `xml:"username,omitempty"`
	EstablishedTime string   `xml:"connectionEstablishedTime"`
	IngressBytes    string   `xml:"ingressBytes"`
	EgressBytes     string   `xml:"egressBytes"`
	IngressPackets  string   `xml:"ingressPackets"`
	EgressPackets   string   `xml:"egressPackets"`
	ClientIP        string   `xml:"clientIp"`
	CommonName      string   `xml:"commonName"`
	Status          status   `xml:"status"`
	EndTime         string   `xml:"connectionEndTime"`
	Posture         []string `xml:"postureComplianceStatusSet>item,omitempty"`

	seq     uint64    // order of creation on its endpoint, what NextToken names
	endedAt time.Time // when it was terminated; zero while open
	expired bool      // dropped from the list (an hour after it ended)
	// policyReset: the authorization policy's periodic evaluation denied
	// it during the session, and Client VPN reset it.
	policyReset bool
}

type targetNetwork struct {
	AssociationID  string   `xml:"associationId"`
	VpcID          string   `xml:"vpcId"`
	SubnetID       string   `xml:"targetNetworkId"`
	EndpointID     string   `xml:"clientVpnEndpointId"`
	Status         status   `xml:"status"`
	SecurityGroups []string `xml:"securityGroups>item"`
}

type route struct {
	EndpointID      string `xml:"clientVpnEndpointId"`
	DestinationCidr string `xml:"destinationCidr"`
	TargetSubnet    string `xml:"targetSubnet"`
	Type            string `xml:"type"`
	Origin          string `xml:"origin"`
	Status          status `xml:"status"`
	Description     string `xml:"description,omitempty"`
}

type authorizationRule struct {
	EndpointID      string `xml:"clientVpnEndpointId"`
	Description     string `xml:"description,omitempty"`
	GroupID         string `xml:"groupId,omitempty"`
	AccessAll       bool   `xml:"accessAll"`
	DestinationCidr string `xml:"destinationCidr"`
	Status          status `xml:"status"`
}
