package aws

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The lists of an AWS Client VPN endpoint's tabs. Each is a ListSpec: the
// paged list, filter, sort, watch and details are the ones every provider
// uses.

// connectionTones: a connection's state as a colour, beside its word.
var connectionTones = map[string]ui.Tone{"active": ui.ToneGood, "terminating": ui.ToneWarn, "failed-to-terminate": ui.ToneBad}

func newAWSConnectionsList(c *common, ep aws.Endpoint) ui.PagedList[aws.Connection] {
	client, region, loc, now := c.client, c.Region, c.Loc, c.Now
	spec := &ui.ListSpec[aws.Connection]{
		Noun:    "connections",
		MaxPage: 1000,
		ID:      func(x aws.Connection) string { return x.ID },
		Text: func(x aws.Connection) string {
			return strings.Join([]string{x.ID, x.CommonName, x.Username, x.ClientIP, x.Status}, " ")
		},
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[aws.Connection], error) {
			return client.Connections(ctx, region, ep.ID, aws.ConnectionFilter{}, cur)
		},
		Empty: func() string {
			if ep.Status != "available" {
				return "No connections: the endpoint is " + ep.Status + " (e says why)."
			}
			return "No client is connected, and none ended in the last hour."
		},
		State: func(x aws.Connection) string { return x.Status },
		Describe: func(old, new aws.Connection) []string {
			return []string{fmt.Sprintf("%s %s → %s", ui.OrDash(new.Username), old.Status, new.Status)}
		},
		// o: worst first, stuck (failed-to-terminate) before being cut,
		// then active, then ended (issue 16, defect 3); the most recently
		// ended first within a status.
		Order: func(a, b aws.Connection) int {
			if ra, rb := aws.ConnectionRank(a.Status), aws.ConnectionRank(b.Status); ra != rb {
				return ra - rb
			}
			return b.Ended.Compare(a.Ended)
		},
		Detail: func(x aws.Connection) (string, string, []ui.Field) {
			return "Connection " + x.ID, x.ID, awsConnectionFields(x, loc)
		},
		Columns: []ui.Column[aws.Connection]{
			{Title: "STATUS", Width: 13, Cell: connectionStatusCell, Paint: func(s *ui.Styles, x aws.Connection, text string) string {
				return s.Paint(connectionTones[x.Status], text)
			}},
			{Title: "USER", Min: 12, Max: 36, Cell: func(x aws.Connection) string { return ui.OrDash(ui.FirstNonEmpty(x.Username, x.CommonName)) }},
			{Title: "CLIENT IP", Width: 15, Cell: func(x aws.Connection) string { return x.ClientIP }},
			{Title: "ESTABLISHED", Width: 16, Cell: func(x aws.Connection) string { return ui.Stamp(x.Established, loc) }},
			{Title: "FOR", Width: 14, Cell: func(x aws.Connection) string { return connectionDuration(x, now()) }},
			{Title: "IN", Width: 9, Cell: func(x aws.Connection) string { return ui.HumanBytes(x.IngressBytes) }},
			{Title: "OUT", Width: 9, Cell: func(x aws.Connection) string { return ui.HumanBytes(x.EgressBytes) }},
			{Title: "PACKETS", Width: 15, Cell: func(x aws.Connection) string { return fmt.Sprintf("%d/%d", x.IngressPackets, x.EgressPackets) }},
			{Title: "POSTURE", Width: 10, Cell: func(x aws.Connection) string { return ui.OrDash(strings.Join(x.Posture, ",")) }},
			{Title: "ID", Width: 32, Cell: func(x aws.Connection) string { return x.ID }},
		},
	}
	return ui.NewPagedList(c.Common, spec)
}

func connectionStatusCell(x aws.Connection) string {
	symbol := map[string]string{"active": "●", "terminating": "◌", "terminated": "○", "failed-to-terminate": "✗"}[x.Status]
	word := map[string]string{"failed-to-terminate": "stuck"}[x.Status]
	return ui.OrDash(symbol) + " " + ui.FirstNonEmpty(word, x.Status)
}

// connectionDuration is how long an active connection has lasted, or when
// an ended one ended: "2h05m", "ended 12m ago".
func connectionDuration(x aws.Connection, now time.Time) string {
	if x.Ended.IsZero() {
		return ui.Age(now, x.Established)
	}
	return "ended " + ui.Age(now, x.Ended) + " ago"
}

func awsConnectionFields(x aws.Connection, loc *time.Location) []ui.Field {
	fields := []ui.Field{
		{Label: "Connection", Value: x.ID}, {Label: "Endpoint", Value: x.EndpointID},
		{Label: "Status", Value: x.Status}, {Label: "Status message", Value: x.StatusMessage},
	}
	if why := aws.ExplainConnection(x); why != "" && why != x.StatusMessage {
		fields = append(fields, ui.Field{Label: "Meaning", Value: why})
	}
	return append(fields,
		ui.Section("Client"),
		ui.Field{Label: "Username", Value: x.Username}, ui.Field{Label: "Common name", Value: x.CommonName},
		ui.Field{Label: "Client IP", Value: x.ClientIP}, ui.Field{Label: "Posture", Value: strings.Join(x.Posture, ", ")},
		ui.Section("Traffic"),
		ui.Field{Label: "Established", Value: ui.Stamp(x.Established, loc)}, ui.Field{Label: "Ended", Value: ui.Stamp(x.Ended, loc)},
		ui.Field{Label: "Ingress", Value: fmt.Sprintf("%s, %d packets", ui.HumanBytes(x.IngressBytes), x.IngressPackets)},
		ui.Field{Label: "Egress", Value: fmt.Sprintf("%s, %d packets", ui.HumanBytes(x.EgressBytes), x.EgressPackets)},
	)
}

// statusTones: the other lists' states (associated, active) read good.
func statusTone(status string) ui.Tone {
	switch status {
	case "associated", "active":
		return ui.ToneGood
	case "failed", "association-failed":
		return ui.ToneBad
	}
	return ui.ToneWarn
}

func newTargetNetworksList(c *common, ep aws.Endpoint) ui.PagedList[aws.TargetNetwork] {
	client, region := c.client, c.Region
	return ui.NewPagedList(c.Common, &ui.ListSpec[aws.TargetNetwork]{
		Noun:    "target networks",
		MaxPage: 1000,
		ID:      func(x aws.TargetNetwork) string { return x.AssociationID },
		Text: func(x aws.TargetNetwork) string {
			return strings.Join([]string{x.AssociationID, x.SubnetID, x.Status}, " ")
		},
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[aws.TargetNetwork], error) {
			return client.TargetNetworks(ctx, region, ep.ID, cur)
		},
		Empty: func() string {
			return "No target network is associated: no client can connect.\nAssociate a subnet of the VPC with the endpoint."
		},
		Detail: func(x aws.TargetNetwork) (string, string, []ui.Field) {
			return "Target network " + x.SubnetID, x.AssociationID, []ui.Field{
				{Label: "Association", Value: x.AssociationID}, {Label: "Subnet", Value: x.SubnetID}, {Label: "VPC", Value: x.VpcID},
				{Label: "Status", Value: x.Status}, {Label: "Status message", Value: x.StatusMessage},
				{Label: "Security groups", Value: strings.Join(x.SecurityGroups, ", ")}}
		},
		Columns: []ui.Column[aws.TargetNetwork]{
			{Title: "SUBNET", Min: 24, Max: 30, Cell: func(x aws.TargetNetwork) string { return x.SubnetID }},
			{Title: "STATUS", Width: 18, Cell: func(x aws.TargetNetwork) string { return x.Status }, Paint: func(s *ui.Styles, x aws.TargetNetwork, t string) string {
				return s.Paint(statusTone(x.Status), t)
			}},
			{Title: "ASSOCIATION", Width: 28, Cell: func(x aws.TargetNetwork) string { return x.AssociationID }},
			{Title: "VPC", Width: 21, Cell: func(x aws.TargetNetwork) string { return x.VpcID }},
			{Title: "MESSAGE", Width: 30, Max: 80, Cell: func(x aws.TargetNetwork) string { return x.StatusMessage }},
		},
	})
}

func newRoutesList(c *common, ep aws.Endpoint) ui.PagedList[aws.Route] {
	client, region := c.client, c.Region
	return ui.NewPagedList(c.Common, &ui.ListSpec[aws.Route]{
		Noun:    "routes",
		MaxPage: 1000,
		ID:      func(x aws.Route) string { return x.Destination + "→" + x.TargetSubnet },
		Text: func(x aws.Route) string {
			return strings.Join([]string{x.Destination, x.TargetSubnet, x.Status, x.Description}, " ")
		},
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[aws.Route], error) {
			return client.Routes(ctx, region, ep.ID, cur)
		},
		Empty: func() string { return "No routes: connected clients can reach nothing." },
		Detail: func(x aws.Route) (string, string, []ui.Field) {
			return "Route to " + x.Destination, x.Destination, []ui.Field{
				{Label: "Destination", Value: x.Destination}, {Label: "Target subnet", Value: x.TargetSubnet},
				{Label: "Type", Value: x.Type}, {Label: "Origin", Value: x.Origin}, {Label: "Status", Value: x.Status},
				{Label: "Status message", Value: x.StatusMessage}, {Label: "Description", Value: x.Description}}
		},
		Columns: []ui.Column[aws.Route]{
			{Title: "DESTINATION", Width: 18, Cell: func(x aws.Route) string { return x.Destination }},
			{Title: "STATUS", Width: 8, Cell: func(x aws.Route) string { return x.Status }, Paint: func(s *ui.Styles, x aws.Route, t string) string {
				return s.Paint(statusTone(x.Status), t)
			}},
			{Title: "TARGET SUBNET", Width: 24, Cell: func(x aws.Route) string { return x.TargetSubnet }},
			{Title: "ORIGIN", Width: 10, Cell: func(x aws.Route) string { return x.Origin }},
			{Title: "MESSAGE", Min: 10, Max: 80, Cell: func(x aws.Route) string { return ui.FirstNonEmpty(x.StatusMessage, x.Description) }},
		},
	})
}

func newRulesList(c *common, ep aws.Endpoint) ui.PagedList[aws.AuthorizationRule] {
	client, region := c.client, c.Region
	return ui.NewPagedList(c.Common, &ui.ListSpec[aws.AuthorizationRule]{
		Noun:    "authorization rules",
		MaxPage: 1000,
		ID:      func(x aws.AuthorizationRule) string { return x.Destination + "/" + x.GroupID },
		Text: func(x aws.AuthorizationRule) string {
			return strings.Join([]string{x.Destination, x.GroupID, x.Status, x.Description}, " ")
		},
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[aws.AuthorizationRule], error) {
			return client.AuthorizationRules(ctx, region, ep.ID, cur)
		},
		Empty: func() string { return "No authorization rules: connected clients may reach nothing." },
		Order: func(a, b aws.AuthorizationRule) int { return cmp.Compare(a.Destination, b.Destination) },
		Detail: func(x aws.AuthorizationRule) (string, string, []ui.Field) {
			return "Rule for " + x.Destination, x.Destination, []ui.Field{
				{Label: "Destination", Value: x.Destination}, {Label: "Who", Value: ruleWho(x)},
				{Label: "Status", Value: x.Status}, {Label: "Status message", Value: x.StatusMessage}, {Label: "Description", Value: x.Description}}
		},
		Columns: []ui.Column[aws.AuthorizationRule]{
			{Title: "DESTINATION", Width: 18, Cell: func(x aws.AuthorizationRule) string { return x.Destination }},
			{Title: "WHO", Width: 22, Cell: ruleWho},
			{Title: "STATUS", Width: 11, Cell: func(x aws.AuthorizationRule) string { return x.Status }, Paint: func(s *ui.Styles, x aws.AuthorizationRule, t string) string {
				return s.Paint(statusTone(x.Status), t)
			}},
			{Title: "DESCRIPTION", Min: 10, Max: 80, Cell: func(x aws.AuthorizationRule) string { return ui.FirstNonEmpty(x.StatusMessage, x.Description) }},
		},
	})
}

func ruleWho(x aws.AuthorizationRule) string {
	if x.AccessAll {
		return "all users"
	}
	return "group " + ui.OrDash(x.GroupID)
}
