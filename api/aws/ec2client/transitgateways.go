package ec2client

import (
	"context"
	"slices"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// A transit gateway connection's route path: its VPN attachment
// (DescribeTransitGatewayAttachments by resource-id), the route tables it
// propagates to (GetTransitGatewayAttachmentPropagations), and a route
// table's routes (SearchTransitGatewayRoutes, one answer of up to 1000,
// active and blackhole). Each read is kept for routeTTL and shared by
// every caller in that time, as a VPC's route tables are; a fresh query
// reads again.

// transitPage is the transit gateway actions' largest page
// (TransitGatewayMaxResults, 5–1000); SearchTransitGatewayRoutes answers
// at most that many, and says whether more matched.
const transitPage = 1000

// maxTransitPages bounds a walk of attachments or propagations.
const maxTransitPages = 20

// resourceIDsPerCall bounds the resource-id filter's values in one call.
const resourceIDsPerCall = 200

type transitReads struct {
	atts   *sharedReads[aws.TGWAttachment]
	props  *sharedReads[aws.TGWPropagation]
	tables *sharedReads[aws.TGWRouteTable]
}

func newTransitReads(patience time.Duration) *transitReads {
	return &transitReads{atts: newSharedReads[aws.TGWAttachment](routeTTL, patience),
		props:  newSharedReads[aws.TGWPropagation](routeTTL, patience),
		tables: newSharedReads[aws.TGWRouteTable](routeTTL, patience)}
}

// TransitAttachments lists the VPN attachments of those connections.
func (c *Client) TransitAttachments(ctx context.Context, region string, q aws.TGWAttachmentQuery) ([]aws.TGWAttachment, error) {
	ids := slices.Compact(slices.Sorted(slices.Values(q.ConnectionIDs)))
	if len(ids) == 0 {
		return nil, nil
	}
	items, err := c.transit.atts.get(ctx, region+"/"+strings.Join(ids, ","), q.Fresh, func(ctx context.Context) ([]aws.TGWAttachment, error) {
		var out []aws.TGWAttachment
		for chunk := range slices.Chunk(ids, resourceIDsPerCall) {
			atts, err := c.describeAttachments(ctx, region, chunk)
			if err != nil {
				return nil, err
			}
			out = append(out, atts...)
		}
		return api.Scrubbed(out), nil
	})
	return items, callerLeft("DescribeTransitGatewayAttachments", err)
}

func (c *Client) describeAttachments(ctx context.Context, region string, ids []string) ([]aws.TGWAttachment, error) {
	in := &ec2.DescribeTransitGatewayAttachmentsInput{MaxResults: awssdk.Int32(transitPage), Filters: []types.Filter{
		{Name: awssdk.String("resource-type"), Values: []string{"vpn"}}, {Name: awssdk.String("resource-id"), Values: ids}}}
	return allPages(ctx, c, "DescribeTransitGatewayAttachments", transitPage, maxTransitPages, "attachments",
		func(token *string) (answerPage[aws.TGWAttachment], error) {
			in.NextToken = token
			out, err := c.ec2.DescribeTransitGatewayAttachments(ctx, in, inRegion(region))
			if err != nil {
				return answerPage[aws.TGWAttachment]{}, err
			}
			p := answerPage[aws.TGWAttachment]{next: out.NextToken, meta: out.ResultMetadata}
			for _, a := range out.TransitGatewayAttachments {
				m := aws.TGWAttachment{ID: deref(a.TransitGatewayAttachmentId), TransitGatewayID: deref(a.TransitGatewayId),
					ResourceType: string(a.ResourceType), ResourceID: deref(a.ResourceId), State: string(a.State)}
				if as := a.Association; as != nil {
					m.AssociatedTable, m.AssociationState = deref(as.TransitGatewayRouteTableId), string(as.State)
				}
				p.rows = append(p.rows, m)
			}
			return p, nil
		})
}

// TransitPropagations lists the route tables an attachment propagates to.
func (c *Client) TransitPropagations(ctx context.Context, region string, q aws.TGWPropagationQuery) ([]aws.TGWPropagation, error) {
	items, err := c.transit.props.get(ctx, region+"/"+q.AttachmentID, q.Fresh, func(ctx context.Context) ([]aws.TGWPropagation, error) {
		in := &ec2.GetTransitGatewayAttachmentPropagationsInput{TransitGatewayAttachmentId: awssdk.String(q.AttachmentID),
			MaxResults: awssdk.Int32(transitPage)}
		return allPages(ctx, c, "GetTransitGatewayAttachmentPropagations", transitPage, maxTransitPages, "propagations",
			func(token *string) (answerPage[aws.TGWPropagation], error) {
				in.NextToken = token
				out, err := c.ec2.GetTransitGatewayAttachmentPropagations(ctx, in, inRegion(region))
				if err != nil {
					return answerPage[aws.TGWPropagation]{}, err
				}
				p := answerPage[aws.TGWPropagation]{next: out.NextToken, meta: out.ResultMetadata}
				for _, x := range out.TransitGatewayAttachmentPropagations {
					p.rows = append(p.rows, aws.TGWPropagation{TableID: deref(x.TransitGatewayRouteTableId), State: string(x.State)})
				}
				return p, nil
			})
	})
	return items, callerLeft("GetTransitGatewayAttachmentPropagations", err)
}

// TransitRoutes reads a route table's routes, active and blackhole, in
// one answer: a table with more says so (Truncated), never pages on.
func (c *Client) TransitRoutes(ctx context.Context, region string, q aws.TGWRouteQuery) (aws.TGWRouteTable, error) {
	items, err := c.transit.tables.get(ctx, region+"/"+q.TableID, q.Fresh, func(ctx context.Context) ([]aws.TGWRouteTable, error) {
		in := &ec2.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableId: awssdk.String(q.TableID), MaxResults: awssdk.Int32(transitPage),
			// Filters are required: the two states a route that carries or
			// drops traffic is in match every such route.
			Filters: []types.Filter{{Name: awssdk.String("state"), Values: []string{"active", "blackhole"}}}}
		var out *ec2.SearchTransitGatewayRoutesOutput
		err := c.call(ctx, "SearchTransitGatewayRoutes", func() (err error) {
			out, err = c.ec2.SearchTransitGatewayRoutes(ctx, in, inRegion(region))
			return err
		})
		if err == nil {
			err = checkLimit("SearchTransitGatewayRoutes", len(out.Routes), transitPage, out.ResultMetadata)
		}
		if err != nil {
			return nil, err
		}
		t := aws.TGWRouteTable{ID: q.TableID, Truncated: derefBool(out.AdditionalRoutesAvailable) || deref(out.NextToken) != ""}
		for _, r := range out.Routes {
			m := aws.TGWRoute{Destination: firstOf(deref(r.DestinationCidrBlock), deref(r.PrefixListId)), Type: string(r.Type), State: string(r.State)}
			for _, a := range r.TransitGatewayAttachments {
				m.Attachments = append(m.Attachments, deref(a.TransitGatewayAttachmentId))
			}
			t.Routes = append(t.Routes, m)
		}
		return []aws.TGWRouteTable{api.Scrubbed(t)}, nil
	})
	if err != nil || len(items) != 1 {
		return aws.TGWRouteTable{ID: q.TableID}, callerLeft("SearchTransitGatewayRoutes", err)
	}
	return items[0], nil
}

// callerLeft names the action when the caller left while a shared read
// it waited for was in flight (its error is the context's, no API error).
func callerLeft(action string, err error) error {
	if err != nil && !isAPIError(err) {
		return api.TransportError(action, err)
	}
	return err
}
