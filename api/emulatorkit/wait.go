package emulatorkit

import (
	"context"
	"time"

	"github.com/vpnscope/vpnscope/api/fault"
)

// hangFor bounds a hung or lost answer, should the client never give up.
const hangFor = 5 * time.Minute

// Admit picks the fault (if any) for this call of action and waits out
// the latency (the emulator's own plus any injected). ok is false when the
// client went away meanwhile: then there is no one to answer.
func Admit(ctx context.Context, faults *fault.Injector, action string, latency time.Duration) (fail *fault.Fault, ok bool) {
	fail, delay := faults.Pick(action)
	return fail, Sleep(ctx, latency+delay)
}

// Sleep waits d, or until ctx ends; it reports whether d passed.
func Sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Hang answers nothing until the client gives up (the hang and lost
// faults).
func Hang(ctx context.Context) { Sleep(ctx, hangFor) }
