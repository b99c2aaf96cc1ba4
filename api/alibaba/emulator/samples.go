package emulator

import "time"

// The records from the reference pages' JSON samples, verbatim, so a test
// can show that what the SDK decodes from the emulator equals the sample.
// Their gateways are added to hold them.

// SampleConnectionID, SampleSSLClientGatewayID and SampleIPsecServerID name
// the sample records for tests.
const (
	SampleGatewayID          = "vpn-bp1q8bgx4xnkm****"
	SampleConnectionID       = "vco-bp10lz7aejumd****"
	SampleIPsecGatewayID     = "vpn-bp1q8bgx4xnkm2ogj****"
	SampleIPsecServerID      = "iss-bp1bo3xuvcxo7ixll****"
	SampleSSLClientGatewayID = "vpn-gw8gfb947ctddabja****"
)

func addSamples(world map[string]*regionData, now time.Time) {
	hz := world["cn-hangzhou"]
	created := now.Add(-30 * 24 * time.Hour).UnixMilli()

	sampleGW := &gateway{VpnGatewayId: SampleGatewayID, Name: "nametest", VpcId: "vpc-bp1sample0000000001",
		Status: "active", BusinessStatus: "Normal", Spec: "10M", VpnType: "Normal", NetworkType: "public",
		ChargeType: "PostPay", InternetIp: "139.17.10.10", IpsecVpn: "enable", SslVpn: "disable",
		SslMaxConnections: 5, CreateTime: created}
	conn := &connection{
		Status: "ipsec_sa_established", EnableNatTraversal: true,
		RemoteCaCertificate: "-----BEGIN CERTIFICATE----- MIIB7zCCAZW**** -----END CERTIFICATE----- ",
		CreateTime:          1492753817000, EffectImmediately: true, VpnGatewayId: SampleGatewayID, State: "active",
		LocalSubnet: "192.168.0.0/16,172.17.0.0/16", VpnConnectionId: SampleConnectionID,
		RemoteSubnet: "10.0.0.0/8,172.16.0.0/16", CustomerGatewayId: "cgw-bp1mvj4g9kogw****",
		Name: "nametest", EnableDpd: true,
		IkeConfig: ikeConfig{RemoteId: "139.17.XX.XX", IkeLifetime: 86400, IkeEncAlg: "aes", LocalId: "116.64.XX.XX",
			IkeMode: "main", IkeVersion: "ikev1", IkePfs: "group2", Psk: "pgw6dy7****", IkeAuthAlg: "sha1"},
		IpsecConfig: ipsecConfig{IpsecAuthAlg: "sha1", IpsecLifetime: 86400, IpsecEncAlg: "aes", IpsecPfs: "group2"},
		VcoHealthCheck: healthCheck{Status: "success", Dip: "192.168.0.1", Interval: 2, Retry: 3, Sip: "192.168.0.50",
			Enable: "true"},
		VpnBgpConfig: bgpConfig{Status: "success", PeerBgpIp: "169.254.10.1", TunnelCidr: "169.254.10.0/30",
			LocalBgpIp: "169.254.10.2", PeerAsn: "65530", LocalAsn: 65531, AuthKey: "AuthKey****"},
	}
	conn.Tag.Tag = []tagItem{{Key: "TagKey", Value: "TagValue"}}
	hz.gateways = append(hz.gateways, sampleGW)
	hz.connections[SampleGatewayID] = []*connection{conn}

	ipsecGW := &gateway{VpnGatewayId: SampleIPsecGatewayID, Name: "test", VpcId: "vpc-bp1sample0000000002",
		Status: "active", BusinessStatus: "Normal", Spec: "10M", VpnType: "Normal", NetworkType: "public",
		ChargeType: "PostPay", InternetIp: "47.22.10.10", IpsecVpn: "enable", SslVpn: "enable",
		SslMaxConnections: 5, SslVpnInternetIp: "47.22.10.10", CreateTime: created, ResourceGroupId: "rg-acfmzs372yg****"}
	hz.gateways = append(hz.gateways, ipsecGW)
	hz.ipsec = append(hz.ipsec, &ipsecServer{
		CreationTime: "2018-12-03T10:11:55Z", OnlineClientCount: 1, InternetIp: "47.22.XX.XX", IpsecServerName: "test",
		IDaaSInstanceId: "idaas-cn-hangzhou-****", EffectImmediately: false, VpnGatewayId: SampleIPsecGatewayID,
		LocalSubnet: "192.168.0.0/16,172.17.0.0/16", Psk: "pgw6dy7d****", RegionId: "cn-hangzhou", PskEnabled: true,
		IpsecServerId: SampleIPsecServerID, MultiFactorAuthEnabled: true, MaxConnections: 5, ClientIpPool: "10.0.0.0/24",
		IkeConfig: ikeConfig{RemoteId: "139.67.XX.XX", IkeLifetime: 86400, IkeEncAlg: "aes", LocalId: "116.64.XX.XX",
			IkeMode: "main", IkeVersion: "ikev2", IkePfs: "group2", IkeAuthAlg: "sha1"},
		IpsecConfig:     ipsecConfig{IpsecAuthAlg: "sha1", IpsecLifetime: 86400, IpsecEncAlg: "aes", IpsecPfs: "group2"},
		ResourceGroupId: "rg-acfmzs372yg****",
	})

	eu := world["eu-central-1"]
	sslGW := &gateway{VpnGatewayId: SampleSSLClientGatewayID, Name: "eu-ssl", VpcId: "vpc-gw8sample0000000003",
		Status: "active", BusinessStatus: "Normal", Spec: "10M", VpnType: "Normal", NetworkType: "public",
		ChargeType: "PostPay", InternetIp: "8.211.10.10", IpsecVpn: "disable", SslVpn: "enable",
		SslMaxConnections: 5, SslVpnInternetIp: "8.211.10.10", CreateTime: created}
	eu.gateways = append(eu.gateways, sslGW)
	// The sample's client is connected to a server: the gateway's.
	eu.ssl = append(eu.ssl, &sslServer{SslVpnServerId: "vss-gw8sample0000000001", Name: "eu-ssl-server",
		VpnGatewayId: SampleSSLClientGatewayID, RegionId: "eu-central-1", InternetIp: sslGW.InternetIp,
		LocalSubnet: "10.0.0.0/8", ClientIpPool: "10.10.0.0/16", Cipher: "AES-128-CBC", Proto: "UDP", Port: 1194,
		Connections: 1, MaxConnections: sslGW.SslMaxConnections, CreateTime: created})
	eu.clients[SampleSSLClientGatewayID] = []sslClient{{
		Status: "online", PrivateIp: "10.10.10.10", SendBytes: 57144, ConnectedTime: 1670985008000,
		CommonName: "CN=vsc-gw8gkh6gtilf1whgc****", Ip: "8.XX.XX.15", ReceiveBytes: 60782, Port: "4****",
	}}
}
