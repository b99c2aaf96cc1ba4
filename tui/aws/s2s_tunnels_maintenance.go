package aws

import (
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

type tunnelMaintenance struct {
	seq    int
	cancel context.CancelFunc
	byIP   map[string]aws.Maintenance
	err    error // the first tunnel that could not be read
}

type maintenanceReadMsg struct {
	connID string
	seq    int
	byIP   map[string]aws.Maintenance
	err    error
}

func (v *s2sTunnelsView) readMaintenance() tea.Cmd {
	if len(v.conn.Tunnels) == 0 || v.conn.State != "available" {
		return nil
	}
	m := &v.maint
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(v.c.Ctx)
	m.seq, m.cancel = v.c.NewID(), cancel
	client, region, seq, connID, ips := v.c.client, v.c.Region, m.seq, v.conn.ID, tunnelIPs(v.conn)
	return func() tea.Msg {
		out := make([]aws.Maintenance, len(ips))
		errs := make([]error, len(ips))
		var wg sync.WaitGroup
		for i, ip := range ips {
			wg.Go(func() { out[i], errs[i] = client.TunnelMaintenance(ctx, region, connID, ip) })
		}
		wg.Wait()
		msg := maintenanceReadMsg{connID: connID, seq: seq, byIP: map[string]aws.Maintenance{}}
		for i, ip := range ips {
			if errs[i] != nil {
				msg.err = errs[i]
				continue
			}
			msg.byIP[ip] = out[i]
		}
		return msg
	}
}

func (v *s2sTunnelsView) deliverMaintenance(msg maintenanceReadMsg) {
	m := &v.maint
	if msg.connID != v.conn.ID || msg.seq != m.seq {
		return
	}
	m.byIP, m.err = msg.byIP, msg.err
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	v.sc.SetLines(v.lines())
}

// maintenanceLines are a note per tunnel with a replacement pending, or
// the line that says it could not be read.
func (v *s2sTunnelsView) maintenanceLines() []string {
	m, s, width := v.maint, v.c.Styles, v.sc.Width
	var out []string
	for i, t := range v.conn.Tunnels {
		x, ok := m.byIP[t.OutsideIP]
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
	if m.err != nil {
		out = append(out, ui.Fit(" "+s.Warn.Render("? ")+"maintenance: could not read: "+ui.ErrorLine(m.err), width))
	}
	return out
}
