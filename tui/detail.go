package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// detailView shows every field of one item, scrollable. Secrets are masked
// until s reveals them, and masked again by the next s or on leaving.
type detailView struct {
	c      *common
	title  string
	id     string
	fields []field
	reveal bool
	sc     scroller
}

// field is one line of a detail view; a field with no label is a section.
type field struct {
	label  string
	value  string
	secret api.Secret
}

func section(title string) field { return field{value: title} }

func newDetailView(c *common, title, id string, fields []field, w, h int) detailView {
	d := detailView{c: c, title: title, id: id, fields: fields, sc: scroller{c: c}}
	d.sc.setSize(w, h)
	d.sc.setLines(d.lines())
	return d
}

func (d *detailView) setSize(w, h int) {
	d.sc.setSize(w, h)
	d.sc.setLines(d.lines())
}

func (d detailView) Update(msg tea.Msg) (detailView, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(k, d.c.keys.Detail.Reveal) {
			d.reveal = !d.reveal
			d.sc.setLines(d.lines())
			return d, nil
		}
		d.sc.scroll(k)
	}
	return d, nil
}

func (d detailView) View() string { return d.sc.View() }

func (d *detailView) hasSecrets() bool {
	for _, f := range d.fields {
		if f.secret.IsSet() {
			return true
		}
	}
	return false
}

func (d *detailView) lines() []string {
	s := d.c.styles
	out := []string{" " + s.Title.Render(d.title)}
	if d.hasSecrets() {
		hint := "secrets masked · s reveals"
		if d.reveal {
			hint = "secrets SHOWN · s masks them"
		}
		out[0] += "  " + s.Dim.Render(hint)
	}
	for _, f := range d.fields {
		if f.label == "" {
			out = append(out, "", " "+s.Section.Render(f.value))
			continue
		}
		v := f.value
		if f.secret.IsSet() {
			v = f.secret.String()
			if d.reveal {
				v = s.Warn.Render(f.secret.Reveal())
			}
		}
		// A long value (a message, a list) wraps under itself rather than
		// being cut: details are where the whole text is read.
		width := d.sc.width - 29
		if f.secret.IsSet() || width < 20 || len(v) <= width {
			out = append(out, " "+s.Label.Render(fit(f.label, 26))+" "+orDash(v))
			continue
		}
		for i, part := range wrap(v, width, "") {
			label := ""
			if i == 0 {
				label = f.label
			}
			out = append(out, " "+s.Label.Render(fit(label, 26))+" "+part)
		}
	}
	return out
}

func tagsText(tags []api.Tag) string {
	parts := make([]string, len(tags))
	for i, t := range tags {
		parts[i] = t.Key + "=" + t.Value
	}
	return strings.Join(parts, ", ")
}

func gatewayFields(g alibaba.Gateway, c *common) []field {
	return []field{
		{label: "ID", value: g.ID}, {label: "Name", value: g.Name}, {label: "Description", value: g.Description},
		{label: "Region", value: g.RegionID}, {label: "Status", value: g.Status}, {label: "Business status", value: g.BusinessStatus},
		{label: "Spec", value: g.Spec}, {label: "VPN type", value: g.VpnType}, {label: "Network type", value: g.NetworkType},
		{label: "Charge type", value: g.ChargeType},
		section("Addresses"),
		{label: "Public IP", value: g.InternetIP}, {label: "Disaster-recovery IP", value: g.DisasterRecoveryIP},
		{label: "SSL-VPN IP", value: g.SSLVpnIP}, {label: "VPC", value: g.VpcID}, {label: "vSwitch", value: g.VSwitchID},
		section("Features"),
		{label: "IPsec-VPN", value: yesNo(g.IPsecEnabled)}, {label: "SSL-VPN", value: yesNo(g.SSLEnabled)},
		{label: "SSL max connections", value: fmt.Sprint(g.SSLMaxConnections)}, {label: "BGP", value: yesNo(g.BGPEnabled)},
		{label: "Route auto-propagation", value: yesNo(g.AutoPropagate)},
		section("Lifecycle"),
		{label: "Created", value: stamp(g.Created, c.loc)}, {label: "Expires", value: stamp(g.Expires, c.loc)},
		{label: "Resource group", value: g.ResourceGroupID}, {label: "Tags", value: tagsText(g.Tags)},
	}
}

func ikeFields(k alibaba.IKEConfig) []field {
	return []field{
		{label: "IKE version", value: k.Version}, {label: "IKE mode", value: k.Mode},
		{label: "IKE encryption", value: k.EncAlg}, {label: "IKE authentication", value: k.AuthAlg},
		{label: "IKE DH group", value: k.DHGroup}, {label: "IKE lifetime", value: fmt.Sprintf("%ds", k.LifetimeSeconds)},
		{label: "Local id", value: k.LocalID}, {label: "Remote id", value: k.RemoteID},
		{label: "Pre-shared key", secret: k.PSK},
	}
}

func ipsecFields(p alibaba.IPsecConfig) []field {
	return []field{
		{label: "IPsec encryption", value: p.EncAlg}, {label: "IPsec authentication", value: p.AuthAlg},
		{label: "IPsec PFS", value: p.PFS}, {label: "IPsec lifetime", value: fmt.Sprintf("%ds", p.LifetimeSeconds)},
	}
}

func bgpFields(b alibaba.BGPConfig) []field {
	return []field{
		{label: "BGP", value: alibaba.BGPState(b).String()}, {label: "BGP status", value: b.Status},
		{label: "Local ASN", value: fmt.Sprint(b.LocalASN)}, {label: "Peer ASN", value: fmt.Sprint(b.PeerASN)},
		{label: "Local BGP IP", value: b.LocalIP}, {label: "Peer BGP IP", value: b.PeerIP},
		{label: "Tunnel CIDR", value: b.TunnelCIDR}, {label: "BGP auth key", secret: b.AuthKey},
	}
}

func connectionFields(x alibaba.Connection, c *common) []field {
	up, total := alibaba.TunnelsUp(x)
	f := []field{
		{label: "ID", value: x.ID}, {label: "Name", value: x.Name}, {label: "Gateway", value: x.GatewayID},
		{label: "Customer gateway", value: x.CustomerGatewayID},
		{label: "Verdict", value: alibaba.ConnectionVerdict(x).String()},
		{label: "Tunnels up", value: fmt.Sprintf("%d of %d", up, total)},
		{label: "Status", value: x.Status}, {label: "State", value: x.State},
		{label: "Local subnets", value: strings.Join(x.LocalSubnets, ", ")},
		{label: "Remote subnets", value: strings.Join(x.RemoteSubnets, ", ")},
		{label: "NAT traversal", value: yesNo(x.NATTraversal)}, {label: "DPD", value: yesNo(x.DPD)},
		{label: "Effect immediately", value: yesNo(x.EffectImmediately)},
		{label: "Attach type", value: x.AttachType}, {label: "Attached instance", value: x.AttachInstanceID},
		{label: "Transit router", value: strings.TrimSpace(x.TransitRouterID + " " + x.TransitRouterName)},
		{label: "Network type", value: x.NetworkType}, {label: "Spec", value: x.Spec},
		{label: "Created", value: stamp(x.Created, c.loc)}, {label: "Tags", value: tagsText(x.Tags)},
		section("Phase 1 (IKE)"),
	}
	f = append(f, ikeFields(x.IKE)...)
	f = append(f, section("Phase 2 (IPsec)"))
	f = append(f, ipsecFields(x.IPsec)...)
	f = append(f, section("BGP"))
	f = append(f, bgpFields(x.BGP)...)
	h := x.HealthCheck
	f = append(f, section("Health check"),
		field{label: "Health check", value: alibaba.HealthState(h).String()},
		field{label: "Source / destination", value: h.SourceIP + " → " + h.DestIP},
		field{label: "Interval, retries", value: fmt.Sprintf("%ds, %d", h.Interval, h.Retry)},
		field{label: "On failure", value: h.Policy})
	return f
}

func tunnelFields(t alibaba.Tunnel) []field {
	p1, p2 := alibaba.Phases(t.Status)
	f := []field{
		{label: "ID", value: t.ID}, {label: "Role", value: t.Role}, {label: "State", value: t.State},
		{label: "Status", value: t.Status}, {label: "Phase 1 (IKE)", value: p1.String()}, {label: "Phase 2 (IPsec)", value: p2.String()},
		{label: "Zone", value: t.Zone}, {label: "Gateway IP", value: t.InternetIP},
		{label: "Customer gateway", value: t.CustomerGatewayID},
		{label: "NAT traversal", value: yesNo(t.NATTraversal)}, {label: "DPD", value: yesNo(t.DPD)},
		section("Phase 1 (IKE)"),
	}
	f = append(f, ikeFields(t.IKE)...)
	f = append(f, section("Phase 2 (IPsec)"))
	f = append(f, ipsecFields(t.IPsec)...)
	f = append(f, section("BGP"))
	return append(f, bgpFields(t.BGP)...)
}

func sslClientFields(x sslRow, c *common) []field {
	return []field{
		{label: "Common name", value: x.CommonName}, {label: "Status", value: x.status(c.loc)},
		{label: "Public address", value: x.IP + ":" + x.Port}, {label: "Private IP", value: x.PrivateIP},
		{label: "Connected since", value: stamp(x.ConnectedAt, c.loc)}, {label: "Connected for", value: age(c.now(), x.ConnectedAt)},
		{label: "Sent to client", value: humanBytes(x.SentBytes)}, {label: "Received from client", value: humanBytes(x.ReceivedBytes)},
	}
}

func ipsecServerFields(x alibaba.IPsecServer, c *common) []field {
	f := []field{
		{label: "ID", value: x.ID}, {label: "Name", value: x.Name}, {label: "Gateway", value: x.GatewayID},
		{label: "Public IP", value: x.InternetIP},
		{label: "Online clients", value: fmt.Sprintf("%d of %d", x.OnlineClients, x.MaxConnections)},
		{label: "Client pool", value: x.ClientIPPool}, {label: "Local subnets", value: strings.Join(x.LocalSubnets, ", ")},
		{label: "PSK authentication", value: yesNo(x.PSKEnabled)}, {label: "Pre-shared key", secret: x.PSK},
		{label: "Two-factor (IDaaS)", value: yesNo(x.MFAEnabled)}, {label: "IDaaS instance", value: x.IDaaSInstanceID},
		{label: "Effect immediately", value: yesNo(x.EffectImmediately)},
		{label: "Created", value: stamp(x.Created, c.loc)}, {label: "Resource group", value: x.ResourceGroupID},
		section("Phase 1 (IKE)"),
	}
	f = append(f, ikeFields(x.IKE)...)
	f = append(f, section("Phase 2 (IPsec)"))
	return append(f, ipsecFields(x.IPsec)...)
}
