package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"
)

// awsProvider browses AWS Client VPN endpoints.
type awsProvider struct {
	client   aws.Client
	region   string
	endpoint string
}

// NewAWS is the AWS Client VPN provider on client, starting in region
// (default us-east-1); endpoint is what the status line says of it.
func NewAWS(client aws.Client, region, endpoint string) Provider {
	if region == "" {
		region = aws.DefaultRegion
	}
	// Both come from flags, env vars or files: text, never a terminal sequence.
	return &awsProvider{client: client, region: api.Printable(region), endpoint: api.Printable(endpoint)}
}

func (p *awsProvider) Name() string     { return "AWS" }
func (p *awsProvider) Region() string   { return p.region }
func (p *awsProvider) Endpoint() string { return p.endpoint }
func (p *awsProvider) RegionIDs() []string {
	ids := make([]string, len(aws.Regions))
	for i, r := range aws.Regions {
		ids[i] = r.ID
	}
	return ids
}
func (p *awsProvider) Regions(context.Context) ([]api.Region, error) { return aws.Regions, nil }
func (p *awsProvider) attach(c *common)                              { c.aws = p.client }
func (p *awsProvider) Root(c *common) rootPane {
	e := newEndpointsPane(c)
	return &e
}

func (p *awsProvider) Keys(k *keymap.KeyMap, readOnly bool) {
	k.List.Create.SetEnabled(false)
	k.List.Logs.SetEnabled(true) // an endpoint's connection log; a VPN connection's or tunnel's activity log
	k.List.Terminate.SetEnabled(!readOnly)
	k.List.TerminateUser.SetEnabled(!readOnly)
	k.List.Explain.SetEnabled(true)
	k.Global.Problems.SetEnabled(true) // every enabled region (s2s_problems.go)
}

func (p *awsProvider) Legend() []string {
	return []string{
		"   ● ◐ ◌ ✗  available, associating, pending, going",
		"   ••••     secret: d, then s shows",
		"   ≠        Site-to-Site: the two tunnels' option differs",
	}
}

func (p *awsProvider) Commands() []command {
	return []command{
		{name: "endpoints", desc: "back to the endpoint list", run: func(*common, string) tea.Cmd { return popToRoot }},
		{name: "gateways", desc: "Site-to-Site VPN: virtual private and transit gateways, their connections and tunnels", run: openS2SGateways},
	}
}

func (p *awsProvider) Problems(c *common) tea.Cmd            { return openAWSProblems(c) }
func (p *awsProvider) OpenByID(c *common, id string) tea.Cmd { return openAWSByID(c, id) }
