package ec2client

import (
	"context"
	"slices"
	"sync"
	"time"
)

// sharedReads keeps a read by key for a short while, and shares one in
// flight: callers that ask for the same thing at once, or within ttl of
// each other, cost one call. A failed read is not kept. A read outlives
// its first caller's cancellation (another may be waiting for it),
// bounded by timeout, the client's patience for one call and its retries.
type sharedReads[T any] struct {
	mu      sync.Mutex
	reads   map[string]*sharedRead[T]
	ttl     time.Duration
	timeout time.Duration
	now     func() time.Time
}

// sharedRead is one read: in flight until done is closed, then its answer
// and when it came.
type sharedRead[T any] struct {
	done  chan struct{}
	at    time.Time
	items []T
	err   error
}

func newSharedReads[T any](ttl, timeout time.Duration) *sharedReads[T] {
	return &sharedReads[T]{reads: map[string]*sharedRead[T]{}, ttl: ttl, timeout: timeout, now: time.Now}
}

// usable reports whether r can answer: in flight, or answered within ttl.
func (s *sharedReads[T]) usable(r *sharedRead[T]) bool {
	select {
	case <-r.done:
		return r.err == nil && s.now().Sub(r.at) < s.ttl
	default:
		return true
	}
}

// get answers key from a read in flight or kept, or starts one with
// fetch; fresh always starts one (what was read a moment ago may be what
// the user just changed), and later callers share it.
func (s *sharedReads[T]) get(ctx context.Context, key string, fresh bool, fetch func(context.Context) ([]T, error)) ([]T, error) {
	s.mu.Lock()
	r := s.reads[key]
	if r == nil || fresh || !s.usable(r) {
		r = &sharedRead[T]{done: make(chan struct{})}
		s.reads[key] = r
		go s.run(ctx, key, r, fetch)
	}
	s.mu.Unlock()
	select {
	case <-r.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return slices.Clone(r.items), r.err
}

func (s *sharedReads[T]) run(ctx context.Context, key string, r *sharedRead[T], fetch func(context.Context) ([]T, error)) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.timeout)
	defer cancel()
	items, err := fetch(rctx)
	s.mu.Lock()
	r.items, r.err, r.at = items, err, s.now()
	if err != nil && s.reads[key] == r {
		delete(s.reads, key) // a failure is not kept
	}
	s.mu.Unlock()
	close(r.done)
}
