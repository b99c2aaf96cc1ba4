package aws

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// s2sRoutePathView is the route path of a Site-to-Site connection on a
// virtual private gateway (t on a connection or its tunnels), as the
// traffic flows: the VPC route tables → the gateway → the connection →
// its tunnels → the customer's prefixes, and back. Each hop says what it
// holds and marks what is missing, blackholed or not propagated, with what
// to do; the verdict (api/aws/routepath_rules.go) heads it. Opening it
// costs one DescribeRouteTables per VPC of the gateway, at once (and a
// DescribeVpnGateways first when the gateway was not read); r reads the
// gateway, the connection and the tables again.
type s2sRoutePathView struct {
	ui.ReadPane[routePathRead]
	c   *common
	cgw aws.CustomerGateway

	path    aws.RoutePath // what was read, or what was known before
	connErr error         // r could not read the connection again
	verdict aws.RouteVerdict
	read    bool // a read has answered
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ ui.Pane      = (*s2sRoutePathView)(nil)
	_ ui.Selector  = (*s2sRoutePathView)(nil)
	_ ui.Helpful   = (*s2sRoutePathView)(nil)
	_ ui.Refresher = (*s2sRoutePathView)(nil)
)

// routePathRead is a read of the route path.
type routePathRead struct {
	path    aws.RoutePath
	connErr error
}

// openRoutePath opens the route path of conn: a transit gateway's has a
// view of its own.
func openRoutePath(c *common, g aws.VPNGateway, conn aws.VPNConnection, cgw aws.CustomerGateway, crumbs []string) tea.Cmd {
	if conn.GatewayKind == aws.KindTGW {
		return openTGWRoutePath(c, g, conn, crumbs) // routepath_tgw.go
	}
	if g.ID != conn.GatewayID {
		g = aws.VPNGateway{ID: conn.GatewayID, Kind: aws.KindVGW} // its name, state and ASN unread yet
	}
	v := &s2sRoutePathView{c: c, cgw: cgw, path: aws.RoutePath{Gateway: g, Connection: conn}}
	v.ReadPane = ui.NewReadPane(c.Common, crumbs, v.reader, v.got, v.lines)
	cmd := v.Start(false)
	v.SetSize(c.Width, c.Height)
	return ui.Push(v, cmd)
}

// reader reads the route path: the gateway when it is not known (or
// fresh), the connection again when fresh, then every VPC's route tables
// at once. It captures its inputs now; the read runs off the loop.
func (v *s2sRoutePathView) reader(fresh bool) func(context.Context) routePathRead {
	client, region, g, conn := v.c.client, v.c.Region, v.path.Gateway, v.path.Connection
	readGateway := fresh || g.State == "" // a gateway known by its id alone
	return func(ctx context.Context) routePathRead {
		p, connErr := readRoutePath(ctx, client, region, g, conn, readGateway, fresh)
		return routePathRead{path: p, connErr: connErr}
	}
}

// errNotListed is a gateway DescribeVpnGateways did not list by its id.
var errNotListed = errors.New("DescribeVpnGateways did not list the gateway")

func readRoutePath(ctx context.Context, client aws.Client, region string, g aws.VPNGateway, conn aws.VPNConnection,
	readGateway, fresh bool) (aws.RoutePath, error) {
	p := aws.RoutePath{Gateway: g, Connection: conn, TableErrs: map[string]error{}}
	var connErr error
	var wg sync.WaitGroup
	if readGateway {
		wg.Go(func() {
			gws, err := client.VirtualPrivateGateways(ctx, region, []string{g.ID})
			switch {
			case err != nil:
				p.GatewayErr = err
			case len(gws) != 1:
				p.GatewayErr = errNotListed
			default:
				p.Gateway = gws[0]
			}
		})
	}
	if fresh {
		wg.Go(func() {
			conns, err := client.VPNConnections(ctx, region, aws.VPNConnectionFilter{ConnectionIDs: []string{conn.ID}})
			switch {
			case err != nil:
				connErr = err
			case len(conns) == 1:
				p.Connection = conns[0]
			}
		})
	}
	wg.Wait()
	if p.GatewayErr != nil {
		return p, connErr
	}
	vpcs := aws.RouteVPCs(p.Gateway)
	tables := make([][]aws.RouteTable, len(vpcs))
	errs := make([]error, len(vpcs))
	for i, vpc := range vpcs {
		wg.Go(func() {
			tables[i], errs[i] = client.RouteTables(ctx, region, aws.RouteTableQuery{VpcID: vpc, Fresh: fresh})
		})
	}
	wg.Wait()
	for i, vpc := range vpcs {
		if errs[i] != nil {
			p.TableErrs[vpc] = errs[i]
		}
		p.Tables = append(p.Tables, tables[i]...)
	}
	return p, connErr
}

// got takes a read's answer: what was known of the gateway stays when it
// could not be read again.
func (v *s2sRoutePathView) got(r routePathRead) {
	v.read, v.connErr = true, r.connErr
	if r.path.GatewayErr != nil {
		r.path.Gateway = v.path.Gateway
	}
	v.path = r.path
	v.verdict = aws.JudgeRoutePath(v.path)
}

func (v *s2sRoutePathView) Hints(k keymap.KeyMap) []key.Binding       { return ui.RoutePathHints(k) }
func (v *s2sRoutePathView) HelpGroups(k keymap.KeyMap) []keymap.Group { return ui.RoutePathHelp(k) }

// Selection is the verdict as fields: d shows it whole, y copies the
// connection's id.
func (v *s2sRoutePathView) Selection() (string, string, []ui.Field, bool) {
	c := v.path.Connection
	fields := verdictFields(v.verdict)
	if v.read && v.verdict.Healthy() {
		fields = append(fields, ui.Field{Label: "Verdict", Value: "traffic from the VPC reaches the connection: " + v.reachWords()})
	}
	return "Route path of " + ui.OrDash(c.Name), c.ID, fields, true
}

// lines is the whole text, built when the data or the size change, never
// in View.
func (v *s2sRoutePathView) lines() []string {
	width := v.Sc.Width
	s := v.c.Styles
	g, c := v.path.Gateway, v.path.Connection
	out := []string{ui.Fit(fmt.Sprintf(" %s · %s · %s · %s · %s", s.Title.Render("Route path"), ui.OrDash(c.Name), c.ID,
		routingWord(c), strings.TrimSpace(g.ID+" "+v.gatewayName())), width)}
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	out = append(out, v.verdictLines()...)
	hop := func(n int, title, rest string) {
		if rest != "" {
			rest = " · " + rest
		}
		out = append(out, "", ui.Fit(" "+s.Section.Render(fmt.Sprintf("%d %s", n, title))+rest, width))
	}

	// 1. The VPC route tables: what sends the VPC's traffic to the gateway.
	hop(1, "VPC route tables", s.Dim.Render("what sends the VPC's traffic to the gateway"))
	out = append(out, v.tableLines()...)

	// 2. The gateway, and back into the VPC.
	hop(2, "Gateway", v.gatewayWords())
	if v.path.GatewayErr != nil {
		para("   "+s.Warn.Render("? "), "     ", "could not read the gateway, so neither its VPCs: "+ui.ErrorLine(v.path.GatewayErr))
	}
	for _, a := range g.VPCAttachments {
		mark, tone := "✓", ui.ToneGood
		if a.State != "attached" {
			mark, tone = "✗", ui.ToneBad
		}
		back := ""
		if cidr := vpcCIDR(v.path.Tables, a.VpcID); cidr != "" && a.State == "attached" {
			back = " · back: it sends the customer's traffic into " + cidr + " (the local route)"
		}
		para("   "+s.Paint(tone, mark+" "), "     ", a.State+map[bool]string{true: " to ", false: " from "}[strings.HasPrefix(a.State, "attach")]+a.VpcID+back)
	}

	// 3. The connection and its own routes.
	hop(3, "Connection", fmt.Sprintf("%s %s · %s · %s routing", c.ID, ui.OrDash(c.Name), ui.OrDash(c.State), routingWord(c)))
	if v.connErr != nil {
		para("   "+s.Warn.Render("? "), "     ", "could not read the connection again; as read before: "+ui.ErrorLine(v.connErr))
	}
	switch {
	case c.BGP():
		para("     ", "     ", "its routes come from the device over BGP, inside the tunnels; the gateway propagates them into the route tables that ask for it")
	case len(c.Routes) == 0:
		para("   "+s.Bad.Render("✗ "), "     ", "no static route: the gateway sends nothing into the connection (CreateVpnConnectionRoute)")
	default:
		var rs []string
		for _, r := range c.Routes {
			rs = append(rs, r.Destination+" ("+r.State+")")
		}
		para("   "+s.Good.Render("✓ "), "     ", "static routes: "+strings.Join(rs, ", "))
	}

	// 4. The tunnels.
	hop(4, "Tunnels", "")
	if c.TunnelsUp() == 0 {
		para("   "+s.Bad.Render("✗ "), "     ", "no tunnel is up: nothing flows until one is, whatever the routes (the tunnels view says why)")
	}
	for i, t := range c.Tunnels {
		state, tone := "● UP", ui.ToneGood
		if !t.Up() {
			state, tone = "○ "+ui.OrDash(t.Status), ui.ToneBad
		}
		routes := ""
		if n, known := t.Routes(); c.BGP() && known {
			routes = fmt.Sprintf(" · %s accepted", api.Count(n, "BGP route"))
		} else if c.BGP() {
			routes = " · accepted routes not known (the service did not say)"
		}
		out = append(out, ui.Fit(fmt.Sprintf("   tunnel %d %s %s%s", i+1, t.OutsideIP, s.Paint(tone, state), routes), width))
	}

	// 5. The customer's prefixes.
	hop(5, "Customer prefixes", s.Dim.Render("where the traffic goes"))
	out = append(out, v.prefixLines()...)
	return out
}

// gatewayName is the gateway's Name tag as read: "" while only its id is
// known (a connection opened by :id names its gateway by id alone).
func (v *s2sRoutePathView) gatewayName() string {
	if g := v.path.Gateway; g.Name != g.ID {
		return g.Name
	}
	return ""
}

// gatewayWords are the gateway's id, name, state and ASN as read; when it
// was never read (known by its id alone), what stopped the read, never a
// dash or an ASN of 0 for values no call gave.
func (v *s2sRoutePathView) gatewayWords() string {
	g, err := v.path.Gateway, v.path.GatewayErr
	switch {
	case g.State != "":
		return fmt.Sprintf("%s %s · %s · ASN %d", g.ID, ui.OrDash(v.gatewayName()), g.State, g.AmazonASN)
	case errors.Is(err, errNotListed):
		return g.ID + " · not listed by DescribeVpnGateways"
	case err != nil:
		return g.ID + " · " + api.CouldNotRead("ec2", err)
	}
	return g.ID + " · reading…"
}

// tablesUnread is why the route tables are not known whole: the gateway
// (so its VPCs) or one VPC's tables could not be read; "" when they were.
func (v *s2sRoutePathView) tablesUnread() string {
	if err := v.path.GatewayErr; err != nil {
		if errors.Is(err, errNotListed) {
			return "not read, DescribeVpnGateways did not list the gateway"
		}
		return api.CouldNotRead("ec2", err)
	}
	for _, vpc := range aws.RouteVPCs(v.path.Gateway) {
		if err := v.path.TableErrs[vpc]; err != nil {
			return api.CouldNotRead("ec2", err)
		}
	}
	return ""
}

// verdictLines head the view: each issue with what to do, what could not
// be read, or that the path is in place.
func (v *s2sRoutePathView) verdictLines() []string {
	s := v.c.Styles
	var lines []string
	add := func(lead, hang, text string) { lines = append(lines, wrapLines(v.Sc.Width, lead, hang, text)...) }
	switch {
	case !v.read && v.path.Gateway.State == "":
		add(" "+s.Dim.Render("… "), "   ", "checking the route path: reading the gateway, then the route tables of its VPCs")
		return lines
	case !v.read:
		add(" "+s.Dim.Render("… "), "   ", "checking the route path: reading the route tables of "+orNone(aws.RouteVPCs(v.path.Gateway)))
		return lines
	case v.verdict.Healthy() && v.path.Connection.TunnelsUp() == 0:
		add(" "+s.Warn.Render("◐ "), "   ", "the routes are in place, but no tunnel is up")
	case v.verdict.Healthy():
		add(" "+s.Good.Render("✓ "), "   ", "traffic from the VPC reaches the connection: "+v.reachWords())
	}
	ui.RouteIssueLines(s, add, issueTexts(v.verdict.Issues), v.verdict.Unread, "ec2")
	return lines
}

// reachWords says which tables send traffic to the gateway.
func (v *s2sRoutePathView) reachWords() string {
	gw := v.path.Gateway.ID
	var by []string
	for _, t := range v.path.Tables {
		if t.Serves() && (t.Propagates(gw) || len(t.RoutesTo(gw)) > 0) {
			by = append(by, tableName(t))
		}
	}
	names := strings.Join(by, ", ")
	switch n := len(v.path.Tables); {
	case n == 1 && len(by) == 1:
		return "its route table sends to the gateway (" + names + ")"
	case len(by) == n:
		return fmt.Sprintf("all %d of its route tables send to the gateway (%s)", n, names)
	}
	return fmt.Sprintf("%d of its %s %s to the gateway (%s)", len(by), api.Count(len(v.path.Tables), "route table"),
		api.OneOrMany(len(by), "sends", "send"), names)
}

// tableLines are the VPC hop: each VPC's tables, what each serves, whether
// it propagates from the gateway, its routes to it, and what it does with
// each customer prefix.
func (v *s2sRoutePathView) tableLines() []string {
	s, width := v.c.Styles, v.Sc.Width
	g := v.path.Gateway
	var out []string
	line := func(text string) { out = append(out, ui.Fit(text, width)) }
	vpcs := aws.RouteVPCs(g)
	switch {
	case v.path.GatewayErr != nil:
		line("   " + s.Warn.Render("? ") + "the gateway's VPCs are not known: the gateway could not be read (2 says why)")
		return out
	case len(vpcs) == 0:
		line("   " + s.Bad.Render("✗ ") + "the gateway is attached to no VPC: no route table can send traffic to it (AttachVpnGateway)")
		return out
	}
	for _, vpc := range vpcs {
		state := attachmentState(g, vpc)
		line(fmt.Sprintf("   %s %s", vpc, s.Dim.Render("("+state+")")))
		if err := v.path.TableErrs[vpc]; err != nil {
			cause, _ := api.UnreadCause("ec2", []api.Unread{{What: "the route tables of " + vpc, Err: err}})
			out = append(out, wrapLines(width, "     "+s.Warn.Render("? "), "       ", cause.Message)...)
			out = append(out, wrapLines(width, "       ", "       ", ui.ErrorLine(err))...)
			continue
		}
		if !v.read {
			line("     " + s.Dim.Render("… reading its route tables"))
			continue
		}
		n := 0
		for _, t := range v.path.Tables {
			if t.VpcID != vpc {
				continue
			}
			n++
			out = append(out, v.oneTable(t)...)
		}
		if n == 0 {
			line("     " + s.Bad.Render("✗ ") + "no route table listed")
		}
	}
	return out
}

// oneTable is one route table's lines.
func (v *s2sRoutePathView) oneTable(t aws.RouteTable) []string {
	s, width, gw := v.c.Styles, v.Sc.Width, v.path.Gateway.ID
	var out []string
	serves := "serves no subnet: its routes carry nothing"
	switch {
	case t.Main && len(t.Subnets) > 0:
		serves = "main table: " + strings.Join(t.Subnets, ", ") + " and every subnet not associated with another"
	case t.Main:
		serves = "main table: every subnet not associated with another"
	case len(t.Subnets) > 0:
		serves = "serves " + strings.Join(t.Subnets, ", ")
	}
	out = append(out, wrapLines(width, "     "+t.ID+" "+s.Label.Render(ui.OrDash(t.Name))+" · ", "       ", serves)...)
	prop, tone := "does not propagate from the gateway", ui.ToneMuted
	if t.Propagates(gw) {
		prop, tone = "propagates from the gateway", ui.ToneGood
	}
	var propagated, static, blackholes []string
	for _, r := range t.RoutesTo(gw) {
		switch {
		case r.Blackhole():
			blackholes = append(blackholes, r.Destination)
		case r.Propagated():
			propagated = append(propagated, r.Destination)
		default:
			static = append(static, r.Destination)
		}
	}
	routes := "no route to it"
	if len(blackholes) > 0 {
		routes = "no active route to it"
	}
	if n := len(propagated) + len(static); n > 0 {
		var kinds []string
		if len(propagated) > 0 {
			kinds = append(kinds, "propagated "+firstFew(propagated, 3))
		}
		if len(static) > 0 {
			kinds = append(kinds, "static "+firstFew(static, 3))
		}
		routes = api.Count(n, "route") + " to it: " + strings.Join(kinds, "; ")
	}
	mark := map[ui.Tone]string{ui.ToneGood: "✓ ", ui.ToneMuted: "○ "}[tone]
	out = append(out, wrapLines(width, "       "+s.Paint(tone, mark), "         ", prop+" · "+routes)...)
	if len(blackholes) > 0 {
		out = append(out, wrapLines(width, "       "+s.Bad.Render("✗ "), "         ",
			strings.Join(blackholes, ", ")+" to the gateway "+api.OneOrMany(len(blackholes), "is a blackhole", "are blackholes")+": the gateway is not attached to "+t.VpcID)...)
	}
	for _, p := range v.verdict.Prefixes {
		for _, tr := range p.Tables {
			if tr.Table != t.ID {
				continue
			}
			m, tone := "✗ ", ui.ToneBad
			switch {
			case tr.Outcome == aws.ToGateway:
				m, tone = "✓ ", ui.ToneGood
			case !t.Serves():
				m, tone = "○ ", ui.ToneMuted
			}
			out = append(out, wrapLines(width, "       "+s.Paint(tone, m), "         ", p.Prefix+": "+aws.TableRouteWords(tr))...)
		}
	}
	return out
}

// prefixLines are the last hop: each static prefix and whether any table
// sends it to the gateway; for BGP, what the API gives and what it does not.
func (v *s2sRoutePathView) prefixLines() []string {
	s, width := v.c.Styles, v.Sc.Width
	c := v.path.Connection
	var out []string
	if c.BGP() {
		var counts []string
		for _, t := range c.Tunnels {
			if n, known := t.Routes(); known {
				counts = append(counts, fmt.Sprint(n))
			} else {
				counts = append(counts, "not said")
			}
		}
		var propagated []string
		for _, t := range v.path.Tables {
			for _, r := range t.RoutesTo(v.path.Gateway.ID) {
				if r.Propagated() && !slices.Contains(propagated, r.Destination) {
					propagated = append(propagated, r.Destination)
				}
			}
		}
		text := "the prefixes the device advertises are not in the EC2 API: DescribeVpnConnections gives only how many each tunnel accepted (" +
			strings.Join(counts, " and ") + ")"
		switch unread := v.tablesUnread(); {
		case !v.read:
		case unread != "":
			// Counted from the tables read, the number would be a guess.
			text += "; the routes propagated from the gateway into the route tables: " + unread
		default:
			text += fmt.Sprintf("; the route tables above hold %s propagated from the gateway, from every BGP connection on it",
				api.Count(len(propagated), "route"))
		}
		return wrapLines(width, "     ", "     ", text)
	}
	if len(v.verdict.Prefixes) == 0 && v.read {
		routed := ""
		if unread := v.tablesUnread(); unread != "" {
			routed = ": whether the VPC sends it to the gateway: " + unread
		}
		for _, r := range aws.CustomerPrefixes(c) {
			out = append(out, wrapLines(width, "     ", "       ", r.Destination+routed)...)
		}
	}
	if len(aws.CustomerPrefixes(c)) == 0 {
		return append(out, wrapLines(width, "   "+s.Bad.Render("✗ "), "     ", "none: a static connection's prefixes are its static routes, and it has none")...)
	}
	for _, p := range v.verdict.Prefixes {
		var by []string
		for _, tr := range p.Tables {
			if tr.Outcome == aws.ToGateway {
				by = append(by, tr.Table)
			}
		}
		if p.Routed {
			out = append(out, wrapLines(width, "   "+s.Good.Render("✓ "), "     ", p.Prefix+": the VPC sends it to the gateway ("+strings.Join(by, ", ")+")")...)
			continue
		}
		out = append(out, wrapLines(width, "   "+s.Bad.Render("✗ "), "     ", p.Prefix+": routed to the gateway by no route table that serves a subnet: traffic from the VPC to it never enters the VPN")...)
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

func attachmentState(g aws.VPNGateway, vpc string) string {
	for _, a := range g.VPCAttachments {
		if a.VpcID == vpc {
			return a.State
		}
	}
	return "attached"
}

// vpcCIDR is a VPC's CIDR as its tables' local route gives it.
func vpcCIDR(tables []aws.RouteTable, vpc string) string {
	for _, t := range tables {
		if t.VpcID != vpc {
			continue
		}
		if i := slices.IndexFunc(t.Routes, func(r aws.VPCRoute) bool { return r.Target == "local" }); i >= 0 {
			return t.Routes[i].Destination
		}
	}
	return ""
}

func tableName(t aws.RouteTable) string {
	if t.Name != "" {
		return t.Name
	}
	return t.ID
}

func firstFew(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" (+%d more)", len(items)-n)
}

func orNone(items []string) string {
	if len(items) == 0 {
		return "no VPC"
	}
	return strings.Join(items, ", ")
}

// verdictFields are a route path's verdict as d shows it: each issue with
// what to do, the tables and prefixes concerned, and what was not read.
func verdictFields(verdict aws.RouteVerdict) []ui.Field {
	var fields []ui.Field
	for i, is := range verdict.Issues {
		fields = append(fields, ui.Section(fmt.Sprintf("%d. %s (%s)", i+1, is.Rule, is.Impact)),
			ui.Field{Label: "Problem", Value: is.Problem}, ui.Field{Label: "What to do", Value: is.Check})
		if len(is.Tables) > 0 {
			fields = append(fields, ui.Field{Label: "Route tables", Value: strings.Join(is.Tables, ", ")})
		}
		if len(is.Prefixes) > 0 {
			fields = append(fields, ui.Field{Label: "Prefixes", Value: strings.Join(is.Prefixes, ", ")})
		}
	}
	for _, u := range verdict.Unread {
		fields = append(fields, ui.Field{Label: "Not read", Value: u.What + ": " + ui.ErrorLine(u.Err)})
	}
	return fields
}

// issueTexts are a verdict's issues as the route path views draw them.
func issueTexts(issues []aws.RouteIssue) []ui.RouteIssue {
	out := make([]ui.RouteIssue, len(issues))
	for i, is := range issues {
		out[i] = ui.RouteIssue{Impact: is.Impact, Problem: is.Problem, Check: is.Check}
	}
	return out
}
