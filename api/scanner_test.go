package api

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The bound holds across goroutines, and throttling is asked again
// (counted each time) until it clears.
func TestScannerBoundsCallsAndOutwaitsThrottling(t *testing.T) {
	s := NewScanner(context.Background(), 3, time.Millisecond)
	var in, peak atomic.Int64
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			s.Call(func() error {
				n := in.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(2 * time.Millisecond)
				in.Add(-1)
				return nil
			})
		})
	}
	wg.Wait()
	if peak.Load() != 3 || s.Calls() != 20 {
		t.Errorf("peak %d in flight (bound 3), %d calls", peak.Load(), s.Calls())
	}
	tries := 0
	err := s.Call(func() error {
		if tries++; tries < 3 {
			return &Error{Kind: KindThrottled}
		}
		return nil
	})
	if err != nil || tries != 3 || s.Calls() != 23 {
		t.Errorf("throttled twice: %v after %d tries, %d calls", err, tries, s.Calls())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := NewScanner(ctx, 1, time.Hour).Call(func() error { return &Error{Kind: KindThrottled} }); err == nil {
		t.Error("a cancelled scan waited on")
	}
}

// A call the service throttles for good is asked three times at most (the
// client's own retries come on top, from the same budget), not six.
func TestAThrottledCallIsAskedAFewTimesNotTwoDozen(t *testing.T) {
	s := NewScanner(context.Background(), 1, time.Millisecond)
	tries := 0
	err := s.Call(func() error { tries++; return &Error{Kind: KindThrottled} })
	if e, ok := AsError(err); !ok || e.Kind != KindThrottled || tries != 1+maxAsks {
		t.Errorf("want throttled after %d tries, got %v after %d", 1+maxAsks, err, tries)
	}
}

// One budget bounds every retry of a scan, its clients' and its own: a
// service that throttles everything costs about a hundred retries in all
// (the standard retry mode's 500 tokens at 5 a retry), after which calls
// fail at once; a success gives a token back.
func TestAScansRetriesDrawOnOneBudget(t *testing.T) {
	s := NewScanner(context.Background(), 4, time.Microsecond)
	policy := RetryPolicy{Attempts: 4, Base: time.Microsecond, Cap: time.Microsecond}
	var sent atomic.Int64
	var wg sync.WaitGroup
	for range 200 {
		wg.Go(func() {
			s.Call(func() error {
				return policy.Do(s.Context(), "DescribeThings", nil, func() error {
					sent.Add(1)
					return &Error{Kind: KindThrottled, HTTPStatus: 400}
				})
			})
		})
	}
	wg.Wait()
	retries := sent.Load() - 200 // beyond each call's first send
	if retries > retryTokens/retryCost || retries < retryTokens/retryCost-3 {
		t.Errorf("%d retries for 200 calls throttled for good; the budget allows %d", retries, retryTokens/retryCost)
	}
	if int64(s.Calls()) != sent.Load() {
		t.Errorf("the scan counted %d calls, %d were sent", s.Calls(), sent.Load())
	}
	b := NewRetryBudget()
	for b.spend(false) {
	}
	b.refund()
	if b.spend(false) {
		t.Error("one success gave back a whole retry (5 tokens)")
	}
	for range 4 {
		b.refund()
	}
	if !b.spend(false) {
		t.Error("five successes give back one retry")
	}
}

// After the scan's deadline a call's error says it was not checked in
// time, whatever the transport made of it, and the events still reach
// the reader, which waits for them.
func TestAfterTheDeadlineWhatIsLeftWasNotCheckedInTime(t *testing.T) {
	ctx, cancel := context.WithTimeoutCause(context.Background(), 20*time.Millisecond, ErrNotCheckedInTime)
	defer cancel()
	s := NewScanner(ctx, 1, time.Millisecond)
	err := s.Call(func() error {
		<-s.Context().Done()
		return TransportError("DescribeThings", s.Context().Err())
	})
	e, ok := AsError(err)
	if !ok || e.Code != CodeNotCheckedInTime || e.Action != "DescribeThings" || !strings.Contains(unreadTodo("vpc", err), "not checked in time") {
		t.Fatalf("want not checked in time, for its action, got %#v", err)
	}
	events := make(chan int)
	go func() { Send(s.Context(), events, 7); close(events) }()
	if got := <-events; got != 7 {
		t.Errorf("the event after the deadline was dropped (%d)", got)
	}
	// A scan stopped otherwise (the reader went away) does not wait.
	stopped, stop := context.WithCancel(context.Background())
	stop()
	done := make(chan struct{})
	go func() { Send(stopped, make(chan int), 1); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Error("a stopped scan blocked on a reader that left")
	}
}

// Scans made under WithSharedSlots keep, together, within its bound, each
// also within its own.
func TestScansShareTheRunsBound(t *testing.T) {
	ctx := WithSharedSlots(context.Background(), 5)
	var in, peak atomic.Int64
	var wg sync.WaitGroup
	for range 6 {
		s := NewScanner(ctx, 3, time.Millisecond)
		for range 10 {
			wg.Go(func() {
				s.Call(func() error {
					n := in.Add(1)
					for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
					}
					time.Sleep(2 * time.Millisecond)
					in.Add(-1)
					return nil
				})
			})
		}
	}
	wg.Wait()
	if peak.Load() != 5 {
		t.Errorf("peak %d in flight across six scans; the shared bound is 5", peak.Load())
	}
}
