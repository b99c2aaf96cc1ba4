package tui

// The problems overview of every provider (P or :problems with more than
// one provider that can scan): each provider's scan, as its own overview
// runs and records it, merged into one list, worst first, with a PROVIDER
// column. Enter opens the resource in its cloud: the app switches to that
// provider as p does, and the resource opens above the overview, in the
// finding's region, so esc comes back to the same row without a rescan.

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// overview is the list of every provider's findings.
type overview struct {
	c *ui.Common
	ui.ListBase[overviewRow]
	providers []ui.Provider // by index in the app's providers; nil where one cannot scan
	regions   []string      // where each provider's scan starts: where it is browsed
	seq       int           // the scan the overview waits for
	stop      context.CancelFunc
	openSeq   int // the last enter: only its answer opens

	calls      []int  // by provider, so far
	done       []bool // by provider: every region read and recorded
	ended      []bool // by provider: its updates are over
	finished   bool   // every provider's updates are over
	journalErr error
	known      map[string]bool // row ids of the scan before, to mark new ones
	width      int
}

// What the root asks of it beyond what ListBase answers (asserted there):
// a renamed method fails here, not silently.
var (
	_ ui.Pane     = (*overview)(nil)
	_ ui.Legended = (*overview)(nil)
	_ ui.Regional = (*overview)(nil)
)

// overviewRow is a finding and the provider (its index) it is from.
type overviewRow struct {
	ui.Found
	provider int
}

// id is a row's identity: a provider's finding key is unique in its scan.
func (r overviewRow) id() string { return fmt.Sprint(r.provider) + "|" + r.Key() }

// compareRows is worst first, then as every provider orders findings,
// then by account and provider, so that two accounts' same ids are two
// rows, never one replacing the other.
func compareRows(a, b overviewRow) int {
	return cmp.Or(api.CompareFindings(a.Finding, b.Finding), cmp.Compare(a.Account, b.Account),
		cmp.Compare(a.provider, b.provider))
}

// overviewScanMsg is an update of scan seq from one provider; ok is false
// when that provider's updates are over.
type overviewScanMsg struct {
	seq, provider int
	update        ui.ScanUpdate
	ok            bool
	next          <-chan ui.ScanUpdate
}

// openingFindingMsg says a finding is being opened and carries the call
// that opens it: the root puts up the note before the call starts, so the
// note cannot come after the view it announces (a flash batched beside
// the call could, and stood under the opened view).
type openingFindingMsg struct {
	note string
	open tea.Cmd
}

// openFindingMsg is what a finding's Open answered (a push, or why not),
// for the provider it is from: the root switches to that provider first.
type openFindingMsg struct {
	seq, provider int
	msg           tea.Msg
}

var overviewRows = ui.ProblemRows[overviewRow]{
	Core: func(r overviewRow) *api.Finding { return &r.Finding },
	What: func(r overviewRow) string { return r.What },
}

// manyClouds reports whether providers are of more than one cloud.
func manyClouds(providers []ui.Provider) bool {
	var first string
	for _, p := range providers {
		if p == nil {
			continue
		}
		if first == "" {
			first = p.Name()
		} else if p.Name() != first {
			return true
		}
	}
	return false
}

// manyAccounts reports whether any provider browses one account of
// several.
func manyAccounts(providers []ui.Provider) bool {
	return slices.ContainsFunc(providers, func(p ui.Provider) bool { return p != nil && ui.AccountOf(p).Name != "" })
}

// idSuffix is " (123456789012)", or "" without an id.
func idSuffix(id string) string {
	if id == "" {
		return ""
	}
	return " (" + id + ")"
}

// scanners are the providers that can scan, by index; nil where one
// cannot.
func scanners(providers []ui.Provider) ([]ui.Provider, int) {
	out, n := make([]ui.Provider, len(providers)), 0
	for i, p := range providers {
		if _, ok := p.(ui.FindingsScanner); ok {
			out[i], n = p, n+1
		}
	}
	return out, n
}

func newOverview(c *ui.Common, providers []ui.Provider, regions []string) *overview {
	o := &overview{c: c, regions: regions, known: map[string]bool{}}
	o.providers, _ = scanners(providers)
	name := func(r overviewRow) string { return providers[r.provider].Name() }
	account := func(r overviewRow) string { return api.OrDash(r.Account) }
	cols := overviewRows.Columns(c)
	// The provider and the account after the region, and at 80 columns
	// too, each where there is more than one: RESOURCE starts narrower
	// than on one provider's list to leave them room (a wider screen
	// gives RESOURCE back what it needs); WHAT, SINCE and GATEWAY give
	// way first.
	cols[1].Width = 14
	var more []ui.Column[overviewRow]
	if manyClouds(providers) {
		more = append(more, ui.Column[overviewRow]{Title: "PROVIDER", Width: 8, Max: 24, Cell: name})
	}
	if manyAccounts(providers) {
		more = append(more, ui.Column[overviewRow]{Title: "ACCOUNT", Width: 8, Max: 24, Cell: account})
		// Which account a row is in matters more at 80 columns than the
		// message's second word: the message gives way (d shows it whole).
		cols[len(cols)-1].Min = 12
	}
	cols = append(cols[:3:3], append(more, cols[3:]...)...)
	spec := &ui.ListSpec[overviewRow]{
		Noun: "problems",
		ID:   overviewRow.id,
		Text: func(r overviewRow) string { return overviewRows.Text(r) + " " + name(r) + " " + r.Account },
		Detail: func(r overviewRow) (string, string, []ui.Field) {
			fields := []ui.Field{{Label: "Provider", Value: name(r)}}
			if r.Account != "" {
				fields = append(fields, ui.Field{Label: "Account", Value: r.Account + idSuffix(r.AccountID)})
			}
			for _, d := range r.Details() {
				fields = append(fields, ui.Field{Label: d.Label, Value: d.Value})
			}
			return "Problem: " + r.Subject(), r.ResourceID, fields
		},
		Empty:   func() string { return "Nothing is broken in any region of any provider." },
		Columns: cols,
	}
	o.ListBase = ui.ListBase[overviewRow]{List: ui.NewPagedList(c, spec)}
	return o
}

// Start begins a scan on every provider at once, keeping the rows of the
// one before on screen until each provider has read everything (a re-check
// marks what is new).
func (o *overview) Start() tea.Cmd {
	if o.stop != nil {
		o.stop()
	}
	if o.finished {
		o.known = map[string]bool{}
		for _, r := range o.List.Rows() {
			o.known[r.id()] = true
		}
		o.List.ForgetChanges()
	}
	ctx, stop := context.WithCancel(o.c.Ctx)
	o.stop, o.seq, o.finished, o.journalErr = stop, o.c.NewID(), false, nil
	n := len(o.providers)
	o.calls, o.done, o.ended = make([]int, n), make([]bool, n), make([]bool, n)
	o.List.StreamStarted()
	var cmds []tea.Cmd
	for i, p := range o.providers {
		if p == nil {
			o.ended[i] = true
			continue
		}
		sc := *o.c
		sc.Ctx, sc.Region, sc.Account = ctx, o.regions[i], ui.AccountOf(p)
		cmds = append(cmds, waitOverview(p.(ui.FindingsScanner).ScanFindings(&sc), o.seq, i))
	}
	return tea.Batch(cmds...)
}

// waitOverview delivers a provider's next update; the overview asks again
// for each.
func waitOverview(updates <-chan ui.ScanUpdate, seq, provider int) tea.Cmd {
	return func() tea.Msg {
		u, ok := <-updates
		return overviewScanMsg{seq: seq, provider: provider, update: u, ok: ok, next: updates}
	}
}

func (o *overview) Close() {
	if o.stop != nil {
		o.stop()
	}
	o.List.Close()
}

func (o *overview) SetSize(w, h int) {
	o.width = w
	o.List.SetSize(w, max(h-3, 1)) // the summary, the list's header and footer
}

func (o *overview) Handle(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(overviewScanMsg); ok {
		return o.scanned(m)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !o.List.ClaimsKeys() && key.Matches(k, o.c.Keys.List.Open) {
		return o.open()
	}
	return o.List.Handle(msg)
}

func (o *overview) scanned(m overviewScanMsg) tea.Cmd {
	if m.seq != o.seq {
		return nil // a scan replaced or left
	}
	if !m.ok {
		o.ended[m.provider] = true
		if !o.finished && !slices.Contains(o.ended, false) {
			o.finished = true
			o.List.StreamEnded(o.c.Now())
		}
		return nil
	}
	u := m.update
	o.calls[m.provider] = max(o.calls[m.provider], u.Calls)
	rows := make([]overviewRow, len(u.Found))
	for i, f := range u.Found {
		rows[i] = overviewRow{Found: f, provider: m.provider}
	}
	if u.Done {
		// The whole scan, recorded: what this provider had and no longer
		// has was fixed; the rest takes its since and flapping.
		o.done[m.provider] = true
		o.journalErr = cmp.Or(o.journalErr, u.JournalErr)
		in := map[string]bool{}
		for _, r := range rows {
			in[r.id()] = true
		}
		o.List.KeepOnly(func(r overviewRow) bool { return r.provider != m.provider || in[r.id()] })
	}
	marking := len(o.known) > 0
	o.List.InsertSorted(rows, compareRows, func(r overviewRow) bool { return marking && !o.known[r.id()] })
	return waitOverview(m.next, m.seq, m.provider)
}

// open asks the selected finding's provider to open it; the answer goes
// through the root, which switches to that provider first.
func (o *overview) open() tea.Cmd {
	r, ok := o.List.Selected()
	if !ok || r.Open == nil {
		return nil
	}
	o.openSeq++
	seq, open, note := o.openSeq, r.Open(o.c), "opening "+r.Subject()+"…"
	return func() tea.Msg {
		return openingFindingMsg{note: note, open: func() tea.Msg {
			return openFindingMsg{seq: seq, provider: r.provider, msg: open()}
		}}
	}
}

// summary is the line over the list: how many problems by impact, which
// providers are read, what it cost; shorter on a narrow screen.
func (o *overview) summary() string {
	var reading []string
	read, calls := 0, 0
	for i, p := range o.providers {
		if p == nil {
			continue
		}
		calls += o.calls[i]
		if o.done[i] {
			read++
		} else if !o.ended[i] {
			reading = append(reading, providerLabel(p))
		}
	}
	scanning := 0
	for _, p := range o.providers {
		if p != nil {
			scanning++
		}
	}
	noun := "providers"
	if manyAccounts(o.providers) {
		noun = "accounts"
	}
	parts := []ui.SummaryPart{{Long: fmt.Sprintf("%d of %d %s read in every region", read, scanning, noun),
		Short: fmt.Sprintf("%d of %d %s read", read, scanning, noun)}}
	if len(reading) > 0 {
		parts = append(parts, ui.SummaryPart{Long: "reading " + strings.Join(reading, ", "), Short: "reading", Tone: ui.ToneMuted})
	} else if read < scanning {
		parts = append(parts, ui.SummaryText(api.Count(scanning-read, "scan")+" cut short: not recorded", ui.ToneWarn))
	}
	if o.journalErr != nil {
		parts = append(parts, ui.SummaryPart{Long: "not recorded: " + ui.ErrorLine(o.journalErr), Short: "not recorded", Tone: ui.ToneWarn})
	}
	parts = append(parts, ui.SummaryText(api.Count(calls, "API call"), ui.ToneMuted))
	return overviewRows.Summary(o.c.Styles, o.List.Rows(), parts, o.width)
}

func (o *overview) View() string { return o.summary() + "\n" + o.List.View() }

// As a pane: the list answers for most of it; refreshing is a new scan.
func (o *overview) Crumbs() []string { return []string{"problems"} }
func (o *overview) InRegion() string { return "every region" }
func (o *overview) Legend() []string { return overviewRows.Legend(o.List.Rows()) }
func (o *overview) FetchState() (bool, error) {
	loading, _ := o.List.FetchState()
	return loading, nil
}
func (o *overview) Refresh() tea.Cmd      { return o.Start() }
func (o *overview) WatchRefresh() tea.Cmd { return o.Start() }
func (o *overview) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}
func (o *overview) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{{Title: "Problems", Bindings: []key.Binding{k.List.Up, k.List.Down, k.List.Top, k.List.Bottom,
		k.List.Open, k.List.Details, k.List.Copy, k.List.Filter, k.Global.Problems}}}
}
