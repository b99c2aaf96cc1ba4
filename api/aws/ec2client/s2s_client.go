package ec2client

import (
	"context"
	"strings"
	"sync"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// The Site-to-Site VPN calls and DescribeRegions. DescribeVpnGateways,
// DescribeVpnConnections and DescribeCustomerGateways are not paged: one
// call returns everything that matches, so a gateway's connections cost
// one call with a filter.

// Regions lists the regions the account has enabled (DescribeRegions
// without AllRegions leaves out those not opted in).
func (c *Client) Regions(ctx context.Context) ([]api.Region, error) {
	var out *ec2.DescribeRegionsOutput
	err := c.call(ctx, "DescribeRegions", func() (err error) {
		out, err = c.ec2.DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
		return err
	})
	if err != nil {
		return nil, err
	}
	regions := make([]api.Region, 0, len(out.Regions))
	for _, r := range out.Regions {
		regions = append(regions, api.Region{ID: deref(r.RegionName), Endpoint: deref(r.Endpoint)})
	}
	regions = api.Scrubbed(regions)
	c.listed.Store(&regions)
	return regions, nil
}

// VPNGateways lists a region's virtual private gateways and transit
// gateways, VGWs first. The two calls go out together, and one refused
// does not hide the other's answer: the gateways read come back beside
// the error of the call that failed (its Action names the permission), so
// the list shows them and says what it could not read, and the scan
// counts the rest unknown.
func (c *Client) VPNGateways(ctx context.Context, region string) ([]aws.VPNGateway, error) {
	var vgws, tgws []aws.VPNGateway
	var vgwErr, tgwErr error
	var wg sync.WaitGroup
	wg.Go(func() { vgws, vgwErr = c.VirtualPrivateGateways(ctx, region, nil) })
	wg.Go(func() { tgws, tgwErr = c.TransitGateways(ctx, region, nil) })
	wg.Wait()
	gws := append(vgws, tgws...)
	if vgwErr != nil {
		return gws, vgwErr
	}
	return gws, tgwErr
}

// VirtualPrivateGateways lists a region's VGWs, or those ids.
func (c *Client) VirtualPrivateGateways(ctx context.Context, region string, ids []string) ([]aws.VPNGateway, error) {
	var out *ec2.DescribeVpnGatewaysOutput
	err := c.call(ctx, "DescribeVpnGateways", func() (err error) {
		out, err = c.ec2.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{VpnGatewayIds: ids}, inRegion(region))
		return err
	})
	if err != nil {
		return nil, err
	}
	items := make([]aws.VPNGateway, 0, len(out.VpnGateways))
	for _, g := range out.VpnGateways {
		items = append(items, mapVPNGateway(g))
	}
	return api.Scrubbed(items), nil // safe for the terminal
}

// TransitGateways lists a region's transit gateways, or those ids, every
// page of them.
func (c *Client) TransitGateways(ctx context.Context, region string, ids []string) ([]aws.VPNGateway, error) {
	var items []aws.VPNGateway
	var token *string
	for {
		var out *ec2.DescribeTransitGatewaysOutput
		err := c.call(ctx, "DescribeTransitGateways", func() (err error) {
			out, err = c.ec2.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: ids,
				MaxResults: awssdk.Int32(1000), NextToken: token}, inRegion(region))
			return err
		})
		if err == nil {
			err = checkLimit("DescribeTransitGateways", len(out.TransitGateways), 1000, out.ResultMetadata)
		}
		if err != nil {
			return nil, err
		}
		for _, g := range out.TransitGateways {
			items = append(items, mapTransitGateway(g))
		}
		if deref(out.NextToken) == "" || deref(out.NextToken) == deref(token) {
			return api.Scrubbed(items), nil
		}
		token = out.NextToken
	}
}

// vpnFilters is a aws.VPNConnectionFilter in DescribeVpnConnections' terms.
func vpnFilters(f aws.VPNConnectionFilter) []types.Filter {
	if f.GatewayID == "" {
		return nil
	}
	name := "vpn-gateway-id"
	if strings.HasPrefix(f.GatewayID, "tgw-") {
		name = "transit-gateway-id"
	}
	return []types.Filter{{Name: awssdk.String(name), Values: []string{f.GatewayID}}}
}

// VPNConnections lists a region's Site-to-Site VPN connections, with
// their tunnels' telemetry and options. For a gateway's (or a region's)
// it reads the region's customer gateways beside them, so the
// CustomerGateways call that follows costs no second round trip
// (cgw_cache.go); one by id (a tunnels view) has no use for them.
func (c *Client) VPNConnections(ctx context.Context, region string, f aws.VPNConnectionFilter) ([]aws.VPNConnection, error) {
	if len(f.ConnectionIDs) == 0 {
		c.cgws.read(ctx, region, func(ctx context.Context) ([]aws.CustomerGateway, error) {
			return c.describeCustomerGateways(ctx, region, nil)
		})
	}
	var out *ec2.DescribeVpnConnectionsOutput
	err := c.call(ctx, "DescribeVpnConnections", func() (err error) {
		out, err = c.ec2.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{VpnConnectionIds: f.ConnectionIDs,
			Filters: vpnFilters(f)}, inRegion(region))
		return err
	})
	if err != nil {
		return nil, err
	}
	items := make([]aws.VPNConnection, 0, len(out.VpnConnections))
	for _, x := range out.VpnConnections {
		items = append(items, mapVPNConnection(x))
	}
	return api.Scrubbed(items), nil
}

// CustomerGateways lists a region's customer gateways, or those ids: from
// the read VPNConnections started when it holds them (waiting for it if it
// is in flight), else with a call of its own.
func (c *Client) CustomerGateways(ctx context.Context, region string, ids []string) ([]aws.CustomerGateway, error) {
	fetch := func(ctx context.Context) ([]aws.CustomerGateway, error) {
		return c.describeCustomerGateways(ctx, region, nil)
	}
	r := c.cgws.cached(region)
	if r == nil && len(ids) == 0 {
		r = c.cgws.read(ctx, region, fetch) // the whole region: one read for every caller
	}
	if r != nil {
		if items, ok, err := r.wait(ctx, ids); ok {
			return items, err
		}
	}
	return c.describeCustomerGateways(ctx, region, ids)
}

func (c *Client) describeCustomerGateways(ctx context.Context, region string, ids []string) ([]aws.CustomerGateway, error) {
	var out *ec2.DescribeCustomerGatewaysOutput
	err := c.call(ctx, "DescribeCustomerGateways", func() (err error) {
		out, err = c.ec2.DescribeCustomerGateways(ctx, &ec2.DescribeCustomerGatewaysInput{CustomerGatewayIds: ids}, inRegion(region))
		return err
	})
	if err != nil {
		return nil, err
	}
	items := make([]aws.CustomerGateway, 0, len(out.CustomerGateways))
	for _, g := range out.CustomerGateways {
		items = append(items, mapCustomerGateway(g))
	}
	return api.Scrubbed(items), nil
}
