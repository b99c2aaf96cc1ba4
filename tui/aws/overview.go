package aws

import (
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/aws"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The provider's part of the overview of every provider: the same scan as
// its own problems view (problems.go), recorded in the journal the same
// way, its findings in the shape every provider shares.

var _ ui.FindingsScanner = (*provider)(nil)

// ScanFindings scans every enabled region and records the whole scan in
// the journal once every region is read; a whole scan is also what the
// lists' HEALTH columns read from then on, as after P on AWS alone.
func (p *provider) ScanFindings(c *ui.Common) <-chan ui.ScanUpdate {
	events := make(chan aws.ScanEvent)
	ctx := c.Ctx
	go aws.Scan(ctx, p.client, aws.ScanOptions{MaxInFlight: c.MaxInFlight}, events)
	var found []aws.Finding // the steps run one after another, in the relay
	var judged []string
	var rollups []aws.GatewayRollup
	return ui.RelayScan(c, "aws", events, func(e aws.ScanEvent) ui.ScanStep[aws.Finding] {
		found, judged, rollups = append(found, e.Findings...), append(judged, e.Judged...), append(rollups, e.Rollups...)
		if e.Done && ctx.Err() == nil {
			p.verdicts.store(newScanVerdicts(found, judged, rollups))
		}
		s := ui.ScanStep[aws.Finding]{Findings: e.Findings, Calls: e.Calls, Done: e.Done}
		if e.RegionErr != nil {
			s.Failed = e.RegionErr.Region
		}
		return s
	}, p.found)
}

// found is fs as the overview shows them, each opening as the
// provider's own overview opens it.
func (p *provider) found(fs []aws.Finding) []ui.Found {
	out := make([]ui.Found, len(fs))
	for i, f := range fs {
		out[i] = ui.Found{Finding: f.Finding, What: f.What(), Open: func(c *ui.Common) tea.Cmd { return p.openFound(c, f) }}
	}
	return out
}

// openFound opens what f is about as the provider's own overview does: a
// VPN connection's tunnels (read with aws.Locate in its region, for its
// customer gateway and gateway), an endpoint, or the finding's details.
func (p *provider) openFound(c *ui.Common, f aws.Finding) tea.Cmd {
	client, ctx, regional := p.client, c.Ctx, p.with(c).inRegion
	return func() tea.Msg {
		switch {
		case f.Connection != nil:
			l, err := aws.Locate(ctx, client, f.Connection.ID, f.Region)
			if err != nil {
				return ui.FlashMsg{Text: f.Connection.ID + ": " + ui.ErrorLine(err)}
			}
			if l.Connection == nil {
				return ui.FlashMsg{Text: f.Connection.ID + ": not a VPN connection"}
			}
			return ui.PushMsg{Build: func() (ui.Pane, tea.Cmd) {
				g, cgw := locatedGateways(l)
				t := newS2STunnelsView(regional(l.Region), g, *l.Connection, cgw)
				t.selectTunnel(f.TunnelID) // as the problems view: the finding's tunnel
				t.SetSize(c.Width, c.Height)
				return &foundTunnels{s2sTunnelsView: &t, region: l.Region}, t.readHistory()
			}}
		case f.Endpoint != nil:
			return ui.PushMsg{Build: func() (ui.Pane, tea.Cmd) {
				v, cmd := newEndpointView(regional(f.Region), *f.Endpoint, c.Width, c.Height)
				return &foundEndpoint{endpointView: &v, region: f.Region}, cmd
			}}
		}
		return ui.PushMsg{Build: func() (ui.Pane, tea.Cmd) {
			var fields []ui.Field
			for _, d := range f.Details() {
				fields = append(fields, ui.Field{Label: d.Label, Value: d.Value})
			}
			d := ui.NewDetailView(c, "Problem: "+f.Subject(), f.ResourceID, fields, c.Width, c.Height)
			return &d, nil
		}}
	}
}
