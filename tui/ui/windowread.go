package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// WindowRead is a view's read of a metric window (the tunnels views' and
// the Client VPN endpoint view's history): which window, an index into the
// cloud's spans; the read it waits for; and what came back. A newer read
// cancels the one before, and the answer of one it no longer waits for is
// dropped.
type WindowRead[T any] struct {
	Span    int
	Loading bool
	Data    T
	Err     error

	seq    int
	cancel context.CancelFunc
}

// WindowAnswer is a read's answer, for the read whose seq it was.
type WindowAnswer[T any] struct {
	seq  int
	data T
	err  error
}

// Read starts a read off the update loop, cancelling the one before;
// read captures its inputs in Update.
func (w *WindowRead[T]) Read(c *Common, read func(ctx context.Context) (T, error)) tea.Cmd {
	w.Cancel()
	ctx, cancel := context.WithCancel(c.Ctx)
	w.seq, w.Loading, w.cancel = c.NewID(), true, cancel
	seq := w.seq
	return func() tea.Msg {
		data, err := read(ctx)
		return WindowAnswer[T]{seq: seq, data: data, err: err}
	}
}

// Take reports whether msg is an answer of this kind, and keeps it when it
// is the one w waits for.
func (w *WindowRead[T]) Take(msg tea.Msg) bool {
	a, ok := msg.(WindowAnswer[T])
	if !ok {
		return false
	}
	if a.seq == w.seq {
		w.Loading, w.Data, w.Err = false, a.data, a.err
		w.Cancel()
	}
	return true
}

// Cancel stops the read under way: the view was left, or reads again.
func (w *WindowRead[T]) Cancel() {
	if w.cancel != nil {
		w.cancel()
		w.cancel = nil
	}
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
