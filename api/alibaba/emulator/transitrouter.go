package emulator

import (
	"fmt"
	"time"
)

// IPsec-VPN connections attached to a transit router of a Cloud
// Enterprise Network: they belong to no VPN gateway (AttachType CEN,
// VpnGatewayId empty), so only DescribeVpnConnections without a
// VpnGatewayId lists them. Hangzhou's hold the cases the reference page
// documents beyond a plain active connection: attached (their working
// state), attaching, financialLocked, a state no document names, and one
// connection for each negotiation-log keyword of Alibaba's error-code
// table that the drawn failures do not show. Built from their own random
// stream, so the rest of the world stays what it was.

// TransitRouterID is the transit router hangzhou's attached connections
// belong to.
const TransitRouterID = "tr-bp1hzcen0transit000001"

// transitRouterCase is one attached connection: its name, State, Status
// and, for a failing one, a keyword of the failure its log shows.
type transitRouterCase struct {
	name, state, status, logKeyword string
	dual                            bool
}

var transitRouterCases = []transitRouterCase{
	{name: "cen-shenzhen-dc", state: "attached", status: "ipsec_sa_established", dual: true},
	{name: "cen-guangzhou-branch", state: "financialLocked", status: "ike_sa_not_established"},
	{name: "cen-hefei-new", state: "attaching", status: "ike_sa_not_established"},
	{name: "cen-kunming-lab", state: "migrating", status: "ipsec_sa_established"}, // no document names it
	{name: "cen-fuzhou", state: "attached", status: "ike_sa_not_established", logKeyword: "authentication failure"},
	{name: "cen-jinan", state: "attached", status: "ike_sa_not_established", logKeyword: "message has no hash payload"},
	{name: "cen-changsha", state: "attached", status: "ike_sa_not_established", logKeyword: "Unknow peer id"},
	{name: "cen-nanning", state: "attached", status: "ike_sa_not_established", logKeyword: "invalid encryption algorithm"},
	{name: "cen-harbin", state: "attached", status: "ike_sa_not_established", logKeyword: "failed to compute dh value"},
	{name: "cen-dalian", state: "attached", status: "ike_sa_not_established", logKeyword: "proposal mismatch"},
	{name: "cen-ningbo", state: "attached", status: "ipsec_sa_not_established", logKeyword: "proto_id mismatched"},
	{name: "cen-wuxi", state: "attached", status: "ipsec_sa_not_established", logKeyword: "encmode mismatched"},
	{name: "cen-zhengzhou", state: "attached", status: "ipsec_sa_not_established", logKeyword: "traffic selector unacceptable"},
}

func addTransitRouterConnections(world map[string]*regionData, now time.Time) {
	r := world["cn-hangzhou"]
	if r == nil {
		return
	}
	b := &builder{region: "cn-hangzhou", now: now, rng: seeded("transit-router-cn-hangzhou"), code: "bp1"}
	cen := b.id("cen")
	for j, tc := range transitRouterCases {
		ip := b.ip()
		c := &connection{
			VpnConnectionId: b.id("vco"), Name: tc.name, CustomerGatewayId: b.id("cgw"),
			Status: tc.status, State: tc.state, EnableNatTraversal: true, EnableDpd: true, EffectImmediately: true,
			CreateTime: b.ago(200 * 24 * time.Hour), NetworkType: "public", Spec: "1000M",
			AttachType: "CEN", AttachInstanceId: cen, TransitRouterId: TransitRouterID, TransitRouterName: "hz-cen-tr",
			InternetIp:  ip,
			LocalSubnet: fmt.Sprintf("10.%d.0.0/16", 60+j), RemoteSubnet: fmt.Sprintf("192.168.%d.0/24", 160+j),
			IkeConfig: ikeConfig{IkeVersion: "ikev2", IkeMode: "main", IkeEncAlg: "aes", IkeAuthAlg: "sha1", IkePfs: "group14",
				IkeLifetime: 86400, LocalId: ip, RemoteId: b.ip(), Psk: b.secret(16)},
			IpsecConfig:    ipsecConfig{IpsecEncAlg: "aes", IpsecAuthAlg: "sha1", IpsecPfs: "group14", IpsecLifetime: 86400},
			VcoHealthCheck: healthCheck{Enable: "false"},
		}
		if tc.logKeyword != "" {
			c.failure = failureNamed(tc.logKeyword)
		}
		c.Tag.Tag = []tagItem{{Key: "site", Value: tc.name}}
		if tc.dual {
			attachedDualTunnel(b, c, j)
		}
		r.attached = append(r.attached, c)
	}
}

// attachedDualTunnel gives c two tunnels, both as c's status, with BGP
// up on each when c is up.
func attachedDualTunnel(b *builder, c *connection, j int) {
	up := c.Status == "ipsec_sa_established"
	c.EnableTunnelsBgp = true
	c.VpnBgpConfig = bgpConfig{EnableBgp: "true", Status: okOr(up, "success", "false"), LocalAsn: 45104, PeerAsn: fmt.Sprint(65100 + j)}
	var ts []tunnelOptions
	for idx, role := range []string{"master", "slave"} {
		ip := b.ip()
		ts = append(ts, tunnelOptions{
			TunnelId: b.id("tun"), TunnelIndex: idx + 1, Role: role, State: "active", Status: c.Status,
			ZoneNo: fmt.Sprintf("cn-hangzhou-%c", 'j'+rune(idx)), InternetIp: ip, CustomerGatewayId: c.CustomerGatewayId,
			EnableDpd: "true", EnableNatTraversal: "true",
			TunnelBgpConfig: tunnelBgp{BgpStatus: okOr(up, "success", "false"), LocalAsn: "45104", PeerAsn: c.VpnBgpConfig.PeerAsn,
				LocalBgpIp: fmt.Sprintf("169.254.%d.%d", 200+j, 1+4*idx), PeerBgpIp: fmt.Sprintf("169.254.%d.%d", 200+j, 2+4*idx),
				TunnelCidr: fmt.Sprintf("169.254.%d.%d/30", 200+j, 4*idx)},
			TunnelIkeConfig: tunnelIke{IkeVersion: "ikev2", IkeMode: "main", IkeEncAlg: "aes", IkeAuthAlg: "sha1", IkePfs: "group14",
				IkeLifetime: "86400", LocalId: ip, RemoteId: c.IkeConfig.RemoteId, Psk: c.IkeConfig.Psk},
			TunnelIpsecConfig: tunnelIpsec{IpsecEncAlg: "aes", IpsecAuthAlg: "sha1", IpsecPfs: "group14", IpsecLifetime: "86400"},
		})
	}
	c.TunnelOptionsSpecification = &struct{ TunnelOptions []tunnelOptions }{ts}
}
