package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"
)

// endpointsPane lists the region's AWS Client VPN endpoints: the root pane
// of the AWS provider, as the gateway list is of Alibaba Cloud's.
type endpointsPane struct {
	c    *common
	list pagedList[aws.Endpoint]
}

func newEndpointsPane(c *common) endpointsPane {
	client, region, loc := c.aws, c.region, c.loc
	spec := &listSpec[aws.Endpoint]{
		noun:    "Client VPN endpoints",
		maxPage: 1000,
		id:      func(e aws.Endpoint) string { return e.ID },
		text: func(e aws.Endpoint) string {
			return strings.Join([]string{e.ID, e.Name, e.Status, e.ClientCIDR, e.VpcID, e.Description}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[aws.Endpoint], error) {
			return client.Endpoints(ctx, region, cur)
		},
		empty: func() string {
			return fmt.Sprintf("No Client VPN endpoints in %s.\nPress R to switch region.", region)
		},
		state: func(e aws.Endpoint) string { return e.Status },
		detail: func(e aws.Endpoint) (string, string, []field) {
			return "Client VPN endpoint " + orDash(e.Name), e.ID, endpointFields(e, c)
		},
		columns: []column[aws.Endpoint]{
			{title: "NAME", min: 12, max: 32, cell: func(e aws.Endpoint) string { return orDash(e.Name) }},
			{title: "ID", width: 31, cell: func(e aws.Endpoint) string { return e.ID }},
			{title: "STATUS", width: 19, cell: endpointStatusCell, paint: func(s *Styles, e aws.Endpoint, text string) string {
				return s.paint(endpointTones[e.Status], text)
			}},
			{title: "CLIENT CIDR", width: 15, cell: func(e aws.Endpoint) string { return e.ClientCIDR }},
			{title: "VPN", width: 7, cell: func(e aws.Endpoint) string { return fmt.Sprintf("%s/%d", e.Transport, e.Port) }},
			{title: "SPLIT", width: 5, cell: func(e aws.Endpoint) string { return yesNo(e.SplitTunnel) }},
			{title: "AUTH", width: 14, cell: func(e aws.Endpoint) string { return authCell(e.AuthTypes) }},
			{title: "LOGS", width: 4, cell: func(e aws.Endpoint) string { return yesNo(e.LoggingEnabled) }},
			{title: "VPC", width: 21, cell: func(e aws.Endpoint) string { return e.VpcID }},
			{title: "CREATED", width: 16, cell: func(e aws.Endpoint) string { return stamp(e.Created, loc) }},
		},
	}
	return endpointsPane{c: c, list: newPagedList(c, spec)}
}

// endpointTones: states read as a symbol and a word, and a colour too.
var endpointTones = map[string]tone{"available": toneGood, "pending-associate": toneWarn, "pending": toneWarn,
	"deleting": toneBad, "deleted": toneBad}

func endpointStatusCell(e aws.Endpoint) string {
	symbol := map[string]string{"available": "●", "pending-associate": "◐", "pending": "◌", "deleting": "✗", "deleted": "✗"}[e.Status]
	return strings.TrimSpace(orDash(symbol) + " " + e.Status)
}

// authCell shortens the authentication types: cert, ad, saml.
func authCell(types []string) string {
	short := map[string]string{"certificate-authentication": "cert", "directory-service-authentication": "ad",
		"federated-authentication": "saml"}
	var out []string
	for _, t := range types {
		out = append(out, firstNonEmpty(short[t], t))
	}
	return orDash(strings.Join(out, "+"))
}

func endpointFields(e aws.Endpoint, c *common) []field {
	fields := []field{
		{label: "ID", value: e.ID}, {label: "Name", value: e.Name}, {label: "Description", value: e.Description},
		{label: "Status", value: e.Status}, {label: "Status message", value: e.StatusMessage},
		section("Network"),
		{label: "Client CIDR", value: e.ClientCIDR}, {label: "Transport", value: fmt.Sprintf("%s/%d", e.Transport, e.Port)},
		{label: "Split tunnel", value: yesNo(e.SplitTunnel)}, {label: "VPC", value: e.VpcID},
		{label: "Security groups", value: strings.Join(e.SecurityGroups, ", ")}, {label: "DNS name", value: e.DNSName},
		section("Access"),
		{label: "Authentication", value: strings.Join(e.AuthTypes, ", ")},
		{label: "Session timeout", value: fmt.Sprintf("%d h", e.SessionTimeoutHours)},
		{label: "Connection logging", value: yesNo(e.LoggingEnabled)}, {label: "Log group", value: e.LogGroup},
		{label: "Created", value: stamp(e.Created, c.loc)},
	}
	if len(e.Tags) > 0 {
		fields = append(fields, section("Tags"))
		for _, t := range e.Tags {
			fields = append(fields, field{label: t.Key, value: t.Value})
		}
	}
	return fields
}

// As a pane (the AWS root).
func (p *endpointsPane) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.list.claimsKeys() && key.Matches(k, p.c.keys.List.Logs) {
		if e, ok := p.list.selected(); ok {
			v, cmd := newClientLogView(p.c, e, p.c.width, p.c.height)
			return push(&v, cmd)
		}
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.list.claimsKeys() && key.Matches(k, p.c.keys.List.Open) {
		e, ok := p.list.selected()
		if !ok {
			return nil
		}
		v, cmd := newEndpointView(p.c, e, p.c.width, p.c.height)
		return push(&v, cmd)
	}
	return p.list.update(msg)
}
func (p *endpointsPane) View() string     { return p.list.View() }
func (p *endpointsPane) setSize(w, h int) { p.list.setSize(w, max(h-2, 1)) }
func (p *endpointsPane) close()           { p.list.close() }
func (p *endpointsPane) crumbs() []string { return nil }
func (p *endpointsPane) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.Global.Provider, k.List.Details, k.List.Filter, k.List.Copy, k.Global.Refresh,
		k.Global.Region, k.Global.Command, k.Global.Help, k.Global.Quit}
}
func (p *endpointsPane) fetchState() (bool, error)                  { return p.list.fetchState() }
func (p *endpointsPane) claimsKeys() bool                           { return p.list.claimsKeys() }
func (p *endpointsPane) handlesBack() bool                          { return p.list.handlesBack() }
func (p *endpointsPane) sortByTitle(name string) error              { return p.list.sortByTitle(name) }
func (p *endpointsPane) sortHelp() []string                         { return p.list.sortHelp() }
func (p *endpointsPane) refresh() tea.Cmd                           { return p.list.reload() }
func (p *endpointsPane) watchRefresh() tea.Cmd                      { return p.list.watchRefresh() }
func (p *endpointsPane) deliver(m listMsg) (tea.Cmd, bool)          { return deliverTo(&p.list, m) }
func (p *endpointsPane) refreshedAt() time.Time                     { return p.list.refreshedAt() }
func (p *endpointsPane) selection() (string, string, []field, bool) { return p.list.selection() }
func (p *endpointsPane) start() tea.Cmd                             { return p.list.start() }
func (p *endpointsPane) sized() tea.Cmd                             { return p.list.fetchMoreIfNear() }
func (p *endpointsPane) helpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{
		{Title: "Move", Bindings: moveHelp(k)},
		{Title: "Act", Bindings: []key.Binding{k.List.Open, k.List.Details, k.List.Copy, k.List.Filter}},
	}
}
