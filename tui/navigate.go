package tui

// Drilling in and out: what enter, d, l, y and c open from each screen.

import (
	tea "charm.land/bubbletea/v2"
)

// switchRegion starts over in another region, keeping nothing of the old.
func (a App) switchRegion(region string) (App, tea.Cmd) {
	for _, p := range a.stack {
		p.close()
	}
	a.c.region = region
	root := a.provider().Root(a.c)
	a.stack = []pane{root}
	a.retry = nil
	a.resize(a.width, a.height)
	return a, tea.Batch(root.start(), a.setFlash("switched to "+region))
}

func (a App) openDetail() (App, tea.Cmd) {
	title, id, fields, ok := a.selection()
	if !ok {
		return a, nil
	}
	d := newDetailView(a.c, title, id, fields, a.width, a.bodyHeight())
	a.push(&d)
	return a, nil
}

// selection is what d shows and y copies on the current screen.
func (a *App) selection() (title, id string, fields []field, ok bool) {
	if s, isSel := a.top().(selector); isSel {
		return s.selection()
	}
	return "", "", nil, false
}

// selectedID is what y copies on the current screen.
func (a *App) selectedID() string {
	_, id, _, _ := a.selection()
	return id
}

// copyID copies the selected id with OSC 52, which works over SSH.
func (a App) copyID() (App, tea.Cmd) {
	id := a.selectedID()
	if id == "" {
		return a, nil
	}
	return a, tea.Batch(tea.SetClipboard(id), a.setFlash("copied "+id+" (OSC 52)"))
}

// openFound opens what an open-by-id found, as browsing there would: in
// its region, above the provider's root.
func (a App) openFound(msg openedMsg) (App, tea.Cmd) {
	if msg.seq != a.locateSeq {
		return a, nil
	}
	a.flash = ""
	if msg.err != nil {
		a.cmdline.err = msg.id + ": " + errorLine(msg.err)
		return a, nil
	}
	var cmds []tea.Cmd
	if msg.region != a.c.region {
		var cmd tea.Cmd
		a, cmd = a.switchRegion(msg.region)
		cmds = append(cmds, cmd)
	} else {
		a.popTo(1)
	}
	panes, cmd := msg.open(a.c, a.width, a.bodyHeight())
	for _, p := range panes {
		a.push(p)
	}
	cmds = append(cmds, cmd, a.setFlash(msg.note))
	return a, tea.Batch(cmds...)
}

// pushWanted puts the pane a pane or command asked for in front, or goes
// back to the one it may reuse.
func (a App) pushWanted(msg pushMsg) (App, tea.Cmd) {
	if msg.reuse != nil {
		for i := len(a.stack) - 1; i >= 0; i-- {
			if cmd, ok := msg.reuse(a.stack[i]); ok {
				a.popTo(i + 1)
				return a, cmd
			}
		}
	}
	a.push(msg.pane)
	if msg.start != nil {
		return a, msg.start()
	}
	return a, msg.cmd
}
