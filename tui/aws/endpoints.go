package aws

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// endpointsPane lists the region's AWS Client VPN endpoints: the root pane
// of the AWS provider, as the gateway list is of Alibaba Cloud's.
type endpointsPane struct {
	c *common
	ui.ListBase[aws.Endpoint]
}

// What the root asks of it beyond what ListBase answers (asserted there):
// a renamed method fails here, not silently.
var (
	_ ui.RootPane    = (*endpointsPane)(nil)
	_ ui.RawTargeter = (*endpointsPane)(nil)
)

func newEndpointsPane(c *common) endpointsPane {
	client, region, loc, verdicts := c.client, c.Region, c.Loc, c.verdicts
	// An endpoint's verdict is the problems scan's (verdicts.go): what
	// stops its clients needs four lists a row, which the list never reads.
	verdict := func(e aws.Endpoint) api.Verdict { return verdicts.endpoint(region, e) }
	spec := &ui.ListSpec[aws.Endpoint]{
		Noun:    "Client VPN endpoints",
		MaxPage: 1000,
		Note: func() string {
			if !verdicts.judged() {
				return "HEALTH: P checks every endpoint"
			}
			return ""
		},
		Order: func(a, b aws.Endpoint) int { return api.CompareVerdicts(verdict(a), verdict(b)) },
		ID:    func(e aws.Endpoint) string { return e.ID },
		Text: func(e aws.Endpoint) string {
			return strings.Join([]string{e.ID, e.Name, e.Status, e.ClientCIDR, e.VpcID, e.Description}, " ")
		},
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[aws.Endpoint], error) {
			return client.Endpoints(ctx, region, cur)
		},
		Empty: func() string {
			return fmt.Sprintf("No Client VPN endpoints in %s.\nPress R to switch region.", region)
		},
		State: func(e aws.Endpoint) string { return e.Status },
		Detail: func(e aws.Endpoint) (string, string, []ui.Field) {
			return "Client VPN endpoint " + ui.OrDash(e.Name), e.ID, endpointFields(e, c)
		},
		Columns: []ui.Column[aws.Endpoint]{
			{Title: "NAME", Min: 12, Max: 32, Cell: func(e aws.Endpoint) string { return ui.OrDash(e.Name) }},
			{Title: "ID", Width: 31, Cell: func(e aws.Endpoint) string { return e.ID }},
			// The service's word, plain: whether the endpoint serves is
			// HEALTH's, never the colour of "available".
			{Title: "STATUS", Width: 17, Cell: func(e aws.Endpoint) string { return ui.OrDash(e.Status) }},
			{Title: "HEALTH", Width: 10, Cell: func(e aws.Endpoint) string { return ui.VerdictCell(verdict(e)) },
				Paint: func(s *ui.Styles, e aws.Endpoint, text string) string { return s.PaintVerdict(verdict(e), text) }},
			{Title: "CLIENT CIDR", Width: 15, Cell: func(e aws.Endpoint) string { return e.ClientCIDR }},
			{Title: "VPN", Width: 7, Cell: func(e aws.Endpoint) string { return fmt.Sprintf("%s/%d", e.Transport, e.Port) }},
			{Title: "SPLIT", Width: 5, Cell: func(e aws.Endpoint) string { return ui.YesNo(e.SplitTunnel) }},
			{Title: "AUTH", Width: 14, Cell: func(e aws.Endpoint) string { return authCell(e.AuthTypes) }},
			{Title: "LOGS", Width: 4, Cell: func(e aws.Endpoint) string { return ui.YesNo(e.LoggingEnabled) }},
			{Title: "VPC", Width: 21, Cell: func(e aws.Endpoint) string { return e.VpcID }},
			{Title: "CREATED", Width: 16, Cell: func(e aws.Endpoint) string { return ui.Stamp(e.Created, loc) }},
		},
	}
	return endpointsPane{c: c, ListBase: ui.ListBase[aws.Endpoint]{List: ui.NewPagedList(c.Common, spec)}}
}

// authCell shortens the authentication types: cert, ad, saml.
func authCell(types []string) string {
	short := map[string]string{"certificate-authentication": "cert", "directory-service-authentication": "ad",
		"federated-authentication": "saml"}
	var out []string
	for _, t := range types {
		out = append(out, ui.FirstNonEmpty(short[t], t))
	}
	return ui.OrDash(strings.Join(out, "+"))
}

func endpointFields(e aws.Endpoint, c *common) []ui.Field {
	fields := []ui.Field{
		{Label: "ID", Value: e.ID}, {Label: "Name", Value: e.Name}, {Label: "Description", Value: e.Description},
		{Label: "Status", Value: e.Status}, {Label: "Status message", Value: e.StatusMessage},
		ui.Section("Network"),
		{Label: "Client CIDR", Value: e.ClientCIDR}, {Label: "Transport", Value: fmt.Sprintf("%s/%d", e.Transport, e.Port)},
		{Label: "Split tunnel", Value: ui.YesNo(e.SplitTunnel)}, {Label: "VPC", Value: e.VpcID},
		{Label: "Security groups", Value: strings.Join(e.SecurityGroups, ", ")}, {Label: "DNS name", Value: e.DNSName},
		ui.Section("Access"),
		{Label: "Authentication", Value: strings.Join(e.AuthTypes, ", ")},
		{Label: "Session timeout", Value: fmt.Sprintf("%d h", e.SessionTimeoutHours)},
		{Label: "Connection logging", Value: ui.YesNo(e.LoggingEnabled)}, {Label: "Log group", Value: e.LogGroup},
		{Label: "Created", Value: ui.Stamp(e.Created, c.Loc)},
	}
	if len(e.Tags) > 0 {
		fields = append(fields, ui.Section("Tags"))
		for _, t := range e.Tags {
			fields = append(fields, ui.Field{Label: t.Key, Value: t.Value})
		}
	}
	return fields
}

// As a pane (the AWS root).
func (p *endpointsPane) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.List.Logs) {
		if e, ok := p.List.Selected(); ok {
			v, cmd := newClientLogView(p.c, e, p.c.Width, p.c.Height)
			return ui.Push(&v, cmd)
		}
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.List.RoutePath) {
		if e, ok := p.List.Selected(); ok {
			return openClientRoutePath(p.c, e, []string{ui.OrDash(e.Name), "route path"}) // routepath_cvpn.go
		}
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.List.Changes) {
		if e, ok := p.List.Selected(); ok {
			return openChanges(p.c, []string{ui.OrDash(e.Name)}, e.ID, e.Name)
		}
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.List.Explain) {
		return ui.Flash("e explains an endpoint once it is open: enter, then e")
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.Kinds.Next, p.c.Keys.Kinds.Prev) {
		return openS2SGateways(p.c) // the root's other kind, as :gateways
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.List.Open) {
		e, ok := p.List.Selected()
		if !ok {
			return nil
		}
		v, cmd := newEndpointView(p.c, e, p.c.Width, p.c.Height)
		return ui.Push(&v, cmd)
	}
	return p.List.Handle(msg)
}

// Crumbs name the kind listed: AWS's root has two (tab switches).
func (p *endpointsPane) Crumbs() []string { return []string{"Client VPN"} }
func (p *endpointsPane) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.List.Logs, toSiteToSite(k), k.Global.Provider, k.List.Details, k.List.Filter, k.List.Copy, k.Global.Refresh,
		k.Global.Region, k.Global.Command, k.Global.Help, k.Global.Quit}
}

// toSiteToSite is tab as the endpoint list says it: Site-to-Site is the
// other half of AWS VPN, and :gateways its command.
func toSiteToSite(k keymap.KeyMap) key.Binding {
	b := k.Kinds.Next
	b.SetHelp("tab", "Site-to-Site (:gateways)")
	return b
}
func (p *endpointsPane) Start() tea.Cmd { return p.List.Start() }
func (p *endpointsPane) Sized() tea.Cmd { return p.List.FetchMoreIfNear() }
func (p *endpointsPane) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{
		{Title: "Move", Bindings: ui.MoveHelp(k)},
		{Title: "Act", Bindings: []key.Binding{k.List.Open, k.List.Logs, k.List.RoutePath, k.List.Changes, k.List.Details, k.List.Copy, k.List.Filter}},
		{Title: "Site-to-Site VPN", Bindings: []key.Binding{toSiteToSite(k), k.Kinds.Prev}},
	}
}

// RawTarget is what the v key reads again by id in its region: the endpoint under
// the cursor.
func (p *endpointsPane) RawTarget() (ui.RawTarget, bool) {
	e, ok := p.List.Selected()
	return p.c.raw(p.c.Region, "endpoint", e.ID, aws.RawRef{Kind: aws.RawEndpoint, ID: e.ID}), ok
}
