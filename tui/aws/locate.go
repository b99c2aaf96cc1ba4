package aws

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/aws"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// :id for every AWS id: found in any region, opened as browsing there
// reaches it.

// openAWSByID finds id in any region and opens it as browsing there would:
// a gateway's connections, a connection on its tunnels, an endpoint.
func openAWSByID(c *common, id string) tea.Cmd {
	ctx, client, region, verdicts := c.Ctx, c.client, c.Region, c.verdicts
	return tea.Batch(ui.Flash("looking up "+id+"…"), func() tea.Msg {
		l, err := aws.Locate(ctx, client, id, region)
		if err != nil {
			return ui.OpenedMsg{ID: id, Err: err}
		}
		return ui.OpenedMsg{ID: id, Region: l.Region, Note: fmt.Sprintf("found %s in %s", id, l.Region),
			Open: func(app *ui.Common, w, h int) ([]ui.Pane, tea.Cmd) {
				return openAWSLocated(&common{Common: app, client: client, verdicts: verdicts}, l, w, h)
			}}
	})
}

// openAWSLocated opens what Locate found, as browsing there reaches it:
// a connection on its tunnels over its gateway's connections over the
// region's gateways (the header reads "us-east-1 › Site-to-Site ›
// prod-vgw › branch-london", and esc walks back the same way), with the
// customer gateway and gateway Locate read beside it; one it could not
// read shows its id.
func openAWSLocated(c *common, l aws.Located, w, h int) ([]ui.Pane, tea.Cmd) {
	switch {
	case l.Connection != nil:
		g, cgw := locatedGateways(l)
		gws := newS2SGatewaysPane(c)
		gws.List.SelectWhenLoaded(g.ID)
		gws.SetSize(w, h)
		p := newS2SConnectionsPane(c, g)
		p.SetSize(w, h)
		t := newS2STunnelsView(c, g, *l.Connection, cgw)
		t.SetSize(w, h)
		return []ui.Pane{&gws, &p, &t}, tea.Batch(gws.List.Start(), p.List.Start(), t.readHistory())
	case l.Gateway != nil:
		gws := newS2SGatewaysPane(c)
		gws.List.SelectWhenLoaded(l.Gateway.ID)
		gws.SetSize(w, h)
		p := newS2SConnectionsPane(c, *l.Gateway)
		p.SetSize(w, h)
		return []ui.Pane{&gws, &p}, tea.Batch(gws.List.Start(), p.List.Start())
	case l.Endpoint != nil:
		v, cmd := newEndpointView(c, *l.Endpoint, w, h)
		if l.Client != nil { // a client connection: on its row in the connections tab
			v.conns.Seek(l.Client.ID)
		}
		return []ui.Pane{&v}, cmd
	}
	return nil, nil
}

// locatedGateways are a located connection's gateway and customer
// gateway, or what of them the connection names when Locate could not
// read them.
func locatedGateways(l aws.Located) (aws.VPNGateway, aws.CustomerGateway) {
	g := aws.VPNGateway{ID: l.Connection.GatewayID, Kind: l.Connection.GatewayKind, Name: l.Connection.GatewayID}
	if l.Gateway != nil {
		g = *l.Gateway
	}
	cgw := aws.CustomerGateway{ID: l.Connection.CustomerGatewayID}
	if l.CustomerGateway != nil {
		cgw = *l.CustomerGateway
	}
	return g, cgw
}
