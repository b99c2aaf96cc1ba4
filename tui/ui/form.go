package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// FieldKind is how a form field takes its value.
type FieldKind int

const (
	TextField   FieldKind = iota // typed
	ChoiceField                  // one of a few, space and backspace cycle
	ToggleField                  // on or off, space flips
)

// FormField is one field of a Form. Key is what its owner's rules name
// it by (an API parameter); Step is the step it is shown on.
type FormField struct {
	Key, Label, Hint string
	Kind             FieldKind
	Step             int
	Input            textinput.Model
	Choices          []string
	Choice           int
	On               bool
}

// NewTextField is a text field holding value, with a steady cursor (a
// blinking one redraws twice a second over SSH).
func NewTextField(key, label, hint, value, placeholder string, step int) FormField {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.SetValue(value)
	in.CharLimit = 200
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return FormField{Key: key, Label: label, Hint: hint, Kind: TextField, Step: step, Input: in}
}

// Chosen is a choice field's value.
func (f *FormField) Chosen() string { return f.Choices[f.Choice] }

// Note is what a form shows under a field: a reason, a warning or a
// blocker, and the value that would mend it.
type Note struct {
	Text string
	Bad  bool   // a blocker (✗), else a warning (⚠)
	Fix  string // the suggested value, shown on the focused field
}

// Form is fields in steps, one of them focused: it moves between them,
// edits the focused one, and draws them with the notes its owner gives.
// What the fields mean (the rules, the request they make) is the owner's:
// the form knows only keys, labels and values.
type Form struct {
	c       *Common
	Fields  []FormField
	Steps   []string
	Step    int
	Focus   int                          // index into Fields; -1: none
	Visible func(*Form, *FormField) bool // which fields show, by the form's values; nil: all
}

// NewForm is a form of fields over the named steps.
func NewForm(c *Common, steps []string, fields ...FormField) Form {
	return Form{c: c, Steps: steps, Fields: fields, Focus: -1}
}

// Field is the field of that key; nil when there is none.
func (f *Form) Field(key string) *FormField {
	for i := range f.Fields {
		if f.Fields[i].Key == key {
			return &f.Fields[i]
		}
	}
	return nil
}

func (f *Form) visible(i int) bool { return f.Visible == nil || f.Visible(f, &f.Fields[i]) }

// StepFields are the visible fields of step, by index.
func (f *Form) StepFields(step int) []int {
	var out []int
	for i := range f.Fields {
		if f.Fields[i].Step == step && f.visible(i) {
			out = append(out, i)
		}
	}
	return out
}

// FocusField focuses field i (-1: none).
func (f *Form) FocusField(i int) tea.Cmd {
	for j := range f.Fields {
		f.Fields[j].Input.Blur()
	}
	f.Focus = i
	if i >= 0 && i < len(f.Fields) && f.Fields[i].Kind == TextField {
		f.Fields[i].Input.CursorEnd()
		return f.Fields[i].Input.Focus()
	}
	return nil
}

// GoStep shows step s, its first field focused.
func (f *Form) GoStep(s int) tea.Cmd {
	f.Step = s
	if fs := f.StepFields(s); len(fs) > 0 {
		return f.FocusField(fs[0])
	}
	return f.FocusField(-1)
}

// Next focuses the step's next field or, past its last, the next step
// unless stay says the step may not be left.
func (f *Form) Next(stay bool) tea.Cmd {
	fs := f.StepFields(f.Step)
	for j, i := range fs {
		if i == f.Focus && j+1 < len(fs) {
			return f.FocusField(fs[j+1])
		}
	}
	if stay || f.Step+1 >= len(f.Steps) {
		return nil
	}
	return f.GoStep(f.Step + 1)
}

// Prev focuses the step's previous field or the last of the step before.
func (f *Form) Prev() tea.Cmd {
	fs := f.StepFields(f.Step)
	for j, i := range fs {
		if i == f.Focus && j > 0 {
			return f.FocusField(fs[j-1])
		}
	}
	if f.Step == 0 {
		return nil
	}
	cmd := f.GoStep(f.Step - 1)
	if fs := f.StepFields(f.Step); len(fs) > 0 {
		cmd = f.FocusField(fs[len(fs)-1])
	}
	return cmd
}

// Edit gives a key to the focused field; changed is its key when its
// value changed.
func (f *Form) Edit(msg tea.KeyPressMsg) (changed string, cmd tea.Cmd) {
	if f.Focus < 0 || f.Focus >= len(f.Fields) {
		return "", nil
	}
	k, fd := f.c.Keys.Wizard, &f.Fields[f.Focus]
	switch fd.Kind {
	case ChoiceField:
		switch {
		case key.Matches(msg, k.Back):
			fd.Choice = (fd.Choice + len(fd.Choices) - 1) % len(fd.Choices)
		case key.Matches(msg, k.Toggle):
			fd.Choice = (fd.Choice + 1) % len(fd.Choices)
		default:
			return "", nil
		}
		return fd.Key, nil
	case ToggleField:
		if !key.Matches(msg, k.Toggle, k.Back) {
			return "", nil
		}
		fd.On = !fd.On
		return fd.Key, nil
	}
	before := fd.Input.Value()
	fd.Input, cmd = fd.Input.Update(msg)
	if fd.Input.Value() != before {
		changed = fd.Key
	}
	return changed, cmd
}

// SetFocused puts value in the focused text field (a suggested fix); its
// key when it did.
func (f *Form) SetFocused(value string) string {
	if f.Focus < 0 || f.Focus >= len(f.Fields) || f.Fields[f.Focus].Kind != TextField {
		return ""
	}
	fd := &f.Fields[f.Focus]
	fd.Input.SetValue(value)
	fd.Input.CursorEnd()
	return fd.Key
}

// SetWidth sizes the text inputs for a screen of width.
func (f *Form) SetWidth(width int) {
	for i := range f.Fields {
		f.Fields[i].Input.SetWidth(max(min(width-24, 40), 8))
	}
}

// StepsLine is the steps, the current one bracketed, those before it that
// blocked says are wrong marked.
func (f *Form) StepsLine(blocked func(step int) bool) string {
	s := f.c.Styles
	parts := make([]string, len(f.Steps))
	for i, name := range f.Steps {
		switch {
		case i == f.Step:
			parts[i] = s.TabActive.Render(fmt.Sprintf("[%d %s]", i+1, name))
		case i < f.Step && blocked(i):
			parts[i] = s.Bad.Render(fmt.Sprintf("%d %s", i+1, name))
		default:
			parts[i] = s.TabInactive.Render(fmt.Sprintf("%d %s", i+1, name))
		}
	}
	return strings.Join(parts, s.Dim.Render(" › "))
}

// Lines draws the current step's fields at width, each with the notes
// its owner gives under it (and on the focused one the suggested value);
// the focused field with no note shows its hint. focus is the index of the
// focused field's line (-1: none of the step's), so a short screen can
// keep it.
func (f *Form) Lines(width int, notes func(key string) []Note) (out []string, focus int) {
	s := f.c.Styles
	indent := strings.Repeat(" ", 19)
	focus = -1
	for _, i := range f.StepFields(f.Step) {
		fd := f.Fields[i]
		marker := "  "
		if i == f.Focus {
			marker = s.Prompt.Render("› ")
			focus = len(out)
		}
		var value string
		switch fd.Kind {
		case TextField:
			value = "[" + fd.Input.View() + "]"
		case ChoiceField:
			opts := make([]string, len(fd.Choices))
			for j, c := range fd.Choices {
				if j == fd.Choice {
					opts[j] = s.Selected.Render("(•) " + c)
				} else {
					opts[j] = s.Dim.Render("( ) " + c)
				}
			}
			value = strings.Join(opts, " ")
		case ToggleField:
			value = "[ ] off"
			if fd.On {
				value = s.Good.Render("[x] on")
			}
		}
		out = append(out, marker+s.Label.Render(Fit(fd.Label, 16))+" "+value)
		ns := notes(fd.Key)
		for _, n := range ns {
			mark, style := "⚠ ", s.Warn
			if n.Bad {
				mark, style = "✗ ", s.Bad
			}
			for _, l := range Wrap(mark+n.Text, width-22, indent) {
				out = append(out, style.Render(l))
			}
			if n.Fix != "" && i == f.Focus {
				out = append(out, s.Dim.Render(strings.Repeat(" ", 21)+"suggested: ")+s.HintKey.Render(n.Fix)+s.Dim.Render("  (ctrl+f uses it)"))
			}
		}
		if len(ns) == 0 && i == f.Focus {
			for _, l := range Wrap(fd.Hint, width-22, indent) {
				out = append(out, s.Dim.Render(l))
			}
		}
	}
	return out, focus
}
