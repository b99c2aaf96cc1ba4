package vpcclient

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// mapping.go is where the service's quirks stop: booleans sent as "true"
// strings, ASNs and lifetimes as strings in one struct and numbers in the
// next, comma-joined CIDR lists, millisecond and RFC 3339 timestamps.

func mapGateway(region string, g vpc.VpnGateway) alibaba.Gateway {
	return alibaba.Gateway{
		ID: g.VpnGatewayId, Name: g.Name, Description: g.Description, RegionID: region,
		VpcID: g.VpcId, VSwitchID: g.VSwitchId, Status: g.Status, BusinessStatus: g.BusinessStatus,
		Spec: g.Spec, VpnType: g.VpnType, NetworkType: g.NetworkType, ChargeType: g.ChargeType,
		InternetIP: g.InternetIp, DisasterRecoveryIP: g.DisasterRecoveryInternetIp, SSLVpnIP: g.SslVpnInternetIp,
		IPsecEnabled: enabled(g.IpsecVpn), SSLEnabled: enabled(g.SslVpn), SSLMaxConnections: int(g.SslMaxConnections),
		BGPEnabled: g.EnableBgp, AutoPropagate: g.AutoPropagate, ResourceGroupID: g.ResourceGroupId,
		Created: fromMillis(g.CreateTime), Expires: fromMillis(g.EndTime), Tags: mapGatewayTags(g.Tags.Tag),
	}
}

// mapGatewayDetail maps DescribeVpnGateway, whose response repeats the list
// item's fields at the top level.
func mapGatewayDetail(region string, g *vpc.DescribeVpnGatewayResponse) alibaba.Gateway {
	return alibaba.Gateway{
		ID: g.VpnGatewayId, Name: g.Name, Description: g.Description, RegionID: region,
		VpcID: g.VpcId, VSwitchID: g.VSwitchId, Status: g.Status, BusinessStatus: g.BusinessStatus,
		Spec: g.Spec, VpnType: g.VpnType, NetworkType: g.NetworkType, ChargeType: g.ChargeType,
		InternetIP: g.InternetIp, DisasterRecoveryIP: g.DisasterRecoveryInternetIp, SSLVpnIP: g.SslVpnInternetIp,
		IPsecEnabled: enabled(g.IpsecVpn), SSLEnabled: enabled(g.SslVpn), SSLMaxConnections: int(g.SslMaxConnections),
		BGPEnabled: g.EnableBgp, AutoPropagate: g.AutoPropagate, ResourceGroupID: g.ResourceGroupId,
		Created: fromMillis(g.CreateTime), Expires: fromMillis(g.EndTime), Tags: mapGatewayTags(g.Tags.Tag),
	}
}

// mapCustomerGateway keeps what a person troubleshooting needs; the BGP
// AuthKey the answer carries is a secret and is dropped here.
func mapCustomerGateway(g vpc.CustomerGateway) alibaba.CustomerGateway {
	return alibaba.CustomerGateway{ID: g.CustomerGatewayId, Name: g.Name, Description: g.Description,
		IP: g.IpAddress, ASN: g.Asn, Created: fromMillis(g.CreateTime)}
}

func mapGatewayTags(in []vpc.Tag) []api.Tag {
	if len(in) == 0 {
		return nil
	}
	out := make([]api.Tag, len(in))
	for i, t := range in {
		out[i] = api.Tag{Key: firstNonEmpty(t.Key, t.TagKey), Value: firstNonEmpty(t.Value, t.TagValue)}
	}
	return out
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func mapConnection(v vpc.VpnConnectionInDescribeVpnConnections) alibaba.Connection {
	c := alibaba.Connection{
		ID: v.VpnConnectionId, Name: v.Name, GatewayID: alibaba.Intern(v.VpnGatewayId), CustomerGatewayID: v.CustomerGatewayId,
		Status: alibaba.Intern(v.Status), State: alibaba.Intern(v.State),
		LocalSubnets: splitList(v.LocalSubnet), RemoteSubnets: splitList(v.RemoteSubnet),
		NATTraversal: v.EnableNatTraversal, DPD: v.EnableDpd, EffectImmediately: v.EffectImmediately,
		IKE:         mapIKE(v.IkeConfig),
		IPsec:       mapIPsec(v.IpsecConfig),
		HealthCheck: mapHealthCheck(v.VcoHealthCheck),
		BGP:         mapBGP(v.VpnBgpConfig),
		TunnelsBGP:  v.EnableTunnelsBgp, AttachType: alibaba.Intern(v.AttachType), AttachInstanceID: alibaba.Intern(v.AttachInstanceId),
		NetworkType: alibaba.Intern(v.NetworkType), Spec: alibaba.Intern(v.Spec), TransitRouterID: v.TransitRouterId, TransitRouterName: v.TransitRouterName,
		CrossAccountAuthorized: v.CrossAccountAuthorized, InternetIP: v.InternetIp, RemoteCACert: v.RemoteCaCertificate,
		ResourceGroupID: v.ResourceGroupId, Created: fromMillis(v.CreateTime),
	}
	for _, t := range v.Tag.TagItem {
		c.Tags = append(c.Tags, api.Tag{Key: t.Key, Value: t.Value})
	}
	if opts := v.TunnelOptionsSpecification.TunnelOptions; len(opts) > 0 {
		c.TunnelOptions = make([]alibaba.Tunnel, 0, len(opts))
		for _, t := range opts {
			c.TunnelOptions = append(c.TunnelOptions, mapTunnel(t, c.TunnelsBGP))
		}
	}
	return c
}

func mapTunnel(t vpc.TunnelOptions, bgpEnabled bool) alibaba.Tunnel {
	b := t.TunnelBgpConfig
	return alibaba.Tunnel{
		ID: t.TunnelId, Role: alibaba.Intern(t.Role), State: alibaba.Intern(t.State), Status: alibaba.Intern(t.Status), Zone: alibaba.Intern(t.ZoneNo),
		InternetIP: alibaba.Intern(t.InternetIp), CustomerGatewayID: t.CustomerGatewayId,
		NATTraversal: enabled(t.EnableNatTraversal), DPD: enabled(t.EnableDpd), RemoteCACert: t.RemoteCaCertificate,
		BGP: alibaba.BGPConfig{
			Enabled: bgpEnabled && (b.LocalBgpIp != "" || b.BgpStatus != ""), Status: alibaba.Intern(b.BgpStatus),
			LocalASN: parseInt(b.LocalAsn), PeerASN: parseInt(b.PeerAsn),
			LocalIP: b.LocalBgpIp, PeerIP: b.PeerBgpIp, TunnelCIDR: b.TunnelCidr,
		},
		IKE: alibaba.IKEConfig{
			Version: alibaba.Intern(t.TunnelIkeConfig.IkeVersion), Mode: alibaba.Intern(t.TunnelIkeConfig.IkeMode),
			EncAlg: alibaba.Intern(t.TunnelIkeConfig.IkeEncAlg), AuthAlg: alibaba.Intern(t.TunnelIkeConfig.IkeAuthAlg),
			DHGroup: alibaba.Intern(t.TunnelIkeConfig.IkePfs), LifetimeSeconds: parseInt(t.TunnelIkeConfig.IkeLifetime),
			LocalID: alibaba.Intern(t.TunnelIkeConfig.LocalId), RemoteID: t.TunnelIkeConfig.RemoteId,
			PSK: api.NewSecret(t.TunnelIkeConfig.Psk),
		},
		IPsec: alibaba.IPsecConfig{
			EncAlg: alibaba.Intern(t.TunnelIpsecConfig.IpsecEncAlg), AuthAlg: alibaba.Intern(t.TunnelIpsecConfig.IpsecAuthAlg),
			PFS: alibaba.Intern(t.TunnelIpsecConfig.IpsecPfs), LifetimeSeconds: parseInt(t.TunnelIpsecConfig.IpsecLifetime),
		},
	}
}

func mapIKE(k vpc.IkeConfig) alibaba.IKEConfig {
	return alibaba.IKEConfig{
		Version: alibaba.Intern(k.IkeVersion), Mode: alibaba.Intern(k.IkeMode), EncAlg: alibaba.Intern(k.IkeEncAlg), AuthAlg: alibaba.Intern(k.IkeAuthAlg),
		DHGroup: alibaba.Intern(k.IkePfs), LifetimeSeconds: k.IkeLifetime, LocalID: alibaba.Intern(k.LocalId), RemoteID: k.RemoteId,
		PSK: api.NewSecret(k.Psk),
	}
}

func mapIPsec(p vpc.IpsecConfig) alibaba.IPsecConfig {
	return alibaba.IPsecConfig{EncAlg: alibaba.Intern(p.IpsecEncAlg), AuthAlg: alibaba.Intern(p.IpsecAuthAlg), PFS: alibaba.Intern(p.IpsecPfs),
		LifetimeSeconds: p.IpsecLifetime}
}

func mapHealthCheck(h vpc.VcoHealthCheck) alibaba.HealthCheck {
	return alibaba.HealthCheck{
		Enabled: enabled(h.Enable), Status: alibaba.Intern(h.Status), SourceIP: h.Sip, DestIP: h.Dip,
		Interval: h.Interval, Retry: h.Retry, Policy: alibaba.Intern(h.Policy),
	}
}

func mapBGP(b vpc.VpnBgpConfig) alibaba.BGPConfig {
	on := enabled(b.EnableBgp) || (b.EnableBgp == "" && (b.LocalBgpIp != "" || b.Status != ""))
	return alibaba.BGPConfig{
		Enabled: on, Status: alibaba.Intern(b.Status), LocalASN: b.LocalAsn, PeerASN: b.PeerAsn,
		LocalIP: b.LocalBgpIp, PeerIP: b.PeerBgpIp, TunnelCIDR: b.TunnelCidr, AuthKey: api.NewSecret(b.AuthKey),
	}
}

func mapSSLClient(v vpc.ClientInfo) alibaba.SSLClient {
	return alibaba.SSLClient{
		CommonName: v.CommonName, IP: v.Ip, Port: v.Port, PrivateIP: v.PrivateIp, Status: v.Status,
		ConnectedAt: fromMillis(v.ConnectedTime), SentBytes: v.SendBytes, ReceivedBytes: v.ReceiveBytes,
	}
}

func mapIPsecServer(v vpc.IpsecServer) alibaba.IPsecServer {
	return alibaba.IPsecServer{
		ID: v.IpsecServerId, Name: v.IpsecServerName, GatewayID: v.VpnGatewayId, RegionID: v.RegionId,
		InternetIP: v.InternetIp, OnlineClients: v.OnlineClientCount, MaxConnections: v.MaxConnections,
		ClientIPPool: v.ClientIpPool, LocalSubnets: splitList(v.LocalSubnet),
		PSKEnabled: v.PskEnabled, PSK: api.NewSecret(v.Psk), MFAEnabled: v.MultiFactorAuthEnabled,
		IDaaSInstanceID: v.IDaaSInstanceId, EffectImmediately: v.EffectImmediately,
		IKE:             mapIKE(v.IkeConfig),
		IPsec:           mapIPsec(v.IpsecConfig),
		ResourceGroupID: v.ResourceGroupId, Created: parseRFC3339(v.CreationTime),
	}
}

func mapSSLServer(v vpc.SslVpnServer) alibaba.SSLServer {
	return alibaba.SSLServer{
		ID: v.SslVpnServerId, Name: v.Name, GatewayID: v.VpnGatewayId, RegionID: v.RegionId,
		InternetIP: v.InternetIp, LocalSubnets: splitList(v.LocalSubnet), ClientIPPool: v.ClientIpPool,
		Cipher: v.Cipher, Proto: v.Proto, Port: v.Port, Compress: v.Compress,
		Connections: v.Connections, MaxConnections: v.MaxConnections,
		MFAEnabled: v.EnableMultiFactorAuth, IDaaSInstanceID: v.IDaaSInstanceId, IDaaSRegionID: v.IDaaSRegionId,
		Created: fromMillis(v.CreateTime),
	}
}

// enabled reads the service's on/off spellings: "enable", "true", "on".
func enabled(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "enable", "enabled", "true", "on", "1":
		return true
	}
	return false
}

func splitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, alibaba.Intern(p))
		}
	}
	return slices.Clip(out)
}

func parseInt(s string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n
}

func fromMillis(ms int64) time.Time {
	if ms <= 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func parseRFC3339(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}
