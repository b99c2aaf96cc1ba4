package aws

import (
	"net/netip"
	"slices"
)

// The route path of a Client VPN endpoint: each associated subnet (a
// target network) and the routes through it, each route's status and the
// authorization rule that lets clients use it. From AWS's Client VPN
// pages:
//   - cvpn-working-routes.html: "Each associated subnet should have an
//     identical set of routes"; troubleshooting.html, "Access to a
//     resource ... is intermittent" and "Traffic is not being split between
//     subnets": clients land on any associated subnet, so a route through
//     some subnets and not others serves some clients only.
//   - cvpn-working-rules.html: an authorization rule "permits ... access
//     to the specified network"; a route no rule covers takes clients
//     nowhere (troubleshoot.go says so as a finding).
//   - ClientVpnRouteStatus (EC2 API reference): creating, active, failed,
//     deleting; only an active route carries traffic.

// ClientRouteCover is a route and the active authorization rule that
// covers its destination: the most specific one, nil when none does.
type ClientRouteCover struct {
	Route Route
	Rule  *AuthorizationRule
}

// ClientSubnetRoutes is one target network and the routes through it;
// Missing are the destinations other associated subnets route and this
// one does not (clients that land here cannot reach them).
type ClientSubnetRoutes struct {
	Network TargetNetwork
	Routes  []ClientRouteCover
	Missing []string
}

// ClientRoutePath sorts an endpoint's routes by the target network they
// go through, the associated ones first in the order the service listed
// them; routes through no target network listed (the client range's
// local route, a subnet disassociated) are in other.
func ClientRoutePath(networks []TargetNetwork, routes []Route, rules []AuthorizationRule) (subnets []ClientSubnetRoutes, other []ClientRouteCover) {
	var associated []string
	for _, n := range networks {
		subnets = append(subnets, ClientSubnetRoutes{Network: n})
		if n.Status == "associated" {
			associated = append(associated, n.SubnetID)
		}
	}
	through := map[string][]string{} // an active route's destination → the associated subnets it goes through
	for _, r := range routes {
		cover := ClientRouteCover{Route: r, Rule: CoveringRule(r.Destination, rules)}
		i := slices.IndexFunc(subnets, func(s ClientSubnetRoutes) bool { return s.Network.SubnetID == r.TargetSubnet })
		if i < 0 || localRoute(r) {
			other = append(other, cover)
			continue
		}
		subnets[i].Routes = append(subnets[i].Routes, cover)
		if r.Status == "active" && slices.Contains(associated, r.TargetSubnet) {
			through[r.Destination] = append(through[r.Destination], r.TargetSubnet)
		}
	}
	var order []string
	for _, r := range routes {
		if len(through[r.Destination]) > 0 && !slices.Contains(order, r.Destination) {
			order = append(order, r.Destination)
		}
	}
	for i, s := range subnets {
		if s.Network.Status != "associated" {
			continue
		}
		for _, d := range order {
			if !slices.Contains(through[d], s.Network.SubnetID) {
				subnets[i].Missing = append(subnets[i].Missing, d)
			}
		}
	}
	return subnets, other
}

// CoveringRule is the most specific active authorization rule whose
// network holds all of destination; nil when none does.
func CoveringRule(destination string, rules []AuthorizationRule) *AuthorizationRule {
	dst, err := netip.ParsePrefix(destination)
	if err != nil {
		return nil
	}
	var best *AuthorizationRule
	for i, r := range rules {
		p, err := netip.ParsePrefix(r.Destination)
		if err != nil || r.Status != "active" || p.Bits() > dst.Bits() || !p.Contains(dst.Addr()) {
			continue
		}
		if best == nil || p.Bits() > netip.MustParsePrefix(best.Destination).Bits() {
			best = &rules[i]
		}
	}
	return best
}
