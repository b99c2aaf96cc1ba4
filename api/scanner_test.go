package api

import (
	"context"
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
