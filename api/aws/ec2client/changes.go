package ec2client

import (
	"context"
	"errors"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// CloudTrail, for what changed on a connection, gateway or endpoint:
// LookupEvents only, one resource and one page at a time.

// newTrailClient builds the CloudTrail client beside the EC2 one, by the
// same rules (endpoint override, retries ours, HTTPS, bounded answers,
// each exchange recorded). aws-sdk-go-v2's cloudtrail speaks AWS JSON 1.1.
func newTrailClient(cfg awssdk.Config, o Options) *cloudtrail.Client {
	return cloudtrail.NewFromConfig(cfg, func(opts *cloudtrail.Options) {
		if o.Endpoint != "" {
			opts.BaseEndpoint = awssdk.String(o.Endpoint)
		}
		opts.Retryer = awssdk.NopRetryer{}
		opts.HTTPClient = newHTTPClient(o, "json", maxTrailAnswer)
	})
}

// maxTrailAnswer bounds a LookupEvents answer: 50 events, each record a
// few KB; 4 MB is far above it.
const maxTrailAnswer = 4 << 20

// trailPages is the most LookupEvents calls one page of changes makes when
// the service's pages hold only reads: the service allows two lookups a
// second per account and region (LookupEvents: "The rate of lookup
// requests is limited to two per second, per account, per Region").
const trailPages = 3

func trailInRegion(region string) func(*cloudtrail.Options) {
	return func(o *cloudtrail.Options) {
		if region != "" {
			o.Region = region
		}
	}
}

// Changes reads the next page of write events on q's resource, newest
// first. LookupEvents takes one attribute (ResourceName), so the reads are
// dropped here; a page of reads alone is followed by the next, up to
// trailPages calls.
func (c *Client) Changes(ctx context.Context, region string, q api.ChangeQuery, cur api.Cursor) (api.Page[api.Change], error) {
	size := min(max(cur.Size(), 1), 50) // MaxResults: 1 through 50
	in := &cloudtrail.LookupEventsInput{MaxResults: awssdk.Int32(int32(size)), NextToken: nextToken(cur),
		LookupAttributes: []cttypes.LookupAttribute{{AttributeKey: cttypes.LookupAttributeKeyResourceName, AttributeValue: awssdk.String(q.ResourceID)}}}
	if !q.Start.IsZero() {
		in.StartTime = awssdk.Time(q.Start)
	}
	if !q.End.IsZero() {
		in.EndTime = awssdk.Time(q.End)
	}
	out := api.Page[api.Change]{Total: -1}
	for range trailPages {
		var res *cloudtrail.LookupEventsOutput
		err := c.retry.Do(ctx, "LookupEvents", c.onRetry, func() (err error) {
			res, err = c.trail.LookupEvents(ctx, in, trailInRegion(region))
			if errors.Is(err, errMalformed) {
				return api.ProviderError("LookupEvents", api.KindServer, 200, "MalformedResponse", "the endpoint's answer is not JSON", "", "")
			}
			if err != nil {
				return trailError(asError("LookupEvents", err))
			}
			return checkLimit("LookupEvents", len(res.Events), size, res.ResultMetadata)
		})
		if err != nil {
			return api.Page[api.Change]{}, err
		}
		for _, e := range res.Events {
			if deref(e.ReadOnly) == "true" {
				continue
			}
			out.Items = append(out.Items, changeOf(e))
		}
		out.More = deref(res.NextToken) != ""
		if out.More {
			out.Next = api.TokenCursor(*res.NextToken, cur.Size())
		}
		if len(out.Items) > 0 || !out.More {
			break
		}
		in.NextToken = res.NextToken
	}
	api.ScrubStrings(&out.Items)
	return out, nil
}

// changeOf maps an event: the summary's fields, then who, from where and
// with what from its record (aws.ChangeFromRecord masks the secrets).
func changeOf(e cttypes.Event) api.Change {
	c := api.Change{ID: deref(e.EventId), Action: deref(e.EventName), Service: deref(e.EventSource)}
	if e.EventTime != nil {
		c.Time = e.EventTime.UTC()
	}
	aws.ChangeFromRecord(&c, deref(e.CloudTrailEvent), deref(e.Username))
	return c
}

// trailError reads CloudTrail's codes (LookupEvents, Errors; Common
// Errors).
func trailError(e *api.Error) *api.Error {
	switch e.Code {
	case "AccessDeniedException", "AccessDenied", "OperationNotPermittedException":
		e.Kind, e.Hint = api.KindPermission, permissionHint("cloudtrail", "LookupEvents")
	case "ThrottlingException", "Throttling":
		e.Kind, e.Hint = api.KindThrottled, "CloudTrail is throttling this account's lookups (two a second): wait a moment, then press r"
	case "UnrecognizedClientException", "InvalidSignatureException", "InvalidClientTokenId":
		e.Kind, e.Hint = api.KindAuth, "the access key or secret is wrong: check AWS_ACCESS_KEY_ID / the profile"
	case "ServiceUnavailableException", "InternalFailure":
		e.Kind = api.KindServer
	}
	return e
}
