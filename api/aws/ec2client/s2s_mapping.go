package ec2client

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// Where the EC2 SDK's Site-to-Site shapes stop. A connection's
// CustomerGatewayConfiguration (the device configuration, both pre-shared
// keys in clear) is never read: nothing here copies it, so it is neither
// shown, logged nor kept once the SDK's answer is gone.

func mapVPNGateway(g types.VpnGateway) aws.VPNGateway {
	out := aws.VPNGateway{ID: deref(g.VpnGatewayId), Kind: aws.KindVGW, State: string(g.State), AmazonASN: derefInt64(g.AmazonSideAsn)}
	for _, a := range g.VpcAttachments {
		out.VPCAttachments = append(out.VPCAttachments, aws.VPCAttachment{VpcID: deref(a.VpcId), State: string(a.State)})
		if a.State == types.AttachmentStatusAttached || a.State == types.AttachmentStatusAttaching {
			out.VpcIDs = append(out.VpcIDs, deref(a.VpcId))
		}
	}
	out.Tags, out.Name = tags(g.Tags)
	return out
}

func mapTransitGateway(g types.TransitGateway) aws.VPNGateway {
	out := aws.VPNGateway{ID: deref(g.TransitGatewayId), Kind: aws.KindTGW, State: string(g.State)}
	if g.Options != nil {
		out.AmazonASN = derefInt64(g.Options.AmazonSideAsn)
	}
	if g.CreationTime != nil {
		out.Created = g.CreationTime.UTC()
	}
	out.Tags, out.Name = tags(g.Tags)
	return out
}

func mapCustomerGateway(g types.CustomerGateway) aws.CustomerGateway {
	out := aws.CustomerGateway{ID: deref(g.CustomerGatewayId), IP: deref(g.IpAddress), ASN: firstNonEmpty(deref(g.BgpAsnExtended), deref(g.BgpAsn)),
		State: deref(g.State), DeviceName: deref(g.DeviceName), CertificateARN: deref(g.CertificateArn)}
	_, out.Name = tags(g.Tags)
	return out
}

func mapVPNConnection(c types.VpnConnection) aws.VPNConnection {
	out := aws.VPNConnection{ID: deref(c.VpnConnectionId), State: string(c.State), Type: string(c.Type), Category: deref(c.Category),
		CustomerGatewayID: deref(c.CustomerGatewayId)}
	switch {
	case deref(c.TransitGatewayId) != "":
		out.GatewayID, out.GatewayKind = deref(c.TransitGatewayId), aws.KindTGW
	case deref(c.VpnGatewayId) != "":
		out.GatewayID, out.GatewayKind = deref(c.VpnGatewayId), aws.KindVGW
	}
	var options []types.TunnelOption
	if o := c.Options; o != nil {
		out.StaticRoutesOnly = derefBool(o.StaticRoutesOnly)
		out.LocalCIDR, out.RemoteCIDR = deref(o.LocalIpv4NetworkCidr), deref(o.RemoteIpv4NetworkCidr)
		options = o.TunnelOptions
	}
	for _, r := range c.Routes {
		out.Routes = append(out.Routes, aws.StaticRoute{Destination: deref(r.DestinationCidrBlock), Source: string(r.Source), State: string(r.State)})
	}
	// Telemetry and options are two lists; the outside IP pairs them.
	for _, o := range options {
		t := mapTunnelOption(o)
		for _, tel := range c.VgwTelemetry {
			if deref(tel.OutsideIpAddress) == t.OutsideIP {
				addTelemetry(&t, tel)
			}
		}
		out.Tunnels = append(out.Tunnels, t)
	}
	for _, tel := range c.VgwTelemetry { // telemetry without options (Classic VPN)
		if !hasTunnel(out.Tunnels, deref(tel.OutsideIpAddress)) {
			t := aws.Tunnel{OutsideIP: deref(tel.OutsideIpAddress)}
			addTelemetry(&t, tel)
			out.Tunnels = append(out.Tunnels, t)
		}
	}
	out.Tags, out.Name = tags(c.Tags)
	return out
}

func hasTunnel(ts []aws.Tunnel, ip string) bool {
	for _, t := range ts {
		if t.OutsideIP == ip {
			return true
		}
	}
	return false
}

func addTelemetry(t *aws.Tunnel, tel types.VgwTelemetry) {
	t.Status, t.StatusMessage = string(tel.Status), deref(tel.StatusMessage)
	t.CertificateARN = firstNonEmpty(t.CertificateARN, deref(tel.CertificateArn))
	if tel.AcceptedRouteCount != nil { // optional: absent is unknown, not 0
		t.AcceptedRoutes = aws.Known(int(*tel.AcceptedRouteCount))
	}
	if tel.LastStatusChange != nil {
		t.LastStatusChange = tel.LastStatusChange.UTC()
	}
}

func mapTunnelOption(o types.TunnelOption) aws.Tunnel {
	t := aws.Tunnel{OutsideIP: deref(o.OutsideIpAddress), InsideCIDR: deref(o.TunnelInsideCidr), PreSharedKey: api.NewSecret(deref(o.PreSharedKey)),
		Phase1Lifetime: int(derefInt32(o.Phase1LifetimeSeconds)), Phase2Lifetime: int(derefInt32(o.Phase2LifetimeSeconds)),
		RekeyMargin:  int(derefInt32(o.RekeyMarginTimeSeconds)),
		ReplayWindow: int(derefInt32(o.ReplayWindowSize)), DPDTimeout: int(derefInt32(o.DpdTimeoutSeconds)),
		DPDTimeoutAction: deref(o.DpdTimeoutAction), StartupAction: deref(o.StartupAction), LifecycleControl: derefBool(o.EnableTunnelLifecycleControl)}
	if o.RekeyFuzzPercentage != nil { // 0 is a value: only absent is the default
		t.RekeyFuzz = aws.Known(int(*o.RekeyFuzzPercentage))
	}
	for _, v := range o.IkeVersions {
		t.IKEVersions = append(t.IKEVersions, deref(v.Value))
	}
	for _, v := range o.Phase1EncryptionAlgorithms {
		t.Phase1Encryption = append(t.Phase1Encryption, deref(v.Value))
	}
	for _, v := range o.Phase1IntegrityAlgorithms {
		t.Phase1Integrity = append(t.Phase1Integrity, deref(v.Value))
	}
	for _, v := range o.Phase1DHGroupNumbers {
		t.Phase1DHGroups = append(t.Phase1DHGroups, int(derefInt32(v.Value)))
	}
	for _, v := range o.Phase2EncryptionAlgorithms {
		t.Phase2Encryption = append(t.Phase2Encryption, deref(v.Value))
	}
	for _, v := range o.Phase2IntegrityAlgorithms {
		t.Phase2Integrity = append(t.Phase2Integrity, deref(v.Value))
	}
	for _, v := range o.Phase2DHGroupNumbers {
		t.Phase2DHGroups = append(t.Phase2DHGroups, int(derefInt32(v.Value)))
	}
	if l := o.LogOptions; l != nil && l.CloudWatchLogOptions != nil {
		cw := l.CloudWatchLogOptions
		t.Logging, t.LogGroupARN, t.LogOutputFormat = derefBool(cw.LogEnabled), deref(cw.LogGroupArn), deref(cw.LogOutputFormat)
		t.BGPLogging, t.BGPLogGroupARN, t.BGPLogOutputFormat = derefBool(cw.BgpLogEnabled), deref(cw.BgpLogGroupArn), deref(cw.BgpLogOutputFormat)
	}
	return t
}

func tags(in []types.Tag) (out []api.Tag, name string) {
	for _, t := range in {
		out = append(out, api.Tag{Key: deref(t.Key), Value: deref(t.Value)})
		if deref(t.Key) == "Name" {
			name = deref(t.Value)
		}
	}
	return out, name
}

func derefInt64(n *int64) int64 {
	if n == nil {
		return 0
	}
	return *n
}

// unixMillis is a time as CloudWatch Logs wants it; the zero time is none.
func unixMillis(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	ms := t.UnixMilli()
	return &ms
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
