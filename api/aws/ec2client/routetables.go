package ec2client

import (
	"context"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// A VPC's route tables, for the route path of a connection on a virtual
// private gateway: DescribeRouteTables filtered by vpc-id, every page.
// A VPC's tables are read once and kept for routeTTL, shared by every
// caller in that time (the route paths of a gateway's connections, the
// problems scan, a view opened again), as the customer gateways are
// (cgw_cache.go); a fresh query reads them again.

// routeTTL is how long a VPC's route tables are used once read: short,
// for a route is what a user changes while looking at it.
const routeTTL = 15 * time.Second

// routeTablePage is DescribeRouteTables' largest page (MaxResults 5–100).
const routeTablePage = 100

// maxRouteTablePages bounds one VPC's walk: 10,000 route tables, far
// above the quota of 200 a VPC.
const maxRouteTablePages = 100

// RouteTables lists a VPC's route tables.
func (c *Client) RouteTables(ctx context.Context, region string, q aws.RouteTableQuery) ([]aws.RouteTable, error) {
	items, err := c.routes.get(ctx, region+"/"+q.VpcID, q.Fresh, func(ctx context.Context) ([]aws.RouteTable, error) {
		return c.describeRouteTables(ctx, region, q.VpcID)
	})
	if err != nil && !isAPIError(err) {
		err = api.TransportError("DescribeRouteTables", err) // the caller left while it waited
	}
	return items, err
}

func isAPIError(err error) bool {
	_, ok := api.AsError(err)
	return ok
}

func (c *Client) describeRouteTables(ctx context.Context, region, vpcID string) ([]aws.RouteTable, error) {
	in := &ec2.DescribeRouteTablesInput{MaxResults: awssdk.Int32(routeTablePage),
		Filters: []types.Filter{{Name: awssdk.String("vpc-id"), Values: []string{vpcID}}}}
	return allPages(ctx, c, "DescribeRouteTables", routeTablePage, maxRouteTablePages, "route tables",
		func(token *string) (answerPage[aws.RouteTable], error) {
			in.NextToken = token
			out, err := c.ec2.DescribeRouteTables(ctx, in, inRegion(region))
			if err != nil {
				return answerPage[aws.RouteTable]{}, err
			}
			p := answerPage[aws.RouteTable]{next: out.NextToken, meta: out.ResultMetadata}
			for _, t := range out.RouteTables {
				p.rows = append(p.rows, mapRouteTable(t))
			}
			return p, nil
		})
}

func mapRouteTable(t types.RouteTable) aws.RouteTable {
	out := aws.RouteTable{ID: deref(t.RouteTableId), VpcID: deref(t.VpcId)}
	_, out.Name = tags(t.Tags)
	for _, a := range t.Associations {
		if s := a.AssociationState; s != nil && s.State != types.RouteTableAssociationStateCodeAssociated {
			continue // associating, disassociating, failed: not routing yet, or any more
		}
		switch {
		case derefBool(a.Main):
			out.Main = true
		case deref(a.SubnetId) != "":
			out.Subnets = append(out.Subnets, deref(a.SubnetId))
		case deref(a.GatewayId) != "":
			out.Gateways = append(out.Gateways, deref(a.GatewayId))
		}
	}
	for _, p := range t.PropagatingVgws {
		out.PropagatingVGWs = append(out.PropagatingVGWs, deref(p.GatewayId))
	}
	for _, r := range t.Routes {
		out.Routes = append(out.Routes, aws.VPCRoute{
			Destination: firstOf(deref(r.DestinationCidrBlock), deref(r.DestinationIpv6CidrBlock), deref(r.DestinationPrefixListId)),
			Target: firstOf(deref(r.GatewayId), deref(r.NatGatewayId), deref(r.TransitGatewayId), deref(r.VpcPeeringConnectionId),
				deref(r.NetworkInterfaceId), deref(r.InstanceId), deref(r.EgressOnlyInternetGatewayId), deref(r.LocalGatewayId),
				deref(r.CarrierGatewayId), deref(r.CoreNetworkArn)),
			Origin: string(r.Origin), State: string(r.State)})
	}
	return out
}

// firstOf is the first of ss that is not empty: a route names one
// destination and one target, each in a field of its own.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
