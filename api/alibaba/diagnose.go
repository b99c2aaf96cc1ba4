package alibaba

import (
	"fmt"
	"net/netip"
)

// Diagnosis explains a tunnel that is not up: which phase failed, what that
// means in one sentence, and an ordered checklist specific to the
// connection's own settings.
type Diagnosis struct {
	TunnelID string
	Phase    int // 1 (IKE) or 2 (IPsec)
	Meaning  string
	Checks   []string
}

// Explain diagnoses tunnel t of connection c, or returns nil when t is up
// or its state cannot be read.
func Explain(c Connection, t Tunnel) *Diagnosis {
	p1, p2 := Phases(t.Status)
	var d Diagnosis
	d.TunnelID = t.ID
	switch {
	case p1 == PhaseDown:
		d.Phase = 1
		d.Meaning = "Phase 1 (IKE) failed: the two gateways did not agree on, or could not authenticate, the IKE SA, so no tunnel key exists."
		if twinUp(c, t) {
			d.Checks = append(d.Checks, fmt.Sprintf("The other tunnel is up with the same settings: look at this tunnel's peer path first (%s ↔ customer gateway), not at the shared configuration.", orNone(t.InternetIP)))
		}
		d.Checks = append(d.Checks,
			"The peer is up and reachable, and UDP 500 and 4500 are open both ways.",
			"The customer gateway IP is the device's public IP (or its NAT's).",
			"The pre-shared key is identical on both ends, with no stray spaces.",
			fmt.Sprintf("Both ends use %s in %s mode.", orNone(t.IKE.Version), orNone(t.IKE.Mode)),
			fmt.Sprintf("Phase 1 proposal matches: %s / %s / %s, lifetime %ds.", orNone(t.IKE.EncAlg), orNone(t.IKE.AuthAlg), orNone(t.IKE.DHGroup), t.IKE.LifetimeSeconds),
			"LocalId here equals RemoteId on the peer, and the other way round.",
		)
		if t.IKE.Version == "ikev1" && t.IKE.Mode == "main" && (!isIP(t.IKE.LocalID) || !isIP(t.IKE.RemoteID)) {
			d.Checks = append([]string{fmt.Sprintf("IKEv1 main mode takes IP identifiers only, but LocalId is %q and RemoteId %q.", t.IKE.LocalID, t.IKE.RemoteID)}, d.Checks...)
		}
	case p2 == PhaseDown:
		d.Phase = 2
		d.Meaning = "Phase 2 (IPsec) failed: the IKE SA is up but the gateways did not agree on the IPsec SA, so no traffic passes."
		if twinUp(c, t) {
			d.Checks = append(d.Checks, "The other tunnel is up: compare this tunnel's peer configuration with the one that works.")
		}
		d.Checks = append(d.Checks,
			fmt.Sprintf("Local and remote subnets mirror each other: here %s ↔ %s.", cidrList(c.LocalSubnets), cidrList(c.RemoteSubnets)),
			fmt.Sprintf("Phase 2 proposal matches: %s / %s, PFS %s, lifetime %ds.", orNone(t.IPsec.EncAlg), orNone(t.IPsec.AuthAlg), orNone(t.IPsec.PFS), t.IPsec.LifetimeSeconds),
			"PFS is the same DH group on both ends, or disabled on both.",
			"SA lifetimes are equal on both ends.",
		)
		if t.IKE.Version == "ikev1" && (len(c.LocalSubnets) > 1 || len(c.RemoteSubnets) > 1) {
			d.Checks = append([]string{"IKEv1 negotiates one CIDR per side, but this connection has several: use IKEv2, or one connection per CIDR pair."}, d.Checks...)
		}
	default:
		return nil
	}
	if !t.NATTraversal {
		d.Checks = append(d.Checks, "NAT traversal is off here: if either end is behind NAT, turn it on at both ends.")
	}
	if !t.DPD {
		d.Checks = append(d.Checks, "Dead peer detection is off: a dead peer is not noticed; turn DPD on at both ends.")
	}
	d.Checks = append(d.Checks, "Then read the negotiation log (l) for the exact reason, and reset the negotiation (toggle EffectImmediately) after a fix.")
	return &d
}

func twinUp(c Connection, t Tunnel) bool {
	if len(c.Tunnels()) < 2 {
		return false
	}
	for _, o := range c.Tunnels() {
		if o.ID != t.ID && TunnelUp(o) {
			return true
		}
	}
	return false
}

func isIP(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func cidrList(c []string) string {
	if len(c) == 0 {
		return "(none)"
	}
	out := c[0]
	for _, x := range c[1:] {
		out += "," + x
	}
	return out
}
