package aws

import (
	"fmt"
	"github.com/vpnscope/vpnscope/api"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// s2sTunnelsView is a connection's two tunnels side by side: state, down
// since, routes, each option with ≠ where the tunnels differ, and for a
// tunnel that is not working, what its status means and what to check,
// from its own options. Nothing to fetch: DescribeVpnConnections brought it.
type s2sTunnelsView struct {
	c    *common
	gw   aws.VPNGateway
	conn aws.VPNConnection
	cgw  aws.CustomerGateway
	sel  int // the tunnel l opens the log of, and d shows
	sc   ui.Scroller

	// What the state journal remembers of each tunnel, by outside IP;
	// nil without a journal.
	history    map[string]ui.TunnelHistory
	historyErr error

	metrics tunnelMetrics     // CloudWatch's history (s2s_tunnels_metrics.go)
	changes nearChanges       // CloudTrail's changes before the last state change (s2s_tunnels_changes.go)
	maint   tunnelMaintenance // pending endpoint replacements (s2s_tunnels_maintenance.go)
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ ui.Pane        = (*s2sTunnelsView)(nil)
	_ ui.Selector    = (*s2sTunnelsView)(nil)
	_ ui.Helpful     = (*s2sTunnelsView)(nil)
	_ ui.RawTargeter = (*s2sTunnelsView)(nil)
)

// s2sHistoryMsg is the journal's answer for connection connID.
type s2sHistoryMsg struct {
	connID  string
	tunnels map[string]ui.TunnelHistory
	err     error
}

func newS2STunnelsView(c *common, g aws.VPNGateway, conn aws.VPNConnection, cgw aws.CustomerGateway) s2sTunnelsView {
	return s2sTunnelsView{c: c, gw: g, conn: conn, cgw: cgw, sc: ui.Scroller{C: c.Common}, metrics: tunnelMetrics{Span: defaultMetricSpan}}
}

// selectTunnel puts the selection on the tunnel with outside IP ip, when
// the connection has one.
func (v *s2sTunnelsView) selectTunnel(ip string) {
	for i, t := range v.conn.Tunnels {
		if ip != "" && t.OutsideIP == ip {
			v.sel = i
		}
	}
}

// readHistory reads what the view shows beside DescribeVpnConnections'
// answer: the journal's changes and CloudWatch's metrics.
func (v *s2sTunnelsView) readHistory() tea.Cmd {
	return tea.Batch(v.readJournal(), v.readMetrics(), v.readNearChanges(), v.readMaintenance())
}

// readJournal records the tunnels as seen now in the state journal and
// reads their changes back; nil without a journal.
func (v *s2sTunnelsView) readJournal() tea.Cmd {
	j, region, account, conn := v.c.Journal, v.c.Region, v.c.Account, v.conn
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		var ips []string
		for _, t := range conn.Tunnels {
			ips = append(ips, t.OutsideIP)
		}
		out, err := ui.ReadHistory(j, ui.InAccountStates(aws.TunnelStates(region, conn), account), ips)
		return s2sHistoryMsg{connID: conn.ID, tunnels: out, err: err}
	}
}

func (v *s2sTunnelsView) Handle(msg tea.Msg) tea.Cmd {
	if h, ok := msg.(s2sHistoryMsg); ok {
		if h.connID == v.conn.ID {
			v.history, v.historyErr = h.tunnels, h.err
			v.sc.SetLines(v.lines())
		}
		return nil
	}
	if v.metrics.Take(msg) {
		v.sc.SetLines(v.lines())
		return nil
	}
	if v.changes.Take(msg) {
		v.sc.SetLines(v.lines())
		return nil
	}
	if v.maint.Take(msg) {
		v.sc.SetLines(v.lines())
		return nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys, n := v.c.Keys, len(v.conn.Tunnels)
	switch {
	case key.Matches(k, keys.Tunnels.Next) && n > 0:
		v.sel = (v.sel + 1) % n
		v.sc.SetLines(v.lines())
	case key.Matches(k, keys.Tunnels.Prev) && n > 0:
		v.sel = (v.sel + n - 1) % n
		v.sc.SetLines(v.lines())
	case key.Matches(k, keys.List.Logs) && n > 0:
		t := v.conn.Tunnels[v.sel]
		lv, cmd := newTunnelLogView(v.c, v.conn, &t, v.c.Width, v.c.Height)
		return ui.Push(&lv, cmd)
	case key.Matches(k, keys.List.RoutePath):
		return openRoutePath(v.c, v.gw, v.conn, v.cgw, []string{"route path"})
	case key.Matches(k, keys.List.Changes):
		return openChanges(v.c, nil, v.conn.ID, v.conn.Name)
	case key.Matches(k, keys.Logs.Widen):
		return v.rewindow(+1)
	case key.Matches(k, keys.Logs.Narrow):
		return v.rewindow(-1)
	default:
		v.sc.Scroll(k)
	}
	return nil
}

func (v *s2sTunnelsView) SetSize(w, h int) {
	v.sc.SetSize(w, h)
	v.sc.SetLines(v.lines())
}
func (v *s2sTunnelsView) Close() {
	v.metrics.Cancel()
	v.changes.Cancel()
	v.maint.Cancel()
}
func (v *s2sTunnelsView) FetchState() (bool, error) { return false, nil }
func (v *s2sTunnelsView) Crumbs() []string {
	return []string{ui.OrDash(v.conn.Name)}
}
func (v *s2sTunnelsView) Hints(k keymap.KeyMap) []key.Binding {
	wider, narrower := historyKeys(k)
	if len(v.conn.Tunnels) < 2 {
		return []key.Binding{wider, narrower, k.List.Logs, k.List.RoutePath, k.List.Details, k.List.Copy, k.Global.Back, k.Global.Help}
	}
	next := k.Tunnels.Next // the hint line is short: tab says it
	next.SetHelp("tab", "next tunnel")
	return []key.Binding{next, wider, narrower, k.List.Logs, k.List.RoutePath, k.List.Details, k.List.Copy, k.Global.Back, k.Global.Help}
}
func (v *s2sTunnelsView) HelpGroups(k keymap.KeyMap) []keymap.Group {
	wider, narrower := historyKeys(k)
	return []keymap.Group{
		{Title: "Tunnels", Bindings: []key.Binding{k.Tunnels.Next, k.Tunnels.Prev, k.List.Logs, k.List.RoutePath, k.List.Changes, k.List.Details, k.List.Copy}},
		{Title: "History (CloudWatch)", Bindings: []key.Binding{wider, narrower}},
		{Title: "Scroll", Bindings: []key.Binding{k.Detail.Up, k.Detail.Down, k.Detail.PageUp, k.Detail.PageDown, k.Detail.Top, k.Detail.Bottom}},
	}
}

// Selection is the tunnel marked ▸: d shows its options, y copies the
// connection's id.
func (v *s2sTunnelsView) Selection() (string, string, []ui.Field, bool) {
	if len(v.conn.Tunnels) == 0 {
		return "", "", nil, false
	}
	t := v.conn.Tunnels[v.sel]
	fields := []ui.Field{{Label: "Outside IP", Value: t.OutsideIP}, {Label: "Status", Value: t.Status},
		{Label: "Status message", Value: ui.OrDash(t.StatusMessage)}, {Label: "Last change", Value: ui.Stamp(t.LastStatusChange, v.c.Loc)}}
	for _, st := range aws.TunnelSettings(t) {
		fields = append(fields, ui.Field{Label: st.Name, Value: st.Value})
	}
	if v.conn.BGP() {
		fields = append(fields, bgpLogField(t)) // s2s_bgplog.go
	}
	return fmt.Sprintf("Tunnel %d of %s", v.sel+1, ui.OrDash(v.conn.Name)), v.conn.ID, fields, true
}

func (v s2sTunnelsView) View() string { return v.sc.View() }

// lines is the whole text, built when the data, the size or the selected
// tunnel change, never in View.
func (v *s2sTunnelsView) lines() []string {
	width := v.sc.Width
	s := v.c.Styles
	peer := fmt.Sprintf("customer gateway %s (ASN %s)", v.cgw.Or(v.cgw.IP), v.cgw.Or(v.cgw.ASN))
	if v.cgw.ReadErr != nil {
		peer = "customer gateway " + v.cgw.ID + ": " + v.cgw.Or("")
	}
	lines := []string{ui.Fit(fmt.Sprintf(" %s · %s · %s · %s · %s", s.Title.Render("Tunnels"),
		ui.OrDash(v.conn.Name), v.conn.ID, peer, routingWord(v.conn)), width)}
	ts := v.conn.Tunnels
	if len(ts) == 0 {
		return append(lines, " No tunnels listed for this connection.")
	}
	labelW := 22
	colW := max((width-labelW-4)/len(ts), 12)
	row := func(label string, cells []string, differs bool) string {
		mark := "  "
		if differs {
			mark = s.Differs.Render("≠ ")
		}
		out := " " + mark + s.Label.Render(padRight(label, labelW-2))
		for _, c := range cells {
			out += padRight(ui.Fit(c, colW-1), colW)
		}
		return ui.Fit(out, width)
	}
	now := v.c.Now()
	var head, state, since, msg, routes []string
	for i, t := range ts {
		h := fmt.Sprintf("tunnel %d %s", i+1, t.OutsideIP)
		if i == v.sel {
			h = "▸ " + h
		}
		head = append(head, h)
		state = append(state, tunnelStatus(s, t))
		// LastStatusChange moves on any IKE, IPsec or BGP change: when the
		// status last changed, not since when it is what it is.
		since = append(since, lastChange(t, now, v.c.Loc))
		msg = append(msg, ui.OrDash(t.StatusMessage))
		routes = append(routes, routeCount(t))
	}
	lines = append(lines, row("", head, false), row("status", state, false), row("last change", since, false),
		row("message", msg, false))
	if v.conn.BGP() {
		lines = append(lines, row("BGP routes", routes, false))
	}
	lines = append(lines, v.nearChangeLines()...)
	lines = append(lines, v.maintenanceLines()...)
	lines = append(lines, v.metricRows(row, colW)...)
	settings := make([][]aws.Setting, len(ts))
	for i, t := range ts {
		settings[i] = aws.TunnelSettings(t)
	}
	var differs []bool
	if len(ts) == 2 {
		differs = aws.SettingDiffers(ts[0], ts[1])
	}
	for r := range settings[0] {
		cells := make([]string, len(ts))
		for i := range ts {
			cells[i] = settings[i][r].Value
		}
		lines = append(lines, row(settings[0][r].Name, cells, len(differs) > r && differs[r]))
	}
	others := map[string][]api.Onset{} // what else than the journal says when each outage began
	for _, t := range ts {
		a, ok := aws.ExplainTunnel(v.conn, v.cgw, t)
		if !ok {
			continue
		}
		problem := a.Problem
		if !a.Since.At.IsZero() {
			others[t.OutsideIP] = []api.Onset{a.Since}
		}
		others[t.OutsideIP] = append(others[t.OutsideIP], v.metricOnset(t)...)
		// The outage's one time, as History says it: the earliest of the
		// service's last change, its state metric and the journal's first
		// sight.
		if since := v.tunnelHistory(t.OutsideIP).SinceCell(v.c.Loc, now, others[t.OutsideIP]...); since != "-" {
			problem += " · " + strings.TrimPrefix(since, "down ") // "is down · at least since …"
		}
		lines = append(lines, "", ui.Fit(" "+s.Bad.Render("✗ "+problem), width))
		for _, w := range ui.Wrap(a.Meaning, width-4, "   ") {
			lines = append(lines, "   "+w)
		}
		for _, c := range a.Checks {
			for j, w := range ui.Wrap(c, width-6, "     ") {
				if j == 0 {
					w = "   • " + strings.TrimLeft(w, " ")
				}
				lines = append(lines, ui.Fit(w, width))
			}
		}
	}
	if v.history != nil {
		var named []ui.NamedHistory
		for i, t := range ts {
			named = append(named, ui.NamedHistory{Name: fmt.Sprintf("Tunnel %d %s", i+1, t.OutsideIP), TunnelHistory: v.tunnelHistory(t.OutsideIP),
				Others: others[t.OutsideIP]})
		}
		lines = append(lines, ui.HistoryLines(v.c.Common, named, v.historyErr)...)
	}
	return lines
}

// tunnelStatus is a tunnel's status with its mark: ● UP, ○ DOWN, and ? for
// a word AWS does not document (UP | DOWN), never shown as down.
func tunnelStatus(s *ui.Styles, t aws.Tunnel) string {
	switch t.Status {
	case "UP":
		return s.Paint(ui.ToneGood, "● UP")
	case "DOWN":
		return s.Paint(ui.ToneBad, "○ DOWN")
	}
	return s.Paint(ui.ToneWarn, "? "+ui.OrDash(t.Status))
}

func lastChange(t aws.Tunnel, now time.Time, loc *time.Location) string {
	if t.LastStatusChange.IsZero() {
		return "-"
	}
	return api.AgeWords(now, t.LastStatusChange) + ", " + t.LastStatusChange.In(loc).Format("01-02 15:04")
}

// routeCount is what BGP accepted from the tunnel; "?" when the service
// did not say.
func routeCount(t aws.Tunnel) string {
	if n, ok := t.Routes(); ok {
		return fmt.Sprint(n)
	}
	return "?"
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// RawTarget is what the v key reads raw: the view's connection (a tunnel is an
// item of its connection).
func (v *s2sTunnelsView) RawTarget() (ui.RawTarget, bool) {
	return v.c.raw(v.c.Region, "vpn-connection", v.conn.ID, aws.RawRef{Kind: aws.RawVPNConnection, ID: v.conn.ID}), true
}
