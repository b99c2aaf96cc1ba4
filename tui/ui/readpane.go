package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
)

// ReadPane is what a pane that shows one read as scrolled lines (a route
// path) does the same whatever it reads: it reads when opened, again on r
// (fresh) and under watch, drops the answer of an older read, cancels the
// read in flight when it is left or read again, and scrolls. What it
// reads and how it draws it are the pane's own: Read captures the read's
// inputs in Update and returns what runs off the update loop, Got takes
// its answer in Update, Lines draws.
type ReadPane[T any] struct {
	C       *Common
	Path    []string // the crumbs
	Sc      Scroller
	Loading bool
	Read    func(fresh bool) func(ctx context.Context) T
	Got     func(T)
	Lines   func() []string

	seq    int // the read the pane waits for
	cancel context.CancelFunc
}

// readAnswer is a read's answer, for the pane whose read seq it was.
type readAnswer[T any] struct {
	seq    int
	answer T
}

// NewReadPane is a pane on c, under crumbs, with its read and its drawing.
func NewReadPane[T any](c *Common, crumbs []string, read func(fresh bool) func(ctx context.Context) T, got func(T), lines func() []string) ReadPane[T] {
	return ReadPane[T]{C: c, Path: crumbs, Sc: Scroller{C: c}, Read: read, Got: got, Lines: lines}
}

// Start reads, cancelling the read before it.
func (p *ReadPane[T]) Start(fresh bool) tea.Cmd {
	p.Close()
	p.seq = p.C.NewID()
	ctx, cancel := context.WithCancel(p.C.Ctx)
	p.cancel, p.Loading = cancel, true
	read, seq := p.Read(fresh), p.seq
	return func() tea.Msg { return readAnswer[T]{seq: seq, answer: read(ctx)} }
}

func (p *ReadPane[T]) Handle(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case readAnswer[T]:
		if msg.seq != p.seq {
			return nil // an older read, or another pane's
		}
		p.Loading = false
		p.Got(msg.answer)
		p.Sc.SetLines(p.Lines())
	case tea.KeyPressMsg:
		p.Sc.Scroll(msg)
	}
	return nil
}

func (p *ReadPane[T]) Refresh() tea.Cmd      { return p.Start(true) }
func (p *ReadPane[T]) WatchRefresh() tea.Cmd { return p.Start(false) }

func (p *ReadPane[T]) SetSize(w, h int) {
	p.Sc.SetSize(w, h)
	p.Sc.SetLines(p.Lines())
}

// Close cancels the read in flight: the user left.
func (p *ReadPane[T]) Close() {
	if p.cancel != nil {
		p.cancel()
	}
}

func (p *ReadPane[T]) FetchState() (bool, error) { return p.Loading, nil }
func (p *ReadPane[T]) Crumbs() []string          { return p.Path }
func (p *ReadPane[T]) View() string              { return p.Sc.View() }
