package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// LatestRead is a view's read of something it shows beside its own data
// (a metric window, the audit trail's changes): the read it waits for and
// what came back. A newer read cancels the one before, and the answer of
// one it no longer waits for is dropped.
type LatestRead[T any] struct {
	Loading bool
	Data    T
	Err     error

	seq    int
	cancel context.CancelFunc
}

// ReadAnswer is a read's answer, for the read whose seq it was.
type ReadAnswer[T any] struct {
	seq  int
	data T
	err  error
}

// Read starts a read off the update loop, cancelling the one before;
// read captures its inputs in Update.
func (r *LatestRead[T]) Read(c *Common, read func(ctx context.Context) (T, error)) tea.Cmd {
	r.Cancel()
	ctx, cancel := context.WithCancel(c.Ctx)
	r.seq, r.Loading, r.cancel = c.NewID(), true, cancel
	seq := r.seq
	return func() tea.Msg {
		data, err := read(ctx)
		return ReadAnswer[T]{seq: seq, data: data, err: err}
	}
}

// Take reports whether msg is an answer of this kind, and keeps it when it
// is the one r waits for.
func (r *LatestRead[T]) Take(msg tea.Msg) bool {
	a, ok := msg.(ReadAnswer[T])
	if !ok {
		return false
	}
	if a.seq == r.seq {
		r.Loading, r.Data, r.Err = false, a.data, a.err
		r.Cancel()
	}
	return true
}

// Cancel stops the read under way: the view was left, or reads again.
func (r *LatestRead[T]) Cancel() {
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
}

// WindowRead is a LatestRead of a metric window (the tunnels views' and
// the Client VPN endpoint view's history): which window, an index into
// the cloud's spans, that + and - step through.
type WindowRead[T any] struct {
	LatestRead[T]
	Span int
}

// Step moves to the next window (step +1 or -1) of spans, dropping the old
// window's answer: under the new window's label it would say the wrong
// span. At either end it stays, and says why as a flash.
func (w *WindowRead[T]) Step(step int, spans []time.Duration) (moved bool, why tea.Cmd) {
	next := w.Span + step
	if next < 0 || next >= len(spans) {
		return false, Flash("the history's window is as " + map[bool]string{true: "wide", false: "narrow"}[step > 0] +
			" as it goes: " + SpanWords(spans[w.Span]))
	}
	var none T
	w.Span, w.Data, w.Err = next, none, nil
	return true, nil
}
