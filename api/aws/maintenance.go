package aws

import (
	"strings"
	"time"
)

// A tunnel's endpoint maintenance, from GetVpnTunnelReplacementStatus (EC2
// API Reference; its MaintenanceDetails: PendingMaintenance,
// MaintenanceAutoAppliedAfter, LastMaintenanceApplied).
type Maintenance struct {
	// Pending is the service's word for a replacement to come; "" when it
	// said none. The reference types it a string and lists no values, so
	// any word but "None" is taken as pending, as is a date to apply it.
	Pending          string
	AutoAppliedAfter time.Time
	LastApplied      time.Time
}

// IsPending reports whether a tunnel endpoint replacement is to come.
func (m Maintenance) IsPending() bool {
	p := strings.TrimSpace(m.Pending)
	return p != "" && !strings.EqualFold(p, "none") && !strings.EqualFold(p, "false") || !m.AutoAppliedAfter.IsZero()
}

// StaysDownAfterReplacement says why a tunnel will not come back by itself
// after its endpoint is replaced, or "": AWS only waits for the device when
// the tunnel's startup action is add, and never initiates IKEv1 (Site-to-Site
// VPN User Guide, "Tunnel endpoint replacements" and "Site-to-Site VPN tunnel
// initiation options": "add" leaves the IKE negotiation to the customer
// gateway device; AWS-initiated startup is "only supported for IKEv2").
func StaysDownAfterReplacement(t Tunnel) string {
	ikev2 := false
	for _, v := range t.IKEVersions {
		ikev2 = ikev2 || strings.EqualFold(v, "ikev2")
	}
	switch {
	case len(t.IKEVersions) > 0 && !ikev2:
		return "IKEv1: AWS never initiates it"
	case !strings.EqualFold(t.StartupAction, "start"):
		return "startup action add: AWS waits for the device"
	}
	return ""
}
