package aws

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// awsProblemsPane is the AWS problems overview: aws.Scan over every
// enabled region (calls bounded), its findings worst first, one row per
// thing to fix. Enter on a Site-to-Site finding opens its tunnels.
type awsProblemsPane struct {
	c *common
	ui.ListBase[aws.Finding]
}

func newAWSProblemsPane(c *common) awsProblemsPane {
	client, maxInFlight := c.client, 8
	spec := &ui.ListSpec[aws.Finding]{
		Noun:    "problems",
		MaxPage: 10000,
		ID:      func(f aws.Finding) string { return f.Key() },
		Text: func(f aws.Finding) string {
			return strings.Join([]string{f.Region, f.Subject(), f.ResourceID, f.Phase, f.State, f.Message}, " ")
		},
		Fetch: func(ctx context.Context, _ api.Cursor) (api.Page[aws.Finding], error) {
			events := make(chan aws.ScanEvent)
			go aws.Scan(ctx, client, aws.ScanOptions{MaxInFlight: maxInFlight}, events)
			var found []aws.Finding
			var failed error
			for e := range events {
				found = append(found, e.Findings...)
				if e.RegionErr != nil && failed == nil && e.RegionErr.Region == "" {
					failed = e.RegionErr.Err // the account itself could not be read
				}
			}
			slices.SortStableFunc(found, func(a, b aws.Finding) int { return api.CompareFindings(a.Finding, b.Finding) })
			return api.Page[aws.Finding]{Items: found, Total: len(found)}, failed
		},
		Empty: func() string { return "Nothing is broken in any enabled region." },
		Detail: func(f aws.Finding) (string, string, []ui.Field) {
			fields := []ui.Field{{Label: "Impact", Value: f.Impact.String()}, {Label: "Region", Value: f.Region},
				{Label: "Resource", Value: f.Resource + " " + f.ResourceID}, {Label: "What", Value: f.Phase + " " + f.State},
				{Label: "Message", Value: f.Message}}
			for _, c := range append(f.Consequences, f.Also...) {
				fields = append(fields, ui.Field{Label: c.Phase, Value: c.State + ": " + c.Message})
			}
			if len(f.Unchecked) > 0 {
				fields = append(fields, ui.Field{Label: "Unchecked", Value: strings.Join(f.Unchecked, "; ")})
			}
			return "Problem: " + f.Subject(), f.ResourceID, fields
		},
		Columns: []ui.Column[aws.Finding]{
			{Title: "IMPACT", Width: 15, Cell: func(f aws.Finding) string { return f.Impact.String() },
				Paint: func(s *ui.Styles, f aws.Finding, t string) string { return s.Paint(impactTone(f.Impact), t) }},
			{Title: "REGION", Width: 14, Cell: func(f aws.Finding) string { return f.Region }},
			{Title: "RESOURCE", Width: 28, Cell: func(f aws.Finding) string { return f.Subject() }},
			{Title: "WHAT", Width: 13, Cell: func(f aws.Finding) string { return f.Phase }},
			{Title: "MESSAGE", Min: 20, Cell: func(f aws.Finding) string { return f.Summary() }},
		},
	}
	return awsProblemsPane{c: c, ListBase: ui.ListBase[aws.Finding]{List: ui.NewPagedList(c.Common, spec)}}
}

func impactTone(i api.Impact) ui.Tone {
	switch i {
	case api.TrafficDown:
		return ui.ToneBad
	case api.RedundancyLost, api.Degraded:
		return ui.ToneWarn
	}
	return ui.ToneMuted
}

// openAWSProblems pushes the overview and starts the scan.
func openAWSProblems(c *common) tea.Cmd {
	p := newAWSProblemsPane(c)
	p.SetSize(c.Width, c.Height)
	return ui.Push(&p, p.List.Start())
}

func (p *awsProblemsPane) Handle(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.ClaimsKeys() && key.Matches(k, p.c.Keys.List.Open) {
		if f, ok := p.List.Selected(); ok && f.Connection != nil {
			// The connection is in f.Region: open it by id, which switches there.
			return openAWSByID(p.c, f.Connection.ID)
		}
		if f, ok := p.List.Selected(); ok && f.Endpoint != nil {
			return openAWSByID(p.c, f.Endpoint.ID)
		}
	}
	return p.List.Handle(msg)
}
func (p *awsProblemsPane) Crumbs() []string { return []string{"problems"} }
func (p *awsProblemsPane) AllRegions() bool { return true }
func (p *awsProblemsPane) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}
