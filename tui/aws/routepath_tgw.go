package aws

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// tgwRoutePathView is the route path of a Site-to-Site connection on a
// transit gateway (t on a connection or its tunnels), as the traffic
// flows: the transit gateway route tables the attachment propagates to
// (what sends the VPCs' traffic into it) → the attachment and the table
// it is associated with (where the customer's traffic goes on: the way
// back) → the connection → its tunnels → the customer's prefixes. The
// verdict (api/aws/routepath_tgw.go) heads it. Opening it costs one
// DescribeTransitGatewayAttachments, then one
// GetTransitGatewayAttachmentPropagations, then one
// SearchTransitGatewayRoutes per table, those at once; r reads them and
// the connection again.
type tgwRoutePathView struct {
	ui.ReadPane[tgwPathRead]
	c       *common
	gwName  string
	path    aws.TGWPath
	connErr error // r could not read the connection again
	verdict aws.RouteVerdict
	read    bool
}

var (
	_ ui.Pane      = (*tgwRoutePathView)(nil)
	_ ui.Selector  = (*tgwRoutePathView)(nil)
	_ ui.Helpful   = (*tgwRoutePathView)(nil)
	_ ui.Refresher = (*tgwRoutePathView)(nil)
)

// tgwPathRead is a read of a transit gateway route path.
type tgwPathRead struct {
	path    aws.TGWPath
	connErr error
}

// tgwHops are the view's hops, as the traffic flows.
var tgwHops = []string{"1 Transit gateway route tables", "2 Attachment", "3 Connection", "4 Tunnels", "5 Customer prefixes"}

func openTGWRoutePath(c *common, g aws.VPNGateway, conn aws.VPNConnection, crumbs []string) tea.Cmd {
	v := &tgwRoutePathView{c: c, path: aws.TGWPath{Connection: conn}}
	if g.ID == conn.GatewayID && g.Name != g.ID {
		v.gwName = g.Name
	}
	v.ReadPane = ui.NewReadPane(c.Common, crumbs, v.reader, v.got, v.lines)
	cmd := v.Start(false)
	v.SetSize(c.Width, c.Height)
	return ui.Push(v, cmd)
}

// reader captures the read's inputs now; the read runs off the loop.
func (v *tgwRoutePathView) reader(fresh bool) func(context.Context) tgwPathRead {
	client, region, conn := v.c.client, v.c.Region, v.path.Connection
	return func(ctx context.Context) tgwPathRead {
		p, connErr := readTGWPath(ctx, client, region, conn, fresh)
		return tgwPathRead{path: p, connErr: connErr}
	}
}

// readTGWPath reads the attachment (and the connection again, when
// fresh), then its propagations, then every table of the path at once.
func readTGWPath(ctx context.Context, client aws.Client, region string, conn aws.VPNConnection, fresh bool) (aws.TGWPath, error) {
	p := aws.TGWPath{Connection: conn, Tables: map[string]aws.TGWRouteTable{}, TableErrs: map[string]error{}}
	var connErr error
	var wg sync.WaitGroup
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
	atts, err := client.TransitAttachments(ctx, region, aws.TGWAttachmentQuery{ConnectionIDs: []string{conn.ID}, Fresh: fresh})
	wg.Wait()
	if p.AttachmentErr = err; err != nil {
		return p, connErr
	}
	if p.Attachment = aws.AttachmentFor(conn.ID, atts); p.Attachment == nil {
		return p, connErr
	}
	p.Propagations, p.PropagationErr = client.TransitPropagations(ctx, region, aws.TGWPropagationQuery{AttachmentID: p.Attachment.ID, Fresh: fresh})
	ids := p.PathTables()
	tables := make([]aws.TGWRouteTable, len(ids))
	errs := make([]error, len(ids))
	for i, id := range ids {
		wg.Go(func() {
			tables[i], errs[i] = client.TransitRoutes(ctx, region, aws.TGWRouteQuery{TableID: id, Fresh: fresh})
		})
	}
	wg.Wait()
	for i, id := range ids {
		if errs[i] != nil {
			p.TableErrs[id] = errs[i]
			continue
		}
		p.Tables[id] = tables[i]
	}
	return p, connErr
}

func (v *tgwRoutePathView) got(r tgwPathRead) {
	v.read, v.connErr, v.path = true, r.connErr, r.path
	v.verdict = aws.JudgeTGWPath(v.path)
}

func (v *tgwRoutePathView) Hints(k keymap.KeyMap) []key.Binding       { return ui.RoutePathHints(k) }
func (v *tgwRoutePathView) HelpGroups(k keymap.KeyMap) []keymap.Group { return ui.RoutePathHelp(k) }

// Selection is the verdict as fields: d shows it whole, y copies the
// connection's id.
func (v *tgwRoutePathView) Selection() (string, string, []ui.Field, bool) {
	c := v.path.Connection
	fields := verdictFields(v.verdict)
	if v.read && v.verdict.Healthy() {
		fields = append(fields, ui.Field{Label: "Verdict", Value: v.inPlaceWords()})
	}
	return "Route path of " + ui.OrDash(c.Name), c.ID, fields, true
}

// lines is the whole text, built when the data or the size change.
func (v *tgwRoutePathView) lines() []string {
	width, s := v.Sc.Width, v.c.Styles
	c, a := v.path.Connection, v.path.Attachment
	out := []string{ui.Fit(fmt.Sprintf(" %s · %s · %s · %s · %s", s.Title.Render("Route path"), ui.OrDash(c.Name), c.ID,
		routingWord(c), strings.TrimSpace(c.GatewayID+" "+v.gwName)), width)}
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	out = append(out, v.verdictLines()...)
	hop := func(n int, rest string) {
		if rest != "" {
			rest = " · " + rest
		}
		out = append(out, "", ui.Fit(" "+s.Section.Render(tgwHops[n-1])+rest, width))
	}

	// 1. The tables it propagates to: what sends the VPCs' traffic to it.
	hop(1, s.Dim.Render("what sends the VPCs' traffic into the attachment"))
	out = append(out, v.propagationLines()...)

	// 2. The attachment and its associated table: the way back.
	switch {
	case v.path.AttachmentErr != nil:
		hop(2, api.CouldNotRead("ec2", v.path.AttachmentErr))
		para("   "+s.Warn.Render("? "), "     ", "could not read the attachment, so neither its route tables: "+ui.ErrorLine(v.path.AttachmentErr))
	case a == nil && v.read:
		hop(2, "none listed")
		para("   "+s.Warn.Render("? "), "     ", "DescribeTransitGatewayAttachments listed no attachment for "+c.ID+": the route path is not known")
	case a == nil:
		hop(2, "reading…")
	default:
		hop(2, a.ID+" · "+ui.OrDash(a.State))
		out = append(out, v.associationLines()...)
	}

	// 3. The connection.
	hop(3, fmt.Sprintf("%s %s · %s · %s routing", c.ID, ui.OrDash(c.Name), ui.OrDash(c.State), routingWord(c)))
	if v.connErr != nil {
		para("   "+s.Warn.Render("? "), "     ", "could not read the connection again; as read before: "+ui.ErrorLine(v.connErr))
	}
	if c.BGP() {
		para("     ", "     ", "its routes come from the device over BGP, inside the tunnels; the attachment propagates them into the route tables it propagates to")
	} else {
		para("     ", "     ", "a static connection on a transit gateway has no routes of its own: the static routes to its attachment in the transit gateway route tables are its routes")
	}

	// 4. The tunnels.
	hop(4, "")
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
		}
		out = append(out, ui.Fit(fmt.Sprintf("   tunnel %d %s %s%s", i+1, t.OutsideIP, s.Paint(tone, state), routes), width))
	}

	// 5. The customer's prefixes.
	hop(5, s.Dim.Render("where the traffic goes"))
	out = append(out, v.prefixLines()...)
	return out
}

// verdictLines head the view: each issue with what to do, what could not
// be read, or that the path is in place.
func (v *tgwRoutePathView) verdictLines() []string {
	s := v.c.Styles
	var lines []string
	add := func(lead, hang, text string) { lines = append(lines, wrapLines(v.Sc.Width, lead, hang, text)...) }
	switch {
	case !v.read:
		add(" "+s.Dim.Render("… "), "   ", "checking the route path: reading the attachment, then the route tables it is associated with and propagates to")
		return lines
	case v.verdict.Healthy() && v.path.Connection.TunnelsUp() == 0:
		add(" "+s.Warn.Render("◐ "), "   ", "the routes are in place, but no tunnel is up")
	case v.verdict.Healthy():
		add(" "+s.Good.Render("✓ "), "   ", v.inPlaceWords())
	}
	ui.RouteIssueLines(s, add, issueTexts(v.verdict.Issues), v.verdict.Unread, "ec2")
	return lines
}

// inPlaceWords says how the path is in place.
func (v *tgwRoutePathView) inPlaceWords() string {
	active, _ := v.path.RoutesTo()
	return fmt.Sprintf("the transit gateway routes traffic into the connection (%s to its attachment) and on from it (%s)",
		api.Count(len(active), "route"), v.path.Attachment.AssociatedTable)
}

// propagationLines are the first hop: each table the attachment
// propagates to and the routes there that point at it or drop its
// prefixes.
func (v *tgwRoutePathView) propagationLines() []string {
	s, width := v.c.Styles, v.Sc.Width
	p := v.path
	var out []string
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	switch {
	case p.AttachmentErr != nil || p.Attachment == nil && v.read:
		para("   "+s.Warn.Render("? "), "     ", "the tables are not known: the attachment could not be read (2 says why)")
		return out
	case !v.read:
		para("     ", "     ", s.Dim.Render("… reading"))
		return out
	case p.PropagationErr != nil:
		cause, _ := api.UnreadCause("ec2", []api.Unread{{What: "the route tables it propagates to", Err: p.PropagationErr}})
		para("   "+s.Warn.Render("? "), "     ", cause.Message)
		para("     ", "     ", ui.ErrorLine(p.PropagationErr))
		return out
	}
	var propagated []string
	for _, pr := range p.Propagations {
		if pr.Enabled() {
			propagated = append(propagated, pr.TableID)
		}
	}
	if len(propagated) == 0 {
		para("   "+s.Bad.Render("✗ "), "     ", "it propagates to no route table: its routes reach no VPC (EnableTransitGatewayRouteTablePropagation)")
	}
	for _, pr := range p.Propagations {
		out = append(out, v.tableLines(pr.TableID, "propagation "+ui.OrDash(pr.State))...)
	}
	// Static routes to it in its associated table count too.
	if a := p.Attachment; a.AssociatedTable != "" && !slices.Contains(propagated, a.AssociatedTable) {
		if active, _ := p.RoutesTo(); len(active) > 0 && len(propagated) == 0 {
			out = append(out, v.tableLines(a.AssociatedTable, "its associated table")...)
		}
	}
	return out
}

// tableLines are one table's lines in the first hop.
func (v *tgwRoutePathView) tableLines(id, what string) []string {
	s, width, p := v.c.Styles, v.Sc.Width, v.path
	var out []string
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	out = append(out, ui.Fit("     "+id+" "+s.Dim.Render("("+what+")"), width))
	if err := p.TableErrs[id]; err != nil {
		cause, _ := api.UnreadCause("ec2", []api.Unread{{What: "the routes of " + id, Err: err}})
		para("       "+s.Warn.Render("? "), "         ", cause.Message)
		para("         ", "         ", ui.ErrorLine(err))
		return out
	}
	t := p.Tables[id]
	prefixes := p.TGWCustomerPrefixes()
	var propagated, static, blackholes []string
	for _, r := range t.Routes {
		switch {
		case r.Blackhole() && (r.To(p.Attachment.ID) || overlapsOne(r.Destination, prefixes)):
			blackholes = append(blackholes, r.Destination)
		case r.Blackhole() || !r.To(p.Attachment.ID):
		case r.Type == "propagated":
			propagated = append(propagated, r.Destination)
		default:
			static = append(static, r.Destination)
		}
	}
	if n := len(propagated) + len(static); n > 0 {
		var kinds []string
		if len(propagated) > 0 {
			kinds = append(kinds, "propagated "+firstFew(propagated, 3))
		}
		if len(static) > 0 {
			kinds = append(kinds, "static "+firstFew(static, 3))
		}
		para("       "+s.Good.Render("✓ "), "         ", api.Count(n, "route")+" to it: "+strings.Join(kinds, "; "))
	} else {
		para("       "+s.Bad.Render("✗ "), "         ", "no route to it")
	}
	if len(blackholes) > 0 {
		para("       "+s.Bad.Render("✗ "), "         ", strings.Join(blackholes, ", ")+" "+api.OneOrMany(len(blackholes), "is a blackhole", "are blackholes")+
			": the transit gateway drops that traffic instead of sending it into the connection")
	}
	if t.Truncated {
		para("       "+s.Warn.Render("? "), "         ", fmt.Sprintf("more routes than one search returns: the first %d were read", len(t.Routes)))
	}
	return out
}

// associationLines are the second hop: the table the attachment is
// associated with, and where it sends the customer's traffic.
func (v *tgwRoutePathView) associationLines() []string {
	s, width, p := v.c.Styles, v.Sc.Width, v.path
	a := p.Attachment
	var out []string
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	if !a.Associated() {
		para("   "+s.Bad.Render("✗ "), "     ", "associated with no route table: the customer's traffic that enters it has no route and is dropped (AssociateTransitGatewayRouteTable)")
		return out
	}
	para("   "+s.Good.Render("✓ "), "     ", "associated with "+a.AssociatedTable+" · back: the customer's traffic is routed on by that table")
	if err := p.TableErrs[a.AssociatedTable]; err != nil {
		para("     "+s.Warn.Render("? "), "       ", api.CouldNotRead("ec2", err)+": "+ui.ErrorLine(err))
		return out
	}
	var dests []string
	for _, r := range p.Tables[a.AssociatedTable].Routes {
		if !r.Blackhole() && !r.To(a.ID) {
			dests = append(dests, r.Destination)
		}
	}
	if len(dests) == 0 {
		para("     "+s.Bad.Render("✗ "), "       ", "it holds no active route: the customer's traffic goes nowhere")
		return out
	}
	para("     ", "       ", "it sends the customer's traffic to "+firstFew(dests, 4))
	return out
}

// prefixLines are the last hop: the customer's prefixes as the path knows
// them, and whether an active route to the attachment holds each.
func (v *tgwRoutePathView) prefixLines() []string {
	s, width, p := v.c.Styles, v.Sc.Width, v.path
	var out []string
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	if !v.read || p.Attachment == nil {
		return out
	}
	prefixes := p.TGWCustomerPrefixes()
	if len(prefixes) == 0 {
		para("   "+s.Bad.Render("✗ "), "     ", "none known: no route in the tables read points at the attachment")
		return out
	}
	var routed, tables []string
	for _, pr := range prefixes {
		var by []string
		for _, id := range p.PathTables() {
			for _, r := range p.Tables[id].Routes {
				if r.To(p.Attachment.ID) && !r.Blackhole() && r.Destination == pr && !slices.Contains(by, id) {
					by = append(by, id)
				}
			}
		}
		holes := blackholesIn(p, pr)
		switch {
		case len(by) > 0 && len(holes) > 0:
			para("   "+s.Warn.Render("◐ "), "     ", pr+": routed to the attachment ("+strings.Join(by, ", ")+"), but "+
				api.JoinAnd(holes)+" of it "+api.OneOrMany(len(holes), "is a blackhole", "are blackholes"))
		case len(by) > 0:
			routed = append(routed, pr)
			for _, id := range by {
				if !slices.Contains(tables, id) {
					tables = append(tables, id)
				}
			}
		default:
			para("   "+s.Bad.Render("✗ "), "     ", pr+": no active route to the attachment holds it exactly")
		}
	}
	if len(routed) > 0 {
		para("   "+s.Good.Render("✓ "), "     ", firstFew(routed, 4)+": routed to the attachment ("+strings.Join(tables, ", ")+")")
	}
	if c := p.Connection; c.BGP() {
		para("     ", "     ", "the prefixes the device advertises are not in the EC2 API beyond the routes above")
	}
	return out
}

// blackholesIn are the blackhole routes of the path's tables inside
// prefix pr.
func blackholesIn(p aws.TGWPath, pr string) []string {
	outer, err := netip.ParsePrefix(pr)
	var out []string
	for _, id := range p.PathTables() {
		for _, r := range p.Tables[id].Routes {
			d, derr := netip.ParsePrefix(r.Destination)
			if err == nil && derr == nil && r.Blackhole() && outer.Bits() <= d.Bits() && outer.Contains(d.Addr()) && !slices.Contains(out, r.Destination) {
				out = append(out, r.Destination)
			}
		}
	}
	return out
}

// overlapsOne reports whether CIDR d overlaps one of cidrs.
func overlapsOne(d string, cidrs []string) bool {
	dp, err := netip.ParsePrefix(d)
	return err == nil && slices.ContainsFunc(cidrs, func(c string) bool {
		cp, err := netip.ParsePrefix(c)
		return err == nil && cp.Overlaps(dp)
	})
}
