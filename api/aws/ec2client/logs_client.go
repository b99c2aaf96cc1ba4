package ec2client

import (
	"context"
	"errors"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// CloudWatch Logs, for the tunnel activity log and the Client VPN
// connection log: FilterLogEvents only, a window at a time, never a whole
// log group.

// newLogsClient builds the CloudWatch Logs client beside the EC2 one: the
// same credentials, endpoint override (the emulator serves both on one
// listener), timeout, retries off, and call log.
func newLogsClient(cfg awssdk.Config, o Options) *cloudwatchlogs.Client {
	return cloudwatchlogs.NewFromConfig(cfg, func(opts *cloudwatchlogs.Options) {
		if o.Endpoint != "" {
			opts.BaseEndpoint = awssdk.String(o.Endpoint)
		}
		opts.Retryer = awssdk.NopRetryer{}
		opts.HTTPClient = newHTTPClient(o, "json", maxLogsAnswer)
	})
}

func logsInRegion(region string) func(*cloudwatchlogs.Options) {
	return func(o *cloudwatchlogs.Options) {
		if region != "" {
			o.Region = region
		}
	}
}

// FilterLogEvents reads one page of a window of a log group.
func (c *Client) FilterLogEvents(ctx context.Context, region string, q aws.LogQuery) (aws.LogPage, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 500
	}
	limit = min(limit, 10000)
	in := &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String(aws.LogGroupName(q.Group)), LogStreamNames: q.Streams,
		StartTime: unixMillis(q.Start), EndTime: unixMillis(q.End), Limit: awssdk.Int32(int32(limit))}
	if q.StreamPrefix != "" {
		in.LogStreamNamePrefix = awssdk.String(q.StreamPrefix)
	}
	if q.Pattern != "" {
		in.FilterPattern = awssdk.String(q.Pattern)
	}
	if q.Token != "" {
		in.NextToken = awssdk.String(q.Token)
	}
	var out *cloudwatchlogs.FilterLogEventsOutput
	err := c.retry.Do(ctx, "FilterLogEvents", c.onRetry, func() (err error) {
		out, err = c.logs.FilterLogEvents(ctx, in, logsInRegion(region))
		if errors.Is(err, errMalformed) {
			return api.ProviderError("FilterLogEvents", api.KindServer, 200, "MalformedResponse", "the endpoint's answer is not JSON", "", "")
		}
		if err != nil {
			return logsError(asError("FilterLogEvents", err))
		}
		return checkLimit("FilterLogEvents", len(out.Events), limit, out.ResultMetadata)
	})
	if err != nil {
		return aws.LogPage{}, err
	}
	p := aws.LogPage{Events: make([]aws.LogEvent, 0, len(out.Events))}
	for _, e := range out.Events {
		p.Events = append(p.Events, aws.LogEvent{Time: time.UnixMilli(derefInt64(e.Timestamp)).UTC(), Stream: deref(e.LogStreamName),
			Message: deref(e.Message), ID: deref(e.EventId)})
	}
	// Log lines are outside text; Message stays exact so JSON still parses,
	// and ParseTunnelLog and ParseConnectionLog make what they return safe
	// for the terminal.
	for i := range p.Events {
		p.Events[i].Stream, p.Events[i].ID = api.Printable(p.Events[i].Stream), api.Printable(p.Events[i].ID)
	}
	if next := deref(out.NextToken); next != "" && next != q.Token {
		p.Next, p.More = next, true
	}
	return p, nil
}

// logsError reads CloudWatch Logs' own codes, which EC2's classify does
// not know (they come with HTTP 400).
func logsError(e *api.Error) *api.Error {
	switch e.Code {
	case "ResourceNotFoundException":
		e.Kind, e.Hint = api.KindNotFound, "the log group does not exist here: it may have been deleted, or be in another region; check the log options"
	case "AccessDeniedException":
		// CloudWatch Logs' IAM actions are its API actions, logs:<Action>
		// (Service Authorization Reference, "Actions defined by Amazon
		// CloudWatch Logs"); a policy may allow one on some log groups only.
		e.Kind, e.Hint = api.KindPermission, strings.Replace(permissionHint("logs", e.Action), " (see", " on this log group (see", 1)
	case "ThrottlingException", "LimitExceededException":
		e.Kind, e.Hint = api.KindThrottled, "CloudWatch Logs is throttling this account's calls: wait a moment, then press r"
	case "UnrecognizedClientException", "InvalidSignatureException":
		e.Kind, e.Hint = api.KindAuth, "the access key or secret is wrong: check AWS_ACCESS_KEY_ID / the profile"
	case "ServiceUnavailableException":
		e.Kind = api.KindServer
	}
	return e
}
