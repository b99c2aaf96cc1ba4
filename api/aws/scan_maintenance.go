package aws

import (
	"context"
	"fmt"
	"sync"

	"github.com/vpnscope/vpnscope/api"
)

// Pending tunnel endpoint replacements, in the problems scan when asked
// (ScanOptions.Maintenance, `vpnscope problems --history`): a note
// finding per tunnel with one pending, with the date AWS applies it, and,
// for a tunnel that will not come back by itself, why. GetVpnTunnelReplacementStatus
// answers for one tunnel (EC2 API Reference: VpnConnectionId and
// VpnTunnelOutsideIpAddress are both required), so it costs a call per
// tunnel: never read unless asked.

// ResourceTunnelReplacement is a maintenance note's resource kind.
const ResourceTunnelReplacement = "tunnel-replacement"

// MaintenanceReader reads a tunnel's endpoint maintenance. ec2client's
// Client implements it.
type MaintenanceReader interface {
	TunnelMaintenance(ctx context.Context, region, vpnID, outsideIP string) (Maintenance, error)
}

// maintenance reads every tunnel of conns that carries a connection in
// use (available) and sends a note for each replacement pending; a tunnel
// whose read fails is left unsaid (the scan's summary counts the calls).
func (s *scan) maintenance(region string, conns []VPNConnection) {
	r, ok := s.c.(MaintenanceReader)
	if !ok || !s.o.Maintenance {
		return
	}
	var mu sync.Mutex
	var found []*Finding
	var wg sync.WaitGroup
	for _, c := range conns {
		if c.State != "available" {
			continue
		}
		for _, t := range c.Tunnels {
			wg.Go(func() {
				var m Maintenance
				if s.Call(func() (err error) { m, err = r.TunnelMaintenance(s.ctx, region, c.ID, t.OutsideIP); return err }) != nil || !m.IsPending() {
					return
				}
				mu.Lock()
				found = append(found, MaintenanceFinding(region, c, t, m))
				mu.Unlock()
			})
		}
	}
	wg.Wait()
	s.found(found...)
}

// MaintenanceFinding is a note that tunnel t's endpoint is to be replaced,
// and when AWS applies it; with why the tunnel will then stay down until
// the device initiates, when it will ("Tunnel endpoint replacements").
func MaintenanceFinding(region string, c VPNConnection, t Tunnel, m Maintenance) *Finding {
	f := newFinding(region, ResourceTunnelReplacement, c.ID+"/"+t.OutsideIP, c.Name)
	f.GatewayID, f.ConnectionID, f.ConnectionName, f.TunnelID = c.GatewayID, c.ID, c.Name, t.OutsideIP
	f.Impact, f.Cause.Phase = api.Note, "endpoint replacement pending"
	f.Cause.Message = fmt.Sprintf("tunnel %s: AWS will replace its endpoint", t.OutsideIP)
	if !m.AutoAppliedAfter.IsZero() {
		f.Cause.Message += " after " + m.AutoAppliedAfter.UTC().Format("2006-01-02 15:04 UTC") + " (applied automatically then)"
	}
	if why := StaysDownAfterReplacement(t); why != "" {
		f.Cause.Message += "; the tunnel then stays down until the customer gateway initiates (" + why + ")"
	}
	f.Cause.Message += "; to choose the time, apply it before then: ReplaceVpnTunnel with ApplyPendingMaintenance (console: the connection, Replace VPN tunnel)"
	// No connection: its tunnels are recorded by its own finding, not
	// twice, and a note is no state of theirs.
	return &Finding{Finding: f}
}
