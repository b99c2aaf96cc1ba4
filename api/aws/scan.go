package aws

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// The AWS problems scan: every enabled region's Site-to-Site connections
// (tunnels down, BGP with no routes, logging off), gateways, and Client VPN
// endpoints (what stops them serving, connections stuck
// failed-to-terminate), with a bounded number of calls in flight. It
// reports as it goes, like the Alibaba Cloud scan.

// ScanClient is what the scan reads.
type ScanClient interface {
	Regions(ctx context.Context) ([]api.Region, error)
	VPNGateways(ctx context.Context, region string) ([]VPNGateway, error)
	VPNConnections(ctx context.Context, region string, f VPNConnectionFilter) ([]VPNConnection, error)
	CustomerGateways(ctx context.Context, region string, ids []string) ([]CustomerGateway, error)
	RouteTables(ctx context.Context, region string, q RouteTableQuery) ([]RouteTable, error)
	TGWClient // routepath_tgw.go
	Endpoints(ctx context.Context, region string, cur api.Cursor) (api.Page[Endpoint], error)
	TargetNetworks(ctx context.Context, region, endpointID string, cur api.Cursor) (api.Page[TargetNetwork], error)
	Routes(ctx context.Context, region, endpointID string, cur api.Cursor) (api.Page[Route], error)
	AuthorizationRules(ctx context.Context, region, endpointID string, cur api.Cursor) (api.Page[AuthorizationRule], error)
	Connections(ctx context.Context, region, endpointID string, f ConnectionFilter, cur api.Cursor) (api.Page[Connection], error)
}

// ScanEvent is one thing the scan learned: findings, a region done, a
// region (or part of one) that could not be read, or the end.
type ScanEvent struct {
	Findings []Finding
	// Judged names the resources (api.ResourceKey) a region's checks
	// judged, a finding or not: a list tells "nothing wrong" from "not
	// checked" by it.
	Judged []string
	// EndpointRefs are a region's Client VPN endpoints that serve or may
	// (not gone), for --history's CRL check (crl_history.go).
	EndpointRefs []EndpointRef
	// Rollups count each gateway's connections by their findings, for the
	// gateway list.
	Rollups     []GatewayRollup
	RegionDone  string
	RegionErr   *RegionError
	Done        bool
	Calls       int // API calls made so far
	Connections int // Site-to-Site connections checked so far
	Endpoints   int // Client VPN endpoints checked so far
}

// GatewayRollup is one gateway's connections counted by their findings'
// impact (api.Rollup): "2✗ 1◐ /8" in the gateway list.
type GatewayRollup struct {
	Region, GatewayID string
	api.Rollup
}

// RegionError says why a region, or one of its resources, was not checked.
type RegionError struct {
	Region     string
	ResourceID string // empty when the whole region (or one of its lists) failed
	Err        error
}

// Unreadable reports whether the credentials may not read it.
func (e RegionError) Unreadable() bool {
	var ae *api.Error
	return errors.As(e.Err, &ae) && (ae.Kind == api.KindPermission || ae.Kind == api.KindAuth)
}

// ScanOptions bound a scan.
type ScanOptions struct {
	Regions      []string // empty: every region DescribeRegions lists
	MaxInFlight  int      // concurrent calls across the scan (default 8)
	ThrottleWait time.Duration
	Now          func() time.Time
	// Maintenance reads each tunnel's pending endpoint replacement (a
	// call a tunnel: scan_maintenance.go); off unless asked.
	Maintenance bool
}

// Scan checks the account and sends what it finds to events, closing it
// when done.
func Scan(ctx context.Context, c ScanClient, o ScanOptions, events chan<- ScanEvent) {
	if o.Now == nil {
		o.Now = time.Now
	}
	scanner := api.NewScanner(ctx, o.MaxInFlight, o.ThrottleWait)
	ctx = scanner.Context() // every call under it counts its client's retries
	s := &scan{ctx: ctx, c: c, o: o, events: events, Scanner: scanner}
	defer close(events)
	regions := o.Regions
	if len(regions) == 0 {
		var rs []api.Region
		if err := s.Call(func() (err error) { rs, err = c.Regions(ctx); return err }); err != nil {
			s.send(ScanEvent{RegionErr: &RegionError{Err: err}})
			s.found(AccountFinding(err))
			s.send(ScanEvent{Done: true})
			return
		}
		for _, r := range rs {
			regions = append(regions, r.ID)
		}
	}
	var wg sync.WaitGroup
	for _, r := range slices.Compact(slices.Clone(regions)) {
		wg.Go(func() { s.region(r) })
	}
	wg.Wait()
	s.send(ScanEvent{Done: true})
}

type scan struct {
	*api.Scanner // the bound on calls in flight, throttling, the call count
	ctx          context.Context
	c            ScanClient
	o            ScanOptions
	events       chan<- ScanEvent
	conns        atomic.Int64
	endpoints    atomic.Int64
}

func (s *scan) send(e ScanEvent) {
	e.Calls, e.Connections, e.Endpoints = s.Calls(), int(s.conns.Load()), int(s.endpoints.Load())
	api.Send(s.ctx, s.events, e)
}

func (s *scan) fail(region, id string, err error) {
	s.send(ScanEvent{RegionErr: &RegionError{Region: region, ResourceID: id, Err: err}})
}

func (s *scan) found(fs ...*Finding) {
	var out []Finding
	for _, f := range fs {
		if f != nil {
			out = append(out, *f)
		}
	}
	if len(out) > 0 {
		s.send(ScanEvent{Findings: out})
	}
}

// region checks one region's Site-to-Site and Client VPN; what could not
// be listed there is one finding about the region (RegionFinding).
func (s *scan) region(region string) {
	var wg sync.WaitGroup
	var s2s, cvpn []api.Unread
	var judged []string
	var endpoints []EndpointRef
	wg.Go(func() { s2s = s.siteToSite(region) })
	wg.Go(func() { cvpn, judged, endpoints = s.clientVPN(region) })
	wg.Wait()
	s.found(RegionFinding(region, append(s2s, cvpn...)))
	s.send(ScanEvent{RegionDone: region, Judged: judged, EndpointRefs: endpoints})
}

// siteToSite reads a region's gateways, customer gateways and every
// connection: four calls, whatever the number of connections; then the
// route tables of the VPCs of the gateways with a connection up, one read
// per VPC. It returns what it could not read.
func (s *scan) siteToSite(region string) (unread []api.Unread) {
	var gws []VPNGateway
	var cgws []CustomerGateway
	var conns []VPNConnection
	var gwErr, cgwErr, connErr error
	var wg sync.WaitGroup
	wg.Go(func() { gwErr = s.Call(func() (err error) { gws, err = s.c.VPNGateways(s.ctx, region); return err }) })
	wg.Go(func() {
		cgwErr = s.Call(func() (err error) { cgws, err = s.c.CustomerGateways(s.ctx, region, nil); return err })
	})
	wg.Go(func() {
		connErr = s.Call(func() (err error) { conns, err = s.c.VPNConnections(s.ctx, region, VPNConnectionFilter{}); return err })
	})
	wg.Wait()
	if connErr != nil {
		s.fail(region, "", fmt.Errorf("VPN connections: %w", connErr))
		unread = append(unread, api.Unread{What: "its Site-to-Site VPN connections", Err: connErr})
	}
	// Without gateways or customer gateways the connections are still
	// judged; the names and device addresses are what is missing (and a
	// gateway's own state).
	if gwErr != nil {
		s.fail(region, "", fmt.Errorf("VPN gateways: %w", gwErr))
		unread = append(unread, api.Unread{What: "its VPN gateways", Err: gwErr})
	}
	if cgwErr != nil {
		s.fail(region, "", fmt.Errorf("customer gateways: %w", cgwErr))
		unread = append(unread, api.Unread{What: "its customer gateways", Err: cgwErr})
	}
	byID := map[string]VPNGateway{}
	var judged []string
	rollups := map[string]*GatewayRollup{}
	for _, g := range gws {
		byID[g.ID] = g
		s.found(GatewayFinding(region, g))
		judged = append(judged, api.ResourceKey("aws", region, "gateway", g.ID))
		// With the connections unread, no gateway's count is known.
		rollups[g.ID] = &GatewayRollup{Region: region, GatewayID: g.ID, Rollup: api.Rollup{Failed: connErr != nil}}
	}
	cgwByID := map[string]CustomerGateway{}
	for _, g := range cgws {
		cgwByID[g.ID] = g
	}
	cgwOf := func(id string) CustomerGateway {
		if cgwErr != nil { // unknown, not empty: its findings say so
			return UnreadCustomerGateway(id, cgwErr)
		}
		return cgwByID[id]
	}
	// count puts a connection's verdict in its gateway's rollup, which the
	// gateway list shows.
	count := func(c VPNConnection, f *Finding) {
		r := rollups[c.GatewayID]
		if r == nil { // a gateway that could not be listed
			r = &GatewayRollup{Region: region, GatewayID: c.GatewayID}
			rollups[c.GatewayID] = r
		}
		r.Count(api.VerdictOf(shared(f), StateLifecycle(c.State)))
	}
	now := s.o.Now()
	var fs []*Finding
	var routed []routeJob // judged once their route path is read (scan_routes.go)
	var transit []tgwJob  // the same on a transit gateway (scan_routes_tgw.go)
	for _, c := range conns {
		g, listed := byID[c.GatewayID]
		g.ID = c.GatewayID
		f := ConnectionFinding(region, g, cgwOf(c.CustomerGatewayID), c, now)
		if RoutePathApplies(c) {
			routed = append(routed, routeJob{g: g, listed: listed, c: c, f: f})
			continue
		}
		if TGWPathApplies(c) {
			transit = append(transit, tgwJob{g: g, c: c, f: f})
			continue
		}
		fs = append(fs, f)
		count(c, f)
	}
	s.conns.Add(int64(len(conns)))
	s.found(fs...)
	s.maintenance(region, conns)
	// A connection whose route path is read is counted with what that
	// path adds to its verdict, as P shows it.
	// The two kinds of route path read nothing of each other: at once.
	var withRoutes, withTransit []*Finding
	wg.Go(func() { withRoutes = s.routePaths(region, gwErr, routed) })
	wg.Go(func() { withTransit = s.transitPaths(region, transit) })
	wg.Wait()
	for i, j := range routed {
		count(j.c, withRoutes[i])
	}
	for i, j := range transit {
		count(j.c, withTransit[i])
	}
	withRoutes = append(withRoutes, withTransit...)
	s.found(withRoutes...)
	e := ScanEvent{Judged: judged}
	for _, r := range rollups {
		e.Rollups = append(e.Rollups, *r)
	}
	slices.SortFunc(e.Rollups, func(a, b GatewayRollup) int { return strings.Compare(a.GatewayID, b.GatewayID) })
	s.send(e)
	return unread
}

// clientVPN reads a region's endpoints, and each endpoint's target
// networks, routes, rules and connections; what it could not list, the
// endpoints it judged, and those not gone.
func (s *scan) clientVPN(region string) (unread []api.Unread, judged []string, endpoints []EndpointRef) {
	var wg sync.WaitGroup
	cur := api.FirstPage(50)
	for {
		var page api.Page[Endpoint]
		if err := s.Call(func() (err error) { page, err = s.c.Endpoints(s.ctx, region, cur); return err }); err != nil {
			s.fail(region, "", fmt.Errorf("Client VPN endpoints: %w", err))
			unread = append(unread, api.Unread{What: "its Client VPN endpoints", Err: err})
			break
		}
		for _, e := range page.Items {
			wg.Go(func() { s.endpoint(region, e) })
			judged = append(judged, api.ResourceKey("aws", region, "client-vpn-endpoint", e.ID))
			if StateLifecycle(e.Status) != api.Gone {
				endpoints = append(endpoints, EndpointRef{Region: region, ID: e.ID, Name: e.Name})
			}
		}
		if !page.More {
			break
		}
		cur = page.Next
	}
	wg.Wait()
	return unread, judged, endpoints
}

// all reads every page of a list.
func all[T any](s *scan, read func(api.Cursor) (api.Page[T], error)) ([]T, error) {
	var items []T
	cur := api.FirstPage(1000)
	for {
		var page api.Page[T]
		if err := s.Call(func() (err error) { page, err = read(cur); return err }); err != nil {
			return items, err
		}
		items = append(items, page.Items...)
		if !page.More {
			return items, nil
		}
		cur = page.Next
	}
}

func (s *scan) endpoint(region string, e Endpoint) {
	defer s.endpoints.Add(1)
	if StateLifecycle(e.Status) == api.Gone {
		return
	}
	var networks []TargetNetwork
	var routes []Route
	var rules []AuthorizationRule
	var conns []Connection
	var nErr, rErr, ruErr, cErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		networks, nErr = all(s, func(cur api.Cursor) (api.Page[TargetNetwork], error) {
			return s.c.TargetNetworks(s.ctx, region, e.ID, cur)
		})
	})
	wg.Go(func() {
		routes, rErr = all(s, func(cur api.Cursor) (api.Page[Route], error) { return s.c.Routes(s.ctx, region, e.ID, cur) })
	})
	wg.Go(func() {
		rules, ruErr = all(s, func(cur api.Cursor) (api.Page[AuthorizationRule], error) {
			return s.c.AuthorizationRules(s.ctx, region, e.ID, cur)
		})
	})
	wg.Go(func() {
		conns, cErr = all(s, func(cur api.Cursor) (api.Page[Connection], error) {
			return s.c.Connections(s.ctx, region, e.ID, ConnectionFilter{}, cur)
		})
	})
	wg.Wait()
	var unread []api.Unread
	for _, x := range []struct {
		err  error
		what string
	}{{nErr, "target networks"}, {rErr, "routes"}, {ruErr, "authorization rules"}, {cErr, "connections"}} {
		if x.err != nil {
			s.fail(region, e.ID, fmt.Errorf("%s: %w", x.what, x.err))
			unread = append(unread, api.Unread{What: "its " + x.what, Err: x.err})
		}
	}
	v := Judge(e, Lists{Networks: networks, Routes: routes, Rules: rules, NetworksRead: nErr == nil, RoutesRead: rErr == nil, RulesRead: ruErr == nil})
	var stuck []Connection
	for _, c := range conns {
		if c.Status == "failed-to-terminate" {
			stuck = append(stuck, c)
		}
	}
	s.found(EndpointFinding(region, e, EndpointServedBefore(networks, conns), v.Advice, stuck, unread))
}
