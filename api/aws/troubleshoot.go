package aws

import (
	"fmt"
	"github.com/vpnscope/vpnscope/api"
	"net/netip"
	"slices"
	"strings"
)

// Advice is one reason an endpoint cannot (fully) serve its clients, and
// what to check.
type Advice struct {
	Blocking bool // no client can connect, or reach anything
	// Note: worth knowing, nothing broken (logging off, a rule evaluated
	// last).
	Note bool
	// FromState: said by the endpoint's own state (being created or
	// deleted), which api.RankLifecycle ranks on its own.
	FromState bool
	// Phase and State are the finding's words for it; "" for
	// "configuration".
	Phase, State string
	Problem      string // what is wrong, in a sentence
	Check        string // what to do about it
}

// Troubleshoot reads an endpoint with its target networks, routes and
// rules, and says why clients cannot connect or reach what they need.
func Troubleshoot(e Endpoint, networks []TargetNetwork, routes []Route, rules []AuthorizationRule) []Advice {
	var out []Advice
	add := func(blocking bool, check, format string, args ...any) {
		out = append(out, Advice{Blocking: blocking, Problem: fmt.Sprintf(format, args...), Check: check})
	}
	switch e.Status {
	case "pending-associate":
		add(true, "associate a subnet of the VPC with the endpoint (AssociateClientVpnTargetNetwork)",
			"No target network is associated: no client can connect.")
	case "pending":
		// API_ClientVpnEndpointStatus: "created with a Transit Gateway
		// configuration and is waiting for the Transit Gateway attachment
		// to be accepted": waiting on someone, not on time.
		add(true, "the transit gateway's owner accepts the attachment (AcceptTransitGatewayClientVpnAttachment)",
			"The endpoint waits for its Transit Gateway attachment to be accepted: no client can connect.")
	case "deleting", "deleted":
		add(true, "clients need another endpoint", "The endpoint is %s: it accepts no client.", e.Status)
	}
	for i := range out {
		out[i].FromState = true
	}
	associated := 0
	for _, n := range networks {
		switch n.Status {
		case "associated":
			associated++
		case "association-failed":
			add(false, "associate the subnet again, or another one", "Subnet %s could not be associated: %s", n.SubnetID, api.OrDash(n.StatusMessage))
		}
	}
	if e.Status == "available" && len(networks) > 0 && associated == 0 {
		add(true, "associate a subnet of the VPC with the endpoint", "No target network is associated any more: no client can connect.")
	}
	for _, r := range routes {
		if r.Status != "active" {
			add(false, "fix or delete the route", "Route to %s is %s: %s", r.Destination, r.Status, api.OrDash(r.StatusMessage))
			continue
		}
		if !authorized(r.Destination, rules) {
			add(false, fmt.Sprintf("authorize ingress to %s for all users or a group (AuthorizeClientVpnIngress)", r.Destination),
				"Route to %s has no authorization rule: connected clients cannot reach it.", r.Destination)
		}
		// CreateClientVpnEndpoint, ClientCidrBlock: "The address range
		// cannot overlap with the local CIDR of the VPC in which the
		// associated subnet is located, or the routes that you add
		// manually." The client range's own local route, and the
		// documented 0.0.0.0/0 route for internet access, are not such.
		switch {
		case !overlaps(e.ClientCIDR, r.Destination):
		case r.Origin == "associate":
			add(true, "create the endpoint again with a client CIDR outside the VPC (the range cannot be changed)",
				"The client CIDR %s overlaps the VPC's %s, which the client range must not (CreateClientVpnEndpoint).", e.ClientCIDR, r.Destination)
		case !localRoute(r) && !defaultRoute(r.Destination):
			add(false, fmt.Sprintf("delete the route to %s, or create the endpoint again with a client CIDR it does not overlap", r.Destination),
				"The client CIDR %s overlaps the route to %s added by hand, which the client range must not (CreateClientVpnEndpoint).", e.ClientCIDR, r.Destination)
		}
	}
	out = append(out, subnetsRouteAlike(networks, routes)...)
	for _, rule := range rules {
		if rule.Status != "active" {
			add(false, "authorize ingress again", "Authorization rule for %s is %s: %s", rule.Destination, rule.Status, api.OrDash(rule.StatusMessage))
		}
	}
	out = append(out, evaluatedLast(rules)...)
	if !e.LoggingEnabled && e.Status != "deleted" {
		out = append(out, Advice{Note: true, Phase: "logging", State: "off", Check: "turn on connection logging to CloudWatch Logs (ModifyClientVpnEndpoint)",
			Problem: "Connection logging is off: failed connection attempts leave nothing to read."})
	}
	return dedupe(out)
}

// authorized reports whether an active rule covers destination.
func authorized(destination string, rules []AuthorizationRule) bool {
	dst, err := netip.ParsePrefix(destination)
	if err != nil {
		return true // not ours to judge
	}
	for _, r := range rules {
		p, err := netip.ParsePrefix(r.Destination)
		if err == nil && r.Status == "active" && p.Bits() <= dst.Bits() && p.Contains(dst.Addr()) {
			return true
		}
	}
	return false
}

// subnetsRouteAlike: a destination routed through some associated subnets
// and not others. Clients land on any associated subnet (DNS round robin),
// so those on another cannot reach it: "Each associated subnet should have
// an identical set of routes" (cvpn-working-routes.html; troubleshooting
// .html, "Traffic is not being split between subnets" and "Access ... is
// intermittent").
func subnetsRouteAlike(networks []TargetNetwork, routes []Route) []Advice {
	var subnets []string
	for _, n := range networks {
		if n.Status == "associated" {
			subnets = append(subnets, n.SubnetID)
		}
	}
	if len(subnets) < 2 {
		return nil
	}
	via := map[string][]string{}
	var order []string
	for _, r := range routes {
		if r.Status != "active" || localRoute(r) {
			continue
		}
		if _, seen := via[r.Destination]; !seen {
			order = append(order, r.Destination)
		}
		via[r.Destination] = append(via[r.Destination], r.TargetSubnet)
	}
	var out []Advice
	for _, dst := range order {
		var missing []string
		for _, s := range subnets {
			if !slices.Contains(via[dst], s) {
				missing = append(missing, s)
			}
		}
		if len(missing) > 0 {
			out = append(out, Advice{Check: fmt.Sprintf("add a route to %s through %s too (CreateClientVpnRoute)", dst, strings.Join(missing, ", ")),
				Problem: fmt.Sprintf("Route to %s goes through %d of the %d associated subnets: clients that land on %s cannot reach it.",
					dst, len(subnets)-len(missing), len(subnets), strings.Join(missing, ", "))})
		}
	}
	return out
}

// evaluatedLast: with a rule for 0.0.0.0/0, a more specific rule for a
// group keeps its network to that group: "Authorization rules for
// 0.0.0.0/0 are handled as a special case, and are therefore evaluated
// last" (troubleshooting.html, "Authorization rules for Active Directory
// groups not working as expected").
func evaluatedLast(rules []AuthorizationRule) []Advice {
	everywhere := slices.ContainsFunc(rules, func(r AuthorizationRule) bool { return r.Status == "active" && defaultRoute(r.Destination) })
	if !everywhere {
		return nil
	}
	groups := map[string][]string{}
	var order []string
	for _, r := range rules {
		if r.Status != "active" || r.AccessAll || defaultRoute(r.Destination) {
			continue
		}
		if _, seen := groups[r.Destination]; !seen {
			order = append(order, r.Destination)
		}
		groups[r.Destination] = append(groups[r.Destination], api.OrDash(r.GroupID))
	}
	var out []Advice
	for _, dst := range order {
		out = append(out, Advice{Note: true, Phase: "authorization", State: "evaluated last",
			Check: fmt.Sprintf("give each group that needs %s a rule for it: the 0.0.0.0/0 rule does not", dst),
			Problem: fmt.Sprintf("The rule for 0.0.0.0/0 is evaluated last: %s is reachable by group %s only, not by everyone 0.0.0.0/0 grants.",
				dst, strings.Join(groups[dst], ", "))})
	}
	return out
}

// localRoute is the route for the client range itself, which
// CreateClientVpnRoute documents: the target "local".
func localRoute(r Route) bool { return r.TargetSubnet == "local" || r.Type == "local" }

func defaultRoute(cidr string) bool {
	p, err := netip.ParsePrefix(cidr)
	return err == nil && p.Bits() == 0
}

func overlaps(a, b string) bool {
	pa, errA := netip.ParsePrefix(a)
	pb, errB := netip.ParsePrefix(b)
	return errA == nil && errB == nil && pa.Overlaps(pb)
}

// dedupe drops repeated advice (two routes to the same network).
func dedupe(in []Advice) []Advice {
	seen := map[string]bool{}
	out := in[:0]
	for _, a := range in {
		if !seen[a.Problem] {
			seen[a.Problem] = true
			out = append(out, a)
		}
	}
	return out
}

// ExplainConnection says what a connection's status means, for one that is
// not simply active. A stuck one's status message is shown beside it, so
// the meaning does not repeat it.
func ExplainConnection(c Connection) string {
	switch c.Status {
	case "failed-to-terminate":
		return "The service could not cut this connection: terminate it again."
	case "terminating":
		return "Being terminated: it ends within seconds."
	case "terminated":
		if c.StatusMessage != "" {
			return c.StatusMessage
		}
		return "The connection ended."
	}
	return ""
}
