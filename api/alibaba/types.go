package alibaba

import (
	"slices"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// The domain types the TUI works with. They carry every field a person
// troubleshooting a tunnel looks at, in Go types: times are time.Time,
// booleans are bool, lists are slices. The service's mixed encodings stop in
// mapping.go.

// Gateway is a VPN gateway.
type Gateway struct {
	ID                 string
	Name               string
	Description        string
	RegionID           string
	VpcID              string
	VSwitchID          string
	Status             string // init, provisioning, active, updating, deleting
	BusinessStatus     string // Normal, FinancialLocked
	Spec               string
	VpnType            string
	NetworkType        string
	ChargeType         string
	InternetIP         string
	DisasterRecoveryIP string // the second IP of a dual-tunnel gateway
	SSLVpnIP           string
	IPsecEnabled       bool
	SSLEnabled         bool
	SSLMaxConnections  int
	BGPEnabled         bool
	AutoPropagate      bool
	ResourceGroupID    string
	Created            time.Time
	Expires            time.Time
	Tags               []api.Tag
}

// IKEConfig is the phase 1 configuration.
type IKEConfig struct {
	Version         string // ikev1, ikev2
	Mode            string // main, aggressive
	EncAlg          string
	AuthAlg         string
	DHGroup         string // the service calls it IkePfs
	LifetimeSeconds int64
	LocalID         string
	RemoteID        string
	PSK             api.Secret
}

// IPsecConfig is the phase 2 configuration.
type IPsecConfig struct {
	EncAlg          string
	AuthAlg         string
	PFS             string
	LifetimeSeconds int64
}

// BGPConfig is the BGP session of a connection or tunnel.
type BGPConfig struct {
	Enabled    bool
	Status     string // success, false (down), or empty when unknown
	LocalASN   int64
	PeerASN    int64
	LocalIP    string
	PeerIP     string
	TunnelCIDR string
	AuthKey    api.Secret
}

// HealthCheck is a connection's health check.
type HealthCheck struct {
	Enabled  bool
	Status   string // success, failed
	SourceIP string
	DestIP   string
	Interval int
	Retry    int
	Policy   string // revoke_route, reserve_route
}

// Tunnel is one IPsec tunnel. A single-tunnel connection has one, built from
// the connection's own fields (Synthetic is then true and ID is the
// connection's), so the TUI treats both modes alike.
type Tunnel struct {
	ID                string
	Role              string // master, slave
	State             string // active, updating, deleting
	Status            string // ike_sa_not_established ... ipsec_sa_established
	Zone              string
	InternetIP        string
	CustomerGatewayID string
	NATTraversal      bool
	DPD               bool
	BGP               BGPConfig
	IKE               IKEConfig
	IPsec             IPsecConfig
	RemoteCACert      string
	Synthetic         bool
}

// Connection is an IPsec-VPN connection.
type Connection struct {
	ID                     string
	Name                   string
	GatewayID              string
	CustomerGatewayID      string
	Status                 string
	State                  string
	LocalSubnets           []string
	RemoteSubnets          []string
	NATTraversal           bool
	DPD                    bool
	EffectImmediately      bool
	IKE                    IKEConfig
	IPsec                  IPsecConfig
	HealthCheck            HealthCheck
	BGP                    BGPConfig
	TunnelsBGP             bool
	AttachType             string
	AttachInstanceID       string
	NetworkType            string
	Spec                   string
	TransitRouterID        string
	TransitRouterName      string
	CrossAccountAuthorized bool
	InternetIP             string
	RemoteCACert           string
	ResourceGroupID        string
	Created                time.Time
	Tags                   []api.Tag
	// TunnelOptions are the tunnels of a dual-tunnel connection, as the
	// service reports them; empty for a single-tunnel connection. Use
	// Tunnels to treat both modes alike.
	TunnelOptions []Tunnel
}

// PeerID is the customer gateway the connection ends at: its own, or in
// dual-tunnel mode the first tunnel's when the connection names none.
func (c Connection) PeerID() string {
	if c.CustomerGatewayID != "" {
		return c.CustomerGatewayID
	}
	for _, t := range c.TunnelOptions {
		if t.CustomerGatewayID != "" {
			return t.CustomerGatewayID
		}
	}
	return ""
}

// PeerIDs are the customer gateways the connection and its tunnels name,
// each once: in dual-tunnel mode each tunnel has its own.
func (c Connection) PeerIDs() []string {
	var out []string
	add := func(id string) {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	add(c.CustomerGatewayID)
	for _, t := range c.TunnelOptions {
		add(t.CustomerGatewayID)
	}
	return out
}

// DualTunnel reports whether the connection is in dual-tunnel mode.
func (c Connection) DualTunnel() bool { return len(c.TunnelOptions) > 0 }

// Tunnels returns the connection's tunnels: its two tunnels in dual-tunnel
// mode, or one built from the connection's own fields. The single tunnel is
// built on each call rather than stored, which halves the memory a long
// list of single-tunnel connections holds.
func (c Connection) Tunnels() []Tunnel {
	if len(c.TunnelOptions) > 0 {
		return c.TunnelOptions
	}
	return []Tunnel{c.singleTunnel()}
}

func (c *Connection) singleTunnel() Tunnel {
	return Tunnel{
		ID: c.ID, Role: "master", State: c.State, Status: c.Status, InternetIP: c.InternetIP,
		CustomerGatewayID: c.CustomerGatewayID, NATTraversal: c.NATTraversal, DPD: c.DPD,
		BGP: c.BGP, IKE: c.IKE, IPsec: c.IPsec, RemoteCACert: c.RemoteCACert, Synthetic: true,
	}
}

// tunnelCount and tunnelAt walk the tunnels without building a slice (a
// value, not a pointer, so nothing escapes): the list asks for verdicts
// several times per row on every frame.
func (c *Connection) tunnelCount() int { return max(len(c.TunnelOptions), 1) }

func (c *Connection) tunnelAt(i int) Tunnel {
	if len(c.TunnelOptions) == 0 {
		return c.singleTunnel()
	}
	return c.TunnelOptions[i]
}

// CustomerGateway is the on-premises device a connection's tunnels end at,
// as DescribeCustomerGateways gives it: the public IP the device negotiates
// from and, when it speaks BGP, its ASN. Its BGP AuthKey, a secret, is not
// kept.
type CustomerGateway struct {
	ID          string
	Name        string
	Description string
	IP          string
	ASN         int64 // 0: none set (the ASN is optional, for BGP only)
	Created     time.Time
}

// SSLClient is a client connected over SSL-VPN.
type SSLClient struct {
	CommonName    string
	IP            string
	Port          string
	PrivateIP     string
	Status        string
	ConnectedAt   time.Time
	SentBytes     int64 // gateway to client
	ReceivedBytes int64 // client to gateway
}

// IPsecServer is a client-to-site IPsec server.
type IPsecServer struct {
	ID                string
	Name              string
	GatewayID         string
	RegionID          string
	InternetIP        string
	OnlineClients     int
	MaxConnections    int
	ClientIPPool      string
	LocalSubnets      []string
	PSKEnabled        bool
	PSK               api.Secret
	MFAEnabled        bool
	IDaaSInstanceID   string
	EffectImmediately bool
	IKE               IKEConfig
	IPsec             IPsecConfig
	ResourceGroupID   string
	Created           time.Time
}

// SSLServer is a gateway's SSL-VPN server.
type SSLServer struct {
	ID              string
	Name            string
	GatewayID       string
	RegionID        string
	InternetIP      string
	LocalSubnets    []string
	ClientIPPool    string
	Cipher          string
	Proto           string
	Port            int
	Compress        bool
	Connections     int
	MaxConnections  int
	MFAEnabled      bool
	IDaaSInstanceID string
	IDaaSRegionID   string
	Created         time.Time
}

// SSLServerSpec is what CreateSslVpnServer sends.
type SSLServerSpec struct {
	GatewayID       string
	Name            string
	ClientIPPool    string
	LocalSubnets    []string
	Proto           string // TCP or UDP
	Cipher          string
	Port            int
	Compress        bool
	MFA             bool
	IDaaSInstanceID string
	IDaaSRegionID   string
}

// CreatedSSLServer is CreateSslVpnServer's answer.
type CreatedSSLServer struct {
	ID        string
	Name      string
	RequestID string
}

// LogQuery selects negotiation log lines of a connection, or of one tunnel
// of a dual-tunnel connection, over [From, To].
type LogQuery struct {
	ConnectionID string
	TunnelID     string
	From, To     time.Time
}

// ServiceDiagnosis is the service's own diagnosis of a connection or one of
// its tunnels (DiagnoseVpnConnections).
type ServiceDiagnosis struct {
	ConnectionID   string
	TunnelID       string
	Severity       string // Critical, Warn, Normal
	Code           string // FailedReasonCode
	Reason         string // FailedReason
	FailedAt       time.Time
	SourceLog      string
	MismatchLocal  string
	MismatchRemote string
}
