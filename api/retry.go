package api

import (
	"context"
	"math/rand/v2"
	"sync/atomic"
	"time"
)

// RetryPolicy retries throttling and transient 5xx with capped, jittered
// exponential backoff ("full jitter"); nothing else is retried, because
// sending a bad request again only costs quota.
type RetryPolicy struct {
	Attempts int           // total sends, including the first; 1 disables retries
	Base     time.Duration // first backoff ceiling
	Cap      time.Duration // largest backoff ceiling
}

// DefaultRetry suits an interactive tool: at most about 4 s spent waiting.
var DefaultRetry = RetryPolicy{Attempts: 4, Base: 300 * time.Millisecond, Cap: 2 * time.Second}

// backoff returns the wait before attempt n (n >= 1 is the first retry).
func (p RetryPolicy) backoff(n int) time.Duration {
	ceiling := p.Base << (n - 1)
	if ceiling > p.Cap || ceiling <= 0 {
		ceiling = p.Cap
	}
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceiling)) + 1)
}

// RetryNotice tells an observer that a call is waiting to be retried, so the
// UI can say "throttled, retrying in 2s" instead of looking stuck.
//
// A notice belongs to one call (Call): when that call ends, succeeded or
// failed for good, a last notice with Done set says so, so a "retrying"
// line never outlives its call and hides the final error.
type RetryNotice struct {
	Action  string
	Call    uint64 // which call; unique within the process
	Err     *Error
	Attempt int
	Wait    time.Duration
	Done    bool // the call has ended; its earlier notices are over
}

var callSeq atomic.Uint64

type retryCountKey struct{}

// CountRetries returns ctx carrying n: each retry a RetryPolicy makes for a
// call under it adds one (a scan counts every request it sent).
func CountRetries(ctx context.Context, n *atomic.Int64) context.Context {
	return context.WithValue(ctx, retryCountKey{}, n)
}

// Do runs send until it succeeds, fails for good, or ctx ends: every
// provider's client retries the same way, so throttling looks the same.
func (p RetryPolicy) Do(ctx context.Context, action string, notify func(RetryNotice), send func() error) error {
	attempts := max(p.Attempts, 1)
	call, notified := callSeq.Add(1), false
	defer func() {
		if notified {
			notify(RetryNotice{Action: action, Call: call, Done: true})
		}
	}()
	for n := 1; ; n++ {
		err := send()
		if err == nil {
			return nil
		}
		e, ok := AsError(err)
		if !ok {
			return err
		}
		e.Attempts = n
		if !e.Retryable() || n >= attempts {
			return e
		}
		if count, ok := ctx.Value(retryCountKey{}).(*atomic.Int64); ok {
			count.Add(1)
		}
		wait := p.backoff(n)
		if notify != nil {
			notify(RetryNotice{Action: action, Call: call, Err: e, Attempt: n, Wait: wait})
			notified = true
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return TransportError(action, ctx.Err())
		case <-t.C:
		}
	}
}
