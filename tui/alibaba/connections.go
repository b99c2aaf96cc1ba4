package alibaba

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// connRow is an IPsec connection as the list keeps it: what a row, the
// filter, the sort and watch mode need, worked out once when its page
// arrives, and the whole connection packed (alibaba.PackConnection), unpacked
// only when it is opened. At 100,000 rows that is the difference between
// about 155 MB and the budget (BENCHMARKS.md); it also spares View from
// working out verdicts on every frame.
type connRow struct {
	id, name, cgw, status string
	peer                  peer        // the customer gateway's IP and ASN, or that they could not be read
	verdict               api.Verdict // the finding the problems scan makes of it (alibaba.VerdictOfConnection)
	phases, tunnels       string      // "P1✓ P2✗", "1/2"
	bgp, health           alibaba.SessionState
	local, remote         string // subnet cells
	state                 uint64 // what watch mode compares, hashed
	packed                []byte
}

func newConnRow(region string, gw alibaba.Gateway, c alibaba.Connection) connRow {
	up, total := alibaba.TunnelsUp(c)
	h := fnv.New64a()
	h.Write([]byte(connectionState(c)))
	return connRow{
		id: c.ID, name: c.Name, cgw: c.PeerID(), status: alibaba.Intern(c.Status),
		verdict: alibaba.VerdictOfConnection(region, gw, c), phases: alibaba.Intern(connectionPhases(c)),
		tunnels: alibaba.Intern(fmt.Sprintf("%d/%d", up, total)),
		bgp:     connectionBGP(c), health: alibaba.HealthState(c.HealthCheck),
		local: alibaba.Intern(subnetsCell(c.LocalSubnets)), remote: alibaba.Intern(subnetsCell(c.RemoteSubnets)),
		state: h.Sum64(), packed: alibaba.PackConnection(c),
	}
}

// peerCell is the row's customer gateway: its IP and ASN, not its id.
func (r connRow) peerCell() string { return peerText(r.peer, r.cgw) }

// connection unpacks the whole connection.
func (r connRow) connection() alibaba.Connection {
	c, err := alibaba.UnpackConnection(r.packed)
	if err != nil {
		// Only our own records are unpacked; keep what the row knows.
		return alibaba.Connection{ID: r.id, Name: r.name, CustomerGatewayID: r.cgw, Status: r.status}
	}
	return c
}

// newConnectionsList lists a gateway's IPsec-VPN connections.
func newConnectionsList(c *common, gw alibaba.Gateway) ui.PagedList[connRow] {
	client, region := c.client, c.Region
	spec := &ui.ListSpec[connRow]{
		Noun:    "IPsec connections",
		MaxPage: 50,
		ID:      func(x connRow) string { return x.id },
		Detail: func(x connRow) (string, string, []ui.Field) {
			conn := x.connection()
			return "IPsec connection " + ui.OrDash(conn.Name), conn.ID, withPeerFields(connectionFields(conn, c.routes.shown(x.id, x.verdict), c), x.peer, x.cgw)
		},
		Text: func(x connRow) string {
			// Every word the row shows: /down finds a BGP or health
			// check that is down too (walkthrough 11).
			return strings.Join([]string{x.id, x.name, x.status, x.cgw, x.peerCell(), ui.VerdictCell(c.routes.shown(x.id, x.verdict)), x.local, x.remote,
				"bgp " + sessionWord(x.bgp), "health " + sessionWord(x.health)}, " ")
		},
		More: func(x connRow) string { return connectionSearchText(x.connection()) },
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[connRow], error) {
			p, err := client.Connections(ctx, region, gw.ID, cur)
			peers := readPeers(ctx, client, region, p.Items) // one lookup for the page, not one per row
			rows := make([]connRow, len(p.Items))
			for i, x := range p.Items {
				rows[i] = newConnRow(region, gw, x)
				rows[i].peer = peers[rows[i].cgw]
			}
			return api.Page[connRow]{Items: rows, Next: p.Next, More: p.More, Total: p.Total}, err
		},
		Empty: func() string {
			if !gw.IPsecEnabled {
				return "IPsec-VPN is off on this gateway, so it has no IPsec connections."
			}
			return "This gateway has no IPsec connections."
		},
		State: func(x connRow) string { return fmt.Sprint(x.state) },
		Describe: func(old, new connRow) []string {
			return describeConnectionChange(old.connection(), new.connection())
		},
		Order: func(a, b connRow) int {
			return api.CompareVerdicts(c.routes.shown(a.id, a.verdict), c.routes.shown(b.id, b.verdict))
		},
		Columns: []ui.Column[connRow]{
			{Title: "NAME", Min: 12, Max: 32, Cell: func(x connRow) string { return ui.OrDash(x.name) }},
			{Title: "ID", Width: 25, Cell: func(x connRow) string { return x.id }},
			{Title: "STATE", Width: 10, Cell: func(x connRow) string { return ui.VerdictCell(c.routes.shown(x.id, x.verdict)) },
				Paint: func(s *ui.Styles, x connRow, t string) string {
					return s.PaintVerdict(c.routes.shown(x.id, x.verdict), t)
				}},
			{Title: "PHASE", Width: 7, Cell: func(x connRow) string { return x.phases },
				Paint: func(s *ui.Styles, x connRow, t string) string {
					return s.PaintVerdict(c.routes.shown(x.id, x.verdict), t)
				},
				Match: func(x connRow, v string) bool { return strings.Contains(x.phases, "P"+v+"✗") }},
			{Title: "TUN", Width: 3, Cell: func(x connRow) string { return x.tunnels }},
			{Title: "BGP", Width: 4, Cell: func(x connRow) string { return sessionWord(x.bgp) },
				Paint: func(s *ui.Styles, x connRow, t string) string { return paintSession(s, x.bgp, t) }},
			{Title: "HEALTH", Width: 6, Cell: func(x connRow) string { return sessionWord(x.health) },
				Paint: func(s *ui.Styles, x connRow, t string) string { return paintSession(s, x.health, t) }},
			{Title: "CUSTOMER GW", Width: 25, Cell: connRow.peerCell},
			{Title: "LOCAL", Width: 18, Max: 40, Cell: func(x connRow) string { return x.local }},
			{Title: "REMOTE", Width: 18, Max: 40, Cell: func(x connRow) string { return x.remote }},
		},
	}
	return ui.NewPagedList(c.Common, spec)
}

// connectionSearchText is what / finds in a connection beyond its row:
// the peer's and the tunnels' addresses and ids, every subnet, the BGP and
// health-check addresses. Never a key.
func connectionSearchText(c alibaba.Connection) string {
	parts := []string{c.IKE.LocalID, c.IKE.RemoteID, c.InternetIP, c.BGP.LocalIP, c.BGP.PeerIP, c.BGP.TunnelCIDR,
		c.HealthCheck.SourceIP, c.HealthCheck.DestIP, strings.Join(c.LocalSubnets, " "), strings.Join(c.RemoteSubnets, " ")}
	for _, t := range c.TunnelOptions {
		parts = append(parts, t.ID, t.InternetIP, t.CustomerGatewayID, t.IKE.LocalID, t.IKE.RemoteID, t.BGP.LocalIP, t.BGP.PeerIP, t.BGP.TunnelCIDR)
	}
	return strings.Join(parts, " ")
}

// connectionPhases shows the worst tunnel's phases: the one to look at.
func connectionPhases(x alibaba.Connection) string {
	worst := x.Status
	for _, t := range x.TunnelOptions {
		if !alibaba.TunnelUp(t) {
			worst = t.Status
			break
		}
	}
	return phasesCell(worst)
}

// connectionBGP is the connection's BGP state, from its tunnels when it
// has two.
func connectionBGP(x alibaba.Connection) alibaba.SessionState {
	if !x.DualTunnel() {
		return alibaba.BGPState(x.BGP)
	}
	st := alibaba.SessionOff
	for _, t := range x.TunnelOptions {
		switch alibaba.BGPState(t.BGP) {
		case alibaba.SessionDown:
			return alibaba.SessionDown
		case alibaba.SessionUp:
			st = alibaba.SessionUp
		}
	}
	return st
}

// connectionState is what watch mode compares: each tunnel's phases and
// BGP, and the health check.
func connectionState(x alibaba.Connection) string {
	var b strings.Builder
	for _, t := range x.Tunnels() {
		b.WriteString(t.ID + "=" + t.Status + "/" + alibaba.BGPState(t.BGP).String() + ";")
	}
	b.WriteString("hc=" + alibaba.HealthState(x.HealthCheck).String())
	return b.String()
}

// describeConnectionChange says what changed, one line per change:
// "tunnel tun-… phase 2 down → up".
func describeConnectionChange(old, new alibaba.Connection) []string {
	var out []string
	before := map[string]alibaba.Tunnel{}
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
		o1, o2 := alibaba.Phases(o.Status)
		n1, n2 := alibaba.Phases(t.Status)
		if o1 != n1 {
			out = append(out, fmt.Sprintf("%s phase 1 %s → %s", name, o1, n1))
		}
		if o2 != n2 {
			out = append(out, fmt.Sprintf("%s phase 2 %s → %s", name, o2, n2))
		}
		if ob, nb := alibaba.BGPState(o.BGP), alibaba.BGPState(t.BGP); ob != nb {
			out = append(out, fmt.Sprintf("%s BGP %s → %s", name, ob, nb))
		}
	}
	if oh, nh := alibaba.HealthState(old.HealthCheck), alibaba.HealthState(new.HealthCheck); oh != nh {
		out = append(out, fmt.Sprintf("health check %s → %s", oh, nh))
	}
	return out
}
