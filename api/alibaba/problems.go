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
	select {
	case s.events <- e:
	case <-s.ctx.Done():
	}
}

// region lists the region's gateways page by page, checking each page's
// gateways while the next page is fetched, and its IPsec servers. What
// could not be read there is one finding about the region (RegionFinding).
func (s *scan) region(region string) {
	defer s.wg.Done()
	// The IPsec servers are read beside the gateways; their findings wait
	// for the gateways' names.
	names := map[string]string{}
	type ipsec struct {
		servers []IPsecServer
		err     error
	}
	servers := make(chan ipsec, 1)
	go func() {
		l, err := s.ipsecServers(region)
		servers <- ipsec{l, err}
	}()
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
			return
		}
		for _, g := range page.Items {
			names[g.ID] = g.Name
			s.wg.Add(1)
			go s.gateway(region, g)
		}
		s.send(ScanEvent{Gateways: len(page.Items)})
		if !page.More {
			break
		}
		cur = page.Next
	}
	s.send(ScanEvent{RegionFound: region})
}

// gateway reads every connection of a gateway, and its SSL server. Its
// own finding (locked, not active) waits for them, so what could not be
// read about it is part of that one finding.
func (s *scan) gateway(region string, g Gateway) {
	defer s.wg.Done()
	roll := GatewayRollup{Region: region, GatewayID: g.ID}
	var sslDone sync.WaitGroup
	var sslErr error
	if g.SSLEnabled {
		sslDone.Go(func() { sslErr = s.sslServer(region, g) })
	}
	// Connections are read even with IPsec-VPN off: a gateway whose IPsec
	// was switched off may still list connections, and a miss here would
	// hide exactly the tunnel someone is looking for. It costs one call.
	connErr := s.connections(region, g, &roll)
	roll.Failed = connErr != nil
	sslDone.Wait()
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
	if sslErr != nil {
		roll.Unchecked = append(roll.Unchecked, "its SSL server could not be read")
		unread = append(unread, api.Unread{What: "its SSL server", Err: sslErr})
	}
	if f := GatewayScanFinding(region, g, unread); f != nil {
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

// connections reads every page of a gateway's connections, reporting the
// unhealthy ones and counting all into roll; the first error when a call
// failed. Once the first page gives the total, the other pages are asked
// for all at once (the slots still bound them): a 520-connection gateway
// then costs two round trips on the critical path instead of eleven.
func (s *scan) connections(region string, g Gateway, roll *GatewayRollup) error {
	first, err := s.connectionPage(region, g, api.FirstPage(MaxPageSize), roll)
	if err != nil || !first.More {
		return err
	}
	if first.Total < 0 || first.Next.Number() == 0 {
		// No total to plan with: one page after another.
		for cur := first.Next; ; {
			page, err := s.connectionPage(region, g, cur, roll)
			if err != nil || !page.More {
				return err
			}
			cur = page.Next
		}
	}
	size := len(first.Items)
	pages := (first.Total + size - 1) / size
	var mu sync.Mutex
	var wg sync.WaitGroup
	var firstErr error
	for n := 2; n <= pages; n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var part GatewayRollup
			_, err := s.connectionPage(region, g, api.NumberCursor(n, first.Next.Size()), &part)
			mu.Lock()
			roll.add(part)
			if firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return firstErr
}

func (r *GatewayRollup) add(o GatewayRollup) {
	r.Down, r.Degraded, r.Unknown, r.Total = r.Down+o.Down, r.Degraded+o.Degraded, r.Unknown+o.Unknown, r.Total+o.Total
}

// connectionPage reads one page of connections and reports its findings.
func (s *scan) connectionPage(region string, g Gateway, cur api.Cursor, roll *GatewayRollup) (api.Page[Connection], error) {
	var page api.Page[Connection]
	err := s.Call(func() (err error) { page, err = s.c.Connections(s.ctx, region, g.ID, cur); return err })
	if err != nil {
		s.send(ScanEvent{RegionErr: &RegionError{Region: region, GatewayID: g.ID, Err: err}})
		return page, err
	}
	var found []Finding
	for _, c := range page.Items {
		switch ConnectionVerdict(c) {
		case VerdictDown:
			roll.Down++
		case VerdictDegraded:
			roll.Degraded++
		case VerdictUnknown:
			roll.Unknown++
		}
		if f := ConnectionFinding(region, g, c); f != nil {
			found = append(found, *f)
		}
	}
	roll.Total += len(page.Items)
	if len(found) > 0 {
		s.send(ScanEvent{Findings: found})
	}
	return page, nil
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
