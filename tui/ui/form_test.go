package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/keymap"
)

// The form moves field by field, leaves a step only when its owner allows,
// hides what Visible says, and shows an owner's notes under their field.
func TestFormMovesEditsAndShowsNotes(t *testing.T) {
	c := &Common{Keys: keymap.Default(), Styles: NewStyles(true)}
	f := NewForm(c, []string{"One", "Two"},
		NewTextField("name", "Name", "what to call it", "", "", 0),
		FormField{Key: "mode", Label: "Mode", Kind: ChoiceField, Step: 0, Choices: []string{"a", "b"}},
		FormField{Key: "extra", Label: "Extra", Kind: ToggleField, Step: 1},
		NewTextField("more", "More", "", "", "", 1),
	)
	f.Visible = func(form *Form, fd *FormField) bool { return fd.Key != "more" || form.Field("extra").On }
	f.GoStep(0)
	if changed, _ := f.Edit(tea.KeyPressMsg{Code: 'x', Text: "x"}); changed != "name" || f.Field("name").Input.Value() != "x" {
		t.Fatalf("typing changed %q to %q", changed, f.Field("name").Input.Value())
	}
	f.Next(false)
	if changed, _ := f.Edit(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}); changed != "mode" || f.Field("mode").Chosen() != "b" {
		t.Fatalf("space on a choice: %q, %s", changed, f.Field("mode").Chosen())
	}
	if f.Next(true); f.Step != 0 {
		t.Fatal("left a step its owner holds")
	}
	f.Next(false)
	if f.Step != 1 || len(f.StepFields(1)) != 1 {
		t.Fatalf("step %d with %d fields; More should hide while Extra is off", f.Step, len(f.StepFields(1)))
	}
	f.Edit(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	if len(f.StepFields(1)) != 2 {
		t.Fatal("More did not show with Extra on")
	}
	f.Prev()
	if f.Step != 0 || f.Fields[f.Focus].Key != "mode" {
		t.Fatalf("prev went to step %d, %q", f.Step, f.Fields[f.Focus].Key)
	}
	drawn, _ := f.Lines(80, func(key string) []Note {
		if key == "mode" {
			return []Note{{Text: "b is slow", Fix: "a"}}
		}
		return nil
	})
	lines := ansi.Strip(strings.Join(drawn, "\n"))
	for _, want := range []string{"Name", "(•) b", "⚠ b is slow", "suggested: a"} {
		if !strings.Contains(lines, want) {
			t.Errorf("lines lack %q:\n%s", want, lines)
		}
	}
}
