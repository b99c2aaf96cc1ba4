package aws

import (
	"context"

	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// What v shows on each screen, read again by id in its region: the
// endpoint under the cursor, and in an endpoint the row of the open tab
// (the endpoint itself when the tab is empty); the gateway or connection
// under the cursor; the connection of a tunnels view; the resource of a
// finding.

func (p *endpointsPane) RawTarget() (ui.RawTarget, bool) {
	e, ok := p.List.Selected()
	return p.c.raw(p.c.Region, "endpoint", e.ID, aws.RawRef{Kind: aws.RawEndpoint, ID: e.ID}), ok
}

func (v *endpointView) RawTarget() (ui.RawTarget, bool) {
	region, ep := v.c.Region, v.ep.ID
	switch v.Tab {
	case 0:
		if x, ok := v.conns.Selected(); ok {
			return v.c.raw(region, "connection", x.ID, aws.RawRef{Kind: aws.RawConnection, ID: x.ID, EndpointID: ep}), true
		}
	case 1:
		if n, ok := v.networks.Selected(); ok {
			return v.c.raw(region, "target-network", n.AssociationID,
				aws.RawRef{Kind: aws.RawTargetNetwork, ID: n.AssociationID, EndpointID: ep}), true
		}
	case 2:
		if r, ok := v.routes.Selected(); ok {
			return v.c.raw(region, "route", r.Destination+" via "+r.TargetSubnet,
				aws.RawRef{Kind: aws.RawRoute, ID: r.Destination, Subnet: r.TargetSubnet, EndpointID: ep}), true
		}
	case 3:
		if r, ok := v.rules.Selected(); ok {
			who := "all users"
			if r.GroupID != "" {
				who = "group " + r.GroupID
			}
			return v.c.raw(region, "rule", r.Destination+" for "+who,
				aws.RawRef{Kind: aws.RawRule, ID: r.Destination, Group: r.GroupID, EndpointID: ep}), true
		}
	}
	return v.c.raw(region, "endpoint", ep, aws.RawRef{Kind: aws.RawEndpoint, ID: ep}), true
}

func (p *s2sGatewaysPane) RawTarget() (ui.RawTarget, bool) {
	g, ok := p.List.Selected()
	return p.c.raw(p.c.Region, "gateway", g.ID, aws.RawRef{Kind: aws.RawGateway, ID: g.ID}), ok
}

func (p *s2sConnectionsPane) RawTarget() (ui.RawTarget, bool) {
	x, ok := p.List.Selected()
	return p.c.raw(p.c.Region, "vpn-connection", x.ID, aws.RawRef{Kind: aws.RawVPNConnection, ID: x.ID}), ok
}

// A tunnel is an item of its connection.
func (v *s2sTunnelsView) RawTarget() (ui.RawTarget, bool) {
	return v.c.raw(v.c.Region, "vpn-connection", v.conn.ID, aws.RawRef{Kind: aws.RawVPNConnection, ID: v.conn.ID}), true
}

// A finding's resource: a VPN connection, a gateway or an endpoint; a
// region or the account has none.
func (p *awsProblemsPane) RawTarget() (ui.RawTarget, bool) {
	f, ok := p.List.Selected()
	if !ok {
		return ui.RawTarget{}, false
	}
	kind := map[string]string{"connection": aws.RawVPNConnection, "gateway": aws.RawGateway,
		"client-vpn-endpoint": aws.RawEndpoint}[f.Resource]
	if kind == "" || f.ResourceID == "" {
		return ui.RawTarget{}, false
	}
	return p.c.raw(f.Region, kind, f.ResourceID, aws.RawRef{Kind: kind, ID: f.ResourceID}), true
}

// raw is the raw read of r in region; kind and id head the view.
func (c *common) raw(region, kind, id string, r aws.RawRef) ui.RawTarget {
	client := c.client
	return ui.RawTarget{Kind: kind, ID: id, Read: func(ctx context.Context) ([]byte, error) {
		return client.Raw(ctx, region, r)
	}}
}
