package emulator

import (
	"fmt"
	"testing"
	"time"
)

// The guard's memory has a hard cap: a burst beyond it forgets the oldest
// set, never grows.
func TestNonceGuardIsBounded(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	g := newNonceGuard(func() time.Time { return now }, 30*time.Minute, 1000)
	for i := range 10_000 {
		if i%100 == 0 {
			now = now.Add(time.Minute)
		}
		if !g.firstUse(fmt.Sprint(i)) {
			t.Fatalf("nonce %d refused", i)
		}
		if g.len() > 1000 {
			t.Fatalf("%d nonces held at %d", g.len(), i)
		}
	}
	if g.firstUse("9999") {
		t.Fatal("the newest nonce was forgotten")
	}
}

// A clock that steps back neither loses nor double-counts nonces.
func TestNonceGuardClockStepsBack(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	g := newNonceGuard(func() time.Time { return now }, 30*time.Minute, 1000)
	g.firstUse("a")
	now = now.Add(-time.Hour)
	if g.firstUse("a") || !g.firstUse("b") || g.len() != 2 {
		t.Fatalf("after stepping back: %d held", g.len())
	}
}
