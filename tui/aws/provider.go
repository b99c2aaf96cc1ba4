// Package aws is AWS's panes. Client VPN: the endpoint list (the root),
// an endpoint's connections, target networks, routes and authorization
// rules, its connection log. Site-to-Site VPN: virtual private and transit
// gateways, their VPN connections, a connection's two tunnels, the tunnel
// activity log. The problems overview over both, and :id for every AWS id.
// They talk to aws.Client, never to the SDK: tests run them on fakes and
// on api/aws/emulator through the real SDK.
package aws

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// provider browses AWS: Client VPN endpoints at the root, Site-to-Site
// gateways behind :gateways.
type provider struct {
	ui.InAccount
	client   aws.Client
	region   string
	endpoint string
	verdicts *verdictStore // the last whole problems scan's, across regions
}

// What the app asks of it: a renamed method fails here, not silently.
var (
	_ ui.Provider  = (*provider)(nil)
	_ ui.IDForms   = (*provider)(nil)
	_ ui.IDShapes  = (*provider)(nil)
	_ ui.Accounted = (*provider)(nil)
)

// NewProvider is the AWS provider on client, starting in region
// (default us-east-1); endpoint is what the status line says of it.
func NewProvider(client aws.Client, region, endpoint string) ui.Provider {
	if region == "" {
		region = aws.DefaultRegion
	}
	// Both come from flags, env vars or files: text, never a terminal sequence.
	return &provider{client: client, region: api.Printable(region), endpoint: api.Printable(endpoint), verdicts: &verdictStore{}}
}

func (p *provider) Name() string     { return "AWS" }
func (p *provider) Region() string   { return p.region }
func (p *provider) Endpoint() string { return p.endpoint }
func (p *provider) RegionIDs() []string {
	ids := make([]string, len(aws.Regions))
	for i, r := range aws.Regions {
		ids[i] = r.ID
	}
	return ids
}

// Regions are those the account has enabled (DescribeRegions, which
// without AllRegions lists only "Regions that are enabled for your
// account": opt-in-not-required and opted-in; EC2 API Reference,
// DescribeRegions), then the rest of the partition's, not enabled. When
// the call fails, every region, and why it is not known which are on.
func (p *provider) Regions(ctx context.Context) ([]api.Region, error) {
	on, err := p.client.Regions(ctx)
	if err != nil {
		return aws.Regions, err
	}
	enabled := map[string]bool{}
	for _, r := range on {
		enabled[r.ID] = true
	}
	var out, rest []api.Region
	for _, r := range aws.Regions {
		if enabled[r.ID] {
			out = append(out, r)
			delete(enabled, r.ID)
		} else {
			r.NotEnabled = true
			rest = append(rest, r)
		}
	}
	for _, r := range on { // one the table does not know yet
		if enabled[r.ID] {
			out = append(out, api.Region{ID: r.ID})
		}
	}
	return append(out, rest...), nil
}

// with is the app's context with this provider's client, for its panes.
func (p *provider) with(c *ui.Common) *common {
	return &common{Common: c, client: p.client, verdicts: p.verdicts}
}

func (p *provider) Root(ctx *ui.Common) ui.RootPane {
	c := p.with(ctx)
	e := newEndpointsPane(c)
	return &e
}

func (p *provider) Keys(k *keymap.KeyMap, readOnly bool) {
	k.List.Create.SetEnabled(false)
	k.List.Logs.SetEnabled(true) // an endpoint's connection log; a VPN connection's or tunnel's activity log
	k.List.Terminate.SetEnabled(!readOnly)
	k.List.TerminateUser.SetEnabled(!readOnly)
	k.List.Explain.SetEnabled(true)
	k.List.RoutePath.SetEnabled(true)  // a Site-to-Site connection's (routepath.go)
	k.Global.Problems.SetEnabled(true) // every enabled region (problems.go)
}

func (p *provider) Legend() []string {
	return append(ui.VerdictLegend(),
		"   ••••     secret: d, then s shows",
		"   ≠        Site-to-Site: the two tunnels' option differs",
	)
}

func (p *provider) Commands() []ui.Command {
	return []ui.Command{
		{Name: "endpoints", Desc: "back to the endpoint list", Run: func(*ui.Common, string) tea.Cmd { return ui.PopToRoot }},
		{Name: "gateways", Desc: "Site-to-Site VPN: virtual private and transit gateways, their connections and tunnels", Run: func(c *ui.Common, _ string) tea.Cmd { return openS2SGateways(p.with(c)) }},
	}
}

// IDForms are the ids :id opens, for its example (aws.IDKind has them all).
func (p *provider) IDForms() []string { return []string{"vpn-…", "vgw-…", "cvpn-endpoint-…"} }

// OwnsID: the prefix and 8 or 17 hexadecimal digits EC2 gives its ids.
func (p *provider) OwnsID(id string) bool { return aws.IsID(id) }

// IDProblem: an id with an AWS prefix (aws.IDKind) without the digits EC2
// gives (aws.IsID: 8 or 17 hexadecimal; EC2 User Guide, Resource IDs).
func (p *provider) IDProblem(id string) string {
	kind := aws.IDKind(id)
	if kind == "" || aws.IsID(id) {
		return ""
	}
	return fmt.Sprintf("%s is no AWS id: %s- is followed by 8 or 17 hexadecimal digits", id, kind)
}

func (p *provider) Problems(c *ui.Common) tea.Cmd            { return openAWSProblems(p.with(c)) }
func (p *provider) OpenByID(c *ui.Common, id string) tea.Cmd { return openAWSByID(p.with(c), id) }
