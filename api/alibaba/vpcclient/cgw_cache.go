package vpcclient

import (
	"context"
	"sync"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba"
)

// A connection names its peer only by id (cgw-…); the engineer needs the
// device's public IP and ASN, which DescribeCustomerGateways gives. That
// action takes one CustomerGatewayId or none (then it lists the region's,
// PageSize at most 50: VPC API reference, DescribeCustomerGateways), so
// asking per connection would cost a call per row. Instead the region's
// customer gateways are read a page at a time, only as far as the ids
// asked for need, and kept briefly, as the AWS client does
// (ec2client/cgw_cache.go): a gateway's connections pane starts the first
// page beside its connections (one round trip, not two), and the pages
// that follow are read once for every caller, a few at a time once the
// first page has told how many there are.
//
// This is sound because a customer gateway's IP and ASN cannot change (a
// new device is a new customer gateway, with a new id), and only for a
// short while: a read older than cgwTTL is not used, and a failed page is
// not kept (the next caller reads it again). An id the region's list lacks (made since the read, or not
// there) is left out; the screen then shows the id.

// cgwTTL is how long a region's customer gateways are used once read.
const cgwTTL = 30 * time.Second

// cgwMaxPages bounds one region's read: 10,000 customer gateways, far past
// any quota, so an endpoint that pages for ever cannot hold a caller.
const cgwMaxPages = 200

// cgwBatch is how many pages are read at once when the count is known:
// the client's calls in flight by default.
const cgwBatch = 4

// cgwPage reads page n of a region's customer gateways and reports
// whether more follow and, when the answer's TotalCount is believed, the
// last page (0 when not known).
type cgwPage func(ctx context.Context, n int) (items []alibaba.CustomerGateway, more bool, last int, err error)

// cgwRegion is what is known of one region's customer gateways.
type cgwRegion struct {
	at   time.Time // when page 1 came; zero while it is out
	byID map[string]alibaba.CustomerGateway
	next int           // the next page to read; 0 once all are read
	last int           // the last page, once page 1 told; 0 while not known
	busy chan struct{} // closed when the pages out land; nil when none are
}

type cgwCache struct {
	mu      sync.Mutex
	regions map[string]*cgwRegion
	now     func() time.Time
	timeout time.Duration // bounds a read no caller waits for
}

func newCGWCache(timeout time.Duration) *cgwCache {
	return &cgwCache{regions: map[string]*cgwRegion{}, now: time.Now, timeout: timeout}
}

// region is region's entry, a new one when it has none or its read is
// too old (and none of its pages is out). Call with mu held.
func (cc *cgwCache) region(region string) *cgwRegion {
	r := cc.regions[region]
	if r == nil || (r.busy == nil && !r.at.IsZero() && cc.now().Sub(r.at) >= cgwTTL) {
		r = &cgwRegion{byID: map[string]alibaba.CustomerGateway{}, next: 1}
		cc.regions[region] = r
	}
	return r
}

// start marks the next pages of r as out and returns them: several when
// the last page is known, else one; none when all are read or some are
// out. Call with mu held.
func (r *cgwRegion) start() []int {
	if r.next == 0 || r.busy != nil {
		return nil
	}
	pages := []int{r.next}
	for p := r.next + 1; r.last > 0 && p <= r.last && p <= cgwMaxPages && len(pages) < cgwBatch; p++ {
		pages = append(pages, p)
	}
	r.busy = make(chan struct{})
	return pages
}

// pageRead is one page's answer.
type pageRead struct {
	items []alibaba.CustomerGateway
	more  bool
	last  int
	err   error
}

// readPages reads pages at once and returns their answers in order.
func readPages(ctx context.Context, pages []int, read cgwPage) []pageRead {
	out := make([]pageRead, len(pages))
	var wg sync.WaitGroup
	for i, n := range pages {
		wg.Go(func() {
			r := &out[i]
			r.items, r.more, r.last, r.err = read(ctx, n)
		})
	}
	wg.Wait()
	return out
}

// land takes the answers to pages into r and wakes whoever waits for them,
// returning the first failure. A failure is not kept: the batch's answers
// are dropped and its pages are read again by the next caller, while the
// pages read before stay.
func (cc *cgwCache) land(r *cgwRegion, pages []int, got []pageRead) error {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	close(r.busy)
	r.busy = nil
	for _, g := range got {
		if g.err != nil {
			return g.err
		}
	}
	for i, n := range pages {
		if n == 1 {
			r.at, r.last = cc.now(), got[i].last
		}
		for _, g := range got[i].items {
			r.byID[g.ID] = g
		}
	}
	n, more := pages[len(pages)-1], got[len(got)-1].more
	r.next = 0
	if more && n < cgwMaxPages {
		r.next = n + 1
	}
	return nil
}

// prefetch starts reading region's first page unless it is read or out:
// what a gateway's connections pane will ask for next. The read outlives
// ctx's cancellation (a caller may come to wait for it), bounded by the
// client's timeout.
func (cc *cgwCache) prefetch(ctx context.Context, region string, read cgwPage) {
	cc.mu.Lock()
	r := cc.region(region)
	var pages []int
	if r.at.IsZero() {
		pages = r.start()
	}
	cc.mu.Unlock()
	if len(pages) == 0 {
		return
	}
	go func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cc.timeout)
		defer cancel()
		cc.land(r, pages, readPages(rctx, pages, read))
	}()
}

// lookup returns the customer gateways with those ids that region has,
// reading its pages in turn (or waiting for those out) until every id is
// found or no page is left.
func (cc *cgwCache) lookup(ctx context.Context, region string, ids []string, read cgwPage) ([]alibaba.CustomerGateway, error) {
	for {
		cc.mu.Lock()
		r := cc.region(region)
		out, missing := r.find(ids)
		if !missing || (r.next == 0 && r.busy == nil) {
			cc.mu.Unlock()
			return out, nil
		}
		if busy := r.busy; busy != nil {
			cc.mu.Unlock()
			select {
			case <-busy:
				continue
			case <-ctx.Done():
				return nil, asError("DescribeCustomerGateways", ctx.Err())
			}
		}
		pages := r.start()
		cc.mu.Unlock()
		if err := cc.land(r, pages, readPages(ctx, pages, read)); err != nil {
			return nil, err
		}
	}
}

// find returns the customer gateways r holds of ids, in ids' order, and
// whether any is missing. Call with mu held.
func (r *cgwRegion) find(ids []string) (out []alibaba.CustomerGateway, missing bool) {
	for _, id := range ids {
		if g, ok := r.byID[id]; ok {
			out = append(out, g)
		} else if id != "" {
			missing = true
		}
	}
	return out, missing
}
