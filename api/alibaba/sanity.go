package alibaba

import "fmt"

// SanityChecks flags configuration that is legal but often the cause of a
// flapping or failing tunnel, on any connection, healthy or not: settings
// that differ between the two tunnels, NAT traversal or DPD off, IKEv1 with
// more than one CIDR on a side.
func SanityChecks(c Connection) []string {
	var out []string
	ts := c.Tunnels()
	for _, t := range ts {
		name := "tunnel " + t.ID
		if t.Synthetic {
			name = "the connection"
		}
		if !t.NATTraversal {
			// The seed's EnableNatTraversal; refTroubleshoot: a setting both
			// ends must share.
			out = append(out, fmt.Sprintf("NAT traversal is off on %s: set it the same on both ends; with it off, a NAT on the path that changes the UDP ports breaks phase 1 (IKE).", name))
		}
		if !t.DPD {
			out = append(out, fmt.Sprintf("Dead peer detection is off on %s: a dead peer goes unnoticed.", name))
		}
		if t.IKE.Version == "ikev1" && (len(c.LocalSubnets) > 1 || len(c.RemoteSubnets) > 1) {
			out = append(out, fmt.Sprintf("IKEv1 on %s with %d local and %d remote CIDR blocks: IKEv1 negotiates one per side; use IKEv2.",
				name, len(c.LocalSubnets), len(c.RemoteSubnets)))
		}
	}
	if len(ts) == 2 {
		a, b := ts[0], ts[1]
		for _, d := range []struct {
			what string
			x, y string
		}{
			{"IKE version", a.IKE.Version, b.IKE.Version},
			{"IKE mode", a.IKE.Mode, b.IKE.Mode},
			{"IKE encryption", a.IKE.EncAlg, b.IKE.EncAlg},
			{"IKE authentication", a.IKE.AuthAlg, b.IKE.AuthAlg},
			{"IKE DH group", a.IKE.DHGroup, b.IKE.DHGroup},
			{"IKE lifetime", fmt.Sprint(a.IKE.LifetimeSeconds), fmt.Sprint(b.IKE.LifetimeSeconds)},
			{"IPsec encryption", a.IPsec.EncAlg, b.IPsec.EncAlg},
			{"IPsec authentication", a.IPsec.AuthAlg, b.IPsec.AuthAlg},
			{"IPsec PFS", a.IPsec.PFS, b.IPsec.PFS},
			{"IPsec lifetime", fmt.Sprint(a.IPsec.LifetimeSeconds), fmt.Sprint(b.IPsec.LifetimeSeconds)},
		} {
			if d.x != d.y {
				out = append(out, fmt.Sprintf("The tunnels differ in %s (%s vs %s): both usually match the same peer.", d.what, d.x, d.y))
			}
		}
	}
	return out
}
