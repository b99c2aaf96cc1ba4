package tui

// Drilling in and out: what enter, d, l, y and c open from each screen.

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// switchRegion starts over in another region, keeping nothing of the old.
func (a App) switchRegion(region string) (App, tea.Cmd) {
	for _, p := range a.stack {
		p.Close()
	}
	a.c.Region = region
	root := a.provider().Root(a.c)
	a.stack = []ui.Pane{root}
	a.retry = nil
	a.resize(a.width, a.height)
	return a, tea.Batch(root.Start(), a.setFlash("switched to "+region))
}

func (a App) openDetail() (App, tea.Cmd) {
	title, id, fields, ok := a.selection()
	if !ok {
		return a, nil
	}
	d := ui.NewDetailView(a.c, title, id, fields, a.width, a.bodyHeight())
	a.push(&d)
	return a, nil
}

// selection is what d shows and y copies on the current screen.
func (a *App) selection() (title, id string, fields []ui.Field, ok bool) {
	if s, isSel := a.Top().(ui.Selector); isSel {
		return s.Selection()
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
	title, id, _, _ := a.selection()
	if id == "" {
		return a, nil
	}
	what := id
	if n := strings.Count(id, "\n"); n > 0 {
		what = fmt.Sprintf("%s as JSON (%d lines)", title, n+1) // the raw view: not the whole text in the flash
	}
	return a, tea.Batch(tea.SetClipboard(id), a.setFlash("copied "+what+" (OSC 52)"))
}

// openFound opens what an open-by-id found, as browsing there would: in
// its region, above the provider's root.
func (a App) openFound(msg ui.OpenedMsg) (App, tea.Cmd) {
	if msg.Seq != a.locateSeq {
		return a, nil
	}
	a.flash = ""
	if msg.Err != nil {
		a.cmdline.err = msg.ID + ": " + ui.ErrorLine(msg.Err)
		if owner := a.otherOwner(msg.ID); owner >= 0 { // both clouds' forms fit: it may be the other's
			a.cmdline.err += fmt.Sprintf(" (an id of %s has this form too: %s switches)", a.cfg.Providers[owner].Name(), a.c.Keys.Global.Provider.Help().Key)
		}
		return a, nil
	}
	var cmds []tea.Cmd
	if msg.Region != a.c.Region {
		var cmd tea.Cmd
		a, cmd = a.switchRegion(msg.Region)
		cmds = append(cmds, cmd)
	} else {
		a.popTo(1)
	}
	panes, cmd := msg.Open(a.c, a.width, a.bodyHeight())
	for _, p := range panes {
		a.push(p)
	}
	cmds = append(cmds, cmd, a.setFlash(msg.Note))
	return a, tea.Batch(cmds...)
}

// pushWanted puts the pane a pane or command asked for in front, or goes
// back to the one it may reuse.
func (a App) pushWanted(msg ui.PushMsg) (App, tea.Cmd) {
	if msg.Build != nil {
		msg.Pane, msg.Cmd = msg.Build()
	}
	if msg.Reuse != nil {
		for i := len(a.stack) - 1; i >= 0; i-- {
			if cmd, ok := msg.Reuse(a.stack[i]); ok {
				a.popTo(i + 1)
				note := a.note(msg.Note)
				return a, tea.Batch(cmd, note)
			}
		}
	}
	if msg.FromRoot {
		a.popTo(1)
	}
	a.push(msg.Pane)
	cmd := msg.Cmd
	if msg.Start != nil {
		cmd = msg.Start()
	}
	note := a.note(msg.Note)
	return a, tea.Batch(cmd, note)
}

// note says text on the status line, if there is any.
func (a *App) note(text string) tea.Cmd {
	if text == "" {
		return nil
	}
	return a.setFlash(text)
}

// openOverview shows the problems overview of every provider and starts
// its scan; when it is open already, it goes back to it and checks again.
func (a App) openOverview() (App, tea.Cmd) {
	for i := len(a.stack) - 1; i >= 0; i-- {
		if o, ok := a.stack[i].(*overview); ok {
			a.popTo(i + 1)
			return a, o.Start()
		}
	}
	regions := make([]string, len(a.cfg.Providers))
	for i := range a.cfg.Providers {
		regions[i] = a.regionFor(i)
	}
	o := newOverview(a.c, a.cfg.Providers, regions)
	a.push(o)
	return a, o.Start()
}

// regionFor is where provider i is browsed: the app's region for the
// current one, where another was left, or where it starts.
func (a *App) regionFor(i int) string {
	switch {
	case i == a.current:
		return a.c.Region
	case a.regionOf[i] != "":
		return a.regionOf[i]
	}
	return a.cfg.Providers[i].Region()
}

// openFinding opens what the overview's enter found, when it is the last
// enter and the overview is still in front: in the finding's provider
// (switched to as p does, under the overview, which stays with its rows
// and cursor), above the overview.
func (a App) openFinding(m openFindingMsg) (App, tea.Cmd) {
	o, ok := a.Top().(*overview)
	if !ok || m.seq != o.openSeq {
		return a, nil
	}
	var cmds []tea.Cmd
	if m.provider != a.current {
		a.regionOf[a.current] = a.c.Region
		region := a.regionFor(m.provider)
		for _, p := range a.stack[:len(a.stack)-1] {
			p.Close()
		}
		a.useProvider(m.provider, region)
		root := a.provider().Root(a.c)
		root.SetSize(a.width, a.bodyHeight())
		a.stack = []ui.Pane{root, o}
		a.retry = nil
		cmds = append(cmds, root.Start())
	}
	a, cmd := a.update(m.msg)
	return a, tea.Batch(append(cmds, cmd)...)
}
