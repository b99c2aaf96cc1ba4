package alibaba

import (
	"fmt"
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	base := Tunnel{ID: "tun-1", InternetIP: "1.2.3.4", NATTraversal: true, DPD: true,
		IKE:   IKEConfig{Version: "ikev2", Mode: "main", EncAlg: "aes", AuthAlg: "sha1", DHGroup: "group2", LocalID: "1.2.3.4", RemoteID: "5.6.7.8"},
		IPsec: IPsecConfig{EncAlg: "aes", AuthAlg: "sha1", PFS: "group2"}}
	with := func(status string, edit func(*Tunnel)) Tunnel {
		x := base
		x.Status = status
		if edit != nil {
			edit(&x)
		}
		return x
	}
	subnets := Connection{LocalSubnets: []string{"10.0.0.0/16"}, RemoteSubnets: []string{"192.168.0.0/24"}}
	up := with(StatusIPsecEstablished, func(t *Tunnel) { t.ID = "tun-2" })
	for _, tc := range []struct {
		name      string
		conn      Connection
		tunnel    Tunnel
		twin      bool
		phase     int // -1: no diagnosis
		mustHave  string
		mustNot   string
		mustFirst string
		unchecked string
	}{
		{name: "up", tunnel: with(StatusIPsecEstablished, nil), phase: -1},
		{name: "phase 1 down", tunnel: with(StatusIKENotEstablished, nil), phase: 1, mustHave: "UDP 500 and 4500"},
		// The seed's EnableNatTraversal: with it off the initiator checks the
		// UDP ports during IKE, so a NAT that changes them breaks phase 1.
		{name: "phase 1 down, NAT-T off: no port 4500, and NAT-T named", tunnel: with(StatusIKENotEstablished, func(t *Tunnel) { t.NATTraversal = false }),
			phase: 1, mustHave: "UDP 500 (IKE)"},
		{name: "phase 1 down, NAT-T off is a same-on-both-ends setting that breaks phase 1", tunnel: with(StatusIKENotEstablished, func(t *Tunnel) { t.NATTraversal = false }),
			phase: 1, mustHave: "NAT traversal is off here: it must be set the same on both ends"},
		{name: "phase 1 down, twin up", tunnel: with(StatusIKENotEstablished, nil), twin: true, phase: 1, mustFirst: "other tunnel is up"},
		{name: "ikev1 main with an FQDN id", tunnel: with(StatusIKENotEstablished, func(t *Tunnel) {
			t.IKE.Version, t.IKE.LocalID = "ikev1", "vpn.example.com"
		}), phase: 1, mustFirst: "IKEv1 main mode takes IP identifiers only", mustHave: "IKEv1 in main mode"},
		{name: "ikev2 names no mode", tunnel: with(StatusIKENotEstablished, nil), phase: 1, mustHave: "no negotiation modes to match", mustNot: "in main mode"},
		{name: "no IKE version read", tunnel: with(StatusIKENotEstablished, func(t *Tunnel) { t.IKE.Version = "" }), phase: 1,
			mustHave: "Could not read the IKE version", unchecked: "the IKE version"},
		{name: "no proposal read", tunnel: with(StatusIKENotEstablished, func(t *Tunnel) { t.IKE.EncAlg, t.IKE.DHGroup = "", "" }), phase: 1,
			mustHave: "Could not read the phase 1 encryption, the phase 1 DH group", mustNot: "(none) /", unchecked: "the phase 1 DH group"},
		{name: "phase 2 down", conn: subnets, tunnel: with(StatusIPsecNotEstablished, nil), phase: 2, mustHave: "10.0.0.0/16 ↔ 192.168.0.0/24",
			mustNot: "SA lifetimes"},
		{name: "phase 2, ikev2 PFS shows at rekey", conn: subnets, tunnel: with(StatusIPsecNotEstablished, nil), phase: 2, mustHave: "first rekey"},
		{name: "phase 2, ikev1 lifetimes", conn: subnets, tunnel: with(StatusIPsecNotEstablished, func(t *Tunnel) { t.IKE.Version = "ikev1" }),
			phase: 2, mustHave: "SA lifetimes are equal", mustNot: "first rekey"},
		{name: "phase 2 without subnets", tunnel: with(StatusIPsecNotEstablished, nil), phase: 2, mustHave: "Could not read the local subnets, the remote subnets",
			unchecked: "the remote subnets"},
		{name: "phase 2 up-to-IKE only", conn: subnets, tunnel: with(StatusIKEEstablished, nil), phase: 2},
		{name: "ikev1 with several CIDRs", conn: Connection{LocalSubnets: []string{"c"}, RemoteSubnets: []string{"a", "b"}},
			tunnel: with(StatusIPsecNotEstablished, func(t *Tunnel) { t.IKE.Version = "ikev1" }), phase: 2, mustFirst: "IKEv1 negotiates one CIDR"},
		// Phase 1 is up, so NAT-T (an IKE matter) is not why phase 2 fails.
		{name: "NAT-T off, phase 2", conn: subnets, tunnel: with(StatusIPsecNotEstablished, func(t *Tunnel) { t.NATTraversal = false }),
			phase: 2, mustNot: "NAT traversal"},
		{name: "DPD off", tunnel: with(StatusIKENotEstablished, func(t *Tunnel) { t.DPD = false }), phase: 1, mustHave: "Dead peer detection is off"},
		{name: "unknown status", tunnel: with("weird", nil), phase: 0, mustHave: "negotiation log", unchecked: "the tunnel's status"},
		// refDescribe: EffectImmediately false negotiates only on traffic.
		{name: "never negotiated: EffectImmediately off, nothing up", tunnel: with(StatusIKENotEstablished, nil), phase: 1,
			mustFirst: "EffectImmediately is off"},
		{name: "EffectImmediately on", conn: Connection{EffectImmediately: true}, tunnel: with(StatusIKENotEstablished, nil), phase: 1,
			mustNot: "EffectImmediately is off", mustHave: "start IPsec negotiation only when traffic arrives"},
		{name: "ikev2 with several CIDRs against a one-SA device", conn: Connection{LocalSubnets: []string{"10.0.0.0/16"}, RemoteSubnets: []string{"192.168.0.0/24", "172.16.0.0/16"}},
			tunnel: with(StatusIPsecNotEstablished, nil), phase: 2, mustFirst: "1 local and 2 remote CIDR blocks: a peer device that opens a single SA"},
		{name: "one tunnel down beside its twin, the same selectors", conn: subnets, tunnel: with(StatusIPsecNotEstablished, nil), twin: true, phase: 2,
			mustHave: "Both tunnels negotiate the same subnets (10.0.0.0/16 ↔ 192.168.0.0/24)"},
		// refBGP: a /30 inside 169.254.0.0/16; RFC 4271: TCP 179, 4,096-byte messages.
		{name: "up, BGP down", tunnel: with(StatusIPsecEstablished, func(t *Tunnel) {
			t.BGP = BGPConfig{Enabled: true, Status: "false", LocalIP: "169.254.10.1", PeerIP: "169.254.10.2", TunnelCIDR: "169.254.10.0/30", LocalASN: 45104, PeerASN: 65001}
		}), phase: phaseBGP, mustHave: "in the same /30 (169.254.10.0/30) inside 169.254.0.0/16", mustNot: "UDP 500"},
		{name: "up, BGP down, the inbound path", tunnel: with(StatusIPsecEstablished, func(t *Tunnel) {
			t.BGP = BGPConfig{Enabled: true, Status: "false", LocalIP: "169.254.10.1", PeerIP: "169.254.10.2", TunnelCIDR: "169.254.10.0/30", LocalASN: 45104, PeerASN: 65001}
		}), phase: phaseBGP, mustHave: "the traffic coming in on the tunnel must reach this side's BGP address"},
		{name: "up, BGP down, the MTU", tunnel: with(StatusIPsecEstablished, func(t *Tunnel) {
			t.BGP = BGPConfig{Enabled: true, Status: "false", LocalIP: "169.254.10.1", PeerIP: "169.254.10.2", TunnelCIDR: "169.254.10.0/30", LocalASN: 45104, PeerASN: 65001}
		}), phase: phaseBGP, mustHave: "the path's MTU is too small"},
		{name: "up, BGP down, the ASNs crosswise", tunnel: with(StatusIPsecEstablished, func(t *Tunnel) {
			t.BGP = BGPConfig{Enabled: true, Status: "false", LocalIP: "169.254.10.1", PeerIP: "169.254.10.2", TunnelCIDR: "169.254.10.0/30", LocalASN: 45104, PeerASN: 65001}
		}), phase: phaseBGP, mustHave: "the peer runs AS 65001 and expects AS 45104 on this side"},
		{name: "up, BGP down, addresses outside the /30", tunnel: with(StatusIPsecEstablished, func(t *Tunnel) {
			t.BGP = BGPConfig{Enabled: true, Status: "false", LocalIP: "169.254.10.1", PeerIP: "169.254.11.2", TunnelCIDR: "169.254.10.0/30", LocalASN: 45104, PeerASN: 65001}
		}), phase: phaseBGP, mustFirst: "must both sit in the tunnel's /30"},
		{name: "up, BGP down, ASNs not read", tunnel: with(StatusIPsecEstablished, func(t *Tunnel) {
			t.BGP = BGPConfig{Enabled: true, Status: "false", LocalIP: "169.254.10.1", PeerIP: "169.254.10.2", TunnelCIDR: "169.254.10.0/30"}
		}), phase: phaseBGP, mustHave: "Could not read the ASNs", unchecked: "the ASNs"},
		{name: "up, BGP up", tunnel: with(StatusIPsecEstablished, func(t *Tunnel) { t.BGP = BGPConfig{Enabled: true, Status: "success"} }), phase: -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.conn
			c.TunnelOptions = []Tunnel{tc.tunnel}
			if tc.twin {
				c.TunnelOptions = append(c.TunnelOptions, up)
			}
			d := Explain(c, tc.tunnel)
			if tc.phase < 0 {
				if d != nil {
					t.Fatalf("want no diagnosis, got %+v", d)
				}
				return
			}
			if d == nil || d.Phase != tc.phase || d.Meaning == "" || len(d.Checks) < 2 {
				t.Fatalf("%+v", d)
			}
			if tc.phase == phaseBGP && d.Title() != "BGP down" {
				t.Errorf("title %q", d.Title())
			}
			all := strings.Join(d.Checks, "\n")
			if tc.mustHave != "" && !strings.Contains(all, tc.mustHave) {
				t.Errorf("checks lack %q:\n%s", tc.mustHave, all)
			}
			if tc.mustNot != "" && strings.Contains(all, tc.mustNot) {
				t.Errorf("checks say %q:\n%s", tc.mustNot, all)
			}
			if tc.mustFirst != "" && !strings.Contains(d.Checks[0], tc.mustFirst) {
				t.Errorf("first check is %q, want one about %q", d.Checks[0], tc.mustFirst)
			}
			if tc.unchecked != "" && !strings.Contains(strings.Join(d.Unchecked, ";"), tc.unchecked) {
				t.Errorf("unchecked %q lacks %q", d.Unchecked, tc.unchecked)
			}
			if tc.unchecked == "" && len(d.Unchecked) > 0 {
				t.Errorf("unchecked %q with every setting read", d.Unchecked)
			}
		})
	}
}

// Every statement of every checklist, over a grid of settings: each has a
// reference, none is worded over a blank or a bad format, IKEv2 is never
// given a mode, and NAT-T is named for phase 1 exactly when it is off and
// never for phase 2 (the seed's EnableNatTraversal: it is about IKE).
func TestChecklistStatementsHoldOverAGrid(t *testing.T) {
	for i, ck := range tunnelChecks {
		if ck.ref == "" || ck.text == nil && ck.needs == nil {
			t.Errorf("check %d has no reference or no text", i)
		}
	}
	for _, version := range []string{"ikev1", "ikev2"} {
		for _, mode := range []string{"main", "aggressive"} {
			for _, status := range []string{StatusIKENotEstablished, StatusIKEEstablished, StatusIPsecNotEstablished} {
				for _, flags := range []int{0, 1, 2, 3} {
					tn := Tunnel{ID: "tun-1", Status: status, NATTraversal: flags&1 != 0, DPD: flags&2 != 0,
						IKE:   IKEConfig{Version: version, Mode: mode, EncAlg: "aes", AuthAlg: "sha1", DHGroup: "group2", LocalID: "1.1.1.1", RemoteID: "2.2.2.2"},
						IPsec: IPsecConfig{EncAlg: "aes", AuthAlg: "sha1", PFS: "group2"}}
					c := Connection{LocalSubnets: []string{"10.0.0.0/8"}, RemoteSubnets: []string{"192.168.0.0/16"}, TunnelOptions: []Tunnel{tn}}
					d := Explain(c, tn)
					name := fmt.Sprintf("%s %s %s nat=%v dpd=%v", version, mode, status, tn.NATTraversal, tn.DPD)
					namesNAT := false
					for _, s := range append([]string{d.Meaning}, d.Checks...) {
						namesNAT = namesNAT || strings.Contains(s, "NAT traversal is off")
						if s == "" || strings.Contains(s, "%!") || strings.Contains(s, "(none)") {
							t.Errorf("%s: bad statement %q", name, s)
						}
						if version == "ikev2" && (strings.Contains(s, "main mode") || strings.Contains(s, "aggressive mode")) {
							t.Errorf("%s: IKEv2 has no modes: %q", name, s)
						}
					}
					if want := d.Phase == 1 && !tn.NATTraversal; namesNAT != want {
						t.Errorf("%s: phase %d names NAT-T off: %v, want %v", name, d.Phase, namesNAT, want)
					}
				}
			}
		}
	}
}
