package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/keymap"
)

// RawView shows one resource as the service returned it (v): its JSON,
// secrets masked, scrollable; y copies all of it, for a ticket.
type RawView struct {
	c        *Common
	seq      int
	kind, id string
	text     string
	err      error
	loaded   bool
	sc       Scroller
	cancel   context.CancelFunc
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ Pane     = (*RawView)(nil)
	_ Selector = (*RawView)(nil)
)

// RawTarget is a resource v can show: what it is and how to read it raw
// (one call, in a command).
type RawTarget struct {
	Kind, ID string
	Read     func(ctx context.Context) ([]byte, error)
}

// RawTargeter has a resource under the cursor that v can show raw.
type RawTargeter interface {
	RawTarget() (RawTarget, bool)
}

// rawLoadedMsg answers the raw read for view seq.
type rawLoadedMsg struct {
	seq  int
	text string
	err  error
}

// OpenRaw asks for the raw view of t, reading it once the view is in front.
func OpenRaw(c *Common, t RawTarget) tea.Cmd {
	ctx, cancel := context.WithCancel(c.Ctx)
	v := &RawView{c: c, seq: c.NewID(), kind: t.Kind, id: t.ID, sc: Scroller{C: c}, cancel: cancel}
	v.SetSize(c.Width, c.Height)
	seq, read := v.seq, t.Read
	return Push(v, func() tea.Msg {
		b, err := read(ctx)
		return rawLoadedMsg{seq: seq, text: string(b), err: err}
	})
}

func (v *RawView) SetSize(w, h int) {
	v.sc.SetSize(w, h)
	v.sc.SetLines(v.lines())
}

func (v *RawView) lines() []string {
	s := v.c.Styles
	head := " " + s.Title.Render(v.kind+" "+v.id) + "  " + s.Dim.Render("as the API returned it · secrets masked · y copies it")
	switch {
	case v.err != nil:
		out := []string{head, ""}
		for _, l := range ErrorLines(v.err, v.sc.Width-2) {
			out = append(out, s.Bad.Render(" "+l))
		}
		return out
	case !v.loaded:
		return []string{head, "", s.Dim.Render(" asking…")}
	}
	out := []string{head, ""}
	for _, l := range strings.Split(v.text, "\n") {
		out = append(out, " "+l)
	}
	return out
}

func (v *RawView) Handle(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case rawLoadedMsg:
		if m.seq == v.seq {
			v.text, v.err, v.loaded = m.text, m.err, true
			v.sc.SetLines(v.lines())
		}
	case tea.KeyPressMsg:
		v.sc.Scroll(m)
	}
	return nil
}

func (v RawView) View() string { return v.sc.View() }

func (v *RawView) Close() {
	if v.cancel != nil {
		v.cancel()
	}
}
func (v *RawView) Crumbs() []string          { return []string{"raw"} }
func (v *RawView) FetchState() (bool, error) { return !v.loaded, v.err }
func (v *RawView) Selection() (string, string, []Field, bool) {
	return v.kind + " " + v.id, v.text, nil, v.loaded && v.err == nil
}

// Hints: y copies the whole JSON here, not an id.
func (v *RawView) Hints(k keymap.KeyMap) []key.Binding {
	c := k.List.Copy
	c.SetHelp(c.Help().Key, "copy JSON")
	return []key.Binding{k.Detail.Down, k.Detail.Up, c, k.Global.Back, k.Global.Help}
}
