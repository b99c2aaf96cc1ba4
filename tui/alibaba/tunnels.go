package alibaba

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// tunnelsView shows a connection's tunnels side by side (two for
// dual-tunnel, one built from the connection for single-tunnel), marks
// settings that differ between them, and explains each failing phase. It
// needs no call: the connection already carries its tunnels.
type tunnelsView struct {
	c      *common
	region string   // the connection's, which the problems overview may open outside the current region
	crumb  []string // what the header says for it: its name, and its region when opened from elsewhere
	conn   alibaba.Connection
	// gw is the connection's gateway where the view was opened from it (a
	// locked gateway locks its connections: the header's verdict is the
	// list's); only its id otherwise (a finding's verdict already holds it).
	gw     alibaba.Gateway
	pick   int // the tunnel that l, d and y act on
	sc     ui.Scroller
	width  int
	height int

	// Changes to this connection seen this session, oldest first.
	timeline []ui.ChangeEvent

	// The service's own diagnosis, fetched when the view opens (one call).
	diag       []alibaba.ServiceDiagnosis
	diagErr    error
	diagLoaded bool

	// The customer gateways the connection and its tunnels name (their IP
	// and ASN), asked for when the view opens; nil until they come.
	peers map[string]peer

	// What the state journal remembers of each tunnel (nil: no journal,
	// or not read yet).
	history    map[string]ui.TunnelHistory
	historyErr error

	changes nearChanges // ActionTrail's changes before the failure (changes.go)

	// lastFail is each tunnel's last failure seen, kept while it is up
	// again: a flapping tunnel keeps its explanation on screen, and the
	// view its length, rather than jumping between 50 and 72 lines each
	// refresh (issue 28 defect 10).
	lastFail map[string]failureSeen

	metrics tunnelMetrics // CloudMonitor's history (tunnels_metrics.go)
}

// failureSeen is a tunnel as it was when it last failed: the connection
// and tunnel then, and when; fromJournal when the state journal says so
// (the view opened on a tunnel that flaps while it was up).
type failureSeen struct {
	conn        alibaba.Connection
	tunnel      alibaba.Tunnel
	at          time.Time
	fromJournal bool
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ ui.Pane         = (*tunnelsView)(nil)
	_ ui.Selector     = (*tunnelsView)(nil)
	_ ui.FedFromBelow = (*tunnelsView)(nil)
	_ ui.Regional     = (*tunnelsView)(nil)
	_ ui.Helpful      = (*tunnelsView)(nil)
	_ ui.RawTargeter  = (*tunnelsView)(nil)
)

// maxTimelineLines is how many changes the tunnels view lists.
const maxTimelineLines = 8

// peersLoadedMsg answers the customer gateways of one connection.
type peersLoadedMsg struct {
	connID string
	peers  map[string]peer
}

// diagnosisLoadedMsg answers DiagnoseVpnConnections for one connection.
type diagnosisLoadedMsg struct {
	connID  string
	records []alibaba.ServiceDiagnosis
	err     error
}

func newTunnelsView(c *common, region string, conn alibaba.Connection, w, h int) (tunnelsView, tea.Cmd) {
	v := tunnelsView{c: c, region: region, crumb: []string{ui.OrDash(conn.Name)}, conn: conn, sc: ui.Scroller{C: c.Common},
		metrics: tunnelMetrics{Span: defaultMetricSpan}}
	// Start on the first failing tunnel: that is why the user came.
	for i, t := range conn.Tunnels() {
		if !alibaba.TunnelUp(t) {
			v.pick = i
			break
		}
	}
	v.rememberFailures()
	metrics := v.readMetrics()
	v.SetSize(w, h)
	client, ctx, gw, id := c.client, c.Ctx, conn.GatewayID, conn.ID
	return v, tea.Batch(func() tea.Msg {
		records, err := client.Diagnose(ctx, region, gw, id)
		return diagnosisLoadedMsg{connID: id, records: records, err: err}
	}, func() tea.Msg {
		// Kept briefly by the client: from a connections list this costs no call.
		return peersLoadedMsg{connID: id, peers: readPeers(ctx, client, region, []alibaba.Connection{conn})}
	}, recordTunnels(c.Journal, region, c.Account, conn), metrics)
}

// pickTunnel puts the pick on the tunnel with id, when the connection has
// one.
func (v *tunnelsView) pickTunnel(id string) {
	for i, t := range v.conn.Tunnels() {
		if id != "" && t.ID == id {
			v.pick = i
		}
	}
}

// setConn shows a refreshed copy of the connection and the changes seen
// to it, keeping the pick, the scroll position and the diagnosis.
func (v *tunnelsView) setConn(c alibaba.Connection, events []ui.ChangeEvent) {
	v.conn = c
	v.pick = min(v.pick, len(c.Tunnels())-1)
	v.timeline = v.timeline[:0]
	for _, e := range events {
		if e.ID == c.ID {
			v.timeline = append(v.timeline, e)
		}
	}
	v.rememberFailures()
	v.sc.SetLines(v.lines())
}

// rememberFailures keeps each failing tunnel as it is now, for when it
// comes back up.
func (v *tunnelsView) rememberFailures() {
	for _, t := range v.conn.Tunnels() {
		if alibaba.Explain(v.conn, t) == nil {
			continue
		}
		if v.lastFail == nil {
			v.lastFail = map[string]failureSeen{}
		}
		v.lastFail[t.ID] = failureSeen{conn: v.conn, tunnel: t, at: v.c.Now()}
	}
}

// rememberJournalFailures takes, for a tunnel that flaps and is up now
// and was not seen failing here, its last failure from the state journal:
// the phase it failed in, from when the journal first saw it so.
func (v *tunnelsView) rememberJournalFailures() {
	for _, t := range v.conn.Tunnels() {
		h := v.history[t.ID]
		if _, seen := v.lastFail[t.ID]; seen || !h.Flapping || !alibaba.TunnelUp(t) {
			continue
		}
		for _, r := range slices.Backward(h.Records) {
			// The status that fails the phase the journal names
			// (DescribeVpnConnections, Status): the checklist is then the
			// one for that phase, with the tunnel's settings.
			status := map[string]string{"phase 1": alibaba.StatusIKENotEstablished, "phase 2": alibaba.StatusIPsecNotEstablished}[r.Cause]
			if status == "" {
				continue
			}
			failed := t
			failed.Status = status
			if v.lastFail == nil {
				v.lastFail = map[string]failureSeen{}
			}
			v.lastFail[t.ID] = failureSeen{conn: v.conn, tunnel: failed, at: r.At, fromJournal: true}
			break
		}
	}
}

func (v *tunnelsView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.sc.SetSize(w, h)
	v.sc.SetLines(v.lines())
}

func (v *tunnelsView) Selected() alibaba.Tunnel { return v.conn.Tunnels()[v.pick] }

// connectionsRefreshedMsg is news from a gateway view: its connections
// page was refreshed; find looks one up as the list has it now.
type connectionsRefreshedMsg struct {
	find func(id string) (alibaba.Connection, []ui.ChangeEvent, bool)
}

func (v *tunnelsView) Handle(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(connectionsRefreshedMsg); ok {
		if c, events, ok := m.find(v.conn.ID); ok {
			v.setConn(c, events)
			return recordTunnels(v.c.Journal, v.region, v.c.Account, c)
		}
		return nil
	}
	if h, ok := msg.(historyLoadedMsg); ok {
		if h.connID == v.conn.ID {
			v.history, v.historyErr = h.tunnels, h.err
			v.rememberJournalFailures()
			v.sc.SetLines(v.lines())
		}
		return nil
	}
	if v.metrics.Take(msg) {
		v.sc.SetLines(v.lines())
		return nil
	}
	if p, ok := msg.(peersLoadedMsg); ok {
		if p.connID == v.conn.ID {
			v.peers = p.peers
			v.sc.SetLines(v.lines())
		}
		return nil
	}
	if d, ok := msg.(diagnosisLoadedMsg); ok {
		if d.connID == v.conn.ID {
			v.diag, v.diagErr, v.diagLoaded = d.records, d.err, true
			v.sc.SetLines(v.lines())
			return v.readNearChanges()
		}
		return nil
	}
	if v.changes.Take(msg) {
		v.sc.SetLines(v.lines())
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(k, v.c.Keys.List.Changes) {
			return openChanges(v.c, v.region, nil, v.conn.ID, v.conn.Name)
		}
		if key.Matches(k, v.c.Keys.List.Logs) {
			t := v.Selected()
			l, cmd := newLogsView(v.c, v.region, []string{"log"}, v.conn, &t, v.c.Width, v.c.Height)
			return ui.Push(&l, cmd)
		}
		if key.Matches(k, v.c.Keys.Logs.Widen) {
			return v.rewindow(+1)
		}
		if key.Matches(k, v.c.Keys.Logs.Narrow) {
			return v.rewindow(-1)
		}
		if key.Matches(k, v.c.Keys.List.RoutePath) {
			return openRoutePath(v.c, v.region, v.gw, v.conn, []string{"route path"})
		}
		if n := len(v.conn.Tunnels()); n > 1 && key.Matches(k, v.c.Keys.Tunnels.Next, v.c.Keys.Tunnels.Prev) {
			step := 1
			if key.Matches(k, v.c.Keys.Tunnels.Prev) {
				step = n - 1
			}
			v.pick = (v.pick + step) % n
			v.sc.SetLines(v.lines())
			return nil
		}
		v.sc.Scroll(k)
	}
	return nil
}

// As a pane.
func (v *tunnelsView) Close() {
	v.metrics.Cancel()
	v.changes.Cancel()
}
func (v *tunnelsView) FedFromBelow() bool { return true }
func (v *tunnelsView) Crumbs() []string   { return v.crumb }

// InRegion is the connection's region, which the problems overview may
// have opened from another.
func (v *tunnelsView) InRegion() string { return v.region }

// FetchState is loading while the service's diagnosis is asked for.
func (v *tunnelsView) FetchState() (bool, error) { return !v.diagLoaded, nil }
func (v *tunnelsView) Hints(k keymap.KeyMap) []key.Binding {
	wider, narrower := historyKeys(k)
	if len(v.conn.Tunnels()) < 2 {
		return []key.Binding{k.List.Logs, k.List.RoutePath, wider, narrower, k.List.Details, k.List.Copy, k.Global.Back, k.Global.Help}
	}
	next := k.Tunnels.Next // the hint line is short: tab says it
	next.SetHelp("tab", "next tunnel")
	return []key.Binding{next, k.List.Logs, k.List.RoutePath, wider, narrower, k.List.Details, k.List.Copy, k.Global.Back, k.Global.Help} // v is in ?
}
func (v *tunnelsView) Selection() (string, string, []ui.Field, bool) {
	t := v.Selected()
	return "Tunnel " + t.ID, t.ID, tunnelFields(t), true
}
func (v *tunnelsView) HelpGroups(k keymap.KeyMap) []keymap.Group {
	act := []key.Binding{k.Tunnels.Next, k.Tunnels.Prev, pathAndLog(k), k.List.Changes, ui.DetailsHelp(k), k.List.Copy}
	wider, narrower := historyKeys(k)
	if len(v.conn.Tunnels()) < 2 {
		act = act[2:] // one tunnel: nothing to pick
	}
	return []keymap.Group{
		{Title: "Tunnels", Bindings: act},
		{Title: "History (CloudMonitor)", Bindings: []key.Binding{wider, narrower}},
		{Title: "Scroll", Bindings: []key.Binding{k.Detail.Up, k.Detail.Down, k.Detail.PageUp, k.Detail.PageDown, k.Detail.Top, k.Detail.Bottom}},
	}
}

func (v tunnelsView) View() string { return v.sc.View() }

// tunnelRow is one line of the side-by-side table. compare rows are
// settings that should match between the tunnels.
type tunnelRow struct {
	label   string
	value   func(alibaba.Tunnel) string
	compare bool
	paint   func(*ui.Styles, alibaba.Tunnel, string) string
}

func (v *tunnelsView) lines() []string {
	s, c := v.c.Styles, v.conn
	// The list's verdict, and P's: the finding the scan makes of it.
	gw := v.gw
	if gw.ID != c.GatewayID {
		gw = alibaba.Gateway{ID: c.GatewayID}
	}
	// With the last scan's route path (routeverdicts.go): t says why.
	verdict := v.c.routes.shown(c.ID, alibaba.VerdictOfConnection(v.region, gw, c))
	out := []string{
		" " + s.Title.Render(ui.OrDash(c.Name)) + "  " + c.ID + "  " + s.PaintVerdict(verdict, ui.VerdictCell(verdict)),
		fmt.Sprintf(" customer gateway %s · %s ↔ %s · BGP %s · health check %s",
			v.peerText(c.PeerID()), strings.Join(c.LocalSubnets, ","), strings.Join(c.RemoteSubnets, ","),
			sessionWord(connectionBGP(c)), sessionWord(alibaba.HealthState(c.HealthCheck))),
		"",
	}
	if near := v.nearChangeLines(); len(near) > 0 {
		out = slices.Insert(out, 2, near...)
	}
	rows := []tunnelRow{
		{label: "ID", value: func(t alibaba.Tunnel) string { return t.ID }},
		{label: "State", value: func(t alibaba.Tunnel) string { return ui.OrDash(t.State) }},
		phaseRow("Phase 1 (IKE)", 1),
		phaseRow("Phase 2 (IPsec)", 2),
		{label: "Status", value: func(t alibaba.Tunnel) string { return ui.OrDash(t.Status) }},
		{label: "Zone", value: func(t alibaba.Tunnel) string { return ui.OrDash(t.Zone) }},
		{label: "Gateway IP", value: func(t alibaba.Tunnel) string { return ui.OrDash(t.InternetIP) }},
		{label: "BGP session", value: func(t alibaba.Tunnel) string { return bgpSummary(t.BGP) },
			paint: func(s *ui.Styles, t alibaba.Tunnel, x string) string {
				return paintSession(s, alibaba.BGPState(t.BGP), x)
			}},
		{label: "BGP addresses", value: func(t alibaba.Tunnel) string { return bgpAddrs(t.BGP) }},
		{label: "IKE version, mode", value: ikeVersionMode, compare: true},
		{label: "IKE enc/auth/DH", value: func(t alibaba.Tunnel) string { return algs(t.IKE.EncAlg, t.IKE.AuthAlg, t.IKE.DHGroup) }, compare: true},
		{label: "IKE lifetime", value: func(t alibaba.Tunnel) string { return fmt.Sprintf("%ds", t.IKE.LifetimeSeconds) }, compare: true},
		{label: "Local id", value: func(t alibaba.Tunnel) string { return ui.OrDash(t.IKE.LocalID) }},
		{label: "Remote id", value: func(t alibaba.Tunnel) string { return ui.OrDash(t.IKE.RemoteID) }, compare: true},
		{label: "Pre-shared key", value: func(t alibaba.Tunnel) string { return ui.OrDash(t.IKE.PSK.String()) }},
		{label: "IPsec enc/auth/PFS", value: func(t alibaba.Tunnel) string { return algs(t.IPsec.EncAlg, t.IPsec.AuthAlg, t.IPsec.PFS) }, compare: true},
		{label: "IPsec lifetime", value: func(t alibaba.Tunnel) string { return fmt.Sprintf("%ds", t.IPsec.LifetimeSeconds) }, compare: true},
		{label: "NAT traversal", value: func(t alibaba.Tunnel) string { return ui.YesNo(t.NATTraversal) }, compare: true},
		{label: "DPD", value: func(t alibaba.Tunnel) string { return ui.YesNo(t.DPD) }, compare: true},
	}
	if ids := c.PeerIDs(); len(ids) > 1 {
		// Each tunnel ends at a device of its own: say which, by its address.
		rows = slices.Insert(rows, 7, tunnelRow{label: "Customer gateway", value: func(t alibaba.Tunnel) string {
			return v.peerText(t.CustomerGatewayID)
		}})
	}
	if v.history != nil || v.metricsSaySince() {
		rows = slices.Insert(rows, 4, tunnelRow{label: "Since", value: func(t alibaba.Tunnel) string {
			return v.tunnelHistory(t).SinceCell(v.c.Loc, v.c.Now(), v.onsets(t)...)
		}})
	}
	n := len(c.Tunnels())
	labelW := 20
	colW := max((v.width-labelW-2)/max(n, 1)-1, 8)
	head := strings.Repeat(" ", labelW+1)
	for i, t := range c.Tunnels() {
		name := fmt.Sprintf("TUNNEL %d (%s)", i+1, ui.OrDash(t.Role))
		if t.Synthetic {
			name = "TUNNEL (single-tunnel connection)"
		}
		if i == v.pick && n > 1 {
			head += s.TabActive.Render(ui.Fit("▶ "+name, colW)) + " "
		} else {
			head += s.TableHeader.Render(ui.Fit("  "+name, colW)) + " "
		}
	}
	out = append(out, head)
	// CloudMonitor's history goes under the status, where 80x24 shows it.
	history := v.metricRows(func(label string, cells []string) string {
		line := s.Label.Render(ui.Fit(" "+label, labelW)) + " "
		for _, cell := range cells {
			line += ui.Fit("  "+cell, colW) + " "
		}
		return line
	}, colW)
	for _, r := range rows {
		vals := make([]string, n)
		same := true
		for i, t := range c.Tunnels() {
			vals[i] = r.value(t)
			same = same && vals[i] == vals[0]
		}
		label := s.Label.Render(ui.Fit(" "+r.label, labelW))
		mark := " "
		if r.compare && !same {
			mark = s.Differs.Render("≠")
		}
		line := label + mark
		for i, t := range c.Tunnels() {
			cell := ui.Fit("  "+vals[i], colW)
			switch {
			case r.compare && !same:
				cell = s.Differs.Render(cell)
			case r.paint != nil:
				cell = r.paint(s, t, cell)
			}
			line += cell + " "
		}
		out = append(out, line)
		if r.label == "Status" {
			out = append(out, history...)
		}
	}
	if checks := alibaba.SanityChecks(c); len(checks) > 0 {
		out = append(out, "", " "+s.Section.Render("Configuration checks"))
		for _, check := range checks {
			for _, l := range hangingWrap("⚠ ", check, v.width-4, "   ") {
				out = append(out, s.Warn.Render(l))
			}
		}
	}
	if len(v.timeline) > 0 {
		// Newest first, right under the table: during an incident what just
		// changed matters more than the checklist.
		out = append(out, "", " "+s.Section.Render("Changes seen this session"))
		shown := 0
		for _, e := range slices.Backward(v.timeline) {
			if shown == maxTimelineLines {
				out = append(out, s.Dim.Render(fmt.Sprintf("   … %d earlier", len(v.timeline)-shown)))
				break
			}
			out = append(out, "   "+e.At.In(v.c.Loc).Format("15:04:05")+"  "+e.Text)
			shown++
		}
	}
	out = append(out, v.historyLines()...)
	out = append(out, v.healthLines()...)
	for i, t := range c.Tunnels() {
		// Under the title, whether it fails now or failed last: a tunnel
		// up again keeps its last failure, said as such, so that a
		// flapping tunnel neither hides what to check nor moves
		// everything below it at each refresh.
		mark, title, state := "✗", s.Bad.Render, s.Bad.Render("   failing now")
		d := alibaba.Explain(c, t)
		if f, ok := v.lastFail[t.ID]; d == nil && ok {
			d, mark, title, state = alibaba.Explain(f.conn, f.tunnel), "◐", s.Warn.Render, s.Dim.Render("   up now · "+v.failedWhen(f))
		}
		if d == nil {
			continue
		}
		out = append(out, "", title(fmt.Sprintf(" %s Tunnel %d %s — %s", mark, i+1, t.ID, d.Title())))
		out = append(out, v.failingSince(t, state)...)
		out = append(out, ui.Wrap(d.Meaning, v.width-3, "   ")...)
		out = append(out, v.serviceDiagnosis(t)...)
		out = append(out, "   "+s.Section.Render("What to check"))
		for j, check := range d.Checks {
			out = append(out, hangingWrap(fmt.Sprintf("%d. ", j+1), check, v.width-4, "   ")...)
		}
	}
	keys := " tab picks a tunnel · l its negotiation log · d details · v raw JSON · y copy id · esc back"
	if len(c.Tunnels()) < 2 { // one tunnel: nothing to pick
		keys = " l the negotiation log · d details · v raw JSON · y copy id · esc back"
	}
	out = append(out, "", s.Dim.Render(keys))
	return out
}

// failedWhen says when a remembered failure was: last seen failing in
// this view, or first seen so by the state journal.
func (v *tunnelsView) failedWhen(f failureSeen) string {
	if f.fromJournal {
		return "its last failure, first seen " + ui.StampAgo(f.at, v.c.Loc, v.c.Now()) + " (state journal)"
	}
	return "its last failure, last seen " + f.at.In(v.c.Loc).Format("15:04:05")
}

// peerText is customer gateway id as the view shows it: the id until its
// IP and ASN come.
func (v *tunnelsView) peerText(id string) string { return peerText(v.peers[id], id) }

// healthLines explains the connection's health check like a phase: the
// probe and what it does to routes always; what a failure means and what
// to check when it fails or cannot be read.
func (v *tunnelsView) healthLines() []string {
	e := alibaba.ExplainHealthCheck(v.conn)
	if e == nil {
		return nil
	}
	s := v.c.Styles
	head := " " + s.Section.Render("Health check") + " " + sessionWord(e.State)
	if e.State == alibaba.SessionDown {
		head = s.Bad.Render(" ✗ Health check failed")
	}
	out := []string{"", head}
	for _, t := range []string{e.Probe, e.Policy, e.Meaning} {
		if t != "" {
			out = append(out, ui.Wrap(t, v.width-3, "   ")...)
		}
	}
	if len(e.Unchecked) > 0 {
		out = append(out, ui.Wrap("Could not read: "+strings.Join(e.Unchecked, ", ")+".", v.width-3, "   ")...)
	}
	if len(e.Checks) > 0 {
		out = append(out, "   "+s.Section.Render("What to check"))
		for j, check := range e.Checks {
			out = append(out, hangingWrap(fmt.Sprintf("%d. ", j+1), check, v.width-4, "   ")...)
		}
	}
	return out
}

// ikeVersionMode names the mode only for IKEv1: IKEv2 has none (RFC 7296),
// whatever the service reports in IkeMode.
func ikeVersionMode(t alibaba.Tunnel) string {
	if t.IKE.Version == "ikev1" {
		return t.IKE.Version + " " + ui.OrDash(t.IKE.Mode)
	}
	return ui.OrDash(t.IKE.Version)
}

// logOnset is the failure of tunnel t that the service's diagnosis found
// in its negotiation log (DiagnoseVpnConnections: FailedTime, SourceLog),
// for a tunnel that is not up: when it is earlier than the journal's first
// sight, the outage's one time is the log's.
func (v *tunnelsView) logOnset(t alibaba.Tunnel) []api.Onset {
	if alibaba.TunnelUp(t) {
		return nil
	}
	for _, d := range v.diag {
		if d.TunnelID != "" && d.TunnelID != t.ID || d.Code == "" || d.FailedAt.IsZero() {
			continue
		}
		return []api.Onset{{At: d.FailedAt, Source: api.OnsetLog}}
	}
	return nil
}

// serviceDiagnosis shows what the service itself says about tunnel t.
func (v *tunnelsView) serviceDiagnosis(t alibaba.Tunnel) []string {
	s := v.c.Styles
	head := "   " + s.Section.Render("The service says")
	switch {
	case !v.diagLoaded:
		return []string{head + s.Dim.Render(" (asking…)")}
	case v.diagErr != nil:
		// Whole, wrapped: cut at 80 columns it hid the permission to ask
		// for ("ask for RAM permission for vpc:Dia…").
		out := []string{head + s.Dim.Render(" nothing: it could not be asked")}
		for _, l := range ui.WrapProse(ui.ErrorLine(v.diagErr), v.width-6, "") {
			out = append(out, s.Dim.Render("     "+l))
		}
		return out
	}
	for _, d := range v.diag {
		if d.TunnelID != "" && d.TunnelID != t.ID || d.Code == "" {
			continue
		}
		out := []string{head}
		text := fmt.Sprintf("%s %s: %s", d.Severity, d.Code, d.Reason)
		if !d.FailedAt.IsZero() {
			text += " (at " + d.FailedAt.In(v.c.Loc).Format("15:04:05") + ")"
		}
		out = append(out, ui.Wrap(text, v.width-6, "     ")...)
		if d.MismatchLocal != "" || d.MismatchRemote != "" {
			out = append(out, ui.Wrap(fmt.Sprintf("mismatch: here %s, peer %s", ui.OrDash(d.MismatchLocal), ui.OrDash(d.MismatchRemote)), v.width-6, "     ")...)
		}
		if d.SourceLog != "" {
			out = append(out, ui.Wrap("log: "+d.SourceLog, v.width-6, "     ")...)
		}
		return out
	}
	return []string{head + s.Dim.Render(" no diagnosis for this tunnel")}
}

// phaseRow is the row of a tunnel's phase 1 or 2: its symbol and state,
// in its colour.
func phaseRow(label string, phase int) tunnelRow {
	state := func(t alibaba.Tunnel) alibaba.PhaseState {
		p1, p2 := alibaba.Phases(t.Status)
		if phase == 1 {
			return p1
		}
		return p2
	}
	return tunnelRow{label: label,
		value: func(t alibaba.Tunnel) string { return phaseSymbol(state(t)) + " " + state(t).String() },
		paint: func(s *ui.Styles, t alibaba.Tunnel, x string) string { return paintPhase(s, state(t), x) }}
}

func paintPhase(s *ui.Styles, p alibaba.PhaseState, text string) string {
	return s.Paint(phaseTones[p], text)
}

func bgpSummary(b alibaba.BGPConfig) string {
	st := alibaba.BGPState(b)
	if st == alibaba.SessionOff {
		return "off"
	}
	return fmt.Sprintf("%s  AS%d ↔ AS%d", st, b.LocalASN, b.PeerASN)
}

func bgpAddrs(b alibaba.BGPConfig) string {
	if !b.Enabled {
		return "-"
	}
	return b.LocalIP + "↔" + b.PeerIP // no spaces: both whole in an 80-column tunnel cell
}

func algs(parts ...string) string {
	for i, p := range parts {
		parts[i] = ui.OrDash(p)
	}
	return strings.Join(parts, " / ")
}

// hangingWrap wraps text behind a marker ("1. "), indenting the following
// lines under the text rather than under the marker.
func hangingWrap(marker, text string, w int, indent string) []string {
	lines := ui.Wrap(text, w-len(marker), "")
	for i := range lines {
		if i == 0 {
			lines[i] = indent + marker + lines[i]
		} else {
			lines[i] = indent + strings.Repeat(" ", len(marker)) + lines[i]
		}
	}
	return lines
}

// RawTarget is what the v key reads raw: the view's connection.
func (v *tunnelsView) RawTarget() (ui.RawTarget, bool) {
	return v.c.raw(v.region, "connection", v.conn.ID), true
}

// historyLines is the journal section of the tunnels view.
func (v *tunnelsView) historyLines() []string {
	if v.history == nil {
		return nil
	}
	var named []ui.NamedHistory
	for i, t := range v.conn.Tunnels() {
		named = append(named, ui.NamedHistory{Name: fmt.Sprintf("Tunnel %d %s", i+1, t.ID), TunnelHistory: v.tunnelHistory(t),
			Others: v.onsets(t)})
	}
	return ui.HistoryLines(v.c.Common, named, v.historyErr)
}
