package ec2client

import (
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// mapping.go is where the EC2 SDK's shapes stop: pointers, byte counters
// sent as strings, times without a zone ("-" for a connection still open).

func mapEndpoint(e types.ClientVpnEndpoint) aws.Endpoint {
	out := aws.Endpoint{
		ID: deref(e.ClientVpnEndpointId), Description: deref(e.Description), ClientCIDR: deref(e.ClientCidrBlock),
		Transport: string(e.TransportProtocol), Port: int(derefInt32(e.VpnPort)), SplitTunnel: derefBool(e.SplitTunnel),
		VpcID: deref(e.VpcId), DNSName: deref(e.DnsName), SecurityGroups: e.SecurityGroupIds,
		SessionTimeoutHours: int(derefInt32(e.SessionTimeoutHours)), Created: parseTime(deref(e.CreationTime)),
	}
	if e.Status != nil {
		out.Status, out.StatusMessage = string(e.Status.Code), deref(e.Status.Message)
	}
	for _, a := range e.AuthenticationOptions {
		out.AuthTypes = append(out.AuthTypes, string(a.Type))
	}
	if l := e.ConnectionLogOptions; l != nil {
		out.LoggingEnabled, out.LogGroup = derefBool(l.Enabled), deref(l.CloudwatchLogGroup)
	}
	for _, t := range e.Tags {
		out.Tags = append(out.Tags, api.Tag{Key: deref(t.Key), Value: deref(t.Value)})
		if deref(t.Key) == "Name" {
			out.Name = deref(t.Value)
		}
	}
	return out
}

func mapConnection(c types.ClientVpnConnection) aws.Connection {
	out := aws.Connection{
		ID: deref(c.ConnectionId), EndpointID: deref(c.ClientVpnEndpointId), Username: deref(c.Username),
		CommonName: deref(c.CommonName), ClientIP: deref(c.ClientIp),
		Established: parseTime(deref(c.ConnectionEstablishedTime)), Ended: parseTime(deref(c.ConnectionEndTime)),
		IngressBytes: counter(c.IngressBytes), EgressBytes: counter(c.EgressBytes),
		IngressPackets: counter(c.IngressPackets), EgressPackets: counter(c.EgressPackets),
		Posture: c.PostureComplianceStatuses,
	}
	if c.Status != nil {
		out.Status, out.StatusMessage = string(c.Status.Code), deref(c.Status.Message)
	}
	return out
}

func mapTargetNetwork(n types.TargetNetwork) aws.TargetNetwork {
	out := aws.TargetNetwork{AssociationID: deref(n.AssociationId), SubnetID: deref(n.TargetNetworkId), VpcID: deref(n.VpcId),
		SecurityGroups: n.SecurityGroups}
	if n.Status != nil {
		out.Status, out.StatusMessage = string(n.Status.Code), deref(n.Status.Message)
	}
	return out
}

func mapRoute(r types.ClientVpnRoute) aws.Route {
	out := aws.Route{Destination: deref(r.DestinationCidr), TargetSubnet: deref(r.TargetSubnet), Type: deref(r.Type),
		Origin: deref(r.Origin), Description: deref(r.Description)}
	if r.Status != nil {
		out.Status, out.StatusMessage = string(r.Status.Code), deref(r.Status.Message)
	}
	return out
}

func mapAuthorizationRule(r types.AuthorizationRule) aws.AuthorizationRule {
	out := aws.AuthorizationRule{Destination: deref(r.DestinationCidr), GroupID: deref(r.GroupId), AccessAll: derefBool(r.AccessAll),
		Description: deref(r.Description)}
	if r.Status != nil {
		out.Status, out.StatusMessage = string(r.Status.Code), deref(r.Status.Message)
	}
	return out
}

func connectionStatus(s *types.ClientVpnConnectionStatus) string {
	if s == nil {
		return ""
	}
	return string(s.Code)
}

// parseTime reads the service's zoneless times as UTC: "2026-11-20
// 11:50:00" for connections, "2026-11-20T11:50:00" for endpoints; "-" or
// anything else is no time.
func parseTime(s string) time.Time { return aws.ParseTime(s) }

// counter reads a byte or packet counter the service sends as a string.
func counter(s *string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(deref(s)), 10, 64)
	return max(n, 0)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefBool(b *bool) bool { return b != nil && *b }

func derefInt32(n *int32) int32 {
	if n == nil {
		return 0
	}
	return *n
}
