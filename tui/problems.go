package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"
)

// problemsView is the overview of what is broken in every region. The scan
// streams its findings; rows appear as they arrive, worst first, and a
// progress line says how far it got and what it cost.
type problemsView struct {
	c    *common
	list pagedList[alibaba.Finding]
	seq  int // the scan this view waits for
	stop context.CancelFunc

	started  time.Time
	finished time.Time
	done     bool
	calls    int
	regions  int // regions whose gateway list is in
	gateways int // gateways found so far
	checked  int // gateways fully read
	failed   []alibaba.RegionError
	known    map[string]bool // finding keys of the scan before, to mark new ones
	seen     map[string]bool // finding keys of this scan
	width    int
	height   int
}

// scanEventMsg is one event of scan seq; ok is false when the scan ended.
type scanEventMsg struct {
	seq   int
	event alibaba.ScanEvent
	ok    bool
	next  <-chan alibaba.ScanEvent // where the event after it comes from
}

func newProblemsView(c *common, w, h int) problemsView {
	spec := &listSpec[alibaba.Finding]{
		noun: "problems",
		id:   func(f alibaba.Finding) string { return f.Key() },
		detail: func(f alibaba.Finding) (string, string, []field) {
			return "Problem: " + f.Subject(), f.ID(), findingFields(f)
		},
		text: func(f alibaba.Finding) string {
			return strings.Join([]string{f.Region, f.GatewayName, f.GatewayID, f.ConnectionName, f.ConnectionID, f.TunnelID, f.ServerID, f.Phase, f.State}, " ")
		},
		empty: func() string { return "Nothing is broken: every connection, gateway and server checked is healthy." },
		columns: []column[alibaba.Finding]{
			{title: "", width: 1, cell: urgencySymbol, paint: func(s *Styles, f alibaba.Finding, text string) string {
				if f.Impact == api.TrafficDown {
					return s.Bad.Render(text)
				}
				return s.Warn.Render(text)
			}},
			{title: "REGION", width: 14, cell: func(f alibaba.Finding) string { return f.Region }},
			{title: "GATEWAY", width: 18, cell: func(f alibaba.Finding) string { return orDash(firstNonEmpty(f.GatewayName, f.GatewayID)) }},
			{title: "RESOURCE", min: 16, max: 40, cell: alibaba.Finding.Subject},
			{title: "WHAT", width: 12, cell: func(f alibaba.Finding) string { return f.Phase }},
			{title: "STATE", width: 24, cell: func(f alibaba.Finding) string { return f.State }},
			{title: "MESSAGE", width: 60, max: 130, cell: func(f alibaba.Finding) string { return f.Summary() }},
		},
	}
	v := problemsView{c: c, list: newPagedList(c, spec), known: map[string]bool{}}
	v.list.streamStarted()
	v.setSize(w, h)
	return v
}

func urgencySymbol(f alibaba.Finding) string {
	if f.Impact == api.TrafficDown {
		return "✗"
	}
	return "◐"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// start begins a scan, keeping the rows of the one before on screen until
// the new one has checked everything (a re-check marks what is new).
func (v *problemsView) start() tea.Cmd {
	if v.stop != nil {
		v.stop()
	}
	if v.done {
		v.known = map[string]bool{}
		for _, f := range v.list.rows() {
			v.known[f.Key()] = true
		}
		v.list.forgetChanges()
	}
	ctx, stop := context.WithCancel(v.c.ctx)
	v.stop = stop
	v.seq = v.c.newID()
	v.started, v.done = v.c.now(), false
	v.calls, v.regions, v.gateways, v.checked, v.failed = 0, 0, 0, 0, nil
	v.seen = map[string]bool{}
	v.list.streamStarted()
	events := make(chan alibaba.ScanEvent, 16)
	client, seq, region, inFlight := v.c.client, v.seq, v.c.region, v.c.maxInFlight
	go alibaba.Scan(ctx, client, alibaba.ScanOptions{MaxInFlight: inFlight, First: region}, events)
	return waitScan(events, seq)
}

// waitScan delivers the scan's next event; the view asks again for each.
func waitScan(events <-chan alibaba.ScanEvent, seq int) tea.Cmd {
	return func() tea.Msg {
		e, ok := <-events
		return scanEventMsg{seq: seq, event: e, ok: ok, next: events}
	}
}

func (v *problemsView) close() {
	if v.stop != nil {
		v.stop()
	}
}

func (v *problemsView) setSize(w, h int) {
	v.width, v.height = w, h
	v.list.setSize(w, max(h-3, 1)) // progress line, list header, list footer
}

func (v *problemsView) update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(scanEventMsg); ok {
		return v.scanned(msg)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !v.list.claimsKeys() && key.Matches(k, v.c.keys.List.Open) {
		return v.openFinding()
	}
	return v.list.update(msg)
}

// As a pane: the list answers for most of it; refreshing is a new scan.
func (v *problemsView) crumbs() []string { return []string{"problems"} }
func (v *problemsView) allRegions() bool { return true }
func (v *problemsView) fetchState() (bool, error) {
	loading, _ := v.list.fetchState()
	return loading, nil
}
func (v *problemsView) claimsKeys() bool                           { return v.list.claimsKeys() }
func (v *problemsView) handlesBack() bool                          { return v.list.handlesBack() }
func (v *problemsView) sortByTitle(name string) error              { return v.list.sortByTitle(name) }
func (v *problemsView) sortHelp() []string                         { return v.list.sortHelp() }
func (v *problemsView) refresh() tea.Cmd                           { return v.start() }
func (v *problemsView) watchRefresh() tea.Cmd                      { return v.start() }
func (v *problemsView) deliver(m listMsg) (tea.Cmd, bool)          { return deliverTo(&v.list, m) }
func (v *problemsView) refreshedAt() time.Time                     { return v.list.refreshedAt() }
func (v *problemsView) selection() (string, string, []field, bool) { return v.list.selection() }
func (v *problemsView) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Watch,
		k.Global.Back, k.Global.Help}
}
func (v *problemsView) helpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{{Title: "Problems", Bindings: []key.Binding{k.List.Up, k.List.Down, k.List.Top, k.List.Bottom,
		k.List.Open, k.List.Details, k.List.Copy, k.List.Filter, k.Global.Problems}}}
}

func (v *problemsView) scanned(msg scanEventMsg) tea.Cmd {
	if msg.seq != v.seq {
		return nil // a scan replaced or left
	}
	if !msg.ok {
		return nil
	}
	e := msg.event
	v.calls = max(v.calls, e.Calls)
	switch {
	case e.Done:
		v.done, v.finished = true, v.c.now()
		v.list.streamEnded(v.c.now())
		v.dropResolved()
		return nil
	case e.RegionErr != nil:
		v.failed = append(v.failed, *e.RegionErr)
	case e.Checked != nil:
		v.checked++
	case e.RegionFound != "":
		v.regions++
	}
	v.gateways += e.Gateways
	if len(e.Findings) > 0 {
		v.add(e.Findings)
	}
	return waitScan(msg.next, msg.seq)
}

// add puts findings in their worst-first place, keeping the cursor on the
// row it was on; a finding the last scan did not have is marked.
func (v *problemsView) add(fs []alibaba.Finding) {
	var fresh []alibaba.Finding
	for _, f := range fs {
		if k := f.Key(); !v.seen[k] {
			v.seen[k] = true
			fresh = append(fresh, f)
		}
	}
	marking := v.done || len(v.known) > 0
	v.list.insertSorted(fresh, alibaba.CompareFindings, func(f alibaba.Finding) bool { return marking && !v.known[f.Key()] })
}

// dropResolved removes the findings of the scan before that this one no
// longer found: they were fixed.
func (v *problemsView) dropResolved() {
	v.list.keepOnly(func(f alibaba.Finding) bool { return v.seen[f.Key()] })
}

// progress is the line over the list: how far the scan got, what it cost.
func (v *problemsView) progress() string {
	s := v.c.styles
	crit := 0
	for _, f := range v.list.rows() {
		if f.Impact == api.TrafficDown {
			crit++
		}
	}
	head := fmt.Sprintf(" %d problems (%d critical)", len(v.list.rows()), crit)
	var parts []string
	if v.done {
		parts = append(parts, fmt.Sprintf("%d gateways checked in %d regions", v.checked, v.regions))
	} else {
		parts = append(parts, fmt.Sprintf("%d of %d gateways checked, %d regions", v.checked, v.gateways, v.regions))
	}
	parts = append(parts, fmt.Sprintf("%d API calls", v.calls))
	if v.done {
		parts = append(parts, "took "+v.finished.Sub(v.started).Round(10*time.Millisecond).String())
	}
	if n := len(v.failed); n > 0 {
		unreadable := 0
		for _, f := range v.failed {
			if f.Unreadable() {
				unreadable++
			}
		}
		switch {
		case unreadable == n:
			parts = append(parts, s.Warn.Render(fmt.Sprintf("%d not readable with these credentials", n)))
		default:
			parts = append(parts, s.Bad.Render(fmt.Sprintf("%d not checked: %s", n, errorLine(v.failed[0].Err))))
		}
	}
	return fit(s.Title.Render(head)+s.Dim.Render(" · "+strings.Join(parts, " · ")), v.width)
}

func (v problemsView) View() string {
	return v.progress() + "\n" + v.list.View()
}

// findingFields is what d shows for a finding.
func findingFields(f alibaba.Finding) []field {
	return []field{
		{label: "Impact", value: f.Impact.String()}, {label: "Region", value: f.Region},
		{label: "Gateway", value: f.GatewayName}, {label: "Gateway ID", value: f.GatewayID},
		{label: "Resource", value: f.Resource}, {label: "Connection", value: f.ConnectionName},
		{label: "Connection ID", value: f.ConnectionID}, {label: "Tunnel ID", value: f.TunnelID},
		{label: "Server ID", value: f.ServerID}, {label: "What", value: f.Phase}, {label: "State", value: f.State},
		{label: "Meaning", value: f.Message},
	}
}

// openFinding opens what a finding is about as browsing there would: a
// connection's tunnels, in its own region (esc comes back to the
// overview), or the details of a gateway or server.
func (v *problemsView) openFinding() tea.Cmd {
	f, ok := v.list.selected()
	if !ok {
		return nil
	}
	if f.Connection == nil {
		return openDetail(v.c, v)
	}
	t, cmd := newTunnelsView(v.c, f.Region, *f.Connection, v.c.width, v.c.height)
	t.crumb = []string{f.Region, orDash(f.Connection.Name)}
	t.setConn(*f.Connection, nil)
	return push(&t, cmd)
}
