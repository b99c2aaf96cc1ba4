package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/aws"
)

// What the AWS provider adds for Site-to-Site VPN: the gateways command,
// and :id for every AWS id.

// openS2SGateways pushes the region's Site-to-Site gateways.
func openS2SGateways(c *common, _ string) tea.Cmd {
	p := newS2SGatewaysPane(c)
	p.setSize(c.width, c.height)
	return push(&p, p.list.start())
}

// openAWSByID finds id in any region and opens it as browsing there would:
// a gateway's connections, a connection on its tunnels, an endpoint.
func openAWSByID(c *common, id string) tea.Cmd {
	ctx, client, region := c.ctx, c.aws, c.region
	return tea.Batch(flash("looking up "+id+"…"), func() tea.Msg {
		l, err := aws.Locate(ctx, client, id, region)
		if err != nil {
			return openedMsg{id: id, err: err}
		}
		return openedMsg{id: id, region: l.Region, note: fmt.Sprintf("found %s in %s", id, l.Region),
			open: func(c *common, w, h int) ([]pane, tea.Cmd) { return openAWSLocated(c, l, w, h) }}
	})
}

func openAWSLocated(c *common, l aws.Located, w, h int) ([]pane, tea.Cmd) {
	switch {
	case l.Gateway != nil:
		p := newS2SConnectionsPane(c, *l.Gateway)
		p.setSize(w, h)
		return []pane{&p}, p.list.start()
	case l.Connection != nil:
		g := aws.VPNGateway{ID: l.Connection.GatewayID, Kind: l.Connection.GatewayKind, Name: l.Connection.GatewayID}
		p := newS2SConnectionsPane(c, g)
		p.setSize(w, h)
		t := newS2STunnelsView(c, g, *l.Connection, aws.CustomerGateway{ID: l.Connection.CustomerGatewayID})
		t.setSize(w, h)
		return []pane{&p, &t}, p.list.start()
	case l.Endpoint != nil:
		v, cmd := newEndpointView(c, *l.Endpoint, w, h)
		return []pane{&v}, cmd
	}
	return nil, nil
}
