package alibaba

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// The problems scan answers "what is broken, anywhere in this account?":
// every region's gateways, their connections, SSL servers and IPsec
// servers, with a bounded number of calls in flight. It reports as it goes,
// so a screen can fill progressively and a script can wait for the end.

// Urgency orders findings: the lower, the worse.
type Urgency int

const (
	Critical Urgency = iota // traffic is not flowing
	Degraded                // degraded, or about to be
)

func (u Urgency) String() string {
	if u == Critical {
		return "critical"
	}
	return "warning"
}

// MarshalText writes the urgency as a word in JSON.
func (u Urgency) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

// Finding is one thing that is wrong. Connection problems name the
// connection (and the tunnel, for a dual-tunnel connection); gateway and
// server problems leave those empty.
type Finding struct {
	Provider       string  `json:"provider"`
	Region         string  `json:"region"`
	GatewayID      string  `json:"gateway_id"`
	GatewayName    string  `json:"gateway_name"`
	ConnectionID   string  `json:"connection_id,omitempty"`
	ConnectionName string  `json:"connection_name,omitempty"`
	TunnelID       string  `json:"tunnel_id,omitempty"`
	ServerID       string  `json:"server_id,omitempty"`
	Resource       string  `json:"resource"` // connection, gateway, ssl-server, ipsec-server
	Phase          string  `json:"phase"`    // phase 1, phase 2, bgp, health check, status, capacity
	State          string  `json:"state"`
	Urgency        Urgency `json:"urgency"`
	Message        string  `json:"message"`
	// Connection is the connection a connection finding is about, so a
	// screen can open its tunnels without another call.
	Connection *Connection `json:"-"`
}

// Subject names what a finding is about, briefly: the connection (and
// its tunnel), the server, or the gateway.
func (f Finding) Subject() string {
	switch {
	case f.ConnectionID != "":
		s := orDash(f.ConnectionName)
		if f.TunnelID != "" {
			s += " · " + f.TunnelID
		}
		return s
	case f.ServerID != "":
		return strings.ReplaceAll(f.Resource, "-", " ") + " " + f.ServerID
	}
	return "gateway " + f.GatewayID
}

// ID is the id of what the finding is about.
func (f Finding) ID() string {
	for _, id := range []string{f.ConnectionID, f.ServerID, f.GatewayID} {
		if id != "" {
			return id
		}
	}
	return ""
}

// Key identifies a problem, so a re-scan can tell new from known ones.
func (p Finding) Key() string {
	return strings.Join([]string{p.Region, p.GatewayID, p.ConnectionID, p.TunnelID, p.ServerID, p.Phase}, "|")
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
	Total     int
	Failed    bool // its connections could not all be read (see the RegionError)
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
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = 8
	}
	if o.SSLNearLimit <= 0 {
		o.SSLNearLimit = 0.9
	}
	if o.ThrottleWait <= 0 {
		o.ThrottleWait = time.Second
	}
	s := &scan{ctx: ctx, c: c, o: o, events: events, slots: make(chan struct{}, o.MaxInFlight)}
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
		err := s.call(func() (err error) { rs, err = c.Regions(ctx); return err })
		if err != nil {
			s.send(ScanEvent{RegionErr: &RegionError{Err: err}})
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
	ctx    context.Context
	c      Client
	o      ScanOptions
	events chan<- ScanEvent
	slots  chan struct{} // one per call in flight
	calls  atomic.Int64
	wg     sync.WaitGroup
}

// call runs one API call in a slot: the bound is on calls, not on tasks,
// so a task waiting for its next page never holds a slot.
func (s *scan) call(fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := s.callOnce(fn)
		e, ok := api.AsError(err)
		if !ok || e.Kind != api.KindThrottled || attempt == 5 {
			return err
		}
		// Still throttled after the client's retries: wait outside a slot,
		// so the other calls slow down too, then ask again.
		select {
		case <-time.After(s.o.ThrottleWait << attempt):
		case <-s.ctx.Done():
			return s.ctx.Err()
		}
	}
}

func (s *scan) callOnce(fn func() error) error {
	select {
	case s.slots <- struct{}{}:
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
	defer func() { <-s.slots }()
	s.calls.Add(1)
	return fn()
}

func (s *scan) send(e ScanEvent) {
	if len(e.Findings) == 0 && e.Checked == nil && e.Gateways == 0 && e.RegionFound == "" && e.RegionErr == nil && !e.Done {
		return // nothing learned
	}
	e.Calls = int(s.calls.Load())
	select {
	case s.events <- e:
	case <-s.ctx.Done():
	}
}

// region lists the region's gateways page by page, checking each page's
// gateways while the next page is fetched, and its IPsec servers.
func (s *scan) region(region string) {
	defer s.wg.Done()
	s.wg.Add(1)
	go s.ipsecServers(region)
	cur := api.FirstPage(MaxPageSize)
	for {
		var page api.Page[Gateway]
		err := s.call(func() (err error) { page, err = s.c.Gateways(s.ctx, region, cur); return err })
		if err != nil {
			s.send(ScanEvent{RegionErr: &RegionError{Region: region, Err: err}})
			return
		}
		for _, g := range page.Items {
			s.send(ScanEvent{Findings: gatewayFindings(region, g)})
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

// gateway reads every connection of a gateway, and its SSL server.
func (s *scan) gateway(region string, g Gateway) {
	defer s.wg.Done()
	roll := GatewayRollup{Region: region, GatewayID: g.ID}
	var sslDone sync.WaitGroup
	if g.SSLEnabled {
		sslDone.Go(func() { s.sslServer(region, g) })
	}
	// Connections are read even with IPsec-VPN off: a gateway whose IPsec
	// was switched off may still list connections, and a miss here would
	// hide exactly the tunnel someone is looking for. It costs one call.
	roll.Failed = !s.connections(region, g, &roll)
	sslDone.Wait()
	s.send(ScanEvent{Checked: &roll})
}

// sslServer reads a gateway's SSL server, for its capacity.
func (s *scan) sslServer(region string, g Gateway) {
	var srv *SSLServer
	err := s.call(func() (err error) { srv, err = s.c.SSLServer(s.ctx, region, g.ID); return err })
	switch {
	case err != nil:
		s.send(ScanEvent{RegionErr: &RegionError{Region: region, GatewayID: g.ID, Err: err}})
	case srv != nil:
		s.send(ScanEvent{Findings: capacityFindings(region, g, "ssl-server", srv.ID, srv.Connections, srv.MaxConnections, s.o.SSLNearLimit)})
	}
}

// connections reads every page of a gateway's connections, reporting the
// unhealthy ones and counting all into roll; false when a call failed.
// Once the first page gives the total, the other pages are asked for all
// at once (the slots still bound them): a 520-connection gateway then costs
// two round trips on the critical path instead of eleven.
func (s *scan) connections(region string, g Gateway, roll *GatewayRollup) bool {
	first, ok := s.connectionPage(region, g, api.FirstPage(MaxPageSize), roll)
	if !ok || !first.More {
		return ok
	}
	if first.Total < 0 || first.Next.Number() == 0 {
		// No total to plan with: one page after another.
		for cur := first.Next; ; {
			page, ok := s.connectionPage(region, g, cur, roll)
			if !ok || !page.More {
				return ok
			}
			cur = page.Next
		}
	}
	size := len(first.Items)
	pages := (first.Total + size - 1) / size
	var mu sync.Mutex
	var wg sync.WaitGroup
	okAll := true
	for n := 2; n <= pages; n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var part GatewayRollup
			_, ok := s.connectionPage(region, g, api.NumberCursor(n, first.Next.Size()), &part)
			mu.Lock()
			roll.Down, roll.Degraded, roll.Total = roll.Down+part.Down, roll.Degraded+part.Degraded, roll.Total+part.Total
			okAll = okAll && ok
			mu.Unlock()
		}()
	}
	wg.Wait()
	return okAll
}

// connectionPage reads one page of connections and reports its findings.
func (s *scan) connectionPage(region string, g Gateway, cur api.Cursor, roll *GatewayRollup) (api.Page[Connection], bool) {
	var page api.Page[Connection]
	err := s.call(func() (err error) { page, err = s.c.Connections(s.ctx, region, g.ID, cur); return err })
	if err != nil {
		s.send(ScanEvent{RegionErr: &RegionError{Region: region, GatewayID: g.ID, Err: err}})
		return page, false
	}
	var found []Finding
	for _, c := range page.Items {
		switch ConnectionVerdict(c) {
		case VerdictDown:
			roll.Down++
		case VerdictDegraded:
			roll.Degraded++
		}
		found = append(found, ConnectionFindings(region, g, c)...)
	}
	roll.Total += len(page.Items)
	if len(found) > 0 {
		s.send(ScanEvent{Findings: found})
	}
	return page, true
}

// ipsecServers reads the region's IPsec servers, for their capacity.
func (s *scan) ipsecServers(region string) {
	defer s.wg.Done()
	cur := api.FirstPage(MaxResultCap)
	for {
		var page api.Page[IPsecServer]
		err := s.call(func() (err error) { page, err = s.c.IPsecServers(s.ctx, region, "", cur); return err })
		if err != nil {
			s.send(ScanEvent{RegionErr: &RegionError{Region: region, Err: fmt.Errorf("IPsec servers: %w", err)}})
			return
		}
		for _, x := range page.Items {
			if p := capacityFindings(region, Gateway{ID: x.GatewayID}, "ipsec-server", x.ID, x.OnlineClients, x.MaxConnections, s.o.SSLNearLimit); len(p) > 0 {
				s.send(ScanEvent{Findings: p})
			}
		}
		if !page.More {
			return
		}
		cur = page.Next
	}
}

// gatewayFindings: a gateway that is not active, or is locked for an
// overdue payment.
func gatewayFindings(region string, g Gateway) []Finding {
	p := Finding{Provider: "alibaba", Region: region, GatewayID: g.ID, GatewayName: g.Name, Resource: "gateway"}
	switch {
	case g.BusinessStatus == "FinancialLocked":
		p.Phase, p.State, p.Urgency = "status", "locked", Critical
		p.Message = "locked for an overdue payment: every tunnel and SSL client is cut off until it is paid"
	case g.Status != "" && g.Status != "active":
		p.Phase, p.State, p.Urgency = "status", g.Status, Degraded
		p.Message = "not active: configuration changes are refused until it is"
	default:
		return nil
	}
	return []Finding{p}
}

// capacityFindings: a server at or near its connection limit.
func capacityFindings(region string, g Gateway, resource, id string, used, limit int, near float64) []Finding {
	if limit <= 0 || float64(used) < near*float64(limit) {
		return nil
	}
	p := Finding{Provider: "alibaba", Region: region, GatewayID: g.ID, GatewayName: g.Name, ServerID: id,
		Resource: resource, Phase: "capacity", State: fmt.Sprintf("%d/%d", used, limit), Urgency: Degraded,
		Message: fmt.Sprintf("%d%% of its connection limit in use: new clients will be refused at %d", used*100/limit, limit)}
	if used >= limit {
		p.Urgency = Critical
		p.Message = fmt.Sprintf("at its connection limit (%d): new clients are refused", limit)
	}
	return []Finding{p}
}

// ConnectionFindings lists what is wrong with one connection: each tunnel
// whose phase 1 or 2 is down, BGP sessions down, a failing health check.
func ConnectionFindings(region string, g Gateway, c Connection) []Finding {
	base := Finding{Provider: "alibaba", Region: region, GatewayID: g.ID, GatewayName: g.Name,
		ConnectionID: c.ID, ConnectionName: c.Name, Resource: "connection", Connection: &c}
	var out []Finding
	add := func(tunnel, phase, state string, sev Urgency, msg string) {
		p := base
		p.TunnelID, p.Phase, p.State, p.Urgency, p.Message = tunnel, phase, state, sev, msg
		out = append(out, p)
	}
	up, total := TunnelsUp(c)
	// A tunnel down is critical when nothing else carries the traffic.
	tunnelUrgency := Degraded
	if up == 0 {
		tunnelUrgency = Critical
	}
	for i := range c.tunnelCount() {
		t := c.tunnelAt(i)
		id := ""
		if c.DualTunnel() {
			id = t.ID
		}
		p1, p2 := Phases(t.Status)
		switch {
		case p1 == PhaseDown:
			add(id, "phase 1", t.Status, tunnelUrgency, "IKE SA not established: the peer does not answer or does not agree (PSK, IKE version, mode, identifiers, algorithms)")
		case p2 == PhaseDown:
			add(id, "phase 2", t.Status, tunnelUrgency, "IPsec SA not established: phase 2 settings or subnets do not match the peer")
		case p1 == PhaseUnknown && total > 0:
			add(id, "status", orDash(t.Status), Degraded, "the service reports a status vpnscope does not know")
		}
		if c.DualTunnel() && BGPState(t.BGP) == SessionDown {
			add(id, "bgp", "down", Degraded, "the tunnel's BGP session is down: its routes are withdrawn")
		}
	}
	if BGPState(c.BGP) == SessionDown {
		add("", "bgp", "down", Degraded, "the BGP session is down: routes learned from the peer are withdrawn")
	}
	if HealthState(c.HealthCheck) == SessionDown {
		add("", "health check", "failed", Degraded,
			fmt.Sprintf("probes from %s to %s fail", orDash(c.HealthCheck.SourceIP), orDash(c.HealthCheck.DestIP)))
	}
	return out
}

// SortFindings orders problems worst first, then by where they are, so a
// list that fills progressively settles into one stable order.
func SortFindings(ps []Finding) {
	sort.SliceStable(ps, func(i, j int) bool { return CompareFindings(ps[i], ps[j]) < 0 })
}

// CompareFindings is SortFindings' order.
func CompareFindings(a, b Finding) int {
	if a.Urgency != b.Urgency {
		return int(a.Urgency) - int(b.Urgency)
	}
	for _, pair := range [][2]string{{a.Region, b.Region}, {a.GatewayName, b.GatewayName}, {a.GatewayID, b.GatewayID},
		{a.ConnectionName, b.ConnectionName}, {a.ConnectionID, b.ConnectionID}, {a.TunnelID, b.TunnelID},
		{a.ServerID, b.ServerID}, {a.Phase, b.Phase}} {
		if c := strings.Compare(pair[0], pair[1]); c != 0 {
			return c
		}
	}
	return 0
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
