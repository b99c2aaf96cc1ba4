package aws

import (
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// Why a Site-to-Site tunnel is not carrying traffic, and what to check,
// from AWS's own documentation (s2svpn user guide and EC2 API reference):
//   - API_VgwTelemetry: status UP | DOWN, statusMessage "if an error
//     occurs", acceptedRouteCount (optional), lastStatusChange "updated
//     when changes in IKE (Phase 1), IPSec (Phase 2), or BGP status are
//     detected"; "IPSEC IS DOWN" is the message the EC2 CLI reference's
//     describe-vpn-connections example shows for a down tunnel;
//   - monitoring-cloudwatch-vpn.html, TunnelState: "For static VPNs, 0
//     indicates DOWN and 1 indicates UP. For BGP VPNs, 1 indicates
//     ESTABLISHED and 0 is used for all other states": a BGP tunnel is UP
//     only with BGP established, and DOWN with IPsec up is BGP failing;
//   - Generic_Troubleshooting.html: check IKE, then IPsec, then the tunnel
//     interface (ping AWS's inside address), then BGP;
//   - your-cgw.html: the firewall rules (UDP 500 and ESP both ways, UDP
//     4500 with NAT-T), IKEv1 main mode only, one SA pair per tunnel
//     (policy-based devices that open one per ACL entry must consolidate),
//     BGP inside the tunnel on a logical interface with a 1399-byte MTU,
//     fragment before encrypting (AWS does not reassemble fragmented
//     encrypted packets);
//   - VPNTunnels.html and initiate-vpn-tunnels.html: the options and their
//     defaults; startup action add (the device initiates) or start (AWS
//     does, IKEv2 only); DPD timeout action clear, restart or none;
//   - endpoint-replacements.html: AWS replaces tunnel endpoints (updates,
//     or a change to the connection or its tunnel options), after which a
//     tunnel AWS does not initiate stays DOWN until the device does;
//   - vpn-limits.html: at most 100 dynamic routes from the device to a
//     virtual private gateway, 1,000 to a transit gateway.

// TunnelReading is one documented case of a tunnel's telemetry: when it
// holds, whether the tunnel then carries traffic, and what to say. Problem,
// Meaning and Brief may name {ip}, {status} and {message}.
type TunnelReading struct {
	Name   string // for tests and the journal
	Source string // the document that says so
	When   func(c VPNConnection, t Tunnel) bool
	// Carries: the tunnel carries traffic. Unknown: whether it does cannot
	// be told from what the service gave. Neither: it carries nothing.
	Carries, Unknown bool
	// Initiation: IKE may not be up, so who initiates it matters.
	Initiation   bool
	Phase, State string // the cause's words, as a finding gives them
	Problem      string // a headline
	Meaning      string // what the telemetry means
	Brief        string // the meaning in a clause, for a finding
	Checks       func(c VPNConnection, cgw CustomerGateway, t Tunnel) []string
}

func statusIs(t Tunnel, s string) bool { return t.Status == s }

func messageIs(t Tunnel, m string) bool {
	return strings.ToUpper(strings.TrimSpace(t.StatusMessage)) == m
}

func messageHas(t Tunnel, m string) bool {
	return strings.Contains(strings.ToUpper(t.StatusMessage), m)
}

func routesAre(t Tunnel, n int) bool { r, ok := t.Routes(); return ok && r == n }

// tunnelReadings are the documented cases, the first that holds wins; the
// last holds for every tunnel.
var tunnelReadings = []TunnelReading{
	{Name: "status unknown", Source: "API_VgwTelemetry (status: UP | DOWN)",
		When:    func(_ VPNConnection, t Tunnel) bool { return !statusIs(t, "UP") && !statusIs(t, "DOWN") },
		Unknown: true, Phase: "tunnel", State: "unknown",
		Problem: `Tunnel {ip} reports status "{status}", which AWS does not document`,
		Meaning: `A tunnel's status is UP or DOWN; "{status}" is neither, so whether it carries traffic is unknown.`,
		Brief:   `status "{status}" is not one AWS documents (UP, DOWN): whether it carries traffic is unknown`,
		Checks: func(VPNConnection, CustomerGateway, Tunnel) []string {
			return []string{"the tunnel's TunnelState metric (CloudWatch AWS/VPN): 1 is UP (static) or BGP established, 0 any other state"}
		}},
	{Name: "bgp not established", Source: "monitoring-cloudwatch-vpn.html (TunnelState); Generic_Troubleshooting.html",
		When: func(c VPNConnection, t Tunnel) bool {
			return statusIs(t, "DOWN") && c.BGP() && messageIs(t, "IPSEC IS UP")
		},
		Phase: "bgp", State: "down",
		Problem: "Tunnel {ip} is down: IPsec is up, BGP is not established",
		Meaning: "On a BGP connection a tunnel is UP only once BGP is established (TunnelState: 1 is ESTABLISHED, 0 every other state). " +
			"The service says IPsec is up, so IKE and IPsec are done: the BGP session inside the tunnel is what fails.",
		Brief:  "IPsec is up but BGP is not established inside the tunnel (TCP 179, the inside addresses, the ASNs)",
		Checks: bgpChecks},
	{Name: "ipsec down", Source: "EC2 CLI describe-vpn-connections (IPSEC IS DOWN); Generic_Troubleshooting.html",
		When:       func(_ VPNConnection, t Tunnel) bool { return statusIs(t, "DOWN") && messageHas(t, "IPSEC IS DOWN") },
		Initiation: true, Phase: "tunnel", State: "down",
		Problem: "Tunnel {ip} is down",
		Meaning: "No IPsec security association: phase 1 (IKE) or phase 2 (IPsec) has not completed.",
		Brief:   "no IPsec security association: phase 1 (IKE) or phase 2 (IPsec) has not completed",
		Checks:  ipsecChecks},
	{Name: "down, no reason, static", Source: "monitoring-cloudwatch-vpn.html (TunnelState: static, 0 is DOWN)",
		When: func(c VPNConnection, t Tunnel) bool {
			return statusIs(t, "DOWN") && !c.BGP() && messageIs(t, "")
		},
		Initiation: true, Phase: "tunnel", State: "down",
		Problem: "Tunnel {ip} is down",
		Meaning: "The service gives no reason; on a static connection DOWN means phase 1 (IKE) or phase 2 (IPsec) has not completed.",
		Brief:   "the service gives no reason: phase 1 (IKE) or phase 2 (IPsec) has not completed",
		Checks:  ipsecChecks},
	{Name: "down, no reason, bgp", Source: "monitoring-cloudwatch-vpn.html (TunnelState: BGP, 0 is every state but ESTABLISHED)",
		When:       func(c VPNConnection, t Tunnel) bool { return statusIs(t, "DOWN") && c.BGP() && messageIs(t, "") },
		Initiation: true, Phase: "tunnel", State: "down",
		Problem: "Tunnel {ip} is down",
		Meaning: "The service gives no reason; on a BGP connection DOWN is IKE, IPsec or BGP not established: check them in that order.",
		Brief:   "the service gives no reason: IKE, IPsec or BGP is not established",
		Checks: func(c VPNConnection, cgw CustomerGateway, t Tunnel) []string {
			bgp := bgpChecks(c, cgw, t)
			bgp[0] = "once the device shows IPsec up, " + bgp[0]
			return append(ipsecChecks(c, cgw, t), bgp...)
		}},
	{Name: "down, a message no document explains", Source: "API_VgwTelemetry (statusMessage: if an error occurs)",
		When:       func(_ VPNConnection, t Tunnel) bool { return statusIs(t, "DOWN") },
		Initiation: true, Phase: "tunnel", State: "down",
		Problem: "Tunnel {ip} is down",
		Meaning: `The service says "{message}", which no AWS document explains: check IKE, then IPsec, then BGP.`,
		Brief:   `the service says "{message}"`,
		Checks:  ipsecChecks},
	{Name: "bgp routes unknown", Source: "API_VgwTelemetry (acceptedRouteCount: Required: No)",
		When: func(c VPNConnection, t Tunnel) bool {
			_, known := t.Routes()
			return c.BGP() && !known
		},
		Unknown: true, Phase: "bgp", State: "unknown",
		Problem: "Tunnel {ip} is up; how many routes BGP accepts from it is unknown",
		Meaning: "The service did not give the tunnel's accepted route count, so whether anything on the customer side is reachable through it is unknown.",
		Brief:   "the service did not say how many routes BGP accepts from it",
		Checks: func(VPNConnection, CustomerGateway, Tunnel) []string {
			return []string{"the routes propagated from this connection into the VPC's or the transit gateway's route table"}
		}},
	{Name: "bgp accepts no routes", Source: "monitoring-cloudwatch-vpn.html (TunnelState: BGP UP is ESTABLISHED); vpn-limits.html",
		When:  func(c VPNConnection, t Tunnel) bool { return c.BGP() && routesAre(t, 0) },
		Phase: "bgp", State: "0 routes",
		Problem: "Tunnel {ip} is up but BGP accepts no routes from it",
		Meaning: "An UP tunnel on a BGP connection has BGP established; with 0 routes accepted the device advertises nothing AWS accepts, " +
			"so nothing on the customer side is reachable through it.",
		Brief:  "BGP is established but accepts no routes from it: nothing is advertised, or nothing advertised is accepted",
		Checks: noRoutesChecks},
	{Name: "carries", Source: "API_VgwTelemetry (UP); monitoring-cloudwatch-vpn.html",
		When:    func(VPNConnection, Tunnel) bool { return true },
		Carries: true},
}

// ReadTunnel is the documented case t is in.
func ReadTunnel(c VPNConnection, t Tunnel) TunnelReading {
	for _, r := range tunnelReadings {
		if r.When(c, t) {
			return r
		}
	}
	return tunnelReadings[len(tunnelReadings)-1]
}

// fill puts the tunnel's own words into one of a reading's sentences.
func fill(s string, t Tunnel) string {
	return strings.NewReplacer("{ip}", t.OutsideIP, "{status}", t.Status, "{message}", t.StatusMessage).Replace(s)
}

// TunnelAdvice is what vpnscope says about a tunnel that is not working.
type TunnelAdvice struct {
	Problem string   // one line: what is wrong
	Meaning string   // what the service's telemetry means
	Checks  []string // what to check, in the order that finds it fastest
	// Since is the service's last status change, for a tunnel known to
	// carry nothing: it moves on any IKE, IPsec or BGP change, so the
	// tunnel has been so at least since then, not since then. A screen
	// says the earliest of it and what else it knows (the journal), once.
	Since api.Onset
}

// ExplainTunnel explains a tunnel that does not carry traffic, or whose
// state is unknown; ok is false for one that carries traffic.
func ExplainTunnel(c VPNConnection, cgw CustomerGateway, t Tunnel) (a TunnelAdvice, ok bool) {
	r := ReadTunnel(c, t)
	if r.Carries {
		return a, false
	}
	a = TunnelAdvice{Problem: fill(r.Problem, t), Meaning: fill(r.Meaning, t), Checks: r.Checks(c, cgw, t)}
	if !r.Unknown {
		a.Since = api.Onset{At: t.LastStatusChange, Source: api.OnsetLastChange}
	}
	return a, true
}

// ipsecChecks: IKE, then IPsec (Generic_Troubleshooting.html), from the
// tunnel's own options.
func ipsecChecks(c VPNConnection, cgw CustomerGateway, t Tunnel) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	ikev1 := onlyIKEv1(t)
	switch {
	case !awsWaits(t):
		add("AWS initiates IKE (startup action start): %s must answer on UDP 500", cgw.Device())
	default:
		add("AWS does not initiate (startup action %s): %s must bring the tunnel up, by sending traffic into it", word(t.StartupAction, DefaultStartupAction), cgw.Device())
		// endpoint-replacements.html; AWS initiates IKEv2 only (initiate-vpn-tunnels.html).
		add("after AWS replaces this tunnel's endpoint (maintenance, or a change to the connection or the tunnel's options) it stays DOWN until the device initiates: %s",
			map[bool]string{true: "it speaks IKEv1, which AWS never initiates", false: "its startup action is add"}[ikev1])
	}
	add("UDP 500 and ESP (IP protocol 50) are allowed both ways between %s and %s; UDP 4500 too if the device is behind NAT", cgw.Peer(), t.OutsideIP)
	if ikev1 {
		add("the device speaks IKEv1 in main mode (AWS supports main mode only with IKEv1)")
	} else {
		add("the device uses an IKE version the tunnel allows: %s", list(t.IKEVersions))
	}
	add("phase 1 proposal from: encryption %s; integrity %s; DH groups %s", list(t.Phase1Encryption), list(t.Phase1Integrity), ints(t.Phase1DHGroups))
	if t.CertificateARN != "" || cgw.CertificateARN != "" {
		add("certificate authentication: the device's certificate is issued by the private CA of %s", api.OrDash(firstNonEmpty(cgw.CertificateARN, t.CertificateARN)))
	} else {
		add("the same pre-shared key as this tunnel's on the device (8 to 64 characters: letters, digits, . and _; not starting with 0)")
	}
	add("phase 2 proposal from: encryption %s; integrity %s; PFS DH groups %s", list(t.Phase2Encryption), list(t.Phase2Integrity), ints(t.Phase2DHGroups))
	if c.StaticRoutesOnly {
		local, remote := firstNonEmpty(c.LocalCIDR, "0.0.0.0/0"), firstNonEmpty(c.RemoteCIDR, "0.0.0.0/0")
		add("the device's traffic selectors mirror the connection's: its side %s, AWS's side %s", local, remote)
		add(oneSAPair)
	}
	dpd := seconds(t.DPDTimeout, DefaultDPDTimeout)
	switch t.DPDTimeoutAction {
	case "restart":
		add("after a DPD timeout (%s) AWS restarts IKE: if it keeps going down, look at the path, not the settings", dpd)
	case "none":
		add("after a DPD timeout (%s) AWS does nothing: the device must notice and renegotiate", dpd)
	default:
		add("after a DPD timeout (%s) AWS clears the session and removes the routes (action clear): the device must initiate again", dpd)
	}
	if !t.Logging {
		add("turn on the tunnel activity log to see the negotiation (ModifyVpnTunnelOptions, LogOptions): it interrupts this tunnel for several minutes")
	} else {
		add("read the tunnel activity log (l) in %s", LogGroupName(t.LogGroupARN))
	}
	return out
}

// oneSAPair is your-cgw.html's limit, which policy-based devices break.
const oneSAPair = "one SA pair per tunnel: AWS accepts one inbound and one outbound SA per tunnel; a policy-based device " +
	"that opens one SA per ACL entry must have its rules consolidated into one (then filtered) (your-cgw.html)"

// bgpChecks: the tunnel interface, then BGP (Generic_Troubleshooting.html;
// your-cgw.html for the interface).
func bgpChecks(c VPNConnection, cgw CustomerGateway, t Tunnel) []string {
	inside := api.OrDash(t.InsideCIDR)
	return []string{
		fmt.Sprintf("from the device, ping AWS's inside address in %s (the configuration file gives both sides): no answer means the tunnel interface is wrong, not BGP", inside),
		fmt.Sprintf("the BGP session runs between the inside addresses of %s, the device's side to AWS's, with the device's ASN the customer gateway's (%s) and AWS's the gateway's Amazon side ASN", inside, cgw.Or(cgw.ASN)),
		"TCP 179 is allowed through the tunnel interface both ways (a session stuck in Connect or Active gets no answer)",
		"the tunnel interface's MTU is 1399 bytes and the device fragments before encrypting: AWS does not reassemble fragmented encrypted packets (your-cgw.html)",
		BGPLogCheck(t), // bgp_log.go
	}
}

// noRoutesChecks: BGP is up and accepts nothing (vpn-limits.html for the
// quota).
func noRoutesChecks(c VPNConnection, cgw CustomerGateway, t Tunnel) []string {
	quota := "100 dynamic routes from the device to a virtual private gateway"
	if c.GatewayKind == KindTGW {
		quota = "1,000 dynamic routes from the device to a transit gateway"
	}
	return []string{
		"the device advertises the on-premises prefixes on this session (a network statement or redistribution that matches routes the device has)",
		"no outbound route map, prefix list or filter on the device drops them towards AWS's inside address",
		"the device stays within the quota of " + quota + " (vpn-limits.html)",
		BGPLogCheck(t), // bgp_log.go
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
