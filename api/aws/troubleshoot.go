package aws

import (
	"fmt"
	"net/netip"
)

// Advice is one reason an endpoint cannot (fully) serve its clients, and
// what to check.
type Advice struct {
	Blocking bool // no client can connect, or reach anything
	// FromState: said by the endpoint's own state (being created or
	// deleted), which api.RankLifecycle ranks on its own.
	FromState bool
	Problem   string // what is wrong, in a sentence
	Check     string // what to do about it
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
			add(false, "associate the subnet again, or another one", "Subnet %s could not be associated: %s", n.SubnetID, orDash(n.StatusMessage))
		}
	}
	if e.Status == "available" && len(networks) > 0 && associated == 0 {
		add(true, "associate a subnet of the VPC with the endpoint", "No target network is associated any more: no client can connect.")
	}
	for _, r := range routes {
		if r.Status != "active" {
			add(false, "fix or delete the route", "Route to %s is %s: %s", r.Destination, r.Status, orDash(r.StatusMessage))
			continue
		}
		if !authorized(r.Destination, rules) {
			add(false, fmt.Sprintf("authorize ingress to %s for all users or a group (AuthorizeClientVpnIngress)", r.Destination),
				"Route to %s has no authorization rule: connected clients cannot reach it.", r.Destination)
		}
		if r.Origin == "associate" && overlaps(e.ClientCIDR, r.Destination) {
			add(true, "create the endpoint with a client CIDR outside the VPC",
				"The client CIDR %s overlaps the VPC's %s: traffic to clients is routed into the VPC instead.", e.ClientCIDR, r.Destination)
		}
	}
	for _, rule := range rules {
		if rule.Status != "active" {
			add(false, "authorize ingress again", "Authorization rule for %s is %s: %s", rule.Destination, rule.Status, orDash(rule.StatusMessage))
		}
	}
	if !e.LoggingEnabled && e.Status != "deleted" {
		add(false, "turn on connection logging to CloudWatch Logs (ModifyClientVpnEndpoint)",
			"Connection logging is off: failed connection attempts leave nothing to read.")
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
// not simply active.
func ExplainConnection(c Connection) string {
	switch c.Status {
	case "failed-to-terminate":
		return "The service could not cut this connection: terminate it again. " + c.StatusMessage
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

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
