package aws

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// awsProblemsPane is the AWS problems overview: aws.Scan over every
// enabled region (calls bounded), its findings worst first, one row per
// thing to fix, under a summary line like the Alibaba Cloud view's.
// Enter on a finding opens its connection's tunnels or its endpoint,
// above the overview.
type awsProblemsPane struct {
	c *common
	ui.ListBase[aws.Finding]
	stats   *awsScanStats
	width   int
	openSeq int // the last enter on a connection: only its lookup opens
}

// What the root asks of it beyond what ListBase answers (asserted there):
// a renamed method fails here, not silently.
var (
	_ ui.Pane        = (*awsProblemsPane)(nil)
	_ ui.Regionless  = (*awsProblemsPane)(nil)
	_ ui.RawTargeter = (*awsProblemsPane)(nil)
	_ ui.Legended    = (*awsProblemsPane)(nil)
)

// awsScanStats is what the last scan read, for the summary line; the scan
// writes it from its own goroutine.
type awsScanStats struct {
	mu  sync.Mutex
	gen int // the scan whose counts these are
	scanCounts
}

type scanCounts struct {
	done                         bool
	regions, calls, conns, endps int
	journalErr                   error // the run could not be recorded
}

func newAWSProblemsPane(c *common) awsProblemsPane {
	client, maxInFlight, j, verdicts, account := c.client, 8, c.Journal, c.verdicts, c.Account
	stats := &awsScanStats{}
	spec := &ui.ListSpec[aws.Finding]{
		Noun:    "problems",
		MaxPage: 10000,
		ID:      func(f aws.Finding) string { return f.Key() },
		Text:    problemRows.Text,
		Fetch: func(ctx context.Context, _ api.Cursor) (api.Page[aws.Finding], error) {
			// Each scan counts under its own generation: a scan that r
			// replaced keeps running until its context ends, and must
			// not write into the new one's counts.
			stats.mu.Lock()
			stats.gen++
			gen := stats.gen
			stats.scanCounts = scanCounts{}
			stats.mu.Unlock()
			events := make(chan aws.ScanEvent)
			go aws.Scan(ctx, client, aws.ScanOptions{MaxInFlight: maxInFlight}, events)
			var found []aws.Finding
			var failed []string // regions not read whole: nothing there is taken as fixed
			var judged []string
			var rollups []aws.GatewayRollup
			done := false
			for e := range events {
				found = append(found, e.Findings...)
				judged, rollups = append(judged, e.Judged...), append(rollups, e.Rollups...)
				if e.RegionErr != nil {
					failed = append(failed, e.RegionErr.Region)
				}
				done = done || e.Done
				stats.mu.Lock()
				if stats.gen == gen {
					stats.calls, stats.conns, stats.endps = e.Calls, e.Connections, e.Endpoints
					if e.RegionDone != "" {
						stats.regions++
					}
					stats.done = stats.done || e.Done
				}
				stats.mu.Unlock()
			}
			if !done || ctx.Err() != nil {
				// Cut short (esc, or r started another): a partial scan
				// is neither shown nor recorded, or what it did not reach
				// would count as fixed in the journal.
				return api.Page[aws.Finding]{}, cmp.Or(ctx.Err(), errors.New("the scan ended before every region was read"))
			}
			// What could not be read (the account's regions included) is
			// an unknown finding among the others, never an empty list.
			ui.StampAccount(found, account)
			slices.SortStableFunc(found, func(a, b aws.Finding) int { return api.CompareFindings(a.Finding, b.Finding) })
			// The journal, as vpnscope problems keeps it: each finding's
			// since and flapping, each broken connection's tunnels.
			stats.mu.Lock()
			current := stats.gen == gen
			stats.mu.Unlock()
			if !current { // r started another scan: its answer is dropped, and this one is not recorded
				return api.Page[aws.Finding]{Items: found, Total: len(found)}, nil
			}
			// The lists' HEALTH columns read this scan from now on.
			verdicts.store(newScanVerdicts(found, judged, rollups))
			_, err := ui.RecordScan(j, "aws", account, found, failed)
			stats.mu.Lock()
			stats.journalErr = err
			stats.mu.Unlock()
			return api.Page[aws.Finding]{Items: found, Total: len(found)}, nil
		},
		Empty: func() string { return "Nothing is broken in any enabled region." },
		Detail: func(f aws.Finding) (string, string, []ui.Field) {
			var fields []ui.Field
			for _, d := range f.Details() {
				fields = append(fields, ui.Field{Label: d.Label, Value: d.Value})
			}
			return "Problem: " + f.Subject(), f.ResourceID, fields
		},
		Columns: problemRows.Columns(c.Common),
	}
	return awsProblemsPane{c: c, ListBase: ui.ListBase[aws.Finding]{List: ui.NewPagedList(c.Common, spec)}, stats: stats}
}

// SetSize leaves a line for the summary over the list.
func (p *awsProblemsPane) SetSize(w, h int) { p.width = w; p.List.SetSize(w, max(h-3, 1)) }

// View is the summary line over the list.
func (p *awsProblemsPane) View() string { return p.summary() + "\n" + p.List.View() }

// summary says how many problems by impact, what the scan read, what it
// cost: "11 problems (1 traffic down, 3 unknown) · 16 VPN connections, 7
// Client VPN endpoints read in 3 regions · 41 API calls"; on a narrow
// screen in fewer words, and without what matters least, never cut in a
// number.
func (p *awsProblemsPane) summary() string {
	s := p.c.Styles
	rows := p.List.Rows()
	p.stats.mu.Lock()
	st := p.stats.scanCounts
	p.stats.mu.Unlock()
	verb := "read"
	if !st.done {
		verb = "read so far"
	}
	parts := []ui.SummaryPart{{
		Long: fmt.Sprintf("%s, %s %s in %s", api.Count(st.conns, "VPN connection"), api.Count(st.endps, "Client VPN endpoint"),
			verb, api.Count(st.regions, "region")),
		Short: fmt.Sprintf("%d connections, %d endpoints %s, %s", st.conns, st.endps, verb, api.Count(st.regions, "region")),
	}}
	unknown := 0
	for _, f := range rows {
		if f.Impact == api.Unknown {
			unknown++
		}
	}
	if unknown > 0 {
		parts = append(parts, ui.SummaryPart{Long: api.Count(unknown, "part") + " could not be read (unknown)",
			Short: fmt.Sprintf("%d unread", unknown), Tone: ui.ToneWarn})
	}
	if st.journalErr != nil {
		parts = append(parts, ui.SummaryPart{Long: "not recorded: " + ui.ErrorLine(st.journalErr), Short: "not recorded", Tone: ui.ToneWarn})
	}
	parts = append(parts, ui.SummaryText(api.Count(st.calls, "API call"), ui.ToneMuted))
	return problemRows.Summary(s, rows, parts, p.width)
}

// problemRows is how the shared problems table reads a finding.
var problemRows = ui.ProblemRows[aws.Finding]{
	Core: func(f aws.Finding) *api.Finding { return &f.Finding },
	What: func(f aws.Finding) string { return f.What() },
}

// Legend is what ? says of the symbols this list uses.
func (p *awsProblemsPane) Legend() []string { return problemRows.Legend(p.List.Rows()) }

// openAWSProblems pushes the overview and starts the scan.
func openAWSProblems(c *common) tea.Cmd {
	p := newAWSProblemsPane(c)
	p.SetSize(c.Width, c.Height)
	return ui.Push(&p, p.List.Start())
}

func (p *awsProblemsPane) Handle(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(problemFoundMsg); ok {
		return p.found(m)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.List.Open) {
		if f, ok := p.List.Selected(); ok && f.Connection != nil {
			return p.openConnection(f)
		}
		if f, ok := p.List.Selected(); ok && f.Endpoint != nil {
			return p.openEndpoint(f)
		}
	}
	return p.List.Handle(msg)
}

// A finding opens as Alibaba Cloud's do: its resource's pane above the
// overview, in the finding's region (the app's stays, and so does every
// pane under the overview), so esc comes back to the list where it was,
// without a scan. Its crumbs say where it is: "all regions › problems ›
// us-east-1 › prod-vgw › branch-london".

// regional is the pane context for what a finding in region shows.
func (p *awsProblemsPane) regional(region string) *common {
	return p.c.inRegion(region)
}

// openEndpoint shows the endpoint the scan read.
func (p *awsProblemsPane) openEndpoint(f aws.Finding) tea.Cmd {
	v, cmd := newEndpointView(p.regional(f.Region), *f.Endpoint, p.c.Width, p.c.Height)
	return ui.Push(&foundEndpoint{endpointView: &v, region: f.Region}, cmd)
}

// problemFoundMsg is what a connection's lookup read beside it: its
// customer gateway and its gateway's name, as its tunnels view shows them.
type problemFoundMsg struct {
	seq    int
	id     string
	region string
	tunnel string // the finding's failing tunnel (outside IP), selected when it opens
	found  aws.Located
	err    error
}

// openConnection reads what the connection's tunnels view shows beside it
// (aws.Locate in its region: its customer gateway and gateway); the
// answer opens it, when it is the last enter's.
func (p *awsProblemsPane) openConnection(f aws.Finding) tea.Cmd {
	p.openSeq++
	seq, ctx, client, id, region, tunnel := p.openSeq, p.List.Ctx, p.c.client, f.Connection.ID, f.Region, f.TunnelID
	return tea.Batch(ui.Flash("looking up "+id+"…"), func() tea.Msg {
		l, err := aws.Locate(ctx, client, id, region)
		return problemFoundMsg{seq: seq, id: id, region: region, tunnel: tunnel, found: l, err: err}
	})
}

func (p *awsProblemsPane) found(m problemFoundMsg) tea.Cmd {
	if m.seq != p.openSeq {
		return nil
	}
	if m.err != nil {
		return ui.Flash(m.id + ": " + ui.ErrorLine(m.err))
	}
	if m.found.Connection == nil {
		return ui.Flash(m.id + ": not a VPN connection") // Locate answers for the id's kind: never
	}
	c := p.regional(m.found.Region)
	g, cgw := locatedGateways(m.found)
	t := newS2STunnelsView(c, g, *m.found.Connection, cgw)
	t.selectTunnel(m.tunnel) // the finding is about this one, not necessarily the first
	t.SetSize(p.c.Width, p.c.Height)
	return tea.Batch(ui.Flash(""), ui.Push(&foundTunnels{s2sTunnelsView: &t, region: m.found.Region}, t.readHistory()))
}

// foundTunnels is a VPN connection opened from the overview: its tunnels,
// the header saying its region and gateway, the status line its region.
type foundTunnels struct {
	*s2sTunnelsView
	region string
}

// What the root asks of it beyond what the view it wraps answers
// (asserted there): a renamed method fails here, not silently.
var (
	_ ui.Pane     = (*foundTunnels)(nil)
	_ ui.Regional = (*foundTunnels)(nil)
)

func (f *foundTunnels) Crumbs() []string {
	return append([]string{f.region, ui.OrDash(f.gw.Name)}, f.s2sTunnelsView.Crumbs()...)
}
func (f *foundTunnels) InRegion() string { return f.region }

// foundEndpoint is a Client VPN endpoint opened from the overview.
type foundEndpoint struct {
	*endpointView
	region string
}

// What the root asks of it beyond what the view it wraps answers
// (asserted there): a renamed method fails here, not silently.
var (
	_ ui.Pane     = (*foundEndpoint)(nil)
	_ ui.Regional = (*foundEndpoint)(nil)
)

func (f *foundEndpoint) Crumbs() []string {
	return append([]string{f.region}, f.endpointView.Crumbs()...)
}
func (f *foundEndpoint) InRegion() string { return f.region }

func (p *awsProblemsPane) Crumbs() []string { return []string{"problems"} }
func (p *awsProblemsPane) AllRegions() bool { return true }
func (p *awsProblemsPane) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}

// RawTarget is what the v key reads raw: the resource of the finding under the
// cursor, a VPN connection, a gateway or an endpoint; a region or the
// account has none.
func (p *awsProblemsPane) RawTarget() (ui.RawTarget, bool) {
	f, ok := p.List.Selected()
	if !ok {
		return ui.RawTarget{}, false
	}
	kind := map[string]string{"connection": aws.RawVPNConnection, "gateway": aws.RawGateway,
		"client-vpn-endpoint": aws.RawEndpoint}[f.Resource]
	if kind == "" || f.ResourceID == "" {
		return ui.RawTarget{}, false
	}
	return p.c.raw(f.Region, kind, f.ResourceID, aws.RawRef{Kind: kind, ID: f.ResourceID}), true
}
