package tui

// Refresh and watch mode: r refreshes now; w refreshes what is on screen
// on a timer, backing off while the service throttles.

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// refresh fetches again what the pane in front shows; behind the tunnels
// view or a connection's details, the connection's page.
func (a *App) refresh() tea.Cmd {
	a.retry = nil
	if r, ok := a.Top().(ui.Refresher); ok {
		return r.Refresh()
	}
	if f := a.feederBehind(); f != nil {
		return f.Refresh()
	}
	return nil
}

// feederBehind is the pane under a tunnels view or details whose data
// they show (a gateway's open connections tab): what refreshing them
// refreshes.
func (a *App) feederBehind() ui.Feeder {
	if f, ok := a.Top().(ui.FedFromBelow); !ok || !f.FedFromBelow() {
		return nil
	}
	for i := len(a.stack) - 2; i >= 0; i-- {
		if f, ok := a.stack[i].(ui.Feeder); ok {
			if f.FeedsAbove() {
				return f
			}
			return nil
		}
	}
	return nil
}

func (a App) toggleWatch() (App, tea.Cmd) {
	a.watch = !a.watch
	a.watchGen++
	if !a.watch {
		return a, a.setFlash("auto-refresh off")
	}
	return a, tea.Batch(a.setFlash(fmt.Sprintf("auto-refresh every %s", a.cfg.RefreshInterval)), a.scheduleTick())
}

// watchInterval is the refresh interval, doubled (up to 8x) while the
// service throttles.
func (a *App) watchInterval() time.Duration {
	return a.cfg.RefreshInterval << a.backoff
}

func (a *App) scheduleTick() tea.Cmd {
	gen := a.watchGen
	return a.c.After(a.watchInterval(), func(time.Time) tea.Msg { return tickMsg{gen: gen} })
}

// watchTick refreshes what is on screen, unless a refresh is still
// running: watch mode never overlaps its own calls.
func (a App) watchTick(msg tickMsg) (App, tea.Cmd) {
	if !a.watch || msg.gen != a.watchGen {
		return a, nil
	}
	_, err := a.focusState()
	if e, ok := api.AsError(err); ok && e.Kind == api.KindThrottled {
		a.backoff = min(a.backoff+1, 3)
	} else if err == nil {
		a.backoff = 0
	}
	var cmd tea.Cmd
	if !a.busy() {
		cmd = a.watchRefresh()
	}
	return a, tea.Batch(cmd, a.scheduleTick())
}

// watchRefresh refreshes only what is on screen: the visible page of the
// list in front, or, behind the tunnels view, the connection's page; in the
// log, the window again, ending now, so watching tails the log; in the
// problems overview, a whole re-check.
func (a *App) watchRefresh() tea.Cmd {
	if r, ok := a.Top().(ui.Refresher); ok {
		return r.WatchRefresh()
	}
	if f := a.feederBehind(); f != nil {
		return f.WatchRefresh()
	}
	return nil
}
