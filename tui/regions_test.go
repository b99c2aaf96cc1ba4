package tui_test

import (
	"testing"

	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// / filters the region picker, and the open filter takes every key: w is
// a letter, not watch; enter ends the filter and a second switches (issue
// 28, 14: "/eu-west-1" turned watch on and opened an endpoint).
func TestTheRegionPickerFiltersAndItsFilterTakesTheKeys(t *testing.T) {
	h := tuitest.New(t, 100, 24, tui.Config{Providers: []ui.Provider{tuitest.Cloud{Label: "First", Home: "one"}}})
	h.Keys("R")
	h.MustShow("Switch region", "› one", "one-2")
	h.Keys("/", "text:w")
	h.MustShow(`No region matches "w"`)
	h.MustNotShow("watch")
	h.Keys("esc") // cleared: the cursor is back on the current region
	h.MustShow("› one ", "  one-2")
	h.Keys("/", "text:w", "backspace", "text:-2")
	h.MustShow("› one-2")
	h.MustNotShow("  one ")
	h.Keys("enter") // the filter ends, the picker stays
	h.MustShow("Switch region", `filter "-2"`, "› one-2")
	h.Keys("esc") // clears the filter first
	h.MustShow("Switch region", "  one ", "› one-2")
	h.Keys("enter")
	h.MustShow("First › one-2", "switched to one-2")
}
