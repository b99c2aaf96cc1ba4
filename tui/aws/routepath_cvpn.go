package aws

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// clientRoutePathView is the route path of a Client VPN endpoint (t on
// the endpoint list or an open endpoint): the client range → each
// associated subnet and the routes through it, each route's status and
// the authorization rule that covers it, and what the other subnets
// route that it does not (api/aws/routepath_cvpn.go) → the rules. The
// endpoint's verdict (Troubleshoot) heads it. Opening it costs the
// endpoint's target networks, routes and rules, at once, every page.
type clientRoutePathView struct {
	ui.ReadPane[*clientRoutesRead]
	c    *common
	ep   aws.Endpoint
	read *clientRoutesRead
}

var (
	_ ui.Pane      = (*clientRoutePathView)(nil)
	_ ui.Selector  = (*clientRoutePathView)(nil)
	_ ui.Helpful   = (*clientRoutePathView)(nil)
	_ ui.Refresher = (*clientRoutePathView)(nil)
)

// clientRoutesRead is what one read gave: each list and why it could not
// be read.
type clientRoutesRead struct {
	networks                 []aws.TargetNetwork
	routes                   []aws.Route
	rules                    []aws.AuthorizationRule
	networksErr, routesErr   error
	rulesErr                 error
	subnets                  []aws.ClientSubnetRoutes
	apart                    []aws.ClientRouteCover
	advice                   []aws.Advice
	unread                   []api.Unread
	networksRead, routesRead bool
	rulesRead                bool
}

func openClientRoutePath(c *common, e aws.Endpoint, crumbs []string) tea.Cmd {
	v := &clientRoutePathView{c: c, ep: e}
	v.ReadPane = ui.NewReadPane(c.Common, crumbs, v.reader, func(r *clientRoutesRead) { v.read = r }, v.lines)
	cmd := v.Start(false)
	v.SetSize(c.Width, c.Height)
	return ui.Push(v, cmd)
}

// reader captures the read's inputs now; every read is whole (the lists
// are not kept), so fresh changes nothing.
func (v *clientRoutePathView) reader(bool) func(context.Context) *clientRoutesRead {
	client, region, e := v.c.client, v.c.Region, v.ep
	return func(ctx context.Context) *clientRoutesRead { return readClientRoutes(ctx, client, region, e) }
}

// maxClientPages bounds each list's walk (1000 a page).
const maxClientPages = 20

// readEvery reads every page of a list; past maxClientPages (far above
// the endpoint quotas) it says so rather than judge on a part.
func readEvery[T any](read func(api.Cursor) (api.Page[T], error)) ([]T, error) {
	var items []T
	cur := api.FirstPage(1000)
	for range maxClientPages {
		page, err := read(cur)
		if err != nil {
			return nil, err
		}
		items = append(items, page.Items...)
		if !page.More {
			return items, nil
		}
		cur = page.Next
	}
	return nil, errTooManyPages
}

var errTooManyPages = errors.New("the service kept paging past 20 pages of 1000")

func readClientRoutes(ctx context.Context, client aws.Client, region string, e aws.Endpoint) *clientRoutesRead {
	r := &clientRoutesRead{}
	var wg sync.WaitGroup
	wg.Go(func() {
		r.networks, r.networksErr = readEvery(func(cur api.Cursor) (api.Page[aws.TargetNetwork], error) {
			return client.TargetNetworks(ctx, region, e.ID, cur)
		})
	})
	wg.Go(func() {
		r.routes, r.routesErr = readEvery(func(cur api.Cursor) (api.Page[aws.Route], error) { return client.Routes(ctx, region, e.ID, cur) })
	})
	wg.Go(func() {
		r.rules, r.rulesErr = readEvery(func(cur api.Cursor) (api.Page[aws.AuthorizationRule], error) {
			return client.AuthorizationRules(ctx, region, e.ID, cur)
		})
	})
	wg.Wait()
	for _, x := range []struct {
		err  error
		what string
	}{{r.networksErr, "its target networks"}, {r.routesErr, "its routes"}, {r.rulesErr, "its authorization rules"}} {
		if x.err != nil {
			r.unread = append(r.unread, api.Unread{What: x.what, Err: x.err})
		}
	}
	r.networksRead, r.routesRead, r.rulesRead = r.networksErr == nil, r.routesErr == nil, r.rulesErr == nil
	r.subnets, r.apart = aws.ClientRoutePath(r.networks, r.routes, r.rules)
	if len(r.unread) == 0 { // a verdict on lists read in part would be a guess
		for _, a := range aws.Troubleshoot(e, r.networks, r.routes, r.rules) {
			if !a.Note {
				r.advice = append(r.advice, a)
			}
		}
	}
	return r
}

func (v *clientRoutePathView) Hints(k keymap.KeyMap) []key.Binding       { return ui.RoutePathHints(k) }
func (v *clientRoutePathView) HelpGroups(k keymap.KeyMap) []keymap.Group { return ui.RoutePathHelp(k) }

// Selection is the verdict as fields: d shows it whole, y copies the
// endpoint's id.
func (v *clientRoutePathView) Selection() (string, string, []ui.Field, bool) {
	var fields []ui.Field
	if r := v.read; r != nil {
		for i, a := range r.advice {
			fields = append(fields, ui.Section(fmt.Sprintf("%d.", i+1)), ui.Field{Label: "Problem", Value: a.Problem}, ui.Field{Label: "What to do", Value: a.Check})
		}
		for _, u := range r.unread {
			fields = append(fields, ui.Field{Label: "Not read", Value: u.What + ": " + ui.ErrorLine(u.Err)})
		}
		if len(r.advice) == 0 && len(r.unread) == 0 {
			fields = append(fields, ui.Field{Label: "Verdict", Value: inPlaceClientWords})
		}
	}
	return "Route path of " + ui.OrDash(v.ep.Name), v.ep.ID, fields, true
}

const inPlaceClientWords = "every associated subnet carries the same routes, each active and authorized"

func (v *clientRoutePathView) lines() []string {
	width, s, e := v.Sc.Width, v.c.Styles, v.ep
	out := []string{ui.Fit(fmt.Sprintf(" %s · %s · %s · client CIDR %s", s.Title.Render("Route path"), ui.OrDash(e.Name), e.ID, ui.OrDash(e.ClientCIDR)), width)}
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	hop := func(n int, title, rest string) {
		if rest != "" {
			rest = " · " + rest
		}
		out = append(out, "", ui.Fit(" "+s.Section.Render(fmt.Sprintf("%d %s", n, title))+rest, width))
	}
	r := v.read
	switch {
	case r == nil:
		para(" "+s.Dim.Render("… "), "   ", "checking the route path: reading the endpoint's target networks, routes and authorization rules")
	case len(r.unread) > 0:
		cause, _ := api.UnreadCause("ec2", r.unread)
		para(" "+s.Warn.Render("? "), "   ", "the route path is not known whole: "+cause.Message)
	case len(r.advice) == 0:
		para(" "+s.Good.Render("✓ "), "   ", inPlaceClientWords)
	}
	if r != nil {
		for _, a := range r.advice {
			mark := s.Warn.Render("◐ ")
			if a.Blocking {
				mark = s.Bad.Render("✗ ")
			}
			para(" "+mark, "   ", a.Problem)
			para("   → ", "     ", a.Check)
		}
	}

	// 1. The clients.
	tunnel := "split tunnel: only traffic to the routes below goes through the VPN"
	if !e.SplitTunnel {
		tunnel = "full tunnel: all the clients' traffic goes through the VPN"
	}
	hop(1, "Clients", s.Dim.Render("where the traffic comes from"))
	para("     ", "     ", "addresses from "+ui.OrDash(e.ClientCIDR)+" · "+tunnel)

	// 2. The target networks and the routes through each.
	hop(2, "Target networks", s.Dim.Render("each associated subnet and the routes through it"))
	switch {
	case r == nil:
		para("     ", "     ", s.Dim.Render("… reading"))
	case r.networksErr != nil:
		para("   "+s.Warn.Render("? "), "     ", api.CouldNotRead("ec2", r.networksErr)+": "+ui.ErrorLine(r.networksErr))
	case len(r.subnets) == 0:
		para("   "+s.Bad.Render("✗ "), "     ", "no target network: no client can connect (AssociateClientVpnTargetNetwork)")
	}
	if r != nil && r.routesErr != nil {
		para("   "+s.Warn.Render("? "), "     ", "its routes: "+api.CouldNotRead("ec2", r.routesErr)+": "+ui.ErrorLine(r.routesErr))
	}
	if r != nil && r.networksErr == nil {
		for _, sn := range r.subnets {
			out = append(out, v.subnetLines(sn)...)
		}
	}
	if r != nil && len(r.apart) > 0 {
		out = append(out, ui.Fit("     "+s.Dim.Render("through no target network listed"), width))
		for _, c := range r.apart {
			out = append(out, v.routeLines(c)...)
		}
	}

	// 3. The authorization rules.
	hop(3, "Authorization rules", s.Dim.Render("who may use each network"))
	switch {
	case r == nil:
		para("     ", "     ", s.Dim.Render("… reading"))
	case r.rulesErr != nil:
		para("   "+s.Warn.Render("? "), "     ", api.CouldNotRead("ec2", r.rulesErr)+": "+ui.ErrorLine(r.rulesErr))
	case len(r.rules) == 0:
		para("   "+s.Bad.Render("✗ "), "     ", "none: clients may reach nothing (AuthorizeClientVpnIngress)")
	default:
		for _, rule := range r.rules {
			mark, tone := "✓ ", ui.ToneGood
			if rule.Status != "active" {
				mark, tone = "✗ ", ui.ToneBad
			}
			text := rule.Destination + " · " + ruleWho(rule) + " · " + ui.OrDash(rule.Status)
			if rule.StatusMessage != "" && rule.Status != "active" {
				text += ": " + rule.StatusMessage
			}
			para("   "+s.Paint(tone, mark), "     ", text)
		}
	}
	return out
}

// subnetLines are one target network's lines.
func (v *clientRoutePathView) subnetLines(sn aws.ClientSubnetRoutes) []string {
	s, width, r := v.c.Styles, v.Sc.Width, v.read
	var out []string
	para := func(lead, hang, text string) { out = append(out, wrapLines(width, lead, hang, text)...) }
	n := sn.Network
	mark, tone := "✓ ", ui.ToneGood
	if n.Status != "associated" {
		mark, tone = "✗ ", ui.ToneBad
	}
	state := ui.OrDash(n.Status)
	if n.StatusMessage != "" && n.Status != "associated" {
		state += ": " + n.StatusMessage
	}
	para("   "+s.Paint(tone, mark), "     ", n.SubnetID+" "+s.Dim.Render("("+ui.OrDash(n.VpcID)+")")+" · "+state)
	if r.routesErr != nil {
		para("     "+s.Warn.Render("? "), "       ", "the routes through it: not read (above)")
		return out
	}
	if len(sn.Routes) == 0 && n.Status == "associated" {
		para("     "+s.Bad.Render("✗ "), "       ", "no route goes through it: clients that land on it reach nothing through the VPN")
	}
	for _, c := range sn.Routes {
		out = append(out, v.routeLines(c)...)
	}
	for _, d := range sn.Missing {
		para("     "+s.Bad.Render("✗ "), "       ", d+": routed through the other subnets, not this one: clients that land here cannot reach it (CreateClientVpnRoute)")
	}
	return out
}

// routeLines are one route's line: its status, and the rule that covers
// it (or that none does).
func (v *clientRoutePathView) routeLines(c aws.ClientRouteCover) []string {
	s, width, r := v.c.Styles, v.Sc.Width, v.read
	rt := c.Route
	text := rt.Destination + " · " + ui.OrDash(rt.Status)
	mark, tone := "✓ ", ui.ToneGood
	switch {
	case rt.Status != "active":
		mark, tone = "✗ ", ui.ToneBad
		if rt.StatusMessage != "" {
			text += ": " + rt.StatusMessage
		}
	case r.rulesErr != nil:
		mark, tone = "? ", ui.ToneWarn
		text += " · its rule: " + api.CouldNotRead("ec2", r.rulesErr)
	case c.Rule != nil:
		text += " · authorized by " + c.Rule.Destination + " (" + ruleWho(*c.Rule) + ")"
	case rt.TargetSubnet == "local" || rt.Type == "local":
		text += " · the client range itself"
	default:
		mark, tone = "✗ ", ui.ToneBad
		text += " · no active authorization rule covers it: clients cannot use it (AuthorizeClientVpnIngress)"
	}
	return wrapLines(width, "     "+s.Paint(tone, mark), "       ", text)
}
