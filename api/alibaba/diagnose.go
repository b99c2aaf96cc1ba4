package alibaba

import (
	"fmt"
	"net/netip"
	"strings"
)

// Diagnosis explains a tunnel that is not up: which phase failed, what that
// means in one sentence, and an ordered checklist specific to the
// connection's own settings. A tunnel whose status cannot be read gets a
// diagnosis too (Phase 0) that says so: unknown is never passed as fine.
type Diagnosis struct {
	TunnelID string
	Phase    int // 1 (IKE), 2 (IPsec), 0 when the status cannot be read
	// What names a diagnosis that is not a failed phase (the connection
	// locked, its BGP session down); empty for a phase.
	What    string
	Meaning string
	Checks  []string
	// Unchecked are the settings the checklist could not read (the service
	// left them empty), so a check is not worded over a blank.
	Unchecked []string
}

// Title is the diagnosis in a few words: "phase 1 failed".
func (d Diagnosis) Title() string {
	if d.What != "" {
		return d.What
	}
	if d.Phase == 0 {
		return "state unknown"
	}
	return fmt.Sprintf("phase %d failed", d.Phase)
}

// The meanings, one per phase. Phase 1 sets up the IKE SA that protects
// the negotiation; phase 2 the IPsec SA (IKEv2: Child SA) that carries the
// traffic (RFC 7296 §1; IKEv1: RFC 2409 §5).
const (
	meaningPhase1 = "Phase 1 (IKE) failed: the two gateways did not agree on, or could not authenticate, the IKE SA, so nothing else can be negotiated."
	meaningPhase2 = "Phase 2 (IPsec) failed: the IKE SA is up but the gateways did not agree on the IPsec SA that carries the traffic, so no traffic passes."
	meaningBGP    = "Both phases are up, but the BGP session that runs inside the tunnel is down: no route is learned from the peer through it, so it carries nothing."
)

// phaseBGP marks the checklist of a tunnel that is up with its BGP
// session down; a check of phase 0 is for phases 1 and 2 only.
const phaseBGP = 3

// Explain diagnoses tunnel t of connection c, or returns nil when t is up.
// A connection locked for an overdue payment is explained by the lock
// alone, whatever its tunnels report: no phase advice for what paying
// fixes.
func Explain(c Connection, t Tunnel) *Diagnosis {
	p1, p2 := Phases(t.Status)
	d := Diagnosis{TunnelID: t.ID}
	if st, _ := connectionState(c.State); st.locked {
		d.What, d.Meaning = "locked for an overdue payment", "The connection is "+st.meaning+"."
		for _, ck := range lockChecks {
			d.Checks = append(d.Checks, ck.text)
		}
		return &d
	}
	switch {
	case p1 == PhaseDown:
		d.Phase, d.Meaning = 1, meaningPhase1
	case p2 == PhaseDown:
		d.Phase, d.Meaning = 2, meaningPhase2
	case p1 == PhaseUnknown:
		d.Meaning = fmt.Sprintf("The service reports the status %q, which vpnscope does not know: it cannot tell whether phase 1 or phase 2 is up.", t.Status)
		d.Unchecked = []string{"the tunnel's status"}
		d.Checks = []string{
			"Read the negotiation log (l) and the service's own diagnosis for the tunnel's real state.",
			"Compare with the console; if it shows a new status value, vpnscope needs to learn it (report it).",
		}
		return &d
	case BGPState(t.BGP) == SessionDown:
		d.Phase, d.What, d.Meaning = phaseBGP, "BGP down", meaningBGP
	default:
		return nil
	}
	var first, rest []string
	for _, ck := range tunnelChecks {
		applies := ck.phase == d.Phase || ck.phase == 0 && d.Phase != phaseBGP
		if !applies || ck.when != nil && !ck.when(c, t) {
			continue
		}
		if ck.needs != nil {
			if missing := ck.needs(c, t); len(missing) > 0 {
				d.Unchecked = append(d.Unchecked, missing...)
				rest = append(rest, "Could not read "+strings.Join(missing, ", ")+": "+ck.without)
				continue
			}
		}
		if ck.first {
			first = append(first, ck.text(c, t))
		} else {
			rest = append(rest, ck.text(c, t))
		}
	}
	d.Checks = append(first, rest...)
	return &d
}

// tunnelCheck is one statement of a checklist: for which phase (0: both),
// when it applies, and what it says. first puts it at the top: it names
// the most likely cause given this connection's settings. needs lists the
// settings the text is worded from that are empty; without is said then.
// ref is where the statement comes from, so a wrong one is mended here.
type tunnelCheck struct {
	phase   int
	first   bool
	when    func(Connection, Tunnel) bool
	needs   func(Connection, Tunnel) []string
	text    func(Connection, Tunnel) string
	without string
	ref     string
}

func ikev1(_ Connection, t Tunnel) bool { return t.IKE.Version == "ikev1" }
func ikev2(_ Connection, t Tunnel) bool { return t.IKE.Version == "ikev2" }

func blank(pairs ...string) []string {
	var out []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			out = append(out, pairs[i])
		}
	}
	return out
}

var tunnelChecks = []tunnelCheck{
	{phase: 1, first: true, when: twinUp,
		text: func(_ Connection, t Tunnel) string {
			return fmt.Sprintf("The other tunnel is up: compare this tunnel's path (%s ↔ its customer gateway) and its phase 1 settings with the one that works; each tunnel has its own.", orNone(t.InternetIP))
		},
		ref: "DescribeVpnConnections: each TunnelOptions entry has its own IkeConfig and customer gateway"},
	{phase: 1, first: true,
		when: func(_ Connection, t Tunnel) bool {
			return t.IKE.Version == "ikev1" && t.IKE.Mode == "main" && (!isIP(t.IKE.LocalID) || !isIP(t.IKE.RemoteID))
		},
		text: func(_ Connection, t Tunnel) string {
			return fmt.Sprintf("IKEv1 main mode takes IP identifiers only, but LocalId is %q and RemoteId %q: use IP addresses, or aggressive mode.", t.IKE.LocalID, t.IKE.RemoteID)
		},
		ref: "api-notes (log: Expecting IP address type in main mode); RFC 2409 §5.4: main mode with a pre-shared key identifies the peer by IP"},
	{phase: 1, first: true, when: func(c Connection, _ Tunnel) bool {
		up, _ := TunnelsUp(c)
		return !c.EffectImmediately && up == 0
	}, text: func(Connection, Tunnel) string {
		return "EffectImmediately is off: the gateway starts negotiating only when traffic between the subnets arrives, so a connection nothing has been sent through was never negotiated: send traffic through it, or turn EffectImmediately on."
	}, ref: refDescribe + " (EffectImmediately false: negotiations start when traffic is detected)"},
	{phase: 1, text: func(Connection, Tunnel) string {
		return "Some peer devices start IPsec negotiation only when traffic arrives: if the peer is one, send traffic from its side, or set it to initiate."
	}, ref: refFAQ + " (phase 1 failed: the peer negotiates only on traffic)"},
	{phase: 1, text: func(_ Connection, t Tunnel) string {
		if t.NATTraversal {
			return "The peer is up and reachable, and UDP 500 and 4500 are open both ways (IKE starts on 500 and moves to 4500 when a NAT is found)."
		}
		return "The peer is up and reachable, and UDP 500 (IKE) is open both ways."
	}, ref: "RFC 7296 §2.23, RFC 3947 §4: IKE on UDP 500, on UDP 4500 once NAT-T finds a NAT"},
	{phase: 1, when: func(_ Connection, t Tunnel) bool { return !t.NATTraversal }, text: func(Connection, Tunnel) string {
		return "NAT traversal is off here: it must be set the same on both ends, and with it off the initiator checks the UDP ports during IKE, so a NAT on the path that changes them makes phase 1 fail; with a NAT between the gateways, turn NAT-T on at both ends."
	}, ref: "the seed's EnableNatTraversal (with it on, the initiator does not check the UDP ports during IKE); " + refTroubleshoot + " (NAT traversal is among the settings both ends must share)"},
	{phase: 1, text: func(Connection, Tunnel) string {
		return "The customer gateway IP is the device's public IP (or its NAT's)."
	}, ref: "api-notes: retransmit / UNSUPPORTED_CRITICAL_PAYLOAD"},
	{phase: 1, text: func(Connection, Tunnel) string {
		return "The pre-shared key is identical on both ends, with no stray spaces."
	}, ref: "api-notes: mismatch of preshared secrets"},
	{phase: 1, when: ikev1, needs: func(_ Connection, t Tunnel) []string { return blank("the IKE mode", t.IKE.Mode) },
		text: func(_ Connection, t Tunnel) string {
			return fmt.Sprintf("Both ends use IKEv1 in %s mode.", t.IKE.Mode)
		}, without: "both ends use IKEv1 in the same mode (main or aggressive).",
		ref: "RFC 2409 §5: IKEv1 has main and aggressive mode; the seed's IkeMode"},
	{phase: 1, when: ikev2, text: func(Connection, Tunnel) string {
		return "Both ends use IKEv2 (it has no negotiation modes to match, unlike IKEv1 with main and aggressive)."
	}, ref: "RFC 7296 §1.2: one initial exchange, IKE_SA_INIT then IKE_AUTH"},
	{phase: 1, when: func(_ Connection, t Tunnel) bool { return t.IKE.Version == "" },
		needs:   func(Connection, Tunnel) []string { return []string{"the IKE version"} },
		without: "both ends use the same IKE version.", ref: "api-notes: unknown ikev2 peer"},
	{phase: 1, needs: func(_ Connection, t Tunnel) []string {
		return blank("the phase 1 encryption", t.IKE.EncAlg, "the phase 1 integrity algorithm", t.IKE.AuthAlg, "the phase 1 DH group", t.IKE.DHGroup)
	}, text: func(_ Connection, t Tunnel) string {
		return fmt.Sprintf("Phase 1 proposal matches: %s / %s / %s, lifetime %ds.", t.IKE.EncAlg, t.IKE.AuthAlg, t.IKE.DHGroup, t.IKE.LifetimeSeconds)
	}, without: "the phase 1 proposal (encryption, integrity, DH group) is the same on both ends.",
		ref: "api-notes: HASH mismatched, rejected enctype, rejected dh_group"},
	{phase: 1, text: func(_ Connection, t Tunnel) string {
		return fmt.Sprintf("Identifiers match crosswise: LocalId here (%s) is the peer's remote id, and RemoteId here (%s) the peer's local id.", orNone(t.IKE.LocalID), orNone(t.IKE.RemoteID))
	}, ref: "api-notes: does not match peers id"},

	{phase: 2, first: true, when: twinUp, text: func(Connection, Tunnel) string {
		return "The other tunnel is up: compare this tunnel's phase 2 settings with the one that works."
	}, ref: "DescribeVpnConnections: each TunnelOptions entry has its own IpsecConfig"},
	{phase: 2, first: true,
		when: func(c Connection, t Tunnel) bool {
			return t.IKE.Version == "ikev1" && (len(c.LocalSubnets) > 1 || len(c.RemoteSubnets) > 1)
		},
		text: func(Connection, Tunnel) string {
			return "IKEv1 negotiates one CIDR per side, but this connection has several: use IKEv2, or one connection per CIDR pair."
		}, ref: "api-notes; the seed: IKEv2 suits multiple CIDR blocks"},
	{phase: 2, first: true,
		when: func(c Connection, t Tunnel) bool {
			return t.IKE.Version != "ikev1" && (len(c.LocalSubnets) > 1 || len(c.RemoteSubnets) > 1)
		},
		text: func(c Connection, _ Tunnel) string {
			return fmt.Sprintf("This connection has %d local and %d remote CIDR blocks: a peer device that opens a single SA for one pair of them carries only that pair; configure the same blocks on the device, as one SA per pair or all in one.",
				len(c.LocalSubnets), len(c.RemoteSubnets))
		}, ref: refDescribe + " (LocalSubnet, RemoteSubnet: comma-separated; IKEv2 suits several CIDR blocks); " + refFAQ},
	{when: func(c Connection, t Tunnel) bool { return c.DualTunnel() && twinUp(c, t) },
		text: func(c Connection, _ Tunnel) string {
			return fmt.Sprintf("Both tunnels negotiate the same subnets (%s ↔ %s): some peer devices bring up one tunnel per traffic selector at a time, so this one stays down while its twin is up; set the device up with two tunnels (route-based, one interface each), or keep this one as the standby.",
				cidrList(c.LocalSubnets), cidrList(c.RemoteSubnets))
		}, ref: refDescribe + " (dual-tunnel mode: both TunnelOptions share the connection's LocalSubnet and RemoteSubnet); " + refFAQ},
	{phase: 2, needs: func(c Connection, _ Tunnel) []string {
		return blank("the local subnets", strings.Join(c.LocalSubnets, ","), "the remote subnets", strings.Join(c.RemoteSubnets, ","))
	}, text: func(c Connection, _ Tunnel) string {
		return fmt.Sprintf("Local and remote subnets mirror the peer's (its local is our remote): here %s ↔ %s.", cidrList(c.LocalSubnets), cidrList(c.RemoteSubnets))
	}, without: "the local and remote subnets mirror the peer's.", ref: "api-notes: TS_UNACCEPTABLE; RFC 7296 §2.9 traffic selectors"},
	{phase: 2, needs: func(_ Connection, t Tunnel) []string {
		return blank("the phase 2 encryption", t.IPsec.EncAlg, "the phase 2 integrity algorithm", t.IPsec.AuthAlg)
	}, text: func(_ Connection, t Tunnel) string {
		return fmt.Sprintf("Phase 2 proposal matches: %s / %s, lifetime %ds.", t.IPsec.EncAlg, t.IPsec.AuthAlg, t.IPsec.LifetimeSeconds)
	}, without: "the phase 2 proposal (encryption, integrity) is the same on both ends.", ref: "api-notes: no proposal chosen"},
	{phase: 2, when: ikev1, text: func(_ Connection, t Tunnel) string {
		return fmt.Sprintf("PFS is the same on both ends (%s here), or off on both.", orNone(t.IPsec.PFS))
	}, ref: "api-notes: pfs group mismatched"},
	{phase: 2, when: func(c Connection, t Tunnel) bool { return !ikev1(c, t) }, text: func(_ Connection, t Tunnel) string {
		return fmt.Sprintf("PFS is the same on both ends (%s here), or off on both; with IKEv2 a mismatch shows at the first rekey, as the first IPsec SA is made without its own DH exchange.", orNone(t.IPsec.PFS))
	}, ref: "RFC 7296 §1.2 (first Child SA in IKE_AUTH, no KE), §1.3 (KE in CREATE_CHILD_SA)"},
	{phase: 2, when: ikev1, text: func(Connection, Tunnel) string {
		return "SA lifetimes are equal on both ends: an IKEv1 peer may refuse a longer one."
	}, ref: "api-notes: long lifetime proposed; IKEv2 does not negotiate lifetimes (RFC 7296 §2.8)"},

	// The BGP session inside a tunnel that is up (phaseBGP).
	{phase: phaseBGP, first: true, when: func(_ Connection, t Tunnel) bool { return !bgpAddressesFit(t.BGP) },
		text: func(_ Connection, t Tunnel) string {
			return fmt.Sprintf("The BGP addresses must both sit in the tunnel's /30 (TunnelCidr) inside 169.254.0.0/16, one on each end, but here they are %s and %s with TunnelCidr %s.",
				orNone(t.BGP.LocalIP), orNone(t.BGP.PeerIP), orNone(t.BGP.TunnelCIDR))
		}, ref: refBGP},
	{phase: phaseBGP, when: func(_ Connection, t Tunnel) bool { return bgpAddressesFit(t.BGP) },
		text: func(_ Connection, t Tunnel) string {
			return fmt.Sprintf("The peer's BGP address is %s and this side's %s, in the same /30 (%s) inside 169.254.0.0/16, each set as the other's neighbour on the peer.",
				t.BGP.PeerIP, t.BGP.LocalIP, t.BGP.TunnelCIDR)
		}, ref: refBGP},
	{phase: phaseBGP, needs: func(_ Connection, t Tunnel) []string {
		if t.BGP.LocalASN == 0 || t.BGP.PeerASN == 0 {
			return []string{"the ASNs"}
		}
		return nil
	}, text: func(_ Connection, t Tunnel) string {
		return fmt.Sprintf("The ASNs match crosswise: the peer runs AS %d and expects AS %d on this side.", t.BGP.PeerASN, t.BGP.LocalASN)
	}, without: "the peer's own ASN and the one it expects on this side match the connection's.", ref: refBGP + " (LocalAsn, PeerAsn)"},
	{phase: phaseBGP, text: func(Connection, Tunnel) string {
		return "BGP runs inside the tunnel (TCP 179 between the two addresses): the peer must route its BGP traffic into this tunnel, and the traffic coming in on the tunnel must reach this side's BGP address; a policy-based peer whose selectors leave out the 169.254 addresses never delivers it."
	}, ref: "RFC 4271 §8 (BGP over TCP port 179); " + refBGP},
	{phase: phaseBGP, text: func(Connection, Tunnel) string {
		return "If the session comes up and drops once routes are exchanged, the path's MTU is too small for BGP's larger messages (up to 4,096 bytes) with IPsec's overhead: lower the MTU of the peer's tunnel interface or clamp TCP MSS."
	}, ref: "RFC 4271 §4 (messages up to 4,096 octets); RFC 4303 §2 (the ESP header and trailer each packet gains)"},
	{when: func(_ Connection, t Tunnel) bool { return !t.DPD }, text: func(Connection, Tunnel) string {
		return "Dead peer detection is off: a peer that went away is noticed only when its SAs expire; turn DPD on at both ends."
	}, ref: "the seed's EnableDpd: without it no SA is deleted when the peer stops answering; RFC 3706"},
	{text: func(Connection, Tunnel) string {
		return "Then read the negotiation log (l) for the exact reason, and reset the negotiation (toggle EffectImmediately) after a fix."
	}, ref: "api-notes: the service's codes cover the last minutes; toggle EffectImmediately to renegotiate"},
}

// lockChecks are what to do about a connection locked for an overdue
// payment (State financialLocked).
var lockChecks = []struct{ text, ref string }{
	{"Settle the account's overdue payment (Billing: Expenses and Costs); the service unlocks the connection once it is paid.",
		refDescribe + " (financialLocked); api-notes (BusinessStatus FinancialLocked)"},
	{"Nothing on the peer device or in the IPsec settings needs to change: the tunnels are down because the connection is stopped. If they do not negotiate once it is unlocked, reset the negotiation (toggle EffectImmediately).",
		refErrorCodes + " (toggle Effective Immediately to renegotiate)"},
}

// bgpAddressesFit: the tunnel's BGP CIDR is a /30 inside 169.254.0.0/16
// and both BGP addresses are in it, apart (refBGP).
func bgpAddressesFit(b BGPConfig) bool {
	p, err := netip.ParsePrefix(b.TunnelCIDR)
	local, err1 := netip.ParseAddr(b.LocalIP)
	peer, err2 := netip.ParseAddr(b.PeerIP)
	linkLocal := netip.MustParsePrefix("169.254.0.0/16")
	return err == nil && err1 == nil && err2 == nil && p.Bits() == 30 && linkLocal.Contains(p.Addr()) &&
		p.Contains(local) && p.Contains(peer) && local != peer
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
	return strings.Join(c, ",")
}
