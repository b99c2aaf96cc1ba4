package aws

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The tunnels view's history from CloudWatch: each tunnel's state and
// traffic over a window (+ and - change it, 1 h to 14 days), read by one
// GetMetricData call when the view opens and at each window change. A
// read that fails leaves the rest of the view as it is and says what
// could not be read and the permission it takes.

// defaultMetricSpan is the window the view opens with: a day, so an
// outage overnight is on it.
const defaultMetricSpan = 3 // aws.MetricSpans[3] = 24 h

// tunnelMetrics is the view's metric read (ui.WindowRead): the window,
// the request it waits for, and what came back.
type tunnelMetrics = ui.WindowRead[aws.ConnectionMetrics]

// readMetrics reads the window ending now.
func (v *s2sTunnelsView) readMetrics() tea.Cmd {
	if len(v.conn.Tunnels) == 0 {
		return nil
	}
	q := aws.TunnelMetricsQuery{VpnID: v.conn.ID, TunnelIPs: tunnelIPs(v.conn), End: v.c.Now(), Span: aws.MetricSpans[v.metrics.Span]}
	client, region := v.c.client, v.c.Region
	return v.metrics.Read(v.c.Common, func(ctx context.Context) (aws.ConnectionMetrics, error) {
		return client.TunnelMetrics(ctx, region, q)
	})
}

func tunnelIPs(c aws.VPNConnection) []string {
	ips := make([]string, len(c.Tunnels))
	for i, t := range c.Tunnels {
		ips[i] = t.OutsideIP
	}
	return ips
}

// rewindow moves to the next window (a step of + or -).
func (v *s2sTunnelsView) rewindow(step int) tea.Cmd {
	if moved, why := v.metrics.Step(step, aws.MetricSpans); !moved {
		return why
	}
	cmd := v.readMetrics()
	v.sc.SetLines(v.lines())
	return cmd
}

// metricRows are the history's rows under the tunnels' state, in the same
// columns: the state line, its time axis, traffic in and out, and what
// each tunnel moved in the last period (▶ on the one that moved most).
func (v *s2sTunnelsView) metricRows(row func(label string, cells []string, differs bool) string, colW int) []string {
	m, s := v.metrics, v.c.Styles
	span := aws.MetricSpans[m.Span]
	label := "state " + ui.SpanWords(span)
	n := len(v.conn.Tunnels)
	same := func(text string) []string {
		cells := make([]string, n)
		for i := range cells {
			cells[i] = text
		}
		return cells
	}
	switch {
	case m.Loading && len(m.Data.Tunnels) != n:
		return []string{row(label, same(s.Muted.Render("reading CloudWatch…")), false)}
	case m.Err != nil:
		out := []string{row(label, same("could not read (cloudwatch:GetMetricData)"), false)}
		for _, w := range ui.Wrap(ui.ErrorLine(m.Err), v.sc.Width-4, "   ") {
			out = append(out, "   "+s.Muted.Render(w))
		}
		return out
	case len(m.Data.Tunnels) != n:
		return nil
	}
	w := colW - 1
	state, axis, in, out, now := ui.HistoryCells(s, v.c.Loc, tunnelSeries(m.Data), m.Data.Carrier(), w, awsTraffic)
	rows := []string{row(label, state, false), row("", axis, false), row("traffic in", in, false),
		row("traffic out", out, false), row("traffic, last "+ui.PeriodWords(m.Data.Tunnels[0].In.Period), now, false)}
	if m.Data.Partial {
		rows = append(rows, "   "+s.Muted.Render("CloudWatch returned part of the window (PartialData)"))
	}
	return rows
}

// awsTraffic is how the data metrics read: bytes a period, summed
// (monitoring-cloudwatch-vpn.html: "Sum" for TunnelDataIn and Out), in
// four or five characters (1024 a step: "0", "812", "35.9M"); ▶ on the
// tunnel that moved most of it.
var awsTraffic = ui.Traffic{Fold: ui.Sum, Leads: []string{"▶ most of it ", "▶ most "},
	Short: func(b float64) string { return ui.ShortUnits(b, 1024, "KMGTP", "") }}

// tunnelSeries are m's tunnels as the history rows draw them.
func tunnelSeries(m aws.ConnectionMetrics) []ui.TunnelSeries {
	out := make([]ui.TunnelSeries, len(m.Tunnels))
	for i, t := range m.Tunnels {
		out[i] = ui.TunnelSeries{State: t.State, In: t.In, Out: t.Out}
	}
	return out
}

// historyKeys are the log's + and -, said for the history's window.
func historyKeys(k keymap.KeyMap) (wider, narrower key.Binding) {
	wider, narrower = k.Logs.Widen, k.Logs.Narrow
	wider.SetHelp("+", "longer history")
	narrower.SetHelp("-", "shorter history")
	return wider, narrower
}

// metricOnset is when TunnelState says tunnel ip's outage began, for a
// tunnel that is down: the service's time, to the metric's period. An
// outage that fills the window says it began by the window's start at the
// latest. LastStatusChange moves on any IKE, IPsec or BGP change, so the
// metric may put the outage earlier than it (API_VgwTelemetry).
func (v *s2sTunnelsView) metricOnset(t aws.Tunnel) []api.Onset {
	if t.Status != "DOWN" {
		return nil
	}
	for _, m := range v.metrics.Data.Tunnels {
		if m.OutsideIP != t.OutsideIP {
			continue
		}
		at, before, ok := api.StateOnset(m.State)
		if !ok {
			return nil
		}
		source := api.OnsetMetric + " (CloudWatch TunnelState)"
		if before {
			source += ", down all of its " + ui.SpanWords(aws.MetricSpans[v.metrics.Span])
		}
		return []api.Onset{{At: at, Source: source}}
	}
	return nil
}

// tunnelHistory is what the journal remembers of tunnel ip, flapping also
// when TunnelState saw it flap.
func (v *s2sTunnelsView) tunnelHistory(ip string) ui.TunnelHistory {
	h := v.history[ip]
	for _, m := range v.metrics.Data.Tunnels {
		if m.OutsideIP == ip {
			return h.WithMetricFlapping(m.State, v.c.Now())
		}
	}
	return h
}
