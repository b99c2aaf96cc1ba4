package alibaba

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// The problems scan answers "what is broken, anywhere in this account?":
// every region's gateways, their connections, SSL servers and IPsec
// servers, with a bounded number of calls in flight. It reports as it goes,
// so a screen can fill progressively and a script can wait for the end.

// Finding is one thing to fix (api.Finding, the model every provider
// shares), with the connection it is about, so a screen can open its
// tunnels without another call.
type Finding struct {
	api.Finding
	Connection *Connection `json:"-"`
}

// What is the finding's cause in a few words, for a list. A phase's
// state is the service's status value, which says how far negotiation
// got, not whether that phase is up: "ike_sa_established: Phase 1
// negotiations succeeded" (DescribeVpnConnections, Status), so under
// phase 2 it means phase 2 is down. It is said as the phase model
// (phase.go) reads it: "phase 2 down", not "phase 2 ike_sa_established".
func (f Finding) What() string {
	switch f.Phase {
	case "phase 1", "phase 2":
		p1, p2 := Phases(f.State)
		if f.Phase == "phase 2" {
			p1 = p2
		}
		return f.Phase + " " + p1.String()
	}
	return f.Cause.What()
}

// ScanEvent is one thing the scan learned. Exactly one field group is set:
// Findings found; a gateway checked (with the region's gateway count once
// known); a region that could not be read; or Done.
type ScanEvent struct {
	Findings []Finding
	// Checked is a gateway whose connections and servers are all read.
	Checked *GatewayRollup
	// Gateways is how many more gateways were found (one event a page of
	// them); RegionFound names a region whose gateway list is all in.
	Gateways    int
	RegionFound string
	// RegionErr is a region (or part of one) that could not be read.
	RegionErr *RegionError
	Done      bool
	Calls     int // API calls made so far
}

// GatewayRollup sums one gateway's connection health, for its row in the
// gateway list: how many are down, degraded, and all.
type GatewayRollup struct {
	Region    string
	GatewayID string
	Down      int
	Degraded  int
	Unknown   int // connections whose state could not be read
	Total     int
	Failed    bool // its connections could not all be read (see the RegionError)
	// Unchecked says what could not be read (its connections, its SSL
	// server), so a rollup never shows "unknown" as healthy.
	Unchecked []string
}

// Verdict is the gateway's health as its rollup tells it: down or
// degraded when any connection is; unknown, never healthy, when any part
// could not be read (see Unchecked).
func (r GatewayRollup) Verdict() Verdict {
	switch {
	case r.Down > 0:
		return VerdictDown
	case r.Degraded > 0:
		return VerdictDegraded
	case r.Failed || r.Unknown > 0 || len(r.Unchecked) > 0:
		return VerdictUnknown
	}
	return VerdictHealthy
}

// RegionError says why a region, or one of its gateways, was not checked.
type RegionError struct {
	Region    string
	GatewayID string // empty when the whole region failed
	Err       error
}

// Unreadable reports whether the credentials may not read it (rather than
// a fault worth retrying).
func (e RegionError) Unreadable() bool {
	var ae *api.Error
	return errors.As(e.Err, &ae) && (ae.Kind == api.KindPermission || ae.Kind == api.KindAuth)
}

// ScanOptions bound a scan.
type ScanOptions struct {
	// Regions to check; empty means every region DescribeRegions returns.
	Regions []string
	// MaxInFlight caps concurrent calls across the whole scan (default 8).
	MaxInFlight int
	// First is a region to check before the others (the one on screen): its
	// gateways are listed at once, beside DescribeRegions, so their checks
	// queue for calls ahead of every other region's.
	First string
	// ThrottleWait is how long a call the service still throttles after the
	// client's own retries waits before the scan asks again (doubling, up
	// to five times; default 1 s): throttling slows a scan, it does not
	// leave gateways unchecked.
	ThrottleWait time.Duration
	// SSLNearLimit is the share of SSL or IPsec server connections in use
	// at which a server is reported as near its limit (default 0.9).
	SSLNearLimit float64
}

// Scan checks the account and sends what it finds to events, closing it
// when done. Cancel ctx to stop early.
func Scan(ctx context.Context, c Client, o ScanOptions, events chan<- ScanEvent) {
	if o.SSLNearLimit <= 0 {
		o.SSLNearLimit = 0.9
	}
	scanner := api.NewScanner(ctx, o.MaxInFlight, o.ThrottleWait)
	ctx = scanner.Context() // every call under it counts its client's retries
	s := &scan{ctx: ctx, c: c, o: o, events: events, Scanner: scanner}
	defer close(events)
	started := map[string]bool{}
	if o.First != "" && (len(o.Regions) == 0 || slices.Contains(o.Regions, o.First)) {
		started[o.First] = true
		s.wg.Add(1)
		go s.region(o.First)
	}
	regions := o.Regions
	if len(regions) == 0 {
		var rs []api.Region
		err := s.Call(func() (err error) { rs, err = c.Regions(ctx); return err })
		if err != nil {
			s.send(ScanEvent{RegionErr: &RegionError{Err: err}})
			s.send(ScanEvent{Findings: []Finding{*AccountFinding(err)}})
			s.wg.Wait()
			s.send(ScanEvent{Done: true})
			return
		}
		for _, r := range rs {
			regions = append(regions, r.ID)
		}
	}
	for _, r := range regions {
		if started[r] {
			continue
		}
		started[r] = true
		s.wg.Add(1)
		go s.region(r)
	}
	s.wg.Wait()
	s.send(ScanEvent{Done: true})
}

type scan struct {
	*api.Scanner // the bound on calls in flight, throttling, the call count
	ctx          context.Context
	c            Client
	o            ScanOptions
	events       chan<- ScanEvent
	wg           sync.WaitGroup
}

func (s *scan) send(e ScanEvent) {
	if len(e.Findings) == 0 && e.Checked == nil && e.Gateways == 0 && e.RegionFound == "" && e.RegionErr == nil && !e.Done {
		return // nothing learned
	}
	e.Calls = s.Calls()
	api.Send(s.ctx, s.events, e)
}

// region lists the region's gateways page by page, starting each one's
// SSL server as it comes, and beside them every connection of the region
// in one list (DescribeVpnConnections without a gateway), which holds the
// connections attached to a transit router that no gateway lists and
// costs fewer calls than a list per gateway; then finishes each gateway
// with its rollup. Its IPsec servers are read beside too. What could not
// be read there is one finding about the region (RegionFinding).
func (s *scan) region(region string) {
	defer s.wg.Done()
	// The IPsec servers are read once the gateways are listed, beside the
	// connections; their findings wait for the gateways' names, and their
	// call for the first rows' calls.
	names := map[string]string{}
	type ipsec struct {
		servers []IPsecServer
		err     error
	}
	servers := make(chan ipsec, 1)
	var unread []api.Unread
	defer func() {
		got := <-servers
		for _, x := range got.servers {
			if f := CapacityFinding(region, x.GatewayID, names[x.GatewayID], "ipsec-server", x.ID, x.Name, x.OnlineClients, x.MaxConnections, s.o.SSLNearLimit); f != nil {
				s.send(ScanEvent{Findings: []Finding{*f}})
			}
		}
		if got.err != nil {
			unread = append(unread, api.Unread{What: "its IPsec servers", Err: got.err})
		}
		if f := RegionFinding(region, unread); f != nil {
			s.send(ScanEvent{Findings: []Finding{*f}})
		}
	}()
	// The connections' first page is asked for beside the gateways' (one
	// round trip, not two, to the first row); they are judged once the
	// gateways are all listed, for their names and locks.
	gateways := map[string]Gateway{}
	var checks []*gatewayCheck
	rolls := map[string]*GatewayRollup{}
	listed := make(chan struct{})
	connDone := make(chan error, 1)
	go func() {
		connDone <- s.connections(region, func() (map[string]Gateway, map[string]*GatewayRollup) {
			<-listed
			return gateways, rolls
		})
	}()
	cur := api.FirstPage(MaxPageSize)
	for {
		var page api.Page[Gateway]
		err := s.Call(func() (err error) { page, err = s.c.Gateways(s.ctx, region, cur); return err })
		if err != nil {
			what := "its gateways"
			if len(names) > 0 {
				what = fmt.Sprintf("all its gateways (%d listed before the error)", len(names))
			}
			unread = append(unread, api.Unread{What: what, Err: err})
			s.send(ScanEvent{RegionErr: &RegionError{Region: region, Err: err}})
			break
		}
		for _, g := range page.Items {
			names[g.ID] = g.Name
			gateways[g.ID] = g
			checks = append(checks, s.startGateway(region, g))
		}
		s.send(ScanEvent{Gateways: len(page.Items)})
		if !page.More {
			s.send(ScanEvent{RegionFound: region})
			break
		}
		cur = page.Next
	}
	go func() {
		l, err := s.ipsecServers(region)
		servers <- ipsec{l, err}
	}()
	// The connections are judged even when the gateways could not all be
	// listed: a connection's finding names its gateway's id without its
	// name, and those attached to a transit router need no gateway.
	for _, gc := range checks {
		rolls[gc.g.ID] = &gc.roll
	}
	close(listed)
	connErr := <-connDone
	for _, gc := range checks {
		s.finishGateway(region, gc, connErr)
	}
	if connErr != nil {
		unread = append(unread, api.Unread{What: "its connections attached to transit routers (the region's list of connections could not all be read)", Err: connErr})
	}
}

// gatewayCheck is one gateway being checked: its rollup, filled from the
// region's connections, and its SSL server, read beside them.
type gatewayCheck struct {
	g      Gateway
	roll   GatewayRollup
	ssl    sync.WaitGroup
	sslErr error
}

func (s *scan) startGateway(region string, g Gateway) *gatewayCheck {
	gc := &gatewayCheck{g: g, roll: GatewayRollup{Region: region, GatewayID: g.ID}}
	if g.SSLEnabled {
		gc.ssl.Go(func() { gc.sslErr = s.sslServer(region, g) })
	}
	return gc
}

// finishGateway sends the gateway's own finding (locked, not active) with
// what could not be read about it (its connections, its SSL server) folded
// in, and its rollup. Connections are read even with IPsec-VPN off: a
// gateway whose IPsec was switched off may still list connections.
func (s *scan) finishGateway(region string, gc *gatewayCheck, connErr error) {
	gc.ssl.Wait()
	roll := gc.roll
	roll.Failed = connErr != nil
	var unread []api.Unread
	if roll.Failed {
		roll.Unchecked = append(roll.Unchecked, "its connections could not all be read")
		what := "its connections"
		if roll.Total > 0 {
			what = fmt.Sprintf("all its connections (%d read before the error)", roll.Total)
		}
		unread = append(unread, api.Unread{What: what, Err: connErr})
	}
	if roll.Unknown > 0 {
		roll.Unchecked = append(roll.Unchecked, fmt.Sprintf("%d connections report a state vpnscope cannot read", roll.Unknown))
	}
	if gc.sslErr != nil {
		roll.Unchecked = append(roll.Unchecked, "its SSL server could not be read")
		unread = append(unread, api.Unread{What: "its SSL server", Err: gc.sslErr})
	}
	if f := GatewayScanFinding(region, gc.g, unread); f != nil {
		s.send(ScanEvent{Findings: []Finding{*f}})
	}
	s.send(ScanEvent{Checked: &roll})
}

// sslServer reads a gateway's SSL server, for its capacity; the error
// when it could not be read.
func (s *scan) sslServer(region string, g Gateway) error {
	var srv *SSLServer
	err := s.Call(func() (err error) { srv, err = s.c.SSLServer(s.ctx, region, g.ID); return err })
	switch {
	case err != nil:
		s.send(ScanEvent{RegionErr: &RegionError{Region: region, GatewayID: g.ID, Err: err}})
		return err
	case srv != nil:
		if f := CapacityFinding(region, g.ID, g.Name, "ssl-server", srv.ID, srv.Name, srv.Connections, srv.MaxConnections, s.o.SSLNearLimit); f != nil {
			s.send(ScanEvent{Findings: []Finding{*f}})
		}
	}
	return nil
}

// ipsecServers reads the region's IPsec servers, for their capacity, and
// the error that stopped it.
func (s *scan) ipsecServers(region string) ([]IPsecServer, error) {
	var all []IPsecServer
	cur := api.FirstPage(MaxResultCap)
	for {
		var page api.Page[IPsecServer]
		err := s.Call(func() (err error) { page, err = s.c.IPsecServers(s.ctx, region, "", cur); return err })
		if err != nil {
			s.send(ScanEvent{RegionErr: &RegionError{Region: region, Err: fmt.Errorf("IPsec servers: %w", err)}})
			return all, err
		}
		all = append(all, page.Items...)
		if !page.More {
			return all, nil
		}
		cur = page.Next
	}
}

// SortFindings orders findings worst first (api.CompareFindings).
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return CompareFindings(fs[i], fs[j]) < 0 })
}

// CompareFindings is SortFindings' order.
func CompareFindings(a, b Finding) int { return api.CompareFindings(a.Finding, b.Finding) }
