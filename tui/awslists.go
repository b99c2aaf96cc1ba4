package tui

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// The lists of an AWS Client VPN endpoint's tabs. Each is a listSpec: the
// paged list, filter, sort, watch and details are the ones every provider
// uses.

// connectionTones: a connection's state as a colour, beside its word.
var connectionTones = map[string]tone{"active": toneGood, "terminating": toneWarn, "failed-to-terminate": toneBad}

func newAWSConnectionsList(c *common, ep aws.Endpoint) pagedList[aws.Connection] {
	client, region, loc, now := c.aws, c.region, c.loc, c.now
	spec := &listSpec[aws.Connection]{
		noun:    "connections",
		maxPage: 1000,
		id:      func(x aws.Connection) string { return x.ID },
		text: func(x aws.Connection) string {
			return strings.Join([]string{x.ID, x.CommonName, x.Username, x.ClientIP, x.Status}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[aws.Connection], error) {
			return client.Connections(ctx, region, ep.ID, aws.ConnectionFilter{}, cur)
		},
		empty: func() string {
			if ep.Status != "available" {
				return "No connections: the endpoint is " + ep.Status + " (e says why)."
			}
			return "No client is connected, and none ended in the last hour."
		},
		state: func(x aws.Connection) string { return x.Status },
		describe: func(old, new aws.Connection) []string {
			return []string{fmt.Sprintf("%s %s → %s", orDash(new.Username), old.Status, new.Status)}
		},
		// o: worst first, stuck (failed-to-terminate) before being cut,
		// then active, then ended (issue 16, defect 3); the most recently
		// ended first within a status.
		order: func(a, b aws.Connection) int {
			if ra, rb := aws.ConnectionRank(a.Status), aws.ConnectionRank(b.Status); ra != rb {
				return ra - rb
			}
			return b.Ended.Compare(a.Ended)
		},
		detail: func(x aws.Connection) (string, string, []field) {
			return "Connection " + x.ID, x.ID, awsConnectionFields(x, loc)
		},
		columns: []column[aws.Connection]{
			{title: "STATUS", width: 13, cell: connectionStatusCell, paint: func(s *Styles, x aws.Connection, text string) string {
				return s.paint(connectionTones[x.Status], text)
			}},
			{title: "USER", min: 12, max: 36, cell: func(x aws.Connection) string { return orDash(firstNonEmpty(x.Username, x.CommonName)) }},
			{title: "CLIENT IP", width: 15, cell: func(x aws.Connection) string { return x.ClientIP }},
			{title: "ESTABLISHED", width: 16, cell: func(x aws.Connection) string { return stamp(x.Established, loc) }},
			{title: "FOR", width: 14, cell: func(x aws.Connection) string { return connectionDuration(x, now()) }},
			{title: "IN", width: 9, cell: func(x aws.Connection) string { return humanBytes(x.IngressBytes) }},
			{title: "OUT", width: 9, cell: func(x aws.Connection) string { return humanBytes(x.EgressBytes) }},
			{title: "PACKETS", width: 15, cell: func(x aws.Connection) string { return fmt.Sprintf("%d/%d", x.IngressPackets, x.EgressPackets) }},
			{title: "POSTURE", width: 10, cell: func(x aws.Connection) string { return orDash(strings.Join(x.Posture, ",")) }},
			{title: "ID", width: 32, cell: func(x aws.Connection) string { return x.ID }},
		},
	}
	return newPagedList(c, spec)
}

func connectionStatusCell(x aws.Connection) string {
	symbol := map[string]string{"active": "●", "terminating": "◌", "terminated": "○", "failed-to-terminate": "✗"}[x.Status]
	word := map[string]string{"failed-to-terminate": "stuck"}[x.Status]
	return orDash(symbol) + " " + firstNonEmpty(word, x.Status)
}

// connectionDuration is how long an active connection has lasted, or when
// an ended one ended: "2h05m", "ended 12m ago".
func connectionDuration(x aws.Connection, now time.Time) string {
	if x.Ended.IsZero() {
		return age(now, x.Established)
	}
	return "ended " + age(now, x.Ended) + " ago"
}

func awsConnectionFields(x aws.Connection, loc *time.Location) []field {
	fields := []field{
		{label: "Connection", value: x.ID}, {label: "Endpoint", value: x.EndpointID},
		{label: "Status", value: x.Status}, {label: "Status message", value: x.StatusMessage},
	}
	if why := aws.ExplainConnection(x); why != "" && why != x.StatusMessage {
		fields = append(fields, field{label: "Meaning", value: why})
	}
	return append(fields,
		section("Client"),
		field{label: "Username", value: x.Username}, field{label: "Common name", value: x.CommonName},
		field{label: "Client IP", value: x.ClientIP}, field{label: "Posture", value: strings.Join(x.Posture, ", ")},
		section("Traffic"),
		field{label: "Established", value: stamp(x.Established, loc)}, field{label: "Ended", value: stamp(x.Ended, loc)},
		field{label: "Ingress", value: fmt.Sprintf("%s, %d packets", humanBytes(x.IngressBytes), x.IngressPackets)},
		field{label: "Egress", value: fmt.Sprintf("%s, %d packets", humanBytes(x.EgressBytes), x.EgressPackets)},
	)
}

// statusTones: the other lists' states (associated, active) read good.
func statusTone(status string) tone {
	switch status {
	case "associated", "active":
		return toneGood
	case "failed", "association-failed":
		return toneBad
	}
	return toneWarn
}

func newTargetNetworksList(c *common, ep aws.Endpoint) pagedList[aws.TargetNetwork] {
	client, region := c.aws, c.region
	return newPagedList(c, &listSpec[aws.TargetNetwork]{
		noun:    "target networks",
		maxPage: 1000,
		id:      func(x aws.TargetNetwork) string { return x.AssociationID },
		text: func(x aws.TargetNetwork) string {
			return strings.Join([]string{x.AssociationID, x.SubnetID, x.Status}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[aws.TargetNetwork], error) {
			return client.TargetNetworks(ctx, region, ep.ID, cur)
		},
		empty: func() string {
			return "No target network is associated: no client can connect.\nAssociate a subnet of the VPC with the endpoint."
		},
		detail: func(x aws.TargetNetwork) (string, string, []field) {
			return "Target network " + x.SubnetID, x.AssociationID, []field{
				{label: "Association", value: x.AssociationID}, {label: "Subnet", value: x.SubnetID}, {label: "VPC", value: x.VpcID},
				{label: "Status", value: x.Status}, {label: "Status message", value: x.StatusMessage},
				{label: "Security groups", value: strings.Join(x.SecurityGroups, ", ")}}
		},
		columns: []column[aws.TargetNetwork]{
			{title: "SUBNET", min: 24, max: 30, cell: func(x aws.TargetNetwork) string { return x.SubnetID }},
			{title: "STATUS", width: 18, cell: func(x aws.TargetNetwork) string { return x.Status }, paint: func(s *Styles, x aws.TargetNetwork, t string) string {
				return s.paint(statusTone(x.Status), t)
			}},
			{title: "ASSOCIATION", width: 28, cell: func(x aws.TargetNetwork) string { return x.AssociationID }},
			{title: "VPC", width: 21, cell: func(x aws.TargetNetwork) string { return x.VpcID }},
			{title: "MESSAGE", width: 30, max: 80, cell: func(x aws.TargetNetwork) string { return x.StatusMessage }},
		},
	})
}

func newRoutesList(c *common, ep aws.Endpoint) pagedList[aws.Route] {
	client, region := c.aws, c.region
	return newPagedList(c, &listSpec[aws.Route]{
		noun:    "routes",
		maxPage: 1000,
		id:      func(x aws.Route) string { return x.Destination + "→" + x.TargetSubnet },
		text: func(x aws.Route) string {
			return strings.Join([]string{x.Destination, x.TargetSubnet, x.Status, x.Description}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[aws.Route], error) {
			return client.Routes(ctx, region, ep.ID, cur)
		},
		empty: func() string { return "No routes: connected clients can reach nothing." },
		detail: func(x aws.Route) (string, string, []field) {
			return "Route to " + x.Destination, x.Destination, []field{
				{label: "Destination", value: x.Destination}, {label: "Target subnet", value: x.TargetSubnet},
				{label: "Type", value: x.Type}, {label: "Origin", value: x.Origin}, {label: "Status", value: x.Status},
				{label: "Status message", value: x.StatusMessage}, {label: "Description", value: x.Description}}
		},
		columns: []column[aws.Route]{
			{title: "DESTINATION", width: 18, cell: func(x aws.Route) string { return x.Destination }},
			{title: "STATUS", width: 8, cell: func(x aws.Route) string { return x.Status }, paint: func(s *Styles, x aws.Route, t string) string {
				return s.paint(statusTone(x.Status), t)
			}},
			{title: "TARGET SUBNET", width: 24, cell: func(x aws.Route) string { return x.TargetSubnet }},
			{title: "ORIGIN", width: 10, cell: func(x aws.Route) string { return x.Origin }},
			{title: "MESSAGE", min: 10, max: 80, cell: func(x aws.Route) string { return firstNonEmpty(x.StatusMessage, x.Description) }},
		},
	})
}

func newRulesList(c *common, ep aws.Endpoint) pagedList[aws.AuthorizationRule] {
	client, region := c.aws, c.region
	return newPagedList(c, &listSpec[aws.AuthorizationRule]{
		noun:    "authorization rules",
		maxPage: 1000,
		id:      func(x aws.AuthorizationRule) string { return x.Destination + "/" + x.GroupID },
		text: func(x aws.AuthorizationRule) string {
			return strings.Join([]string{x.Destination, x.GroupID, x.Status, x.Description}, " ")
		},
		fetch: func(ctx context.Context, cur api.Cursor) (api.Page[aws.AuthorizationRule], error) {
			return client.AuthorizationRules(ctx, region, ep.ID, cur)
		},
		empty: func() string { return "No authorization rules: connected clients may reach nothing." },
		order: func(a, b aws.AuthorizationRule) int { return cmp.Compare(a.Destination, b.Destination) },
		detail: func(x aws.AuthorizationRule) (string, string, []field) {
			return "Rule for " + x.Destination, x.Destination, []field{
				{label: "Destination", value: x.Destination}, {label: "Who", value: ruleWho(x)},
				{label: "Status", value: x.Status}, {label: "Status message", value: x.StatusMessage}, {label: "Description", value: x.Description}}
		},
		columns: []column[aws.AuthorizationRule]{
			{title: "DESTINATION", width: 18, cell: func(x aws.AuthorizationRule) string { return x.Destination }},
			{title: "WHO", width: 22, cell: ruleWho},
			{title: "STATUS", width: 11, cell: func(x aws.AuthorizationRule) string { return x.Status }, paint: func(s *Styles, x aws.AuthorizationRule, t string) string {
				return s.paint(statusTone(x.Status), t)
			}},
			{title: "DESCRIPTION", min: 10, max: 80, cell: func(x aws.AuthorizationRule) string { return firstNonEmpty(x.StatusMessage, x.Description) }},
		},
	})
}

func ruleWho(x aws.AuthorizationRule) string {
	if x.AccessAll {
		return "all users"
	}
	return "group " + orDash(x.GroupID)
}
