package api

import (
	"context"
	"sync/atomic"
	"time"
)

// Scanner is what every provider's problems scan shares: a bound on the
// calls in flight across the whole scan, and patience with throttling. The
// bound is on calls, not on tasks, so a task waiting for its next page
// never holds a slot. A call the service still throttles after the
// client's own retries waits outside a slot (so the other calls slow down
// too) and is asked again, the wait doubling, up to five times: throttling
// slows a scan, it does not leave resources unchecked.
type Scanner struct {
	ctx          context.Context
	slots        chan struct{} // one per call in flight
	throttleWait time.Duration
	calls        atomic.Int64
	retries      atomic.Int64 // the clients' own, under Context
}

// Scanner defaults.
const (
	DefaultMaxInFlight  = 8
	DefaultThrottleWait = time.Second
)

// NewScanner bounds a scan to maxInFlight calls at once (default 8);
// throttleWait is the first wait after throttling (default 1 s).
func NewScanner(ctx context.Context, maxInFlight int, throttleWait time.Duration) *Scanner {
	if maxInFlight <= 0 {
		maxInFlight = DefaultMaxInFlight
	}
	if throttleWait <= 0 {
		throttleWait = DefaultThrottleWait
	}
	s := &Scanner{slots: make(chan struct{}, maxInFlight), throttleWait: throttleWait}
	s.ctx = CountRetries(ctx, &s.retries)
	return s
}

// Context is the scan's context: calls made under it count the retries
// their client makes, so Calls is every request sent.
func (s *Scanner) Context() context.Context { return s.ctx }

// Call runs one API call in a slot, asking again while it is throttled.
func (s *Scanner) Call(fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := s.callOnce(fn)
		e, ok := AsError(err)
		if !ok || e.Kind != KindThrottled || attempt == 5 {
			return err
		}
		select {
		case <-time.After(s.throttleWait << attempt):
		case <-s.ctx.Done():
			return s.ctx.Err()
		}
	}
}

func (s *Scanner) callOnce(fn func() error) error {
	select {
	case s.slots <- struct{}{}:
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
	defer func() { <-s.slots }()
	s.calls.Add(1)
	return fn()
}

// Calls is how many requests the scan has sent: each call, each time the
// scan asked again after throttling, and each retry a client made on its
// own under Context (42 said where 56 went out, before).
func (s *Scanner) Calls() int { return int(s.calls.Load() + s.retries.Load()) }
