package tui_test

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// o works on a list that has a worst-first order, so it is not said to be
// "not on this screen", and ? lists it (issue 28, 12: the Site-to-Site
// connections sorted on o and said it did not).
func TestOIsListedWhereItWorks(t *testing.T) {
	h := tuitest.New(t, 100, 24, tui.Config{Providers: []ui.Provider{tuitest.Cloud{Label: "First", Home: "one", Things: 6}}})
	h.MustShow("› First-thing-001")
	h.Keys("o")
	h.MustNotShow("not on this screen")
	if first := strings.Index(h.Screen(), "First-thing-005"); first > strings.Index(h.Screen(), "First-thing-001") {
		t.Fatalf("o did not put the down thing first:\n%s", h.Screen())
	}
	h.Keys("?")
	h.MustShow("worst first")
}

// :sort and tab complete a column of the list in front, and the line
// above the prompt lists the columns that fit (issue 28, 12).
func TestSortCompletesTheColumnsOfTheList(t *testing.T) {
	h := tuitest.New(t, 100, 24, tui.Config{Providers: []ui.Provider{tuitest.Cloud{Label: "First", Home: "one"}}})
	h.Keys(":", "text:sort ")
	h.MustShow(":sort · name · state")
	h.Keys("text:s", "tab")
	if got := h.App.CommandInput(); got != "sort state" {
		t.Fatalf(":sort s + tab = %q, want sort state", got)
	}
	h.Keys("esc", ":", "text:region one", "tab")
	h.MustShow(":region · one · one-2") // :region still completes the provider's regions
}
