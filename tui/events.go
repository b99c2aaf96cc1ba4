package tui

import (
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
)

// Events carries notices from the API client's goroutines into the
// program (the client exists before the program does). Its methods are
// safe to call from any goroutine, and do nothing before Run starts.
type Events struct {
	mu sync.Mutex
	p  *tea.Program
}

func (e *Events) Attach(p *tea.Program) {
	e.mu.Lock()
	e.p = p
	e.mu.Unlock()
}

// Retry is a client's OnRetry hook (vpcclient's, ec2client's): the status
// line says "throttled, retrying in 2s" instead of looking stuck.
func (e *Events) Retry(n api.RetryNotice) {
	if e == nil {
		return
	}
	e.mu.Lock()
	p := e.p
	e.mu.Unlock()
	if p != nil {
		go p.Send(RetryNoticeMsg(n))
	}
}
