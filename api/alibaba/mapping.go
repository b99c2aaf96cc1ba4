package alibaba

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// mapping.go is where the service's quirks stop: booleans sent as "true"
// strings, ASNs and lifetimes as strings in one struct and numbers in the
// next, comma-joined CIDR lists, millisecond and RFC 3339 timestamps.

func mapGateway(region string, g vpc.VpnGateway) Gateway {
	return Gateway{
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
func mapGatewayDetail(region string, g *vpc.DescribeVpnGatewayResponse) Gateway {
	return Gateway{
		ID: g.VpnGatewayId, Name: g.Name, Description: g.Description, RegionID: region,
		VpcID: g.VpcId, VSwitchID: g.VSwitchId, Status: g.Status, BusinessStatus: g.BusinessStatus,
		Spec: g.Spec, VpnType: g.VpnType, NetworkType: g.NetworkType, ChargeType: g.ChargeType,
		InternetIP: g.InternetIp, DisasterRecoveryIP: g.DisasterRecoveryInternetIp, SSLVpnIP: g.SslVpnInternetIp,
		IPsecEnabled: enabled(g.IpsecVpn), SSLEnabled: enabled(g.SslVpn), SSLMaxConnections: int(g.SslMaxConnections),
		BGPEnabled: g.EnableBgp, AutoPropagate: g.AutoPropagate, ResourceGroupID: g.ResourceGroupId,
		Created: fromMillis(g.CreateTime), Expires: fromMillis(g.EndTime), Tags: mapGatewayTags(g.Tags.Tag),
	}
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

func mapConnection(v vpc.VpnConnectionInDescribeVpnConnections) Connection {
	c := Connection{
		ID: v.VpnConnectionId, Name: v.Name, GatewayID: intern(v.VpnGatewayId), CustomerGatewayID: v.CustomerGatewayId,
		Status: intern(v.Status), State: intern(v.State),
		LocalSubnets: splitList(v.LocalSubnet), RemoteSubnets: splitList(v.RemoteSubnet),
		NATTraversal: v.EnableNatTraversal, DPD: v.EnableDpd, EffectImmediately: v.EffectImmediately,
		IKE:         mapIKE(v.IkeConfig),
		IPsec:       mapIPsec(v.IpsecConfig),
		HealthCheck: mapHealthCheck(v.VcoHealthCheck),
		BGP:         mapBGP(v.VpnBgpConfig),
		TunnelsBGP:  v.EnableTunnelsBgp, AttachType: intern(v.AttachType), AttachInstanceID: intern(v.AttachInstanceId),
		NetworkType: intern(v.NetworkType), Spec: intern(v.Spec), TransitRouterID: v.TransitRouterId, TransitRouterName: v.TransitRouterName,
		CrossAccountAuthorized: v.CrossAccountAuthorized, InternetIP: v.InternetIp, RemoteCACert: v.RemoteCaCertificate,
		ResourceGroupID: v.ResourceGroupId, Created: fromMillis(v.CreateTime),
	}
	for _, t := range v.Tag.TagItem {
		c.Tags = append(c.Tags, api.Tag{Key: t.Key, Value: t.Value})
	}
	if opts := v.TunnelOptionsSpecification.TunnelOptions; len(opts) > 0 {
		c.TunnelOptions = make([]Tunnel, 0, len(opts))
		for _, t := range opts {
			c.TunnelOptions = append(c.TunnelOptions, mapTunnel(t, c.TunnelsBGP))
		}
	}
	return c
}

func mapTunnel(t vpc.TunnelOptions, bgpEnabled bool) Tunnel {
	b := t.TunnelBgpConfig
	return Tunnel{
		ID: t.TunnelId, Role: intern(t.Role), State: intern(t.State), Status: intern(t.Status), Zone: intern(t.ZoneNo),
		InternetIP: intern(t.InternetIp), CustomerGatewayID: t.CustomerGatewayId,
		NATTraversal: enabled(t.EnableNatTraversal), DPD: enabled(t.EnableDpd), RemoteCACert: t.RemoteCaCertificate,
		BGP: BGPConfig{
			Enabled: bgpEnabled && (b.LocalBgpIp != "" || b.BgpStatus != ""), Status: intern(b.BgpStatus),
			LocalASN: parseInt(b.LocalAsn), PeerASN: parseInt(b.PeerAsn),
			LocalIP: b.LocalBgpIp, PeerIP: b.PeerBgpIp, TunnelCIDR: b.TunnelCidr,
		},
		IKE: IKEConfig{
			Version: intern(t.TunnelIkeConfig.IkeVersion), Mode: intern(t.TunnelIkeConfig.IkeMode),
			EncAlg: intern(t.TunnelIkeConfig.IkeEncAlg), AuthAlg: intern(t.TunnelIkeConfig.IkeAuthAlg),
			DHGroup: intern(t.TunnelIkeConfig.IkePfs), LifetimeSeconds: parseInt(t.TunnelIkeConfig.IkeLifetime),
			LocalID: intern(t.TunnelIkeConfig.LocalId), RemoteID: t.TunnelIkeConfig.RemoteId,
			PSK: api.NewSecret(t.TunnelIkeConfig.Psk),
		},
		IPsec: IPsecConfig{
			EncAlg: intern(t.TunnelIpsecConfig.IpsecEncAlg), AuthAlg: intern(t.TunnelIpsecConfig.IpsecAuthAlg),
			PFS: intern(t.TunnelIpsecConfig.IpsecPfs), LifetimeSeconds: parseInt(t.TunnelIpsecConfig.IpsecLifetime),
		},
	}
}

func mapIKE(k vpc.IkeConfig) IKEConfig {
	return IKEConfig{
		Version: intern(k.IkeVersion), Mode: intern(k.IkeMode), EncAlg: intern(k.IkeEncAlg), AuthAlg: intern(k.IkeAuthAlg),
		DHGroup: intern(k.IkePfs), LifetimeSeconds: k.IkeLifetime, LocalID: intern(k.LocalId), RemoteID: k.RemoteId,
		PSK: api.NewSecret(k.Psk),
	}
}

func mapIPsec(p vpc.IpsecConfig) IPsecConfig {
	return IPsecConfig{EncAlg: intern(p.IpsecEncAlg), AuthAlg: intern(p.IpsecAuthAlg), PFS: intern(p.IpsecPfs),
		LifetimeSeconds: p.IpsecLifetime}
}

func mapHealthCheck(h vpc.VcoHealthCheck) HealthCheck {
	return HealthCheck{
		Enabled: enabled(h.Enable), Status: intern(h.Status), SourceIP: h.Sip, DestIP: h.Dip,
		Interval: h.Interval, Retry: h.Retry, Policy: intern(h.Policy),
	}
}

func mapBGP(b vpc.VpnBgpConfig) BGPConfig {
	on := enabled(b.EnableBgp) || (b.EnableBgp == "" && (b.LocalBgpIp != "" || b.Status != ""))
	return BGPConfig{
		Enabled: on, Status: intern(b.Status), LocalASN: b.LocalAsn, PeerASN: b.PeerAsn,
		LocalIP: b.LocalBgpIp, PeerIP: b.PeerBgpIp, TunnelCIDR: b.TunnelCidr, AuthKey: api.NewSecret(b.AuthKey),
	}
}

func mapSSLClient(v vpc.ClientInfo) SSLClient {
	return SSLClient{
		CommonName: v.CommonName, IP: v.Ip, Port: v.Port, PrivateIP: v.PrivateIp, Status: v.Status,
		ConnectedAt: fromMillis(v.ConnectedTime), SentBytes: v.SendBytes, ReceivedBytes: v.ReceiveBytes,
	}
}

func mapIPsecServer(v vpc.IpsecServer) IPsecServer {
	return IPsecServer{
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

func mapSSLServer(v vpc.SslVpnServer) SSLServer {
	return SSLServer{
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
			out = append(out, intern(p))
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
