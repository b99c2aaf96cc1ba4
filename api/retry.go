package api

import (
	"context"
	"math/rand/v2"
	"sync"
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
			budgetOf(ctx).refund()
			return nil
		}
		e, ok := AsError(err)
		if !ok {
			return err
		}
		e.Attempts = n
		if !e.Retryable() || n >= attempts || !budgetOf(ctx).spend(e.Kind == KindNetwork) {
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

// RetryBudget bounds the retries of a whole scan, as the SDKs' standard
// retry mode bounds a client's: a bucket of 500 tokens, 5 spent on a
// retry, 10 on a retry after a timeout, 1 given back by each success
// (aws-sdk-go-v2 aws/retry: DefaultRetryRateTokens, DefaultRetryCost,
// DefaultRetryTimeoutCost, DefaultNoRetryIncrement). A service that
// throttles everything drains it in about 100 retries, and the calls after
// that fail at once instead of each waiting through its own retries (a
// throttled scan sent 1,578 requests in 61 s before).
type RetryBudget struct {
	mu     sync.Mutex
	tokens int
}

// The standard retry mode's numbers.
const (
	retryTokens      = 500
	retryCost        = 5
	retryTimeoutCost = 10
)

// NewRetryBudget is a full bucket.
func NewRetryBudget() *RetryBudget { return &RetryBudget{tokens: retryTokens} }

// spend takes a retry's tokens, if there are enough; a nil budget (a call
// outside a scan) always has.
func (b *RetryBudget) spend(afterTimeout bool) bool {
	if b == nil {
		return true
	}
	cost := retryCost
	if afterTimeout {
		cost = retryTimeoutCost
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tokens < cost {
		return false
	}
	b.tokens -= cost
	return true
}

// refund gives a token back for a success, up to the bucket's size.
func (b *RetryBudget) refund() {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.tokens = min(b.tokens+1, retryTokens)
	b.mu.Unlock()
}

type retryBudgetKey struct{}

// WithRetryBudget returns ctx carrying b: every call under it, and every
// retry its client makes, draws on the one budget.
func WithRetryBudget(ctx context.Context, b *RetryBudget) context.Context {
	return context.WithValue(ctx, retryBudgetKey{}, b)
}

func budgetOf(ctx context.Context) *RetryBudget {
	b, _ := ctx.Value(retryBudgetKey{}).(*RetryBudget)
	return b
}
