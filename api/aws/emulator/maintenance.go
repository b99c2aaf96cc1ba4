package emulator

import (
	"encoding/xml"
	"time"
)

// GetVpnTunnelReplacementStatus: a tunnel's endpoint maintenance (EC2 API
// Reference, GetVpnTunnelReplacementStatus and MaintenanceDetails):
// VpnConnectionId and VpnTunnelOutsideIpAddress are required; the answer
// names the connection's gateways and gives maintenanceDetails with
// pendingMaintenance, maintenanceAutoAppliedAfter and
// lastMaintenanceApplied. In the seeded world hq-primary's first tunnel has
// a replacement pending, applied automatically three days after the data
// clock; every available tunnel had its last one 45 days before it.

const (
	// maintenanceConn and maintenanceTunnel are the tunnel with a
	// replacement pending.
	maintenanceConn   = "hq-primary"
	maintenanceTunnel = 0
	// pendingWord is pendingMaintenance for a pending replacement: the
	// reference types it a string and lists no values.
	pendingWord = "Pending"
)

type maintenanceDetails struct {
	PendingMaintenance          string `xml:"pendingMaintenance,omitempty"`
	MaintenanceAutoAppliedAfter string `xml:"maintenanceAutoAppliedAfter,omitempty"`
	LastMaintenanceApplied      string `xml:"lastMaintenanceApplied,omitempty"`
}

type replacementStatusOut struct {
	XMLName           xml.Name           `xml:"body"`
	VpnConnectionID   string             `xml:"vpnConnectionId"`
	TransitGatewayID  string             `xml:"transitGatewayId,omitempty"`
	CustomerGatewayID string             `xml:"customerGatewayId"`
	VpnGatewayID      string             `xml:"vpnGatewayId,omitempty"`
	OutsideIP         string             `xml:"vpnTunnelOutsideIpAddress"`
	Details           maintenanceDetails `xml:"maintenanceDetails"`
}

func (s *Server) getVpnTunnelReplacementStatus(req *request) (any, *apiError) {
	id, ip := req.params.Get("VpnConnectionId"), req.params.Get("VpnTunnelOutsideIpAddress")
	switch {
	case id == "":
		return nil, errf(400, "MissingParameter", "The request must contain the parameter VpnConnectionId")
	case ip == "":
		return nil, errf(400, "MissingParameter", "The request must contain the parameter VpnTunnelOutsideIpAddress")
	}
	for _, c := range s.s2s.conns[req.region] {
		if c.ID != id {
			continue
		}
		for k, t := range c.Telemetry {
			if t.OutsideIPAddress != ip {
				continue
			}
			out := replacementStatusOut{VpnConnectionID: c.ID, TransitGatewayID: c.TransitGatewayID, CustomerGatewayID: c.CustomerGatewayID,
				VpnGatewayID: c.VpnGatewayID, OutsideIP: ip}
			if c.State == "available" {
				now := s.cfg.Now().UTC()
				out.Details.LastMaintenanceApplied = now.Add(-45 * 24 * time.Hour).Truncate(time.Hour).Format(telemetryTime)
				if nameTag(c.Tags) == maintenanceConn && k == maintenanceTunnel {
					out.Details.PendingMaintenance = pendingWord
					out.Details.MaintenanceAutoAppliedAfter = now.Add(3 * 24 * time.Hour).Truncate(time.Hour).Format(telemetryTime)
				}
			}
			return out, nil
		}
		return nil, errf(400, "InvalidParameterValue", "The tunnel outside IP address %s does not belong to the VPN connection %s", ip, id)
	}
	return nil, errf(400, "InvalidVpnConnectionID.NotFound", "The vpnConnection ID '%s' does not exist", id)
}
