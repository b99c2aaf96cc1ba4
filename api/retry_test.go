package api

import (
	"context"
	"testing"
	"time"
)

// Every call that was announced as retrying is announced as ended, whether
// it then succeeded or failed for good, so the status line can drop the
// notice and show the outcome.
func TestRetryNoticesEndWithTheirCall(t *testing.T) {
	throttled := ProviderError("DescribeVpnGateways", KindThrottled, 400, "Throttling.User", "slow down", "req-1", "")
	policy := RetryPolicy{Attempts: 3, Base: time.Millisecond, Cap: time.Millisecond}
	for _, tc := range []struct {
		name     string
		failures int
		wantErr  bool
	}{{"succeeds after a retry", 1, false}, {"fails for good", 5, true}, {"no retry needed", 0, false}} {
		var notices []RetryNotice
		sent := 0
		err := policy.Do(context.Background(), "DescribeVpnGateways", func(n RetryNotice) { notices = append(notices, n) }, func() error {
			sent++
			if sent <= tc.failures {
				return throttled
			}
			return nil
		})
		if (err != nil) != tc.wantErr {
			t.Fatalf("%s: err = %v", tc.name, err)
		}
		if tc.failures == 0 {
			if len(notices) != 0 {
				t.Fatalf("%s: notices %+v for a call that never waited", tc.name, notices)
			}
			continue
		}
		last := notices[len(notices)-1]
		if !last.Done || last.Call == 0 {
			t.Fatalf("%s: the last notice %+v does not end the call", tc.name, last)
		}
		for _, n := range notices {
			if n.Call != last.Call {
				t.Fatalf("%s: notices of one call carry different ids: %+v", tc.name, notices)
			}
		}
	}
}
