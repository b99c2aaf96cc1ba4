package emulatorkit

import (
	"context"
	"time"

	"github.com/vpnscope/vpnscope/api/fault"
)

// hangFor bounds a hung or lost answer, should the client never give up.
const hangFor = 5 * time.Minute

// Faults is what an emulator adds to every answer: its latency, and the
// injected faults.
type Faults struct {
	inj     *fault.Injector
	latency time.Duration
}

// NewFaults injects faults and adds latency to every answer.
func NewFaults(faults []fault.Fault, latency time.Duration) *Faults {
	return &Faults{inj: fault.NewInjector(faults), latency: latency}
}

// Set replaces the injected faults (and resets their counters).
func (f *Faults) Set(faults []fault.Fault) { f.inj.Set(faults) }

// Admit picks the fault (if any) for this call of action and waits out
// the latency (the emulator's own plus any injected). ok is false when the
// client went away meanwhile: then there is no one to answer.
func (f *Faults) Admit(ctx context.Context, action string) (fail *fault.Fault, ok bool) {
	fail, delay := f.inj.Pick(action)
	return fail, Sleep(ctx, f.latency+delay)
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
