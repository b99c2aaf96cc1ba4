package alibaba

import (
	"context"
	"fmt"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/keymap"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// problemsView is the overview of what is broken in every region. The scan
// streams its findings; rows appear as they arrive, worst first, and a
// progress line says how far it got and what it cost.
type problemsView struct {
	c *common
	ui.ListBase[alibaba.Finding]
	seq  int // the scan this view waits for
	stop context.CancelFunc

	started  time.Time
	finished time.Time
	done     bool
	calls    int
	regions  int // regions whose gateway list is in
	gateways int // gateways found so far
	checked  int // gateways done
	read     int // gateways whose connections were all read
	failed   []alibaba.RegionError
	known    map[string]bool // finding keys of the scan before, to mark new ones
	seen     map[string]bool // finding keys of this scan
	width    int
	height   int
}

// What the root asks of it beyond what ListBase answers (asserted there):
// a renamed method fails here, not silently.
var (
	_ ui.Pane        = (*problemsView)(nil)
	_ ui.Regionless  = (*problemsView)(nil)
	_ ui.RawTargeter = (*problemsView)(nil)
	_ ui.Legended    = (*problemsView)(nil)
)

// problemRows is how the shared problems table reads a finding: the
// model every provider shares, and its cause in words ("phase 2 down").
var problemRows = ui.ProblemRows[alibaba.Finding]{
	Core: func(f alibaba.Finding) *api.Finding { return &f.Finding },
	What: alibaba.Finding.What,
}

// scanEventMsg is one event of scan seq; ok is false when the scan ended.
type scanEventMsg struct {
	seq   int
	event alibaba.ScanEvent
	ok    bool
	next  <-chan alibaba.ScanEvent // where the event after it comes from
}

func newProblemsView(c *common, w, h int) problemsView {
	spec := &ui.ListSpec[alibaba.Finding]{
		Noun: "problems",
		ID:   func(f alibaba.Finding) string { return f.Key() },
		Detail: func(f alibaba.Finding) (string, string, []ui.Field) {
			return "Problem: " + f.Subject(), f.ID(), findingFields(f)
		},
		Text:    problemRows.Text,
		Empty:   func() string { return "Nothing is broken: every connection, gateway and server checked is healthy." },
		Columns: problemRows.Columns(c.Common),
	}
	v := problemsView{c: c, ListBase: ui.ListBase[alibaba.Finding]{List: ui.NewPagedList(c.Common, spec)}, known: map[string]bool{}}
	v.List.StreamStarted()
	v.SetSize(w, h)
	return v
}

// Start begins a scan, keeping the rows of the one before on screen until
// the new one has checked everything (a re-check marks what is new).
func (v *problemsView) Start() tea.Cmd {
	if v.stop != nil {
		v.stop()
	}
	if v.done {
		v.known = map[string]bool{}
		for _, f := range v.List.Rows() {
			v.known[f.Key()] = true
		}
		v.List.ForgetChanges()
	}
	ctx, stop := context.WithCancel(v.c.Ctx)
	v.stop = stop
	v.seq = v.c.NewID()
	v.started, v.done = v.c.Now(), false
	v.calls, v.regions, v.gateways, v.checked, v.read, v.failed = 0, 0, 0, 0, 0, nil
	v.seen = map[string]bool{}
	v.List.StreamStarted()
	events := make(chan alibaba.ScanEvent, 16)
	client, seq, region, inFlight := v.c.client, v.seq, v.c.Region, v.c.MaxInFlight
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

func (v *problemsView) Close() {
	if v.stop != nil {
		v.stop()
	}
}

func (v *problemsView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.List.SetSize(w, max(h-3, 1)) // progress line, list header, list footer
}

func (v *problemsView) Handle(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(scanEventMsg); ok {
		return v.scanned(msg)
	}
	if msg, ok := msg.(findingsRecordedMsg); ok {
		if msg.seq == v.seq {
			for i := range v.List.Items {
				if a, ok := msg.seen[v.List.Items[i].Key()]; ok {
					v.List.Items[i].Since, v.List.Items[i].Flapping = a.since, a.flapping
				}
			}
			v.List.ApplyFilter()
		}
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !v.List.ClaimsKeys() && key.Matches(k, v.c.Keys.List.Open) {
		return v.openFinding()
	}
	return v.List.Handle(msg)
}

// As a pane: the list answers for most of it; refreshing is a new scan.
func (v *problemsView) Crumbs() []string { return []string{"problems"} }
func (v *problemsView) AllRegions() bool { return true }
func (v *problemsView) FetchState() (bool, error) {
	loading, _ := v.List.FetchState()
	return loading, nil
}
func (v *problemsView) Refresh() tea.Cmd      { return v.Start() }
func (v *problemsView) WatchRefresh() tea.Cmd { return v.Start() }
func (v *problemsView) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Watch,
		k.Global.Back, k.Global.Help}
}
func (v *problemsView) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{{Title: "Problems", Bindings: []key.Binding{k.List.Up, k.List.Down, k.List.Top, k.List.Bottom,
		k.List.Open, k.List.Details, k.List.Raw, k.List.Copy, k.List.Filter, k.Global.Problems}}}
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
		v.done, v.finished = true, v.c.Now()
		v.List.StreamEnded(v.c.Now())
		v.dropResolved()
		return recordFindings(v.c.Journal, v.c.Account, v.seq, slices.Clone(v.List.Items), v.failed)
	case e.RegionErr != nil:
		v.failed = append(v.failed, *e.RegionErr)
	case e.Checked != nil:
		v.checked++
		if !e.Checked.Failed {
			v.read++
		}
	case e.RegionFound != "":
		v.regions++
	}
	v.gateways += e.Gateways
	if len(e.Findings) > 0 {
		ui.StampAccount(e.Findings, v.c.Account)
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
	v.List.InsertSorted(fresh, alibaba.CompareFindings, func(f alibaba.Finding) bool { return marking && !v.known[f.Key()] })
}

// dropResolved removes the findings of the scan before that this one no
// longer found: they were fixed.
func (v *problemsView) dropResolved() {
	v.List.KeepOnly(func(f alibaba.Finding) bool { return v.seen[f.Key()] })
}

// progress is the line over the list: how many problems by impact, how
// far the scan got (what was read, said as such), what it cost; on a
// narrow screen in fewer words, and without what matters least, never cut
// in a number.
func (v *problemsView) progress() string {
	s := v.c.Styles
	regions := api.Count(v.regions, "region")
	read := ui.SummaryPart{Long: fmt.Sprintf("%d of %d gateways' connections read in %s", v.read, v.gateways, regions),
		Short: fmt.Sprintf("%d of %d gateways read, %s", v.read, v.gateways, regions)}
	if !v.done {
		read.Long = fmt.Sprintf("%d of %d gateways checked, %s", v.checked, v.gateways, regions)
		read.Short = read.Long
	}
	parts := []ui.SummaryPart{read}
	if n := len(v.failed); n > 0 {
		// Each is an unknown finding below; this says why, in short.
		unreadable := 0
		for _, f := range v.failed {
			if f.Unreadable() {
				unreadable++
			}
		}
		switch {
		case unreadable == n:
			parts = append(parts, ui.SummaryText(fmt.Sprintf("%s refused to these credentials", api.Count(n, "read")), ui.ToneWarn))
		default:
			failed := api.Count(n, "read") + " failed"
			parts = append(parts, ui.SummaryPart{Long: failed + ": " + ui.ErrorLine(v.failed[0].Err), Short: failed, Tone: ui.ToneBad})
		}
	}
	parts = append(parts, ui.SummaryText(api.Count(v.calls, "API call"), ui.ToneMuted))
	if v.done {
		parts = append(parts, ui.SummaryText("took "+v.finished.Sub(v.started).Round(10*time.Millisecond).String(), ui.ToneMuted))
	}
	return problemRows.Summary(s, v.List.Rows(), parts, v.width)
}

// Legend is what ? says of the symbols this list uses.
func (v *problemsView) Legend() []string { return problemRows.Legend(v.List.Rows()) }

func (v problemsView) View() string {
	return v.progress() + "\n" + v.List.View()
}

// findingFields is what d shows for a finding: the location fields that
// apply, the cause, its consequences, the other causes, what could not be
// read and why (api.Finding.Details, as on every provider).
func findingFields(f alibaba.Finding) []ui.Field {
	var out []ui.Field
	for _, d := range f.Details() {
		out = append(out, ui.Field{Label: d.Label, Value: d.Value})
	}
	return out
}

// openFinding opens what a finding is about as browsing there would: a
// connection's tunnels, in its own region (esc comes back to the
// overview), or the details of a gateway or server.
func (v *problemsView) openFinding() tea.Cmd {
	f, ok := v.List.Selected()
	if !ok {
		return nil
	}
	if f.Connection == nil {
		return ui.OpenDetail(v.c.Common, v)
	}
	return ui.Push(openFindingTunnels(v.c, f))
}

// openFindingTunnels is a finding's connection's tunnels, in the finding's
// region, with its tunnel picked (the finding is about that one, which
// need not be the first failing): as the problems view and the overview
// of every provider open it.
func openFindingTunnels(c *common, f alibaba.Finding) (ui.Pane, tea.Cmd) {
	t, cmd := newTunnelsView(c, f.Region, *f.Connection, c.Width, c.Height)
	t.crumb = []string{f.Region, ui.OrDash(f.Connection.Name)}
	t.setConn(*f.Connection, nil)
	t.pickTunnel(f.TunnelID)
	t.sc.SetLines(t.lines())
	return &t, cmd
}

var _ ui.Settler = scanEventMsg{}

func (m scanEventMsg) Settled() bool { return m.event.Done }

// RawTarget is what the v key reads raw: the resource of the finding under the
// cursor.
func (v *problemsView) RawTarget() (ui.RawTarget, bool) {
	f, ok := v.List.Selected()
	if !ok {
		return ui.RawTarget{}, false
	}
	kind, id := f.Resource, f.ResourceID
	if kind == "tunnel" {
		kind, id = "connection", f.ConnectionID // a tunnel is an item of its connection
	}
	return v.c.raw(f.Region, kind, id), true
}
