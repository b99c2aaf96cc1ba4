package aws

import (
	"cmp"
	"context"
	"fmt"
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/aws"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The tunnels view's maintenance: each tunnel's pending endpoint
// replacement (GetVpnTunnelReplacementStatus, one call a tunnel, side by
// side, when the view opens), said as a note with its date, and, when the
// tunnel will not come back by itself after it, why.

// tunnelMaintenance is each tunnel's maintenance by outside IP, and the
// first tunnel's error that could not be read (ui.LatestRead).
type tunnelMaintenance = ui.LatestRead[map[string]aws.Maintenance]

func (v *s2sTunnelsView) readMaintenance() tea.Cmd {
	if len(v.conn.Tunnels) == 0 || v.conn.State != "available" {
		return nil
	}
	client, region, connID, ips := v.c.client, v.c.Region, v.conn.ID, tunnelIPs(v.conn)
	return v.maint.Read(v.c.Common, func(ctx context.Context) (map[string]aws.Maintenance, error) {
		out := make([]aws.Maintenance, len(ips))
		errs := make([]error, len(ips))
		var wg sync.WaitGroup
		for i, ip := range ips {
			wg.Go(func() { out[i], errs[i] = client.TunnelMaintenance(ctx, region, connID, ip) })
		}
		wg.Wait()
		byIP := map[string]aws.Maintenance{}
		var first error
		for i, ip := range ips {
			if errs[i] != nil {
				first = cmp.Or(first, errs[i])
				continue
			}
			byIP[ip] = out[i]
		}
		return byIP, first // what was read, and why the rest was not
	})
}

// maintenanceLines are a note per tunnel with a replacement pending, or
// the line that says it could not be read.
func (v *s2sTunnelsView) maintenanceLines() []string {
	m, s, width := v.maint, v.c.Styles, v.sc.Width
	var out []string
	for i, t := range v.conn.Tunnels {
		x, ok := m.Data[t.OutsideIP]
		if !ok || !x.IsPending() {
			continue
		}
		text := fmt.Sprintf("tunnel %d: endpoint replacement pending", i+1)
		if !x.AutoAppliedAfter.IsZero() {
			text += ", applied by AWS after " + ui.Stamp(x.AutoAppliedAfter, v.c.Loc)
		}
		if why := aws.StaysDownAfterReplacement(t); why != "" {
			text += "; it stays down after it until the device initiates (" + why + ")"
		}
		out = append(out, wrapLines(width, " "+s.Info.Render("◌ "), "   ", text)...)
	}
	if m.Err != nil {
		out = append(out, ui.Fit(" "+s.Warn.Render("? ")+"maintenance: could not read: "+ui.ErrorLine(m.Err), width))
	}
	return out
}
