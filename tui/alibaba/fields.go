package alibaba

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

func gatewayFields(g alibaba.Gateway, c *common) []ui.Field {
	return []ui.Field{
		{Label: "ID", Value: g.ID}, {Label: "Name", Value: g.Name}, {Label: "Description", Value: g.Description},
		{Label: "Region", Value: g.RegionID}, {Label: "Status", Value: g.Status}, {Label: "Business status", Value: g.BusinessStatus},
		{Label: "Spec", Value: g.Spec}, {Label: "VPN type", Value: g.VpnType}, {Label: "Network type", Value: g.NetworkType},
		{Label: "Charge type", Value: g.ChargeType},
		ui.Section("Addresses"),
		{Label: "Public IP", Value: g.InternetIP}, {Label: "Disaster-recovery IP", Value: g.DisasterRecoveryIP},
		{Label: "SSL-VPN IP", Value: g.SSLVpnIP}, {Label: "VPC", Value: g.VpcID}, {Label: "vSwitch", Value: g.VSwitchID},
		ui.Section("Features"),
		{Label: "IPsec-VPN", Value: ui.YesNo(g.IPsecEnabled)}, {Label: "SSL-VPN", Value: ui.YesNo(g.SSLEnabled)},
		{Label: "SSL max connections", Value: fmt.Sprint(g.SSLMaxConnections)}, {Label: "BGP", Value: ui.YesNo(g.BGPEnabled)},
		{Label: "Route auto-propagation", Value: ui.YesNo(g.AutoPropagate)},
		ui.Section("Lifecycle"),
		{Label: "Created", Value: ui.Stamp(g.Created, c.Loc)}, {Label: "Expires", Value: ui.Stamp(g.Expires, c.Loc)},
		{Label: "Resource group", Value: g.ResourceGroupID}, {Label: "Tags", Value: ui.TagsText(g.Tags)},
	}
}

func ikeFields(k alibaba.IKEConfig) []ui.Field {
	return []ui.Field{
		{Label: "IKE version", Value: k.Version}, {Label: "IKE mode", Value: k.Mode},
		{Label: "IKE encryption", Value: k.EncAlg}, {Label: "IKE authentication", Value: k.AuthAlg},
		{Label: "IKE DH group", Value: k.DHGroup}, {Label: "IKE lifetime", Value: fmt.Sprintf("%ds", k.LifetimeSeconds)},
		{Label: "Local id", Value: k.LocalID}, {Label: "Remote id", Value: k.RemoteID},
		{Label: "Pre-shared key", Secret: k.PSK},
	}
}

func ipsecFields(p alibaba.IPsecConfig) []ui.Field {
	return []ui.Field{
		{Label: "IPsec encryption", Value: p.EncAlg}, {Label: "IPsec authentication", Value: p.AuthAlg},
		{Label: "IPsec PFS", Value: p.PFS}, {Label: "IPsec lifetime", Value: fmt.Sprintf("%ds", p.LifetimeSeconds)},
	}
}

func bgpFields(b alibaba.BGPConfig) []ui.Field {
	return []ui.Field{
		{Label: "BGP", Value: alibaba.BGPState(b).String()}, {Label: "BGP status", Value: b.Status},
		{Label: "Local ASN", Value: fmt.Sprint(b.LocalASN)}, {Label: "Peer ASN", Value: fmt.Sprint(b.PeerASN)},
		{Label: "Local BGP IP", Value: b.LocalIP}, {Label: "Peer BGP IP", Value: b.PeerIP},
		{Label: "Tunnel CIDR", Value: b.TunnelCIDR}, {Label: "BGP auth key", Secret: b.AuthKey},
	}
}

func connectionFields(x alibaba.Connection, verdict api.Verdict, c *common) []ui.Field {
	up, total := alibaba.TunnelsUp(x)
	f := []ui.Field{
		{Label: "ID", Value: x.ID}, {Label: "Name", Value: x.Name}, {Label: "Gateway", Value: x.GatewayID},
		{Label: "Customer gateway", Value: x.CustomerGatewayID},
		{Label: "Verdict", Value: ui.VerdictCell(verdict)},
		{Label: "Tunnels up", Value: fmt.Sprintf("%d of %d", up, total)},
		{Label: "Status", Value: x.Status}, {Label: "State", Value: x.State},
		{Label: "Local subnets", Value: strings.Join(x.LocalSubnets, ", ")},
		{Label: "Remote subnets", Value: strings.Join(x.RemoteSubnets, ", ")},
		{Label: "NAT traversal", Value: ui.YesNo(x.NATTraversal)}, {Label: "DPD", Value: ui.YesNo(x.DPD)},
		{Label: "Effect immediately", Value: ui.YesNo(x.EffectImmediately)},
		{Label: "Attach type", Value: x.AttachType}, {Label: "Attached instance", Value: x.AttachInstanceID},
		{Label: "Transit router", Value: strings.TrimSpace(x.TransitRouterID + " " + x.TransitRouterName)},
		{Label: "Network type", Value: x.NetworkType}, {Label: "Spec", Value: x.Spec},
		{Label: "Created", Value: ui.Stamp(x.Created, c.Loc)}, {Label: "Tags", Value: ui.TagsText(x.Tags)},
		ui.Section("Phase 1 (IKE)"),
	}
	f = append(f, ikeFields(x.IKE)...)
	f = append(f, ui.Section("Phase 2 (IPsec)"))
	f = append(f, ipsecFields(x.IPsec)...)
	f = append(f, ui.Section("BGP"))
	f = append(f, bgpFields(x.BGP)...)
	h := x.HealthCheck
	f = append(f, ui.Section("Health check"),
		ui.Field{Label: "Health check", Value: alibaba.HealthState(h).String()},
		ui.Field{Label: "Source / destination", Value: h.SourceIP + " → " + h.DestIP},
		ui.Field{Label: "Interval, retries", Value: fmt.Sprintf("%ds, %d", h.Interval, h.Retry)},
		ui.Field{Label: "On failure", Value: h.Policy})
	return f
}

// withPeerFields adds the customer gateway's IP and ASN under its id.
func withPeerFields(f []ui.Field, p peer, id string) []ui.Field {
	if id == "" {
		return f
	}
	ip, asn := peerFields(p, id)
	for i, x := range f {
		if x.Label == "Customer gateway" {
			return slices.Insert(f, i+1, ui.Field{Label: "Customer gateway IP", Value: ip}, ui.Field{Label: "Customer gateway ASN", Value: asn})
		}
	}
	return f
}

func tunnelFields(t alibaba.Tunnel) []ui.Field {
	p1, p2 := alibaba.Phases(t.Status)
	f := []ui.Field{
		{Label: "ID", Value: t.ID}, {Label: "Role", Value: t.Role}, {Label: "State", Value: t.State},
		{Label: "Status", Value: t.Status}, {Label: "Phase 1 (IKE)", Value: p1.String()}, {Label: "Phase 2 (IPsec)", Value: p2.String()},
		{Label: "Zone", Value: t.Zone}, {Label: "Gateway IP", Value: t.InternetIP},
		{Label: "Customer gateway", Value: t.CustomerGatewayID},
		{Label: "NAT traversal", Value: ui.YesNo(t.NATTraversal)}, {Label: "DPD", Value: ui.YesNo(t.DPD)},
		ui.Section("Phase 1 (IKE)"),
	}
	f = append(f, ikeFields(t.IKE)...)
	f = append(f, ui.Section("Phase 2 (IPsec)"))
	f = append(f, ipsecFields(t.IPsec)...)
	f = append(f, ui.Section("BGP"))
	return append(f, bgpFields(t.BGP)...)
}

func sslClientFields(x sslRow, c *common) []ui.Field {
	return []ui.Field{
		{Label: "Common name", Value: x.CommonName}, {Label: "Status", Value: x.status(c.Loc)},
		{Label: "Public address", Value: x.IP + ":" + x.Port}, {Label: "Private IP", Value: x.PrivateIP},
		{Label: "Connected since", Value: ui.Stamp(x.ConnectedAt, c.Loc)}, {Label: "Connected for", Value: ui.Age(c.Now(), x.ConnectedAt)},
		{Label: "Sent to client", Value: ui.HumanBytes(x.SentBytes)}, {Label: "Received from client", Value: ui.HumanBytes(x.ReceivedBytes)},
	}
}

func ipsecServerFields(x alibaba.IPsecServer, c *common) []ui.Field {
	f := []ui.Field{
		{Label: "ID", Value: x.ID}, {Label: "Name", Value: x.Name}, {Label: "Gateway", Value: x.GatewayID},
		{Label: "Public IP", Value: x.InternetIP},
		{Label: "Online clients", Value: fmt.Sprintf("%d of %d", x.OnlineClients, x.MaxConnections)},
		{Label: "Client pool", Value: x.ClientIPPool}, {Label: "Local subnets", Value: strings.Join(x.LocalSubnets, ", ")},
		{Label: "PSK authentication", Value: ui.YesNo(x.PSKEnabled)}, {Label: "Pre-shared key", Secret: x.PSK},
		{Label: "Two-factor (IDaaS)", Value: ui.YesNo(x.MFAEnabled)}, {Label: "IDaaS instance", Value: x.IDaaSInstanceID},
		{Label: "Effect immediately", Value: ui.YesNo(x.EffectImmediately)},
		{Label: "Created", Value: ui.Stamp(x.Created, c.Loc)}, {Label: "Resource group", Value: x.ResourceGroupID},
		ui.Section("Phase 1 (IKE)"),
	}
	f = append(f, ikeFields(x.IKE)...)
	f = append(f, ui.Section("Phase 2 (IPsec)"))
	return append(f, ipsecFields(x.IPsec)...)
}
