package aws

import (
	"context"

	"github.com/vpnscope/vpnscope/api/aws"
)

// The fake's transit gateway side: it has no transit gateway, so none of
// its connections has an attachment.

func (f *fakeAWS) TransitAttachments(context.Context, string, aws.TGWAttachmentQuery) ([]aws.TGWAttachment, error) {
	f.Count("TransitAttachments")
	return nil, nil
}

func (f *fakeAWS) TransitPropagations(context.Context, string, aws.TGWPropagationQuery) ([]aws.TGWPropagation, error) {
	f.Count("TransitPropagations")
	return nil, nil
}

func (f *fakeAWS) TransitRoutes(_ context.Context, _ string, q aws.TGWRouteQuery) (aws.TGWRouteTable, error) {
	f.Count("TransitRoutes")
	return aws.TGWRouteTable{ID: q.TableID}, nil
}
