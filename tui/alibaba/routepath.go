package alibaba

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// routePathView is the route path of an IPsec-VPN connection on a VPN
// gateway (t on a connection or its tunnels), as the traffic flows: the
// VPC's route tables → the gateway's routes → the connection → its
// tunnels → the customer's subnets, and back. Each hop says what it holds and marks
// what is missing or not published, with what to do; the verdict
// (api/alibaba/routepath_rules.go) heads it. Opening it costs the
// gateway's routes (DescribeVpnRouteEntries, and again for bgp when the
// connection runs BGP; DescribeVpnPbrRouteEntries) and its VPC's route
// tables (DescribeRouteTableList, then a DescribeRouteEntryList per
// table), at once, each more when they page, and a DescribeVpnGateway
// first when the gateway is known by its id alone; r reads them all
// again, and the connection.
type routePathView struct {
	ui.ReadPane[routePathRead]
	c      *common
	region string

	gw      alibaba.Gateway
	gwErr   error // the gateway could not be read (its VPC is then unknown)
	conn    alibaba.Connection
	connErr error // r could not read the connection again
	read    alibaba.GatewayRoutes
	verdict alibaba.RouteVerdict
	done    bool // a read has answered
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ ui.Pane      = (*routePathView)(nil)
	_ ui.Selector  = (*routePathView)(nil)
	_ ui.Helpful   = (*routePathView)(nil)
	_ ui.Refresher = (*routePathView)(nil)
)

// routePathRead is a read of the route path.
type routePathRead struct {
	gw      alibaba.Gateway
	gwErr   error
	conn    alibaba.Connection
	connErr error
	read    alibaba.GatewayRoutes
}

// openRoutePath opens the route path of conn, or says why it cannot: a
// connection attached to a transit router is routed by the transit
// router's tables, not read here.
func openRoutePath(c *common, region string, gw alibaba.Gateway, conn alibaba.Connection, crumbs []string) tea.Cmd {
	if conn.GatewayID == "" {
		return ui.Flash("route path: read for a VPN gateway's connections; " + ui.OrDash(conn.Name) + " is attached to transit router " + ui.OrDash(conn.TransitRouterID))
	}
	if gw.ID != conn.GatewayID {
		gw = alibaba.Gateway{ID: conn.GatewayID} // its VPC unread yet
	}
	v := &routePathView{c: c, region: region, gw: gw, conn: conn}
	v.ReadPane = ui.NewReadPane(c.Common, crumbs, v.reader, v.got, v.lines)
	cmd := v.Start(false)
	v.SetSize(c.Width, c.Height)
	return ui.Push(v, cmd)
}

// reader reads the route path: it captures its inputs now, and the read
// runs off the loop.
func (v *routePathView) reader(fresh bool) func(context.Context) routePathRead {
	client, region, gw, conn := v.c.client, v.region, v.gw, v.conn
	return func(ctx context.Context) routePathRead {
		m := routePathRead{gw: gw, conn: conn}
		if fresh {
			if c, err := client.Connection(ctx, region, conn.ID); err != nil {
				m.connErr = err
			} else {
				m.conn = c
			}
		}
		if fresh || gw.VpcID == "" {
			if g, err := client.Gateway(ctx, region, gw.ID); err != nil {
				m.gwErr = err
			} else {
				m.gw = g
			}
		}
		kinds := []string{alibaba.RouteCustom, alibaba.RoutePolicy}
		if alibaba.UsesBGP(m.conn) {
			kinds = alibaba.RouteKinds
		}
		m.read = alibaba.ReadGatewayRoutes(ctx, client, alibaba.Direct, region, m.gw, kinds, fresh)
		if m.gwErr != nil && m.gw.VpcID == "" {
			m.read.TablesErr = m.gwErr // its VPC is not known: why
		}
		return m
	}
}

func (v *routePathView) got(m routePathRead) {
	v.done = true
	v.gw, v.gwErr, v.conn, v.connErr, v.read = m.gw, m.gwErr, m.conn, m.connErr, m.read
	v.verdict = alibaba.JudgeRoutePath(v.read.Path(v.gw, v.conn))
}

func (v *routePathView) InRegion() string { return v.region }

func (v *routePathView) Hints(k keymap.KeyMap) []key.Binding       { return ui.RoutePathHints(k) }
func (v *routePathView) HelpGroups(k keymap.KeyMap) []keymap.Group { return ui.RoutePathHelp(k) }

// Selection is the verdict as fields: d shows it whole, y copies the
// connection's id.
func (v *routePathView) Selection() (string, string, []ui.Field, bool) {
	var fields []ui.Field
	for i, is := range v.verdict.Issues {
		fields = append(fields, ui.Section(fmt.Sprintf("%d. %s (%s)", i+1, is.Rule, is.Impact)),
			ui.Field{Label: "Problem", Value: is.Problem}, ui.Field{Label: "What to do", Value: is.Check},
			ui.Field{Label: "Subnets", Value: strings.Join(is.Subnets, ", ")})
	}
	for _, u := range v.verdict.Unread {
		fields = append(fields, ui.Field{Label: "Not read", Value: u.What + ": " + ui.ErrorLine(u.Err)})
	}
	switch {
	case v.done && v.verdict.Unjudged != "":
		fields = append(fields, ui.Field{Label: "Verdict", Value: "not judged: " + v.verdict.Unjudged})
	case v.done && v.verdict.Healthy():
		fields = append(fields, ui.Field{Label: "Verdict", Value: "traffic from the VPC reaches the connection: every remote subnet is routed"})
	}
	return "Route path of " + ui.OrDash(v.conn.Name), v.conn.ID, fields, true
}

// lines is the whole text, built when the data or the size change, never
// in View.
func (v *routePathView) lines() []string {
	width, s := v.Sc.Width, v.c.Styles
	g, c := v.gw, v.conn
	out := []string{ui.Fit(fmt.Sprintf(" %s · %s · %s · %s", s.Title.Render("Route path"), ui.OrDash(c.Name), c.ID,
		strings.TrimSpace(g.ID+" "+g.Name)), width)}
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	out = append(out, v.verdictLines()...)
	hop := func(n int, title, rest string) {
		if rest != "" {
			rest = " · " + rest
		}
		out = append(out, "", ui.Fit(" "+s.Section.Render(fmt.Sprintf("%d %s", n, title))+rest, width))
	}

	// 1. The VPC's route tables: what sends the VPC's traffic to the gateway.
	hop(1, "VPC route tables", s.Dim.Render("what sends the VPC's traffic to the gateway"))
	out = append(out, v.tableLines()...)

	// 2. The gateway's routes through this connection.
	hop(2, "Gateway", v.gatewayWords())
	if v.gwErr != nil {
		para("   "+s.Warn.Render("? "), "     ", "could not read the gateway, so neither its VPC: "+ui.ErrorLine(v.gwErr))
	}
	for _, kind := range alibaba.RouteKinds {
		out = append(out, v.routeLines(kind)...)
	}

	// 3. The connection.
	hop(3, "Connection", fmt.Sprintf("%s %s · %s", c.ID, ui.OrDash(c.Name), ui.OrDash(c.State)))
	if v.connErr != nil {
		para("   "+s.Warn.Render("? "), "     ", "could not read the connection again; as read before: "+ui.ErrorLine(v.connErr))
	}
	para("     ", "     ", "local "+orNoneWord(c.LocalSubnets)+" ⇄ remote "+orNoneWord(c.RemoteSubnets))
	if len(c.LocalSubnets) > 0 {
		para("     ", "     ", "back: the customer's traffic comes in through the tunnels to "+orNoneWord(c.LocalSubnets)+", which the VPC reaches by its own routes")
	}

	// 4. The tunnels.
	hop(4, "Tunnels", "")
	if up, _ := alibaba.TunnelsUp(c); up == 0 {
		para("   "+s.Bad.Render("✗ "), "     ", "no tunnel has phase 2 up: nothing flows until one does, whatever the routes (the tunnels view says why)")
	}
	for _, t := range c.Tunnels() {
		state, tone := "● phase 2 up", ui.ToneGood
		if !alibaba.TunnelUp(t) {
			state, tone = "○ "+ui.OrDash(t.Status), ui.ToneBad
		}
		name := "tunnel " + t.ID
		if t.Synthetic {
			name = "the tunnel"
		}
		out = append(out, ui.Fit(strings.Join(nonEmpty("  ", name, t.InternetIP, s.Paint(tone, state)), " "), width))
	}

	// 5. The customer's subnets.
	hop(5, "Remote subnets", s.Dim.Render("where the traffic goes"))
	out = append(out, v.subnetLines()...)
	return out
}

// gatewayWords are the gateway's id, name and VPC as read; when it was
// never read, what stopped the read.
func (v *routePathView) gatewayWords() string {
	g := v.gw
	switch {
	case g.VpcID != "":
		return fmt.Sprintf("%s %s · VPC %s", g.ID, ui.OrDash(g.Name), g.VpcID)
	case v.gwErr != nil:
		return g.ID + " · " + api.CouldNotRead("vpc", v.gwErr)
	}
	return g.ID + " · reading…"
}

// verdictLines head the view: each issue with what to do, what could not
// be read, or that the path is in place.
func (v *routePathView) verdictLines() []string {
	s := v.c.Styles
	var lines []string
	add := func(lead, hang, text string) { lines = append(lines, wrapLines(v.Sc.Width, lead, hang, text)...) }
	up, _ := alibaba.TunnelsUp(v.conn)
	switch {
	case !v.done:
		add(" "+s.Dim.Render("… "), "   ", "checking the route path: reading the gateway's routes and its VPC's route tables")
		return lines
	case v.verdict.Unjudged != "":
		add(" "+s.Paint(ui.ToneMuted, "○ "), "   ", "the route path is not judged: "+v.verdict.Unjudged)
		return lines
	case v.verdict.Healthy() && up == 0:
		add(" "+s.Warn.Render("◐ "), "   ", "the routes are in place, but no tunnel has phase 2 up")
	case v.verdict.Healthy():
		add(" "+s.Good.Render("✓ "), "   ", "traffic from the VPC reaches the connection: every remote subnet is routed to the gateway and into it")
	}
	ui.RouteIssueLines(s, add, issueTexts(v.verdict.Issues), v.verdict.Unread, "vpc")
	return lines
}

// tableLines are the VPC hop: each table, what it serves, and its entries
// to the gateway.
func (v *routePathView) tableLines() []string {
	s, width := v.c.Styles, v.Sc.Width
	var out []string
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	switch {
	case !v.done:
		return append(out, ui.Fit("   "+s.Dim.Render("… reading the route tables"), width))
	case v.read.Path(v.gw, v.conn).TablesNotServed():
		para("   "+s.Paint(ui.ToneMuted, "○ "), "     ", "the endpoint serves no route table action (InvalidApi.NotFound): "+
			"whether the VPC sends a subnet to the gateway is what each route's State says (published: advertised to the VPC's system route table)")
		return out
	case v.read.TablesErr != nil:
		cause, _ := api.UnreadCause("vpc", []api.Unread{{What: "the route tables of " + ui.OrDash(v.gw.VpcID), Err: v.read.TablesErr}})
		para("   "+s.Warn.Render("? "), "     ", cause.Message)
		para("     ", "     ", ui.ErrorLine(v.read.TablesErr))
		return out
	case len(v.read.Tables) == 0:
		return append(out, ui.Fit("   "+s.Bad.Render("✗ ")+"no route table listed for "+v.gw.VpcID, width))
	}
	for _, t := range v.read.Tables {
		serves := "serves every vSwitch not associated with a custom table"
		if !t.System() {
			serves = "serves " + orNoneWord(t.VSwitches)
		}
		para("   "+t.ID+" "+s.Label.Render(ui.OrDash(t.Type))+" · ", "     ", serves)
		// This connection's subnets, each with the entries that send it
		// to the gateway; the table's other entries to it are counted.
		shown := map[string]bool{}
		for _, sp := range v.verdict.Subnets {
			held := false
			for _, h := range sp.VPC {
				if h.Table != t.ID {
					continue
				}
				held, shown[h.Entry.ID+h.Entry.Dest] = true, true
				para("     "+s.Good.Render("✓ "), "       ", fmt.Sprintf("%s → %s (%s, %s)", h.Entry.Dest, h.Entry.NextHopID, ui.OrDash(h.Entry.Type), ui.OrDash(h.Entry.Status)))
			}
			if !held {
				para("     "+s.Bad.Render("✗ "), "       ", sp.Subnet+": no entry sends it to the gateway")
			}
		}
		toGateway := 0
		for _, e := range t.Entries {
			if e.NextHopType == "VpnGateway" && e.NextHopID == v.gw.ID {
				toGateway++
			}
		}
		if others := toGateway - len(shown); others > 0 {
			para("     "+s.Paint(ui.ToneMuted, "○ "), "       ", fmt.Sprintf("%d more %s to the gateway, for its other connections", others, api.OneOrMany(others, "entry", "entries")))
		}
	}
	return out
}

// routeLines are one kind of the gateway's routes through the connection.
func (v *routePathView) routeLines(kind string) []string {
	s, width := v.c.Styles, v.Sc.Width
	var out []string
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	name := strings.SplitN(alibaba.RouteKindWords(kind), " (", 2)[0]
	_, asked := v.read.Routes[kind]
	switch {
	case !v.done:
		return append(out, ui.Fit("   "+s.Dim.Render("… reading its "+name), width))
	case v.read.RouteErrs[kind] != nil:
		para("   "+s.Warn.Render("? "), "     ", name+": "+api.CouldNotRead("vpc", v.read.RouteErrs[kind])+": "+ui.ErrorLine(v.read.RouteErrs[kind]))
		return out
	case !asked:
		para("   "+s.Paint(ui.ToneMuted, "○ "), "     ", name+": not read, the connection runs no BGP")
		return out
	case slices.Contains(v.read.NotServed, alibaba.RouteAction(kind)):
		para("   "+s.Paint(ui.ToneMuted, "○ "), "     ", name+": none, the endpoint does not serve "+alibaba.RouteAction(kind))
		return out
	}
	var mine []alibaba.VPNRoute
	for _, r := range v.read.Routes[kind] {
		if r.NextHop == v.conn.ID {
			mine = append(mine, r)
		}
	}
	if len(mine) == 0 {
		para("   "+s.Paint(ui.ToneMuted, "○ "), "     ", fmt.Sprintf("%s: none through this connection (%s on the gateway)", name, api.Count(len(v.read.Routes[kind]), "route")))
		return out
	}
	para("   ", "   ", name+" through this connection:")
	for _, r := range mine {
		text := r.Dest
		if r.Source != "" && kind == alibaba.RoutePolicy {
			text = r.Source + " → " + r.Dest
		}
		if r.AsPath != "" {
			text += " · AS path " + r.AsPath
		}
		if r.Weight == 0 && kind != alibaba.RouteBGP {
			// "0: … a standby connection" (DescribeVpnPbrRouteEntries,
			// Weight; a destination-based route's 0 is "a low priority").
			text += " · weight 0: standby"
		}
		if r.Published() {
			para("     "+s.Good.Render("✓ "), "       ", text+" · published to the VPC")
		} else {
			para("     "+s.Warn.Render("◐ "), "       ", text+" · not published to the VPC ("+ui.OrDash(r.State)+")")
		}
	}
	return out
}

// subnetLines are the last hop: each remote subnet and whether the VPC
// sends it to the gateway and the gateway into the connection.
func (v *routePathView) subnetLines() []string {
	s, width := v.c.Styles, v.Sc.Width
	var out []string
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	if len(v.conn.RemoteSubnets) == 0 {
		para("   "+s.Bad.Render("✗ "), "     ", "none: the connection names no remote subnet")
		return out
	}
	if !v.done || v.verdict.Unjudged != "" {
		for _, sn := range v.conn.RemoteSubnets {
			para("     ", "     ", sn)
		}
		return out
	}
	for _, sp := range v.verdict.Subnets {
		var tables, kinds []string
		for _, h := range sp.VPC {
			tables = append(tables, h.Table)
		}
		for _, r := range sp.Gateway {
			kinds = append(kinds, r.Kind)
		}
		switch sp.Outcome {
		case alibaba.SubnetRouted:
			para("   "+s.Good.Render("✓ "), "     ", sp.Subnet+": the VPC sends it to the gateway ("+strings.Join(dedupe(tables), ", ")+"), the gateway into the connection ("+strings.Join(dedupe(kinds), ", ")+")")
		case alibaba.SubnetUnknown:
			para("   "+s.Warn.Render("? "), "     ", sp.Subnet+": not known, a part of its way could not be read (above)")
		default:
			para("   "+s.Bad.Render("✗ "), "     ", sp.Subnet+": "+outcomeWords[sp.Outcome])
		}
	}
	return out
}

// outcomeWords say what a broken subnet's way lacks.
var outcomeWords = map[string]string{
	alibaba.SubnetUnrouted:       "no route of the gateway sends it into the connection, and no route table sends it to the gateway",
	alibaba.SubnetNotPublished:   "the gateway routes it into the connection, but the route is not published to the VPC, so no route table sends it to the gateway",
	alibaba.SubnetNoVPCRoute:     "the gateway routes it into the connection and has published the route, yet no route table sends it to the gateway",
	alibaba.SubnetNoGatewayRoute: "the VPC sends it to the gateway, which has no route to it through this connection",
}

// nonEmpty are the words that are not empty.
func nonEmpty(words ...string) []string {
	var out []string
	for _, w := range words {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// wrapLines is text wrapped as prose at width, its first line behind lead.
func wrapLines(width int, lead, hang, text string) []string {
	var out []string
	for i, l := range ui.WrapProse(text, width-ansi.StringWidth(lead)-1, "") {
		if i == 0 {
			out = append(out, ui.Fit(lead+l, width))
		} else {
			out = append(out, ui.Fit(hang+l, width))
		}
	}
	return out
}

func orNoneWord(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	return strings.Join(items, ", ")
}

// dedupe is items, each once, in their order.
func dedupe(items []string) []string {
	var out []string
	for _, s := range items {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// issueTexts are a verdict's issues as the route path views draw them.
func issueTexts(issues []alibaba.RouteIssue) []ui.RouteIssue {
	out := make([]ui.RouteIssue, len(issues))
	for i, is := range issues {
		out[i] = ui.RouteIssue{Impact: is.Impact, Problem: is.Problem, Check: is.Check}
	}
	return out
}
