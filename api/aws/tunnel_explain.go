package aws

import (
	"fmt"
	"strings"
	"time"
)

// Why a Site-to-Site tunnel is down, and what to check, from AWS's own
// documentation (s2svpn user guide):
//   - VPNTunnels.html: the tunnel options and their defaults, the PSK's rules;
//   - initiate-vpn-tunnels.html: startup action (add: the customer gateway
//     must initiate; start: AWS initiates, IKEv2 only) and DPD timeout
//     action (clear: session stopped, tunnel down, routes removed;
//     restart; none);
//   - your-cgw.html: the firewall rules (UDP 500 and ESP both ways, UDP
//     4500 with NAT-T), IKEv1 main mode only, BGP inside the tunnel;
//   - Generic_Troubleshooting.html: check IKE, then IPsec, then the tunnel
//     interface, then BGP;
//   - VgwTelemetry (EC2 API reference): status UP | DOWN, statusMessage
//     "if an error occurs"; "IPSEC IS DOWN" is the message the EC2 CLI
//     reference's describe-vpn-connections example shows for a down tunnel.

// TunnelAdvice is what vpnscope says about a tunnel that is not working.
type TunnelAdvice struct {
	Problem string   // one line: what is wrong
	Meaning string   // what the service's status message means
	Checks  []string // what to check, in the order that finds it fastest
}

// ExplainTunnel explains a DOWN tunnel, or an UP tunnel of a BGP connection
// that accepts no routes; ok is false for a tunnel that is fine.
func ExplainTunnel(c VPNConnection, cgw CustomerGateway, t Tunnel, now time.Time) (a TunnelAdvice, ok bool) {
	peer := orDash(cgw.IP)
	switch {
	case !t.Up():
		a.Problem = "Tunnel " + t.OutsideIP + " is down"
		if !t.LastStatusChange.IsZero() {
			a.Problem += " since " + t.LastStatusChange.UTC().Format("2006-01-02 15:04 UTC") + " (" + Ago(t.LastStatusChange, now) + ")"
		}
		a.Meaning = statusMeaning(t.StatusMessage)
		a.Checks = downChecks(c, cgw, t, peer)
		return a, true
	case c.BGP() && t.AcceptedRoutes == 0:
		a.Problem = "Tunnel " + t.OutsideIP + " is up but BGP accepts no routes from it"
		a.Meaning = "IPsec is up; the BGP session inside the tunnel is down, or the device advertises no prefixes."
		a.Checks = []string{
			fmt.Sprintf("the BGP session runs on the tunnel's inside addresses (%s), as the connection's configuration file gives them", orDash(t.InsideCIDR)),
			fmt.Sprintf("the device's BGP ASN is the customer gateway's (%s)", orDash(cgw.ASN)),
			"TCP 179 is allowed through the tunnel interface (a session stuck in Connect or Active never reaches it)",
			"the device advertises the on-premises prefixes to AWS",
		}
		return a, true
	}
	return a, false
}

func statusMeaning(msg string) string {
	m := strings.ToUpper(strings.TrimSpace(msg))
	switch {
	case m == "":
		return "The service gives no reason: phase 1 (IKE) or phase 2 (IPsec) has not completed."
	case strings.Contains(m, "IPSEC IS DOWN"):
		return "No IPsec security association: phase 1 (IKE) or phase 2 (IPsec) has not completed."
	}
	return "The service says: " + msg
}

func downChecks(c VPNConnection, cgw CustomerGateway, t Tunnel, peer string) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	switch t.StartupAction {
	case "start":
		add("AWS initiates IKE (startup action start): the device at %s must answer on UDP 500", peer)
	default:
		add("AWS does not initiate (startup action add): the device at %s must bring the tunnel up, by sending traffic into it", peer)
	}
	add("UDP 500 and ESP (IP protocol 50) are allowed both ways between %s and %s; UDP 4500 too if the device is behind NAT", peer, t.OutsideIP)
	ike := list(t.IKEVersions)
	if len(t.IKEVersions) == 1 && t.IKEVersions[0] == "ikev1" {
		add("the device speaks IKEv1 in main mode (AWS supports main mode only with IKEv1)")
	} else {
		add("the device uses an IKE version the tunnel allows: %s", ike)
	}
	add("phase 1 proposal from: encryption %s; integrity %s; DH groups %s", list(t.Phase1Encryption), list(t.Phase1Integrity), ints(t.Phase1DHGroups))
	if t.CertificateARN != "" || cgw.CertificateARN != "" {
		add("certificate authentication: the device's certificate is issued by the private CA of %s", orDash(firstNonEmpty(cgw.CertificateARN, t.CertificateARN)))
	} else {
		add("the same pre-shared key as this tunnel's on the device (8 to 64 characters: letters, digits, . and _; not starting with 0)")
	}
	add("phase 2 proposal from: encryption %s; integrity %s; PFS DH groups %s", list(t.Phase2Encryption), list(t.Phase2Integrity), ints(t.Phase2DHGroups))
	if c.StaticRoutesOnly {
		local, remote := firstNonEmpty(c.LocalCIDR, "0.0.0.0/0"), firstNonEmpty(c.RemoteCIDR, "0.0.0.0/0")
		add("the device's traffic selectors mirror the connection's: its side %s, AWS's side %s", local, remote)
	}
	switch t.DPDTimeoutAction {
	case "restart":
		add("after a DPD timeout (%s) AWS restarts IKE: if it keeps going down, look at the path, not the settings", seconds(t.DPDTimeout))
	case "none":
		add("after a DPD timeout (%s) AWS does nothing: the device must notice and renegotiate", seconds(t.DPDTimeout))
	default:
		add("after a DPD timeout (%s) AWS clears the session and removes the routes (action clear): the device must initiate again", seconds(t.DPDTimeout))
	}
	if !t.Logging {
		add("turn on the tunnel activity log to see the negotiation (ModifyVpnTunnelOptions, LogOptions): it interrupts this tunnel for several minutes")
	} else {
		add("read the tunnel activity log (l) in %s", LogGroupName(t.LogGroupARN))
	}
	return out
}

// Ago says how long ago t was, briefly: "45s", "12m", "3h20m", "4d".
func Ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 0:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		h, m := int(d.Hours()), int(d.Minutes())%60
		if m == 0 {
			return fmt.Sprintf("%dh", h)
		}
		return fmt.Sprintf("%dh%dm", h, m)
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
