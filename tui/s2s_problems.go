package tui

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"
)

// awsProblemsPane is the AWS problems overview: aws.Scan over every
// enabled region (calls bounded), its findings worst first, one row per
// thing to fix. Enter on a Site-to-Site finding opens its tunnels.
type awsProblemsPane struct {
	c *common
	listBase[aws.Finding]
}

func newAWSProblemsPane(c *common) awsProblemsPane {
	client, maxInFlight := c.aws, 8
	spec := &listSpec[aws.Finding]{
		noun:    "problems",
		maxPage: 10000,
		id:      func(f aws.Finding) string { return f.Key() },
		text: func(f aws.Finding) string {
			return strings.Join([]string{f.Region, f.Subject(), f.ResourceID, f.Phase, f.State, f.Message}, " ")
		},
		fetch: func(ctx context.Context, _ api.Cursor) (api.Page[aws.Finding], error) {
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
		empty: func() string { return "Nothing is broken in any enabled region." },
		detail: func(f aws.Finding) (string, string, []field) {
			fields := []field{{label: "Impact", value: f.Impact.String()}, {label: "Region", value: f.Region},
				{label: "Resource", value: f.Resource + " " + f.ResourceID}, {label: "What", value: f.Phase + " " + f.State},
				{label: "Message", value: f.Message}}
			for _, c := range append(f.Consequences, f.Also...) {
				fields = append(fields, field{label: c.Phase, value: c.State + ": " + c.Message})
			}
			if len(f.Unchecked) > 0 {
				fields = append(fields, field{label: "Unchecked", value: strings.Join(f.Unchecked, "; ")})
			}
			return "Problem: " + f.Subject(), f.ResourceID, fields
		},
		columns: []column[aws.Finding]{
			{title: "IMPACT", width: 15, cell: func(f aws.Finding) string { return f.Impact.String() },
				paint: func(s *Styles, f aws.Finding, t string) string { return s.paint(impactTone(f.Impact), t) }},
			{title: "REGION", width: 14, cell: func(f aws.Finding) string { return f.Region }},
			{title: "RESOURCE", width: 28, cell: func(f aws.Finding) string { return f.Subject() }},
			{title: "WHAT", width: 13, cell: func(f aws.Finding) string { return f.Phase }},
			{title: "MESSAGE", min: 20, cell: func(f aws.Finding) string { return f.Summary() }},
		},
	}
	return awsProblemsPane{c: c, listBase: listBase[aws.Finding]{newPagedList(c, spec)}}
}

func impactTone(i api.Impact) tone {
	switch i {
	case api.TrafficDown:
		return toneBad
	case api.RedundancyLost, api.Degraded:
		return toneWarn
	}
	return toneMuted
}

// openAWSProblems pushes the overview and starts the scan.
func openAWSProblems(c *common) tea.Cmd {
	p := newAWSProblemsPane(c)
	p.setSize(c.width, c.height)
	return push(&p, p.list.start())
}

func (p *awsProblemsPane) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.list.claimsKeys() && key.Matches(k, p.c.keys.List.Open) {
		if f, ok := p.list.selected(); ok && f.Connection != nil {
			// The connection is in f.Region: open it by id, which switches there.
			return openAWSByID(p.c, f.Connection.ID)
		}
		if f, ok := p.list.selected(); ok && f.Endpoint != nil {
			return openAWSByID(p.c, f.Endpoint.ID)
		}
	}
	return p.list.update(msg)
}
func (p *awsProblemsPane) crumbs() []string { return []string{"problems"} }
func (p *awsProblemsPane) allRegions() bool { return true }
func (p *awsProblemsPane) hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Open, k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}
