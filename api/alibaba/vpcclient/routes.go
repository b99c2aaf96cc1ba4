package vpcclient

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// The route path's reads (alibaba/routepath.go), a page each: a gateway's
// routes of one kind (DescribeVpnRouteEntries custom or bgp,
// DescribeVpnPbrRouteEntries; PageSize at most 50), a VPC's route tables
// (DescribeRouteTableList by VpcId, PageSize at most 50) and a table's
// entries whose next hop is the gateway (DescribeRouteEntryList by
// RouteTableId and NextHopId, MaxResult 1 to 100, NextToken). Each page
// is kept briefly, as the customer gateways are (cgw_cache.go): the route
// path, opened again or read by the problems scan a moment later, costs
// nothing; a query marked Fresh reads again (and keeps that).

// routeTTL is how long a page of routes is used.
const routeTTL = 30 * time.Second

// routeCache keeps successful pages by key for routeTTL.
type routeCache struct {
	mu   sync.Mutex
	now  func() time.Time
	kept map[string]routeKept
}

type routeKept struct {
	at    time.Time
	value any
}

func newRouteCache() *routeCache { return &routeCache{now: time.Now, kept: map[string]routeKept{}} }

// cached returns what read gives for key, from a read younger than
// routeTTL unless fresh; a failed read is not kept.
func cached[T any](rc *routeCache, key string, fresh bool, read func() (T, error)) (T, error) {
	rc.mu.Lock()
	k, ok := rc.kept[key]
	rc.mu.Unlock()
	if ok && !fresh && rc.now().Sub(k.at) < routeTTL {
		return k.value.(T), nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	rc.mu.Lock()
	for key, old := range rc.kept { // nothing older than routeTTL is worth its memory
		if rc.now().Sub(old.at) >= routeTTL {
			delete(rc.kept, key)
		}
	}
	rc.kept[key] = routeKept{at: rc.now(), value: v}
	rc.mu.Unlock()
	return v, nil
}

func pageKey(parts []string, cur api.Cursor) string {
	return strings.Join(append(parts, fmt.Sprint(cur.Number(), cur.Size()), cur.Token()), "|")
}

// VPNRoutes reads one page of a gateway's routes of one kind.
func (c *Client) VPNRoutes(ctx context.Context, region string, q alibaba.RouteQuery, cur api.Cursor) (api.Page[alibaba.VPNRoute], error) {
	return cached(c.routes, pageKey([]string{"routes", region, q.GatewayID, q.Kind}, cur), q.Fresh, func() (api.Page[alibaba.VPNRoute], error) {
		if q.Kind == alibaba.RoutePolicy {
			return c.policyRoutes(ctx, region, q.GatewayID, cur)
		}
		return c.vpnRoutes(ctx, region, q.GatewayID, q.Kind, cur)
	})
}

func (c *Client) vpnRoutes(ctx context.Context, region, gatewayID, kind string, cur api.Cursor) (api.Page[alibaba.VPNRoute], error) {
	req := vpc.CreateDescribeVpnRouteEntriesRequest()
	req.RegionId, req.VpnGatewayId, req.RouteEntryType = region, gatewayID, kind
	req.PageNumber, req.PageSize = pageParams(cur)
	resp := vpc.CreateDescribeVpnRouteEntriesResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return api.Page[alibaba.VPNRoute]{}, err
	}
	got := resp.VpnRouteEntries.VpnRouteEntry
	if err := checkRows("DescribeVpnRouteEntries", len(got), askedSize(cur), resp.RequestId); err != nil {
		return api.Page[alibaba.VPNRoute]{}, err
	}
	items := make([]alibaba.VPNRoute, 0, len(got))
	for _, r := range got {
		// The kind is the one asked for: the answer's own RouteEntryType is
		// documented both as custom/bgp (the reference page) and as
		// Custom/System (the SDK for Java's DescribeVpnRouteEntriesResponseBody),
		// so it cannot tell a BGP route.
		items = append(items, alibaba.VPNRoute{Kind: kind, Dest: r.RouteDest, Source: r.Source, NextHop: r.NextHop,
			TunnelID: r.NextHopTunnelId, Weight: r.Weight, State: r.State, AsPath: r.AsPath})
	}
	return numberedPage(items, cur, resp.TotalCount), nil
}

func (c *Client) policyRoutes(ctx context.Context, region, gatewayID string, cur api.Cursor) (api.Page[alibaba.VPNRoute], error) {
	req := vpc.CreateDescribeVpnPbrRouteEntriesRequest()
	req.RegionId, req.VpnGatewayId = region, gatewayID
	req.PageNumber, req.PageSize = pageParams(cur)
	resp := vpc.CreateDescribeVpnPbrRouteEntriesResponse()
	if err := c.call(ctx, region, req, resp); err != nil {
		return api.Page[alibaba.VPNRoute]{}, err
	}
	got := resp.VpnPbrRouteEntries.VpnPbrRouteEntry
	if err := checkRows("DescribeVpnPbrRouteEntries", len(got), askedSize(cur), resp.RequestId); err != nil {
		return api.Page[alibaba.VPNRoute]{}, err
	}
	items := make([]alibaba.VPNRoute, 0, len(got))
	for _, r := range got {
		items = append(items, alibaba.VPNRoute{Kind: alibaba.RoutePolicy, Dest: r.RouteDest, Source: r.RouteSource, NextHop: r.NextHop,
			TunnelID: r.NextHopTunnelId, Weight: r.Weight, Priority: r.Priority, State: r.State})
	}
	return numberedPage(items, cur, resp.TotalCount), nil
}

// RouteTableList reads one page of a VPC's route tables.
func (c *Client) RouteTableList(ctx context.Context, region string, q alibaba.RouteTableQuery, cur api.Cursor) (api.Page[alibaba.RouteTable], error) {
	return cached(c.routes, pageKey([]string{"tables", region, q.VpcID}, cur), q.Fresh, func() (api.Page[alibaba.RouteTable], error) {
		req := vpc.CreateDescribeRouteTableListRequest()
		req.RegionId, req.VpcId = region, q.VpcID
		req.PageNumber, req.PageSize = pageParams(cur)
		resp := vpc.CreateDescribeRouteTableListResponse()
		if err := c.call(ctx, region, req, resp); err != nil {
			return api.Page[alibaba.RouteTable]{}, err
		}
		got := resp.RouterTableList.RouterTableListType
		if err := checkRows("DescribeRouteTableList", len(got), askedSize(cur), resp.RequestId); err != nil {
			return api.Page[alibaba.RouteTable]{}, err
		}
		items := make([]alibaba.RouteTable, 0, len(got))
		for _, t := range got {
			if q.VpcID != "" && t.VpcId != "" && t.VpcId != q.VpcID {
				continue // not the VPC asked for: an answer that ignored the filter
			}
			items = append(items, alibaba.RouteTable{ID: t.RouteTableId, Name: t.RouteTableName, Type: t.RouteTableType,
				VSwitches: t.VSwitchIds.VSwitchId})
		}
		return numberedPage(items, cur, resp.TotalCount), nil
	})
}

// maxEntriesPage is DescribeRouteEntryList's largest MaxResult ("Valid
// values: 1 to 100": the SDK for Java's DescribeRouteEntryListRequest).
const maxEntriesPage = 100

// RouteEntries reads one page of a route table's entries to a gateway.
func (c *Client) RouteEntries(ctx context.Context, region string, q alibaba.RouteEntryQuery, cur api.Cursor) (api.Page[alibaba.RouteEntry], error) {
	return cached(c.routes, pageKey([]string{"entries", region, q.TableID, q.GatewayID}, cur), q.Fresh, func() (api.Page[alibaba.RouteEntry], error) {
		asked := clampSize(cur.Size(), maxEntriesPage)
		req := vpc.CreateDescribeRouteEntryListRequest()
		req.RegionId, req.RouteTableId, req.NextHopId = region, q.TableID, q.GatewayID
		req.MaxResult = requests.NewInteger(asked)
		req.NextToken = cur.Token()
		resp := vpc.CreateDescribeRouteEntryListResponse()
		if err := c.call(ctx, region, req, resp); err != nil {
			return api.Page[alibaba.RouteEntry]{}, err
		}
		got := resp.RouteEntrys.RouteEntry
		if err := checkRows("DescribeRouteEntryList", len(got), asked, resp.RequestId); err != nil {
			return api.Page[alibaba.RouteEntry]{}, err
		}
		var items []alibaba.RouteEntry
		for _, e := range got {
			items = append(items, mapRouteEntries(e)...)
		}
		next := resp.NextToken
		if next == cur.Token() {
			next = "" // the same token again would page for ever
		}
		return tokenPage(items, cur, next, -1), nil
	})
}

// mapRouteEntries is one entry per next hop: an entry with several (ECMP)
// lists them in NextHops, one with one may give it at the top only.
func mapRouteEntries(e vpc.RouteEntry) []alibaba.RouteEntry {
	base := alibaba.RouteEntry{ID: e.RouteEntryId, Name: e.RouteEntryName, Dest: e.DestinationCidrBlock,
		Type: e.Type, Status: e.Status, NextHopType: e.NextHopType, NextHopID: e.InstanceId}
	if len(e.NextHops.NextHop) == 0 {
		return []alibaba.RouteEntry{base}
	}
	out := make([]alibaba.RouteEntry, 0, len(e.NextHops.NextHop))
	for _, h := range e.NextHops.NextHop {
		r := base
		r.NextHopType, r.NextHopID = h.NextHopType, h.NextHopId
		out = append(out, r)
	}
	return out
}
