package keymap

import (
	"reflect"
	"testing"

	"charm.land/bubbles/v2/key"
)

// bindings lists every binding of a group struct.
func bindings(group any) map[string]key.Binding {
	out := map[string]key.Binding{}
	v := reflect.ValueOf(group)
	for i := range v.NumField() {
		out[v.Type().Field(i).Name] = v.Field(i).Interface().(key.Binding)
	}
	return out
}

// TestNoKeyIsBoundTwiceWithinAView catches a binding that would shadow
// another: global and list keys are live together.
func TestNoKeyIsBoundTwiceWithinAView(t *testing.T) {
	km := Default()
	for name, groups := range map[string][]any{
		"list":   {km.Global, km.List},
		"detail": {km.Global, km.Detail},
		"wizard": {km.Wizard},
		"logs":   {km.Global, km.List, km.Logs},
	} {
		seen := map[string]string{}
		for _, g := range groups {
			for field, bnd := range bindings(g) {
				if len(bnd.Keys()) == 0 || bnd.Help().Desc == "" {
					t.Errorf("%s: %s has no keys or no help", name, field)
				}
				for _, k := range bnd.Keys() {
					if other, dup := seen[k]; dup {
						t.Errorf("%s: %q is bound to %s and %s", name, k, other, field)
					}
					seen[k] = field
				}
			}
		}
	}
}

func TestDesignKeysAreBound(t *testing.T) {
	km := Default()
	all := map[string]bool{}
	for _, g := range []any{km.Global, km.List, km.Detail} {
		for _, bnd := range bindings(g) {
			for _, k := range bnd.Keys() {
				all[k] = true
			}
		}
	}
	// The README, "Keys".
	for _, k := range []string{"j", "k", "up", "down", "g", "G", "pgup", "pgdown", "enter", "esc", "tab",
		"shift+tab", "/", "?", "q", "ctrl+c", "r", "w", "d", "l", "y", "c", "s", "R"} {
		if !all[k] {
			t.Errorf("%q is not bound", k)
		}
	}
}
