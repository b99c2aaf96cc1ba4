package alibaba

import (
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/alibaba"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The provider's part of the overview of every provider: the same scan as
// its own problems view (problems.go), recorded in the journal the same
// way, its findings in the shape every provider shares.

var _ ui.FindingsScanner = (*provider)(nil)

// ScanFindings scans every region, starting with the one browsed, and
// records the whole scan in the journal once every region is read; the
// gateway and connection lists show what it found as they do after
// Alibaba Cloud's own P.
func (p *provider) ScanFindings(c *ui.Common) <-chan ui.ScanUpdate {
	events := make(chan alibaba.ScanEvent, 16)
	go alibaba.Scan(c.Ctx, p.client, alibaba.ScanOptions{MaxInFlight: c.MaxInFlight, First: c.Region}, events)
	seq := c.NewID() // this scan's, for the route verdicts it notes
	return ui.RelayScan(c, "alibaba", events, func(e alibaba.ScanEvent) ui.ScanStep[alibaba.Finding] {
		// What the lists show of this scan, as after Alibaba Cloud's own
		// P: each gateway's counts, each connection's route verdict.
		if e.Checked != nil {
			p.rollups.put(*e.Checked)
		}
		if len(e.Findings) > 0 {
			p.routes.note(seq, e.Findings)
		}
		s := ui.ScanStep[alibaba.Finding]{Findings: e.Findings, Calls: e.Calls, Done: e.Done}
		if e.RegionErr != nil {
			s.Failed = e.RegionErr.Region
		}
		return s
	}, p.found)
}

// found is fs as the overview shows them, each opening as the
// provider's own overview opens it.
func (p *provider) found(fs []alibaba.Finding) []ui.Found {
	out := make([]ui.Found, len(fs))
	for i, f := range fs {
		out[i] = ui.Found{Finding: f.Finding, What: f.What(), Open: func(c *ui.Common) tea.Cmd { return p.openFound(c, f) }}
	}
	return out
}

// openFound opens what f is about: a connection's tunnels in its own
// region, or the details of a gateway or server.
func (p *provider) openFound(c *ui.Common, f alibaba.Finding) tea.Cmd {
	return func() tea.Msg {
		return ui.PushMsg{Build: func() (ui.Pane, tea.Cmd) {
			if f.Connection == nil {
				d := ui.NewDetailView(c, "Problem: "+f.Subject(), f.ID(), findingFields(f), c.Width, c.Height)
				return &d, nil
			}
			return openFindingTunnels(p.with(c), f)
		}}
	}
}
