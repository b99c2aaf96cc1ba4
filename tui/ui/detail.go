package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"
)

// DetailView shows every field of one item, scrollable. Secrets are masked
// until s reveals them, and masked again by the next s or on leaving.
type DetailView struct {
	c      *Common
	title  string
	id     string
	fields []Field
	reveal bool
	sc     Scroller
}

// What the root asks of it: a renamed method fails here, not silently.
var (
	_ Pane         = (*DetailView)(nil)
	_ Selector     = (*DetailView)(nil)
	_ FedFromBelow = (*DetailView)(nil)
	_ Helpful      = (*DetailView)(nil)
)

// Field is one line of a detail view; a field with no label is a section.
type Field struct {
	Label  string
	Value  string
	Secret api.Secret
}

func Section(title string) Field { return Field{Value: title} }

func NewDetailView(c *Common, title, id string, fields []Field, w, h int) DetailView {
	d := DetailView{c: c, title: title, id: id, fields: fields, sc: Scroller{C: c}}
	d.sc.SetSize(w, h)
	d.sc.SetLines(d.lines())
	return d
}

func (d *DetailView) SetSize(w, h int) {
	d.sc.SetSize(w, h)
	d.sc.SetLines(d.lines())
}

func (d DetailView) Update(msg tea.Msg) (DetailView, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(k, d.c.Keys.Detail.Reveal) {
			d.reveal = !d.reveal
			d.sc.SetLines(d.lines())
			return d, nil
		}
		d.sc.Scroll(k)
	}
	return d, nil
}

func (d DetailView) View() string { return d.sc.View() }

func (d *DetailView) hasSecrets() bool {
	for _, f := range d.fields {
		if f.Secret.IsSet() {
			return true
		}
	}
	return false
}

func (d *DetailView) lines() []string {
	s := d.c.Styles
	out := []string{" " + s.Title.Render(d.title)}
	if d.hasSecrets() {
		hint := "secrets masked · s reveals"
		if d.reveal {
			hint = "secrets SHOWN · s masks them"
		}
		out[0] += "  " + s.Dim.Render(hint)
	}
	for _, f := range d.fields {
		if f.Label == "" {
			out = append(out, "", " "+s.Section.Render(f.Value))
			continue
		}
		v := f.Value
		if f.Secret.IsSet() {
			v = f.Secret.String()
			if d.reveal {
				v = s.Warn.Render(f.Secret.Reveal())
			}
		}
		// A long value (a message, a list) wraps under itself rather than
		// being cut: details are where the whole text is read.
		width := d.sc.Width - 29
		if f.Secret.IsSet() || width < 20 || len(v) <= width {
			out = append(out, " "+s.Label.Render(Fit(f.Label, 26))+" "+OrDash(v))
			continue
		}
		for i, part := range Wrap(v, width, "") {
			label := ""
			if i == 0 {
				label = f.Label
			}
			out = append(out, " "+s.Label.Render(Fit(label, 26))+" "+part)
		}
	}
	return out
}

func TagsText(tags []api.Tag) string {
	parts := make([]string, len(tags))
	for i, t := range tags {
		parts[i] = t.Key + "=" + t.Value
	}
	return strings.Join(parts, ", ")
}

// As a pane: the details of one item.

func (d *DetailView) Handle(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*d, cmd = d.Update(msg)
	return cmd
}
func (d *DetailView) Close()                    {}
func (d *DetailView) FedFromBelow() bool        { return true }
func (d *DetailView) Crumbs() []string          { return []string{"details"} }
func (d *DetailView) FetchState() (bool, error) { return false, nil }
func (d *DetailView) Hints(k keymap.KeyMap) []key.Binding {
	if !d.hasSecrets() { // s would do nothing
		return []key.Binding{k.Detail.Down, k.Detail.Copy, k.Global.Back}
	}
	return []key.Binding{k.Detail.Reveal, k.Detail.Down, k.Detail.Copy, k.Global.Back}
}
func (d *DetailView) Selection() (string, string, []Field, bool) { return d.title, d.id, nil, true }
func (d *DetailView) HelpGroups(k keymap.KeyMap) []keymap.Group {
	return []keymap.Group{{Title: "Details", Bindings: []key.Binding{k.Detail.Up, k.Detail.Down, k.Detail.PageUp,
		k.Detail.PageDown, k.Detail.Top, k.Detail.Bottom, k.Detail.Reveal, k.Detail.Copy}}}
}
