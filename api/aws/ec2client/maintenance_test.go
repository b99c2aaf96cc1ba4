package ec2client_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/fault"
)

// GetVpnTunnelReplacementStatus through the real SDK: hq-primary's first
// tunnel has a replacement pending, applied by AWS after a date; its second
// has none; both say when the last one was applied. An unknown connection
// is NotFound; a refusal names ec2:GetVpnTunnelReplacementStatus.
func TestTunnelMaintenanceSaysWhatIsPendingAndWhen(t *testing.T) {
	r := newRig(t, "")
	c := connectionNamed(t, r, "us-east-1", "hq-primary")
	ctx := context.Background()
	m1, err := r.client.TunnelMaintenance(ctx, "us-east-1", c.ID, c.Tunnels[0].OutsideIP)
	if err != nil {
		t.Fatal(err)
	}
	if !m1.IsPending() || !m1.AutoAppliedAfter.Equal(fixedNow.Add(72*time.Hour)) || m1.LastApplied.IsZero() {
		t.Errorf("tunnel 1: %+v, want pending, applied after %v", m1, fixedNow.Add(72*time.Hour))
	}
	m2, err := r.client.TunnelMaintenance(ctx, "us-east-1", c.ID, c.Tunnels[1].OutsideIP)
	if err != nil || m2.IsPending() || m2.LastApplied.IsZero() {
		t.Errorf("tunnel 2: %+v %v, want nothing pending, a last one applied", m2, err)
	}
	_, err = r.client.TunnelMaintenance(ctx, "us-east-1", "vpn-0000000000000000", "203.0.113.1")
	if e, ok := api.AsError(err); !ok || e.Kind != api.KindNotFound {
		t.Errorf("unknown connection: %v", err)
	}
	f, _ := fault.Parse("forbidden:action=GetVpnTunnelReplacementStatus")
	r.emu.SetFaults(f)
	_, err = r.client.TunnelMaintenance(ctx, "us-east-1", c.ID, c.Tunnels[0].OutsideIP)
	if e, ok := api.AsError(err); !ok || e.Kind != api.KindPermission || !strings.Contains(e.Hint, "ec2:GetVpnTunnelReplacementStatus") {
		t.Errorf("refused: %+v", err)
	}
}
