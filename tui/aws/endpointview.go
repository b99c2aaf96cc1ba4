package aws

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// endpointView is one Client VPN endpoint: what stops its clients, and its
// connections, target networks, routes and authorization rules as tabs (the
// same tab mechanism as a gateway's: entries, not switches).
type endpointView struct {
	c  *common
	ep aws.Endpoint
	ui.Tabs
	conns  *ui.PagedList[aws.Connection]
	width  int
	height int

	// What says why clients cannot connect: the networks, routes and rules
	// tabs, each read whole when the view opens (the tabs are the one
	// source), judged once all three have settled.
	networks *ui.PagedList[aws.TargetNetwork]
	routes   *ui.PagedList[aws.Route]
	rules    *ui.PagedList[aws.AuthorizationRule]
	judged   bool
	sideErr  error
	advice   []aws.Advice
	unread   []string // lists that could not be read: the verdict says so
	read     [3]bool  // target networks, routes, rules: read whole for the verdict
	termSeq  int      // the terminate in flight: its own sequence, so r does not drop its answer

	// terminate is the connection (or user) a question asks to cut.
	terminate *aws.Connection
	byUser    bool

	// metrics is its history from CloudWatch (endpoint_metrics.go).
	metrics endpointMetrics
}

// What the root asks of it beyond what its tabs answer (asserted in
// ui.Tabs): a renamed method fails here, not silently.
var (
	_ ui.Pane        = (*endpointView)(nil)
	_ ui.Helpful     = (*endpointView)(nil)
	_ ui.RawTargeter = (*endpointView)(nil)
)

// terminatedMsg answers TerminateClientVpnConnections.
type terminatedMsg struct {
	seq  int
	what string
	done []aws.Termination
	err  error
}

func newEndpointView(c *common, ep aws.Endpoint, w, h int) (endpointView, tea.Cmd) {
	conns := newAWSConnectionsList(c, ep)
	networks := newTargetNetworksList(c, ep)
	routes := newRoutesList(c, ep)
	rules := newRulesList(c, ep)
	v := endpointView{c: c, ep: ep, conns: &conns, networks: &networks, routes: &routes, rules: &rules, Tabs: ui.NewTabs(
		ui.TabPane{Name: "Connections", List: &conns},
		ui.TabPane{Name: "Target networks", List: &networks},
		ui.TabPane{Name: "Routes", List: &routes},
		ui.TabPane{Name: "Authorization rules", List: &rules},
	)}
	v.metrics.Span = defaultMetricSpan
	v.SetSize(w, h)
	cmd := tea.Batch(v.Open(0), v.fetchSides(), v.readMetrics())
	return v, cmd // the call first: it changes v
}

// fetchSides reads the networks, routes and rules whole, in parallel: what
// Judge needs to say why clients cannot connect, and what their tabs show.
func (v *endpointView) fetchSides() tea.Cmd {
	return tea.Batch(v.Prefetch(1, v.networks.StartAll), v.Prefetch(2, v.routes.StartAll), v.Prefetch(3, v.rules.StartAll))
}

// judge gives the verdict once the three lists have settled: on what was
// read, saying what was not (issue 16 defect 2), never "nothing stops
// clients" on missing data. Until then the last verdict stays.
func (v *endpointView) judge() {
	v.sideErr = nil
	var read [3]bool
	for i, settled := range []func() (bool, error){v.networks.Settled, v.routes.Settled, v.rules.Settled} {
		complete, err := settled()
		switch {
		case err != nil:
			v.sideErr = err
		case !complete:
			return
		default:
			read[i] = true
		}
	}
	verdict := aws.Judge(v.ep, aws.Lists{Networks: v.networks.Items, Routes: v.routes.Items, Rules: v.rules.Items,
		NetworksRead: read[0], RoutesRead: read[1], RulesRead: read[2]})
	v.advice, v.unread, v.read, v.judged = verdict.Advice, verdict.Unchecked, read, true
}

func (v *endpointView) Close() {
	v.CloseAll()
	v.metrics.Cancel()
}

// SetSize leaves the lines above the tabs: the summary, the
// troubleshooting verdict (two lines when it is an error that one would
// cut) and the history.
func (v *endpointView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.Tabs.SetSize(w, max(h-1-len(v.verdict())-len(v.metricLines())-3, 1)) // summary, verdict, history, tabs, list header, list footer
}

func (v *endpointView) Handle(msg tea.Msg) tea.Cmd {
	k := v.c.Keys
	if v.metrics.Take(msg) {
		return nil
	}
	switch msg := msg.(type) {
	case terminatedMsg:
		if msg.seq != v.termSeq {
			return nil
		}
		// Said where the user acted, failed or done (issue 16, defect 1).
		if msg.err != nil {
			return tea.Batch(ui.Flash("could not terminate "+msg.what+": "+ui.ErrorLine(msg.err)), v.conns.Reload())
		}
		return tea.Batch(ui.Flash(fmt.Sprintf("terminating %s: %d connection(s) cut", msg.what, len(msg.done))), v.conns.Reload())
	case ui.ListMsg:
		cmd, _ := v.Deliver(msg)
		return cmd
	case tea.KeyPressMsg:
		if v.terminate != nil {
			return v.answer(msg)
		}
		if !v.ClaimsKeys() {
			if cmd, ok := v.SwitchKey(msg, k.List.NextTab, k.List.PrevTab); ok {
				return cmd
			}
			switch {
			case key.Matches(msg, k.List.Open):
				return ui.OpenDetail(v.c.Common, v)
			case key.Matches(msg, k.Logs.Widen):
				return v.rewindow(+1)
			case key.Matches(msg, k.Logs.Narrow):
				return v.rewindow(-1)
			case key.Matches(msg, k.List.Logs):
				lv, cmd := newClientLogView(v.c, v.ep, v.c.Width, v.c.Height)
				return ui.Push(&lv, cmd)
			case key.Matches(msg, k.List.RoutePath):
				return openClientRoutePath(v.c, v.ep, []string{"route path"}) // routepath_cvpn.go
			case key.Matches(msg, k.List.Changes):
				return openChanges(v.c, nil, v.ep.ID, v.ep.Name)
			case key.Matches(msg, k.List.Explain):
				title, id, fields, ok := v.explanation()
				if !ok {
					return ui.Flash("still checking the endpoint's target networks, routes and rules")
				}
				d := ui.NewDetailView(v.c.Common, title, id, fields, v.c.Width, v.c.Height)
				return ui.Push(&d, nil)
			case key.Matches(msg, k.List.Terminate, k.List.TerminateUser) && v.Tab == 0:
				c, ok := v.conns.Selected()
				switch {
				case !ok:
					return nil
				case c.Status != "active" && c.Status != "failed-to-terminate":
					return ui.Flash("this connection is " + c.Status + ": nothing to terminate")
				}
				v.terminate, v.byUser = &c, key.Matches(msg, k.List.TerminateUser) && c.Username != ""
				return nil
			}
		}
	}
	return v.Current().Handle(msg)
}

// answer takes y or n to the terminate question.
func (v *endpointView) answer(msg tea.KeyPressMsg) tea.Cmd {
	k := v.c.Keys
	c, byUser := v.terminate, v.byUser
	switch {
	case key.Matches(msg, k.Confirm.Yes):
		v.terminate = nil
	case key.Matches(msg, k.Confirm.No):
		v.terminate = nil
		return nil
	default:
		return nil
	}
	// The program's context, not the list's: a refresh must not cancel it.
	v.termSeq = v.c.NewID()
	ctx, client, region, id, seq := v.c.Ctx, v.c.client, v.c.Region, v.ep.ID, v.termSeq
	connID, user, what := c.ID, "", c.ID
	if byUser {
		connID, user, what = "", c.Username, "every connection of "+c.Username
	}
	return func() tea.Msg {
		done, err := client.Terminate(ctx, region, id, connID, user)
		return terminatedMsg{seq: seq, what: what, done: done, err: err}
	}
}

func (v endpointView) View() string {
	list := v.Current().View()
	if v.terminate != nil {
		// The question takes the list's footer line.
		lines := strings.Split(list, "\n")
		lines[len(lines)-1] = v.question()
		list = strings.Join(lines, "\n")
	}
	top := append(append([]string{v.summary()}, v.verdict()...), v.metricLines()...)
	return strings.Join(top, "\n") + "\n" + v.Line(v.c.Styles, v.width) + "\n" + list
}

// question asks before cutting: the keys first, so they show at any
// width, then who and how many.
func (v *endpointView) question() string {
	s, c := v.c.Styles, v.terminate
	q := fmt.Sprintf("Terminate the connection of %s from %s (%s)?", ui.OrDash(ui.FirstNonEmpty(c.Username, c.CommonName)), c.ClientIP, c.ID)
	if v.byUser {
		n := 0
		for _, x := range v.conns.Items {
			if x.Username == c.Username && (x.Status == "active" || x.Status == "failed-to-terminate") {
				n++
			}
		}
		more := ""
		if v.conns.More {
			more = ", more may be on pages not loaded"
		}
		q = fmt.Sprintf("Terminate every active connection of %s (%d loaded%s)?", c.Username, n, more)
	}
	keys := s.HintKey.Render("y") + s.HintDesc.Render(" yes  ") + s.HintKey.Render("n") + s.HintDesc.Render(" no  ")
	return ui.Fit(" "+keys+s.Prompt.Render(q), v.width)
}

func (v *endpointView) summary() string {
	s, e := v.c.Styles, v.ep
	// The state word alone: whether the endpoint serves is the verdict
	// line's, under it, never the colour of "available".
	parts := []string{ui.OrDash(e.Status), "clients " + e.ClientCIDR,
		fmt.Sprintf("%s/%d", e.Transport, e.Port), "split tunnel " + ui.YesNo(e.SplitTunnel), "auth " + authCell(e.AuthTypes),
		"logging " + ui.YesNo(e.LoggingEnabled), e.VpcID}
	return ui.Fit(" "+strings.Join(parts, s.Dim.Render(" · ")), v.width)
}

// verdict is the troubleshooting line: the worst reason clients cannot
// connect, with what to check, or that nothing stops them; or what could
// not be read, on two lines, so that the permission to ask for is not
// cut ("the IAM policy does not allow this ac…").
func (v *endpointView) verdict() []string {
	s := v.c.Styles
	switch {
	case !v.judged:
		return []string{ui.Fit(s.Dim.Render(" checking target networks, routes and rules…"), v.width)}
	case v.sideErr != nil:
		lines := ui.WrapProse("could not check: "+ui.ErrorLine(v.sideErr), v.width-2, "  ")
		if len(lines) > 2 { // the rest (the request id) is in the tab's own error
			lines = lines[:2]
		}
		for i, l := range lines {
			lines[i] = ui.Fit(s.Warn.Render(" "+l), v.width)
		}
		return lines
	case len(v.advice) == 0:
		return []string{ui.Fit(s.Good.Render(" ✓ nothing stops clients: a target network is associated, every route is authorized"), v.width)}
	}
	worst := slices.IndexFunc(v.advice, func(a aws.Advice) bool { return a.Blocking })
	if worst < 0 {
		worst = 0
	}
	a := v.advice[worst]
	mark, style := "◐ ", s.Warn
	if a.Blocking {
		mark, style = "✗ ", s.Bad
	}
	more := ""
	if len(v.advice) > 1 {
		more = fmt.Sprintf(" (+%d more: e)", len(v.advice)-1)
	}
	return []string{ui.Fit(" "+style.Render(mark+a.Problem)+s.Dim.Render(more+" → "+a.Check), v.width)}
}

// Deliver hands a page to its tab, and judges again: the page may be the
// last the verdict waited for.
func (v *endpointView) Deliver(m ui.ListMsg) (tea.Cmd, bool) {
	cmd, ok := v.Tabs.Deliver(m)
	if id := m.ListID(); ok && (id == v.networks.ListID() || id == v.routes.ListID() || id == v.rules.ListID()) {
		before := len(v.verdict())
		v.judge() // a connections page changes nothing it judges
		if len(v.verdict()) != before {
			v.SetSize(v.width, v.height) // an error's second line takes a row of the list
		}
	}
	return cmd, ok
}

// As a pane.
func (v *endpointView) Crumbs() []string  { return []string{ui.OrDash(v.ep.Name)} }
func (v *endpointView) ClaimsKeys() bool  { return v.terminate != nil || v.Tabs.ClaimsKeys() }
func (v *endpointView) HandlesBack() bool { return v.terminate != nil || v.Tabs.HandlesBack() }

// Refresh reads the open tab again, and the three lists the verdict is
// judged on; the last verdict stays until they have settled.
func (v *endpointView) Refresh() tea.Cmd {
	v.networks.Close()
	v.routes.Close()
	v.rules.Close()
	*v.networks, *v.routes, *v.rules = newTargetNetworksList(v.c, v.ep), newRoutesList(v.c, v.ep), newRulesList(v.c, v.ep)
	v.SetSize(v.width, v.height)
	cmds := []tea.Cmd{v.fetchSides(), v.readMetrics()}
	if v.Tab == 0 {
		cmds = append(cmds, v.conns.Reload())
	}
	return tea.Batch(cmds...)
}

// explanation is what e shows: every reason clients cannot connect, and
// what to check for each.
func (v *endpointView) explanation() (string, string, []ui.Field, bool) {
	if !v.judged {
		return "", "", nil, false
	}
	fields := []ui.Field{}
	switch {
	case len(v.unread) > 0:
		fields = append(fields, ui.Field{Label: "Verdict", Value: "incomplete: could not read " + strings.Join(v.unread, ", ")})
	case len(v.advice) == 0:
		fields = append(fields, ui.Field{Label: "Verdict", Value: "nothing stops clients"})
	}
	for i, a := range v.advice {
		title := fmt.Sprintf("%d. warning", i+1)
		switch {
		case a.Blocking:
			title = fmt.Sprintf("%d. blocks every client", i+1)
		case a.Note:
			title = fmt.Sprintf("%d. note", i+1)
		}
		fields = append(fields, ui.Section(title), ui.Field{Label: "Problem", Value: a.Problem}, ui.Field{Label: "Check", Value: a.Check})
	}
	// What the verdict rests on, so "nothing stops clients" can be trusted.
	fields = append(fields, ui.Section("Checked"), ui.Field{Label: "State", Value: ui.OrDash(v.ep.Status)},
		ui.Field{Label: "Client CIDR", Value: ui.OrDash(v.ep.ClientCIDR)})
	for i, c := range []struct {
		label string
		n     int
		what  string
	}{{"Target networks", len(v.networks.Items), "that one is associated"},
		{"Routes", len(v.routes.Items), "that each is active, authorized by a rule, through every associated subnet, clear of the client CIDR"},
		{"Authorization rules", len(v.rules.Items), "that each is active, and what a 0.0.0.0/0 rule leaves to groups"}} {
		value := fmt.Sprintf("%d read; checked %s", c.n, c.what)
		if !v.read[i] {
			value = "not read"
		}
		fields = append(fields, ui.Field{Label: c.label, Value: value})
	}
	fields = append(fields, ui.Field{Label: "Connection logging", Value: ui.YesNo(v.ep.LoggingEnabled)})
	return "Why clients cannot connect to " + ui.OrDash(v.ep.Name), v.ep.ID, fields, true
}

func (v *endpointView) Hints(k keymap.KeyMap) []key.Binding {
	// + and - are in ? (the hint line has no room at 80 columns).
	if v.Tab == 0 {
		return []key.Binding{k.List.Open, k.List.Explain, k.List.Logs, k.List.NextTab, k.List.Terminate, k.List.Sort, k.List.Filter, k.Global.Back, k.Global.Help}
	}
	return []key.Binding{k.List.Open, k.List.Explain, k.List.Logs, k.List.NextTab, k.List.Filter, k.Global.Back, k.Global.Help}
}

func (v *endpointView) HelpGroups(k keymap.KeyMap) []keymap.Group {
	tabs := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/⇧tab", "next / previous tab"))
	act := append([]key.Binding{k.List.Open, k.List.Details, k.List.Explain, k.List.Logs, k.List.RoutePath, k.List.Changes, k.List.Copy, tabs},
		v.Current().ListKeys(k)...) // o on the rules tab too
	if v.Tab == 0 {
		act = append(act, k.List.Terminate, k.List.TerminateUser)
	}
	wider, narrower := historyKeys(k)
	return []keymap.Group{{Title: "Move", Bindings: ui.MoveHelp(k)}, {Title: "Act", Bindings: keymap.Enabled(act...)},
		{Title: "History (CloudWatch)", Bindings: []key.Binding{wider, narrower}}}
}

// RawTarget is what the v key reads raw: the row of the open tab; the endpoint
// itself when the tab is empty.
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
