package alibaba

// The documents the rules in this package are read from, named once so a
// statement's ref says where to check it: the VPC API reference pages and
// Alibaba Cloud's help pages, by their public addresses.
const (
	// refDescribe is the DescribeVpnConnections reference: Status, State,
	// EnableNatTraversal, EffectImmediately, VcoHealthCheck, VpnBgpConfig,
	// AttachType, TunnelOptionsSpecification.
	refDescribe = "DescribeVpnConnections (" +
		"https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/developer-reference/api-vpc-2016-04-28-describevpnconnections-vpns)"
	// refTroubleshoot is Alibaba's IPsec-VPN troubleshooting guide: the
	// quick checklist (ports, key, customer gateway IP, routes) and the
	// settings both ends must share.
	refTroubleshoot = "IPsec-VPN troubleshooting (https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/support/troubleshoot-ipsec-vpn-connection-issues)"
	// refErrorCodes is the table of the console's error codes and the
	// negotiation-log keywords that go with each.
	refErrorCodes = "IPsec-VPN error codes and log keywords (https://www.alibabacloud.com/help/en/doc-detail/477862.html)"
	// refFAQ is the FAQ on negotiation and connectivity problems (a peer
	// that negotiates only when traffic comes, traffic that does not pass
	// with the tunnel up).
	refFAQ = "FAQ about IPsec-VPN connections (https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/support/faq-about-ipsec-vpn-connections)"
	// refAttachment: a connection attached to a transit router is
	// "updating" while it changes and "attached" when the change is done.
	refAttachment = "ModifyVpnAttachmentAttribute (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-modifyvpnattachmentattribute)"
	// refTransitRouter: an IPsec connection attached to a transit router
	// is bound to no VPN gateway (CreateTransitRouterVpnAttachment).
	refTransitRouter = "CreateTransitRouterVpnAttachment (https://www.alibabacloud.com/help/en/cen/developer-reference/api-cbn-2017-09-12-createtransitroutervpnattachment)"
	// refHealthCheck is the health check of an IPsec-VPN connection as
	// Alibaba's VPN Gateway guide describes it: ICMP probes from Sip to
	// Dip through the tunnel; a failed check resets the tunnel.
	refHealthCheck = "VPN Gateway guide, health checks of an IPsec-VPN connection (ICMP probes; a failed check resets the tunnel), with the seed's VcoHealthCheck"
	// refBGP is the BGP dynamic routing of an IPsec-VPN connection:
	// TunnelCidr a /30 inside 169.254.0.0/16, the two BGP addresses in it.
	refBGP = "the seed's VpnBgpConfig / TunnelBgpConfig (TunnelCidr: a /30 within 169.254.0.0/16)"
)
