package emulator

import "time"

// The records the emulator keeps, in the service's own JSON shapes (field
// names, string-or-number choices and list wrappers as the service sends
// them), so an action's answer is the record itself.

type region struct {
	RegionId       string
	LocalName      string
	RegionEndpoint string
}

type tagItem struct {
	Key   string
	Value string
}

type gateway struct {
	VpnGatewayId               string
	Name                       string
	Description                string
	VpcId                      string
	VSwitchId                  string
	Status                     string
	BusinessStatus             string
	Spec                       string
	VpnType                    string
	NetworkType                string
	ChargeType                 string
	InternetIp                 string
	DisasterRecoveryInternetIp string
	DisasterRecoveryVSwitchId  string
	SslVpnInternetIp           string
	IpsecVpn                   string
	SslVpn                     string
	SslMaxConnections          int
	EnableBgp                  bool
	AutoPropagate              bool
	ResourceGroupId            string
	CreateTime                 int64
	EndTime                    int64
	Tags                       struct{ Tag []tagItem }

	// updatingUntil is when a configuration change finishes; until then
	// the gateway reports Status "updating".
	updatingUntil time.Time `json:"-"`
}

type ikeConfig struct {
	IkeVersion  string
	IkeMode     string
	IkeEncAlg   string
	IkeAuthAlg  string
	IkePfs      string
	IkeLifetime int64
	LocalId     string
	RemoteId    string
	Psk         string `json:",omitempty"`
}

type ipsecConfig struct {
	IpsecEncAlg   string
	IpsecAuthAlg  string
	IpsecPfs      string
	IpsecLifetime int64
}

type healthCheck struct {
	Enable   string
	Status   string
	Sip      string
	Dip      string
	Interval int
	Retry    int
	Policy   string
}

// bgpConfig: the service sends PeerAsn as a string and LocalAsn as a
// number in the same object, as the reference sample shows.
type bgpConfig struct {
	EnableBgp  string
	Status     string
	PeerBgpIp  string
	LocalBgpIp string
	TunnelCidr string
	PeerAsn    string
	LocalAsn   int64
	AuthKey    string
}

// Tunnel options carry every value as a string.
type tunnelIke struct {
	IkeVersion  string
	IkeMode     string
	IkeEncAlg   string
	IkeAuthAlg  string
	IkePfs      string
	IkeLifetime string
	LocalId     string
	RemoteId    string
	Psk         string
}

type tunnelIpsec struct {
	IpsecEncAlg   string
	IpsecAuthAlg  string
	IpsecPfs      string
	IpsecLifetime string
}

type tunnelBgp struct {
	BgpStatus  string
	LocalAsn   string
	PeerAsn    string
	LocalBgpIp string
	PeerBgpIp  string
	TunnelCidr string
}

type tunnelOptions struct {
	TunnelId            string
	TunnelIndex         int
	Role                string
	State               string
	Status              string
	ZoneNo              string
	InternetIp          string
	CustomerGatewayId   string
	EnableDpd           string
	EnableNatTraversal  string
	RemoteCaCertificate string `json:",omitempty"`
	TunnelBgpConfig     tunnelBgp
	TunnelIkeConfig     tunnelIke
	TunnelIpsecConfig   tunnelIpsec
}

type connection struct {
	VpnConnectionId            string
	Name                       string
	VpnGatewayId               string
	CustomerGatewayId          string
	Status                     string
	State                      string
	LocalSubnet                string
	RemoteSubnet               string
	EnableNatTraversal         bool
	EnableDpd                  bool
	EffectImmediately          bool
	RemoteCaCertificate        string `json:",omitempty"`
	CreateTime                 int64
	AttachType                 string `json:",omitempty"`
	AttachInstanceId           string `json:",omitempty"`
	NetworkType                string `json:",omitempty"`
	Spec                       string `json:",omitempty"`
	TransitRouterId            string `json:",omitempty"`
	TransitRouterName          string `json:",omitempty"`
	CrossAccountAuthorized     bool
	InternetIp                 string `json:",omitempty"`
	EnableTunnelsBgp           bool
	ResourceGroupId            string `json:",omitempty"`
	IkeConfig                  ikeConfig
	IpsecConfig                ipsecConfig
	VcoHealthCheck             healthCheck
	VpnBgpConfig               bgpConfig
	Tag                        struct{ Tag []tagItem }
	TunnelOptionsSpecification *struct{ TunnelOptions []tunnelOptions } `json:",omitempty"`

	// failure names the log pattern this connection's failing phase shows.
	failure int `json:"-"`
	// history is the status changes it went through (logs.go), so its
	// negotiation log shows a flap.
	history []statusChange `json:"-"`
}

type sslClient struct {
	CommonName    string
	Ip            string
	Port          string
	PrivateIp     string
	Status        string
	ConnectedTime int64
	SendBytes     int64
	ReceiveBytes  int64
}

type ipsecServer struct {
	IpsecServerId          string
	IpsecServerName        string
	VpnGatewayId           string
	RegionId               string
	InternetIp             string
	OnlineClientCount      int
	MaxConnections         int
	ClientIpPool           string
	LocalSubnet            string
	Psk                    string
	PskEnabled             bool
	MultiFactorAuthEnabled bool
	IDaaSInstanceId        string
	EffectImmediately      bool
	CreationTime           string
	ResourceGroupId        string
	IkeConfig              ikeConfig
	IpsecConfig            ipsecConfig
}

type sslServer struct {
	SslVpnServerId        string
	Name                  string
	VpnGatewayId          string
	RegionId              string
	InternetIp            string
	LocalSubnet           string
	ClientIpPool          string
	Cipher                string
	Proto                 string
	Port                  int
	Compress              bool
	Connections           int
	MaxConnections        int
	EnableMultiFactorAuth bool
	IDaaSInstanceId       string
	IDaaSRegionId         string
	CreateTime            int64
}

// regionData is everything in one region.
type regionData struct {
	info        region
	gateways    []*gateway // newest first, as the service lists them
	connections map[string][]*connection
	// attached are the connections attached to a transit router: they
	// belong to no VPN gateway (AttachType CEN, VpnGatewayId empty).
	attached []*connection
	clients  map[string][]sslClient
	ipsec    []*ipsecServer
	ssl      []*sslServer
	cgws     []*customerGateway        // every connection's peer device, each once
	scale    scaleGateway              // Config.ScaleConnections, if set
	routes   map[string]*gatewayRoutes // by gateway id, made on first use (routes_world.go)
}

func (r *regionData) gateway(id string) *gateway {
	for _, g := range r.gateways {
		if g.VpnGatewayId == id {
			return g
		}
	}
	return nil
}

// hasSSLServer reports whether gateway id has an SSL server, which its
// SSL clients connect to.
func (r *regionData) hasSSLServer(id string) bool {
	for _, v := range r.ssl {
		if v.VpnGatewayId == id {
			return true
		}
	}
	return false
}

func (r *regionData) connection(id string) *connection {
	for _, cs := range r.connections {
		for _, c := range cs {
			if c.VpnConnectionId == id {
				return c
			}
		}
	}
	for _, c := range r.attached {
		if c.VpnConnectionId == id {
			return c
		}
	}
	return nil
}

// allConnections is every connection of the region, as DescribeVpnConnections
// lists them without a VpnGatewayId: each gateway's in the gateways' order,
// then those attached to a transit router.
func (r *regionData) allConnections() []*connection {
	var list []*connection
	for _, g := range r.gateways {
		list = append(list, r.connections[g.VpnGatewayId]...)
	}
	return append(list, r.attached...)
}
