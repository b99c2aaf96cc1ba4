package alibaba

import (
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	base := Tunnel{ID: "tun-1", InternetIP: "1.2.3.4", NATTraversal: true, DPD: true,
		IKE: IKEConfig{Version: "ikev2", Mode: "main", LocalID: "1.2.3.4", RemoteID: "5.6.7.8"}}
	with := func(status string, edit func(*Tunnel)) Tunnel {
		x := base
		x.Status = status
		if edit != nil {
			edit(&x)
		}
		return x
	}
	up := with(StatusIPsecEstablished, func(t *Tunnel) { t.ID = "tun-2" })
	for _, tc := range []struct {
		name      string
		conn      Connection
		tunnel    Tunnel
		phase     int
		mustHave  string
		mustFirst string
	}{
		{name: "up", tunnel: with(StatusIPsecEstablished, nil), phase: 0},
		{name: "phase 1 down", tunnel: with(StatusIKENotEstablished, nil), phase: 1, mustHave: "UDP 500 and 4500"},
		{name: "phase 1 down, twin up", conn: Connection{}, tunnel: with(StatusIKENotEstablished, nil), phase: 1,
			mustFirst: "other tunnel is up"},
		{name: "ikev1 main with an FQDN id", tunnel: with(StatusIKENotEstablished, func(t *Tunnel) {
			t.IKE.Version, t.IKE.LocalID = "ikev1", "vpn.example.com"
		}), phase: 1, mustFirst: "IKEv1 main mode takes IP identifiers only"},
		{name: "phase 2 down", conn: Connection{LocalSubnets: []string{"10.0.0.0/16"}, RemoteSubnets: []string{"192.168.0.0/24"}},
			tunnel: with(StatusIPsecNotEstablished, nil), phase: 2, mustHave: "10.0.0.0/16 ↔ 192.168.0.0/24"},
		{name: "phase 2 up-to-IKE only", tunnel: with(StatusIKEEstablished, nil), phase: 2},
		{name: "ikev1 with several CIDRs", conn: Connection{RemoteSubnets: []string{"a", "b"}},
			tunnel: with(StatusIPsecNotEstablished, func(t *Tunnel) { t.IKE.Version = "ikev1" }), phase: 2, mustFirst: "IKEv1 negotiates one CIDR"},
		{name: "NAT-T off", tunnel: with(StatusIKENotEstablished, func(t *Tunnel) { t.NATTraversal = false }), phase: 1, mustHave: "NAT traversal is off"},
		{name: "unknown status", tunnel: with("weird", nil), phase: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.conn
			c.TunnelOptions = []Tunnel{tc.tunnel}
			if tc.name == "phase 1 down, twin up" {
				c.TunnelOptions = append(c.TunnelOptions, up)
			}
			d := Explain(c, tc.tunnel)
			if tc.phase == 0 {
				if d != nil {
					t.Fatalf("want no diagnosis, got %+v", d)
				}
				return
			}
			if d == nil || d.Phase != tc.phase || d.Meaning == "" || len(d.Checks) < 3 {
				t.Fatalf("%+v", d)
			}
			all := strings.Join(d.Checks, "\n")
			if tc.mustHave != "" && !strings.Contains(all, tc.mustHave) {
				t.Errorf("checks lack %q:\n%s", tc.mustHave, all)
			}
			if tc.mustFirst != "" && !strings.Contains(d.Checks[0], tc.mustFirst) {
				t.Errorf("first check is %q, want one about %q", d.Checks[0], tc.mustFirst)
			}
		})
	}
}
