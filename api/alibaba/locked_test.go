package alibaba

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
)

// A connection locked for an overdue payment (State financialLocked), or
// on a gateway locked so (BusinessStatus FinancialLocked), is traffic
// down because of the lock: its finding and its tunnels' diagnosis name
// the payment and never the key, the IKE settings or the peer (issue 23).
func TestTheLockIsNeverTheKey(t *testing.T) {
	down := Connection{ID: "vco-1", State: "financialLocked", Status: StatusIKENotEstablished,
		IKE: IKEConfig{Version: "ikev1", Mode: "main"}, HealthCheck: HealthCheck{Enabled: true, Status: "failed"}}
	onLockedGateway := down
	onLockedGateway.State = "active"
	for _, tc := range []struct {
		name string
		g    Gateway
		c    Connection
	}{
		{"the connection locked", Gateway{ID: "vpn-1", BusinessStatus: "Normal"}, down},
		{"its gateway locked", Gateway{ID: "vpn-1", BusinessStatus: "FinancialLocked"}, onLockedGateway},
	} {
		f := ConnectionFinding("r", tc.g, tc.c)
		if f == nil || f.Impact != api.TrafficDown || f.Phase != "status" {
			t.Fatalf("%s: %+v", tc.name, f)
		}
		text := f.Message
		for _, cs := range append(f.Consequences, f.Also...) {
			text += " " + cs.Phase + " " + cs.Message
		}
		if !strings.Contains(text, "overdue payment") {
			t.Errorf("%s: the payment is not named: %q", tc.name, text)
		}
		for _, wrong := range []string{"pre-shared", "phase 1", "IKE", "identifier", "proposal"} {
			if strings.Contains(text, wrong) {
				t.Errorf("%s: says %q: %q", tc.name, wrong, text)
			}
		}
	}
	d := Explain(down, down.Tunnels()[0])
	if d == nil || !strings.Contains(d.Title(), "overdue payment") {
		t.Fatalf("diagnosis %+v", d)
	}
	all := d.Meaning + " " + strings.Join(d.Checks, " ")
	for _, wrong := range []string{"pre-shared", "UDP 500", "proposal", "Identifiers"} {
		if strings.Contains(all, wrong) {
			t.Errorf("the locked tunnel's diagnosis says %q: %q", wrong, all)
		}
	}
	for i, ck := range lockChecks {
		if ck.ref == "" {
			t.Errorf("lock check %d has no reference", i)
		}
	}
}
