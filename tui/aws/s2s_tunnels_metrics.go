package aws

import (
	"context"
	"fmt"
	"math"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
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

// tunnelMetrics is the view's metric read: the window, the request it
// waits for, and what came back.
type tunnelMetrics struct {
	span    int // index into aws.MetricSpans
	seq     int
	loading bool
	cancel  context.CancelFunc
	data    aws.ConnectionMetrics
	err     error
}

// metricsReadMsg is the answer for connection connID's request seq.
type metricsReadMsg struct {
	connID string
	seq    int
	data   aws.ConnectionMetrics
	err    error
}

// readMetrics reads the window ending now; the answer to an older request
// (or for a view left) is dropped, and the older request cancelled.
func (v *s2sTunnelsView) readMetrics() tea.Cmd {
	if len(v.conn.Tunnels) == 0 {
		return nil
	}
	m := &v.metrics
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(v.c.Ctx)
	m.seq, m.loading, m.cancel = v.c.NewID(), true, cancel
	q := aws.TunnelMetricsQuery{VpnID: v.conn.ID, TunnelIPs: tunnelIPs(v.conn), End: v.c.Now(), Span: aws.MetricSpans[m.span]}
	client, region, seq, connID := v.c.client, v.c.Region, m.seq, v.conn.ID
	return func() tea.Msg {
		data, err := client.TunnelMetrics(ctx, region, q)
		return metricsReadMsg{connID: connID, seq: seq, data: data, err: err}
	}
}

func tunnelIPs(c aws.VPNConnection) []string {
	ips := make([]string, len(c.Tunnels))
	for i, t := range c.Tunnels {
		ips[i] = t.OutsideIP
	}
	return ips
}

// deliverMetrics takes an answer if it is the one the view waits for.
func (v *s2sTunnelsView) deliverMetrics(msg metricsReadMsg) {
	m := &v.metrics
	if msg.connID != v.conn.ID || msg.seq != m.seq {
		return
	}
	m.loading, m.data, m.err = false, msg.data, msg.err
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	v.sc.SetLines(v.lines())
}

// rewindow moves to window span (a step of + or -).
func (v *s2sTunnelsView) rewindow(step int) tea.Cmd {
	next := v.metrics.span + step
	if next < 0 || next >= len(aws.MetricSpans) {
		return ui.Flash("the history's window is as " + map[bool]string{true: "wide", false: "narrow"}[step > 0] +
			" as it goes: " + ui.ShortDuration(aws.MetricSpans[v.metrics.span]))
	}
	// The old window's lines go: under the new window's label they would
	// say the wrong span.
	v.metrics.span, v.metrics.data, v.metrics.err = next, aws.ConnectionMetrics{}, nil
	cmd := v.readMetrics()
	v.sc.SetLines(v.lines())
	return cmd
}

// metricRows are the history's rows under the tunnels' state, in the same
// columns: the state line, its time axis, traffic in and out, and what
// each tunnel moved in the last period (▶ on the one that moved most).
func (v *s2sTunnelsView) metricRows(row func(label string, cells []string, differs bool) string, colW int) []string {
	m, s := v.metrics, v.c.Styles
	span := aws.MetricSpans[m.span]
	label := "state " + spanWords(span)
	n := len(v.conn.Tunnels)
	same := func(text string) []string {
		cells := make([]string, n)
		for i := range cells {
			cells[i] = text
		}
		return cells
	}
	switch {
	case m.loading && len(m.data.Tunnels) != n:
		return []string{row(label, same(s.Muted.Render("reading CloudWatch…")), false)}
	case m.err != nil:
		out := []string{row(label, same("could not read (cloudwatch:GetMetricData)"), false)}
		for _, w := range ui.Wrap(ui.ErrorLine(m.err), v.sc.Width-4, "   ") {
			out = append(out, "   "+s.Muted.Render(w))
		}
		return out
	case len(m.data.Tunnels) != n:
		return nil
	}
	w := colW - 1
	var series []aws.Series
	for _, t := range m.data.Tunnels {
		series = append(series, t.In, t.Out)
	}
	top := columnTop(w, series...)
	carrier := m.data.Carrier()
	var state, axis, in, out, now []string
	for i, t := range m.data.Tunnels {
		state = append(state, stateSpark(s, t.State, w))
		end := t.State.Start.Add(time.Duration(len(t.State.Values)) * t.State.Period)
		axis = append(axis, s.Muted.Render(sparkAxis(t.State.Start, end, v.c.Loc, min(w, len(t.State.Values)))))
		in = append(in, trafficSpark(t.In, w, top))
		out = append(out, trafficSpark(t.Out, w, top))
		now = append(now, carrierCell(t, i == carrier, w))
	}
	rows := []string{row(label, state, false), row("", axis, false), row("traffic in", in, false),
		row("traffic out", out, false), row("traffic, last "+periodWords(m.data.Tunnels[0].In.Period), now, false)}
	if m.data.Partial {
		rows = append(rows, "   "+s.Muted.Render("CloudWatch returned part of the window (PartialData)"))
	}
	return rows
}

// carrierCell says what a tunnel moved in its latest period with data
// (in ↓, out ↑), and ▶ on the one that moved most of it, in w cells: the
// words give way before a number is cut. It says where traffic went, not
// whether the tunnel is up: AWS notes the data metrics "can report
// traffic even when a tunnel is down" (Monitoring your Site-to-Site VPN
// tunnels using Amazon CloudWatch, monitoring-cloudwatch-vpn.html).
func carrierCell(t aws.TunnelMetrics, carries bool, w int) string {
	in, _ := t.In.Latest()
	out, _ := t.Out.Latest()
	if math.IsNaN(in) && math.IsNaN(out) {
		return "no data"
	}
	text := "↓" + shortBytes(nz(in)) + " ↑" + shortBytes(nz(out))
	if !carries {
		return text
	}
	for _, lead := range []string{"▶ most of it ", "▶ most "} {
		if ansi.StringWidth(lead+text) <= w {
			return lead + text
		}
	}
	return "▶ " + text
}

// shortBytes is a byte count in four or five characters (1024 a step):
// "0", "812", "35.9M".
func shortBytes(b float64) string {
	units := "KMGTP"
	if b < 1024 {
		return fmt.Sprintf("%d", int64(b))
	}
	i := -1
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	return fmt.Sprintf("%.1f%c", b, units[i])
}

func nz(f float64) float64 {
	if math.IsNaN(f) {
		return 0
	}
	return f
}

// periodWords is a period to the minute: "12m", "1h24m", "2h48m" (the
// 14-day window's period is not "2h").
func periodWords(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}

// spanWords is a window's length: "1h", "24h", "3d", "14d".
func spanWords(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
	return ui.ShortDuration(d)
}

// historyKeys are the log's + and -, said for the history's window.
func historyKeys(k keymap.KeyMap) (wider, narrower key.Binding) {
	wider, narrower = k.Logs.Widen, k.Logs.Narrow
	wider.SetHelp("+", "longer history")
	narrower.SetHelp("-", "shorter history")
	return wider, narrower
}
