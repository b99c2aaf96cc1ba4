package api

import (
	"context"
	"errors"
	"sync/atomic"
	"time"
)

// Scanner is what every provider's problems scan shares: a bound on the
// calls in flight across the whole scan, and patience with throttling. The
// bound is on calls, not on tasks, so a task waiting for its next page
// never holds a slot. A call the service still throttles after the
// client's own retries waits outside a slot (so the other calls slow down
// too) and is asked again, the wait doubling, up to twice:
// throttling slows a scan, it does not leave resources unchecked. Those
// asks and the clients' own retries draw on one RetryBudget, so a service
// that throttles everything costs about a hundred retries, not thousands;
// and a scan whose context has a deadline (ErrNotCheckedInTime as its
// cause) says of what it did not reach that it was not checked in time.
type Scanner struct {
	ctx          context.Context
	slots        chan struct{} // one per call in flight
	throttleWait time.Duration
	calls        atomic.Int64
	retries      atomic.Int64 // the clients' own, under Context
	budget       *RetryBudget
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
	s := &Scanner{slots: make(chan struct{}, maxInFlight), throttleWait: throttleWait, budget: NewRetryBudget()}
	s.ctx = WithRetryBudget(CountRetries(ctx, &s.retries), s.budget)
	return s
}

// Context is the scan's context: calls made under it count the retries
// their client makes, so Calls is every request sent.
func (s *Scanner) Context() context.Context { return s.ctx }

// A call still throttled after its client's retries is asked again at
// most twice, after 1 s and 2 s (each ask with the client's retries
// again): a dozen sends at most, not two dozen over 38 s as before.
const (
	maxAsks         = 2
	maxThrottleWait = 5 * time.Second
)

// Call runs one API call in a slot, asking again while it is throttled.
func (s *Scanner) Call(fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := s.late(s.callOnce(fn))
		e, ok := AsError(err)
		if !ok || e.Kind != KindThrottled || attempt == maxAsks || !s.budget.spend(false) {
			return err
		}
		select {
		case <-time.After(min(s.throttleWait<<attempt, maxThrottleWait)):
		case <-s.ctx.Done():
			return s.late(s.ctx.Err())
		}
	}
}

// ErrNotCheckedInTime is the cause of a scan's deadline (a context made
// with context.WithTimeoutCause): what the scan had not read by then is
// said to be not checked in time, not "canceled" or "no answer".
var ErrNotCheckedInTime = errors.New("not checked in time")

// CodeNotCheckedInTime is the code of a call's error when the scan's
// deadline passed before it was answered.
const CodeNotCheckedInTime = "NotCheckedInTime"

// late turns a call's error after the scan's deadline into one that says
// so, keeping the call's action.
func (s *Scanner) late(err error) error {
	if err == nil || !errors.Is(context.Cause(s.ctx), ErrNotCheckedInTime) {
		return err
	}
	action := ""
	if e, ok := AsError(err); ok {
		action = e.Action
	}
	return &Error{Action: action, Kind: KindCanceled, Code: CodeNotCheckedInTime, Message: ErrNotCheckedInTime.Error(), cause: ErrNotCheckedInTime}
}

func (s *Scanner) callOnce(fn func() error) error {
	select {
	case s.slots <- struct{}{}:
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
	defer func() { <-s.slots }()
	// Then a slot of all the scans the run makes at once (several
	// accounts), if it bounds them: always after the scan's own, so no
	// two scans wait on each other in turn.
	if shared, ok := s.ctx.Value(sharedSlotsKey{}).(chan struct{}); ok {
		select {
		case shared <- struct{}{}:
		case <-s.ctx.Done():
			return s.ctx.Err()
		}
		defer func() { <-shared }()
	}
	s.calls.Add(1)
	return fn()
}

// Calls is how many requests the scan has sent: each call, each time the
// scan asked again after throttling, and each retry a client made on its
// own under Context (42 said where 56 went out, before).
func (s *Scanner) Calls() int { return int(s.calls.Load() + s.retries.Load()) }

// Send delivers a scan's event unless the scan was stopped (its reader may
// be gone). After the scan's deadline it still delivers: the reader waits
// for the events that say what was not checked in time.
func Send[T any](ctx context.Context, events chan<- T, e T) {
	select {
	case events <- e:
	case <-ctx.Done():
		if errors.Is(context.Cause(ctx), ErrNotCheckedInTime) {
			events <- e
		}
	}
}

type sharedSlotsKey struct{}

// WithSharedSlots returns ctx bounding every scan made under it, together,
// to n calls in flight, besides each scan's own bound: a run over many
// accounts stays within both.
func WithSharedSlots(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, sharedSlotsKey{}, make(chan struct{}, max(n, 1)))
}
