package tui_test

import (
	"testing"

	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// :id with another cloud's id switches to that cloud and looks for it
// there, rather than looking for it where it cannot be and saying "not
// found" (issue 28, 13) or saying whose it is and leaving the switch to
// the user (walkthrough); an id whose form both clouds share is the
// current one's to look for, and its not-found says the other has that
// form too.
func TestAnIDOfAnotherCloudIsLookedForThere(t *testing.T) {
	h := tuitest.New(t, 120, 24, tui.Config{Providers: []ui.Provider{
		tuitest.Cloud{Label: "First", Home: "one", IDs: []string{"one-", "both-"}},
		tuitest.Cloud{Label: "Second", Home: "two", IDs: []string{"two-", "both-"}},
	}})
	h.Keys(":", "text:id two-7", "enter")
	h.MustShow("Second › two", "two-7: no two-7 in Second")
	h.Keys("esc", ":", "text:id one-7", "enter")
	h.MustShow("First › one", "one-7: no one-7 in First")
	h.MustNotShow("has this form too")
	h.Keys("esc", ":", "text:id both-7", "enter")
	h.MustShow("First › one", "both-7: no both-7 in First (an id of Second has this form too: p switches)")
}
