package ec2client

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/vpnscope/vpnscope/api/aws"
)

// TunnelMaintenance reads a tunnel's endpoint maintenance: one
// GetVpnTunnelReplacementStatus (the action takes one tunnel).
func (c *Client) TunnelMaintenance(ctx context.Context, region, vpnID, outsideIP string) (aws.Maintenance, error) {
	var out *ec2.GetVpnTunnelReplacementStatusOutput
	err := c.call(ctx, "GetVpnTunnelReplacementStatus", func() (err error) {
		out, err = c.ec2.GetVpnTunnelReplacementStatus(ctx, &ec2.GetVpnTunnelReplacementStatusInput{VpnConnectionId: &vpnID,
			VpnTunnelOutsideIpAddress: &outsideIP}, inRegion(region))
		return err
	})
	if err != nil || out.MaintenanceDetails == nil {
		return aws.Maintenance{}, err
	}
	d := out.MaintenanceDetails
	m := aws.Maintenance{Pending: deref(d.PendingMaintenance)}
	if d.MaintenanceAutoAppliedAfter != nil {
		m.AutoAppliedAfter = d.MaintenanceAutoAppliedAfter.UTC()
	}
	if d.LastMaintenanceApplied != nil {
		m.LastApplied = d.LastMaintenanceApplied.UTC()
	}
	return m, nil
}
