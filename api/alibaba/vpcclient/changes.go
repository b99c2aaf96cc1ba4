package vpcclient

import (
	"context"
	"strconv"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// Changes reads a page of the write events on q's resource from
// ActionTrail, newest first (Direction BACKWARD). The request goes through
// the same pooled SDK clients, transport, retries and call log as the VPC
// actions; only its domain differs: ActionTrail's regional endpoint
// (services/actiontrail's endpoint map, else actiontrail.<region>.aliyuncs.com),
// unless --endpoint points every call elsewhere.
func (c *Client) Changes(ctx context.Context, region string, q api.ChangeQuery, cur api.Cursor) (api.Page[api.Change], error) {
	req := actiontrail.CreateLookupEventsRequest()
	req.RegionId = region
	if c.domain == "" {
		req.Domain = actiontrail.GetEndpointMap()[region]
		if req.Domain == "" {
			req.Domain = "actiontrail." + region + ".aliyuncs.com"
		}
	}
	req.LookupAttribute = &[]actiontrail.LookupEventsLookupAttribute{{Key: "ResourceName", Value: q.ResourceID}, {Key: "EventRW", Value: "Write"}}
	size := min(max(cur.Size(), 1), 50) // MaxResults: 0 to 50
	req.MaxResults = strconv.Itoa(size)
	req.Direction = "BACKWARD"
	req.NextToken = cur.Token()
	if !q.Start.IsZero() {
		req.StartTime = q.Start.UTC().Format("2006-01-02T15:04:05Z")
	}
	if !q.End.IsZero() {
		req.EndTime = q.End.UTC().Format("2006-01-02T15:04:05Z")
	}
	resp := actiontrail.CreateLookupEventsResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		if e, ok := api.AsError(err); ok && e.Kind == api.KindPermission {
			e.Hint = "ask for RAM permission for actiontrail:LookupEvents (see README: minimal RAM policy)"
		}
		return api.Page[api.Change]{}, err
	}
	if err := checkRows("LookupEvents", len(resp.Events), size, resp.RequestId); err != nil {
		return api.Page[api.Change]{}, err
	}
	out := api.Page[api.Change]{Total: -1}
	for _, e := range resp.Events {
		if ch, ok := alibaba.ChangeFromEvent(e); ok {
			out.Items = append(out.Items, ch)
		}
	}
	if resp.NextToken != "" && len(resp.Events) > 0 {
		out.More, out.Next = true, api.TokenCursor(resp.NextToken, cur.Size())
	}
	return api.Scrubbed(out), nil
}
