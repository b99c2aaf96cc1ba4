package ec2client

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/vpnscope/vpnscope/api/aws"
)

// A gateway's connections pane asks for the connections, then for the
// customer gateways they name (the device's IP and ASN): two calls in a
// row, two round trips. The aws.Client interface is what every caller
// (and every fake) implements, so the client itself makes it one round
// trip: VPNConnections for a gateway (or a whole region) starts reading
// the region's customer gateways beside it, and CustomerGateways answers
// from that read, waiting for it if it is still in flight.
//
// This is sound because a customer gateway's IP and ASN never change (a
// new device is a new customer gateway, with a new id), and only a short
// while: a read older than cgwTTL is not used, an id the read does not
// hold (a customer gateway made since) is asked for as before, and a
// failed read is not kept. Only its state may be up to cgwTTL old.
//
// A region has at most a few dozen customer gateways (the default quota is
// 50), so reading them all costs no more than reading some.

// cgwTTL is how long a region's customer gateways are used once read.
const cgwTTL = 30 * time.Second

// cgwRead is one read of a region's customer gateways: in flight until
// done is closed, then its answer and when it came.
type cgwRead struct {
	done  chan struct{}
	at    time.Time
	items []aws.CustomerGateway
	err   error
}

type cgwCache struct {
	mu      sync.Mutex
	regions map[string]*cgwRead
	now     func() time.Time
	timeout time.Duration // bounds a read no caller waits for
}

func newCGWCache(timeout time.Duration) *cgwCache {
	return &cgwCache{regions: map[string]*cgwRead{}, now: time.Now, timeout: timeout}
}

// fresh reports whether r can still answer: in flight, or answered well
// within cgwTTL.
func (cc *cgwCache) fresh(r *cgwRead) bool {
	select {
	case <-r.done:
		return r.err == nil && cc.now().Sub(r.at) < cgwTTL
	default:
		return true
	}
}

// read returns region's read, starting one unless one is in flight or
// fresh. The read outlives ctx's cancellation (another caller may be
// waiting for it), bounded by the client's timeout for its retries.
func (cc *cgwCache) read(ctx context.Context, region string, fetch func(context.Context) ([]aws.CustomerGateway, error)) *cgwRead {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if r := cc.regions[region]; r != nil && cc.fresh(r) {
		return r
	}
	r := &cgwRead{done: make(chan struct{})}
	cc.regions[region] = r
	go func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cc.timeout)
		defer cancel()
		items, err := fetch(rctx)
		cc.mu.Lock()
		r.items, r.err, r.at = items, err, cc.now()
		if err != nil && cc.regions[region] == r {
			delete(cc.regions, region) // a failure is not kept
		}
		cc.mu.Unlock()
		close(r.done)
	}()
	return r
}

// cached is region's read if one is in flight or fresh, else nil.
func (cc *cgwCache) cached(region string) *cgwRead {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if r := cc.regions[region]; r != nil && cc.fresh(r) {
		return r
	}
	return nil
}

// wait waits for r (or ctx) and returns the customer gateways with those
// ids (all when ids is empty), or the read's error; ok is false when r
// does not hold every id (one made since): the caller asks for them.
func (r *cgwRead) wait(ctx context.Context, ids []string) (out []aws.CustomerGateway, ok bool, err error) {
	select {
	case <-r.done:
	case <-ctx.Done():
		return nil, true, ctx.Err()
	}
	if r.err != nil {
		return nil, true, r.err
	}
	if len(ids) == 0 {
		return slices.Clone(r.items), true, nil
	}
	for _, id := range ids {
		i := slices.IndexFunc(r.items, func(g aws.CustomerGateway) bool { return g.ID == id })
		if i < 0 {
			return nil, false, nil
		}
		out = append(out, r.items[i])
	}
	return out, true, nil
}
