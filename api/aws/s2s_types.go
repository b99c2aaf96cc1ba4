package aws

import (
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// Site-to-Site VPN, in vpnscope's terms: a gateway (virtual private gateway
// or transit gateway) has VPN connections; each connection has a customer
// gateway and two tunnels. A connection's CustomerGatewayConfiguration
// embeds both pre-shared keys in clear, so the mapping layer drops it: no
// type here has a field for it.

// Gateway kinds.
const (
	KindVGW = "vgw" // virtual private gateway
	KindTGW = "tgw" // transit gateway
)

// VPNGateway is a virtual private gateway or a transit gateway: what VPN
// connections attach to.
type VPNGateway struct {
	ID        string
	Kind      string // KindVGW or KindTGW
	Name      string // the Name tag
	State     string // vgw: pending, available, deleting, deleted; tgw: pending, available, modifying, deleting, deleted
	AmazonASN int64
	VpcIDs    []string // a VGW's attached VPCs
	// VPCAttachments is every attachment of a VGW the service lists, with
	// its state (attaching, attached, detaching, detached): the route
	// path reads the tables of each (routepath.go).
	VPCAttachments []VPCAttachment
	Created        time.Time
	Tags           []api.Tag
}

// VPCAttachment is a virtual private gateway's attachment to a VPC.
type VPCAttachment struct {
	VpcID string
	State string // attaching, attached, detaching, detached
}

// CustomerGateway is the customer's side of a VPN connection, as AWS knows it.
type CustomerGateway struct {
	ID             string
	Name           string
	IP             string
	ASN            string // a string: ASNs beyond 2^31 come in bgpAsnExtended
	State          string // pending, available, deleting, deleted
	DeviceName     string
	CertificateARN string
	// ReadErr is the error of the call that should have read it
	// (DescribeCustomerGateways): its values are unknown, not empty.
	ReadErr error
}

// UnreadCustomerGateway is customer gateway id, whose read failed with err.
func UnreadCustomerGateway(id string, err error) CustomerGateway {
	return CustomerGateway{ID: id, ReadErr: err}
}

// Or is v, one of g's values, as a screen shows it: "could not read
// (ec2:DescribeCustomerGateways)" when the read failed, "-" when AWS gave
// none.
func (g CustomerGateway) Or(v string) string {
	if v == "" && g.ReadErr != nil {
		return api.CouldNotRead("ec2", g.ReadErr)
	}
	return api.OrDash(v)
}

// Device names the customer's device in a sentence: "the device at
// 198.51.100.12"; "the device (its IP: could not read
// (ec2:DescribeCustomerGateways))" when its customer gateway could not be
// read; "the device" when AWS gives no IP.
func (g CustomerGateway) Device() string {
	switch {
	case g.IP != "":
		return "the device at " + g.IP
	case g.ReadErr != nil:
		return "the device (its IP: " + g.Or("") + ")"
	}
	return "the device"
}

// Peer is the device's end of a path in a sentence ("between %s and
// 203.0.113.5"): its IP, or Device's words when there is none to give.
func (g CustomerGateway) Peer() string {
	if g.IP != "" {
		return g.IP
	}
	return g.Device()
}

// VPNConnection is a Site-to-Site VPN connection with its two tunnels.
type VPNConnection struct {
	ID                string
	Name              string
	State             string // pending, available, deleting, deleted
	Type              string // ipsec.1
	Category          string // VPN (Classic VPN is VPN-Classic)
	GatewayID         string
	GatewayKind       string // KindVGW or KindTGW
	CustomerGatewayID string
	StaticRoutesOnly  bool
	LocalCIDR         string // the traffic selectors' sides (policy-based devices)
	RemoteCIDR        string
	Routes            []StaticRoute
	Tunnels           []Tunnel // in outside-IP order, as the service lists options
	Tags              []api.Tag
}

// VPNConnectionFilter narrows DescribeVpnConnections, as the service
// filters: by gateway (a vgw- or tgw- id) and by connection ids.
type VPNConnectionFilter struct {
	GatewayID     string
	ConnectionIDs []string
}

// StaticRoute is a route of a static connection.
type StaticRoute struct {
	Destination string
	Source      string // Static
	State       string // pending, available, deleting, deleted
}

// Tunnel is one of a connection's two tunnels: its telemetry and options.
type Tunnel struct {
	OutsideIP     string
	Status        string // UP, DOWN (API_VgwTelemetry); any other word is unknown
	StatusMessage string
	// LastStatusChange moves on any change of IKE (phase 1), IPsec
	// (phase 2) or BGP status (API_VgwTelemetry): the tunnel has been in
	// its status at least since then, perhaps longer.
	LastStatusChange time.Time
	// AcceptedRoutes is what BGP accepted from the tunnel; nil when the
	// service did not say (acceptedRouteCount is optional): unknown, never
	// read as 0.
	AcceptedRoutes *int
	CertificateARN string

	InsideCIDR       string
	PreSharedKey     api.Secret
	IKEVersions      []string // ikev1, ikev2
	Phase1Encryption []string
	Phase1Integrity  []string
	Phase1DHGroups   []int
	Phase2Encryption []string
	Phase2Integrity  []string
	Phase2DHGroups   []int
	Phase1Lifetime   int // seconds; 0 for any of these: not given, AWS's default applies
	Phase2Lifetime   int
	RekeyMargin      int
	RekeyFuzz        *int // percent; 0 is a value, nil was not given
	ReplayWindow     int
	DPDTimeout       int    // seconds
	DPDTimeoutAction string // clear, none, restart
	StartupAction    string // add, start
	Logging          bool
	LogGroupARN      string
	LogOutputFormat  string // json, text
	LifecycleControl bool
	// The BGP log (bgp_log.go): CloudWatchLogOptions BgpLogEnabled,
	// BgpLogGroupArn, BgpLogOutputFormat (json, text).
	BGPLogging         bool
	BGPLogGroupARN     string
	BGPLogOutputFormat string
}

// Up reports whether the tunnel is UP.
func (t Tunnel) Up() bool { return t.Status == "UP" }

// TunnelsUp counts a connection's tunnels that are UP.
func (c VPNConnection) TunnelsUp() int {
	n := 0
	for _, t := range c.Tunnels {
		if t.Up() {
			n++
		}
	}
	return n
}

// BGP reports whether the connection routes dynamically.
func (c VPNConnection) BGP() bool { return !c.StaticRoutesOnly }

// Routes is how many routes BGP accepted from the tunnel; known is false
// when the service did not say.
func (t Tunnel) Routes() (n int, known bool) {
	if t.AcceptedRoutes == nil {
		return 0, false
	}
	return *t.AcceptedRoutes, true
}

// Known is a number the service gave, for the optional ones
// (AcceptedRoutes, RekeyFuzz) whose absence is not 0.
func Known(n int) *int { return &n }

// AcceptedRoutes sums the routes the UP tunnels accepted over BGP (a DOWN
// tunnel's BGP session, inside it, has none); known is false when an UP
// tunnel's count was not given.
func (c VPNConnection) AcceptedRoutes() (n int, known bool) {
	known = true
	for _, t := range c.Tunnels {
		if !t.Up() {
			continue
		}
		r, ok := t.Routes()
		n, known = n+r, known && ok
	}
	return n, known
}

// LogGroupName is the name in a log group ARN
// (arn:aws:logs:region:account:log-group:NAME, maybe ending ":*"), which
// FilterLogEvents takes.
func LogGroupName(arn string) string {
	const marker = ":log-group:"
	for i := 0; i+len(marker) <= len(arn); i++ {
		if arn[i:i+len(marker)] == marker {
			name := arn[i+len(marker):]
			if n := len(name); n >= 2 && name[n-2:] == ":*" {
				name = name[:n-2]
			}
			return name
		}
	}
	return arn
}

// TunnelLogStream is the log stream a tunnel's activity goes to: AWS names
// it from the connection id and the tunnel's outside IP ("The log stream
// file name uses VpnConnectionID and TunnelOutsideIPAddress",
// docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-logs.html).
func TunnelLogStream(connectionID, outsideIP string) string {
	return connectionID + "-" + outsideIP
}
