package tui

import (
	"context"
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// newConnectionsList lists a gateway's IPsec-VPN connections.
func newConnectionsList(c *common, gw api.Gateway) pagedList[api.Connection] {
	client, region := c.client, c.region
	spec := &listSpec[api.Connection]{
		noun:    "IPsec connections",
		maxPage: 50,
		id:      func(x api.Connection) string { return x.ID },
		text: func(x api.Connection) string {
			return strings.Join([]string{x.ID, x.Name, x.Status, x.CustomerGatewayID, api.ConnectionVerdict(x).String(),
				strings.Join(x.LocalSubnets, ","), strings.Join(x.RemoteSubnets, ",")}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[api.Connection], error) {
			return client.Connections(ctx, region, gw.ID, cur)
		},
		empty: func() string { return "This gateway has no IPsec connections." },
		state: connectionState,
		order: func(a, b api.Connection) int {
			return int(api.ConnectionVerdict(a)) - int(api.ConnectionVerdict(b))
		},
		describe: describeConnectionChange,
		columns: []column[api.Connection]{
			{title: "NAME", min: 12, cell: func(x api.Connection) string { return orDash(x.Name) }},
			{title: "ID", width: 25, cell: func(x api.Connection) string { return x.ID }},
			{title: "STATE", width: 10, cell: func(x api.Connection) string { return verdictWord(api.ConnectionVerdict(x)) },
				paint: func(s *Styles, x api.Connection, t string) string {
					return paintVerdict(s, api.ConnectionVerdict(x), t)
				}},
			{title: "PHASE", width: 7, cell: connectionPhases, paint: func(s *Styles, x api.Connection, t string) string {
				return paintVerdict(s, api.ConnectionVerdict(x), t)
			}},
			{title: "TUN", width: 3, cell: func(x api.Connection) string {
				up, total := api.TunnelsUp(x)
				return fmt.Sprintf("%d/%d", up, total)
			}},
			{title: "BGP", width: 4, cell: func(x api.Connection) string { return sessionWord(connectionBGP(x)) },
				paint: func(s *Styles, x api.Connection, t string) string { return paintSession(s, connectionBGP(x), t) }},
			{title: "HEALTH", width: 6, cell: func(x api.Connection) string { return sessionWord(api.HealthState(x.HealthCheck)) },
				paint: func(s *Styles, x api.Connection, t string) string {
					return paintSession(s, api.HealthState(x.HealthCheck), t)
				}},
			{title: "CUSTOMER GW", width: 25, cell: func(x api.Connection) string { return x.CustomerGatewayID }},
			{title: "LOCAL", width: 18, cell: func(x api.Connection) string { return subnetsCell(x.LocalSubnets) }},
			{title: "REMOTE", width: 18, cell: func(x api.Connection) string { return subnetsCell(x.RemoteSubnets) }},
		},
	}
	return newPagedList(c, spec)
}

// connectionPhases shows the worst tunnel's phases: the one to look at.
func connectionPhases(x api.Connection) string {
	worst := x.Status
	for _, t := range x.TunnelOptions {
		if !api.TunnelUp(t) {
			worst = t.Status
			break
		}
	}
	return phasesCell(worst)
}

// connectionBGP is the connection's BGP state, from its tunnels when it
// has two.
func connectionBGP(x api.Connection) api.SessionState {
	if !x.DualTunnel() {
		return api.BGPState(x.BGP)
	}
	st := api.SessionOff
	for _, t := range x.TunnelOptions {
		switch api.BGPState(t.BGP) {
		case api.SessionDown:
			return api.SessionDown
		case api.SessionUp:
			st = api.SessionUp
		}
	}
	return st
}

// connectionState is what watch mode compares: each tunnel's phases and
// BGP, and the health check.
func connectionState(x api.Connection) string {
	var b strings.Builder
	for _, t := range x.Tunnels() {
		b.WriteString(t.ID + "=" + t.Status + "/" + api.BGPState(t.BGP).String() + ";")
	}
	b.WriteString("hc=" + api.HealthState(x.HealthCheck).String())
	return b.String()
}

// describeConnectionChange says what changed, one line per change:
// "tunnel tun-… phase 2 down → up".
func describeConnectionChange(old, new api.Connection) []string {
	var out []string
	before := map[string]api.Tunnel{}
	for _, t := range old.Tunnels() {
		before[t.ID] = t
	}
	for _, t := range new.Tunnels() {
		o, ok := before[t.ID]
		if !ok {
			continue
		}
		name := "tunnel " + t.ID
		if t.Synthetic {
			name = "tunnel"
		}
		o1, o2 := api.Phases(o.Status)
		n1, n2 := api.Phases(t.Status)
		if o1 != n1 {
			out = append(out, fmt.Sprintf("%s phase 1 %s → %s", name, o1, n1))
		}
		if o2 != n2 {
			out = append(out, fmt.Sprintf("%s phase 2 %s → %s", name, o2, n2))
		}
		if ob, nb := api.BGPState(o.BGP), api.BGPState(t.BGP); ob != nb {
			out = append(out, fmt.Sprintf("%s BGP %s → %s", name, ob, nb))
		}
	}
	if oh, nh := api.HealthState(old.HealthCheck), api.HealthState(new.HealthCheck); oh != nh {
		out = append(out, fmt.Sprintf("health check %s → %s", oh, nh))
	}
	return out
}
