package alibaba

import (
	"context"
	"errors"

	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// What v shows on each screen: the connection of a tunnels view, the
// resource of a finding, the gateway under the cursor, and in a gateway
// the connection or IPsec server under the cursor, the SSL server on the
// SSL clients tab (the gateway itself when the tab is empty).

func (v *tunnelsView) RawTarget() (ui.RawTarget, bool) {
	return v.c.raw(v.region, "connection", v.conn.ID), true
}

func (v *problemsView) RawTarget() (ui.RawTarget, bool) {
	f, ok := v.List.Selected()
	if !ok {
		return ui.RawTarget{}, false
	}
	kind, id := f.Resource, f.ResourceID
	if kind == "tunnel" {
		kind, id = "connection", f.ConnectionID // a tunnel is an item of its connection
	}
	return v.c.raw(f.Region, kind, id), true
}

func (p *gatewaysPane) RawTarget() (ui.RawTarget, bool) {
	g, ok := p.List.Selected()
	return p.c.raw(g.RegionID, "gateway", g.ID), ok
}

func (v *gatewayView) RawTarget() (ui.RawTarget, bool) {
	switch v.Tab {
	case tabConnections:
		if r, ok := v.conns.Selected(); ok {
			return v.c.raw(v.c.Region, "connection", r.id), true
		}
	case tabIPsecServers:
		if s, ok := v.servers().Selected(); ok {
			return v.c.raw(v.c.Region, "ipsec-server", s.ID), true
		}
	case tabSSLClients:
		if v.ssl != nil { // a client is a row of its server's answer
			return v.c.raw(v.c.Region, "ssl-server", v.ssl.ID), true
		}
	}
	return v.c.raw(v.c.Region, "gateway", v.gw.ID), true
}

// raw is the raw read of a resource, when the client can do one.
func (c *common) raw(region, kind, id string) ui.RawTarget {
	reader, ok := c.client.(alibaba.RawReader)
	return ui.RawTarget{Kind: kind, ID: id, Read: func(ctx context.Context) ([]byte, error) {
		if !ok {
			return nil, errors.New("this client cannot read a resource raw")
		}
		return reader.Raw(ctx, region, kind, id)
	}}
}
