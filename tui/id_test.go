package tui_test

import (
	"testing"

	"github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// :id with another cloud's id says whose it is and that p switches,
// rather than looking for it where it cannot be and saying "not found"
// (issue 28, 13); an id whose form both clouds share is the current
// one's to look for, and its not-found says the other has that form too.
func TestAnIDOfAnotherCloudSaysWhoseItIs(t *testing.T) {
	h := tuitest.New(t, 120, 24, tui.Config{Providers: []ui.Provider{
		tuitest.Cloud{Label: "First", Home: "one", IDs: []string{"one-", "both-"}},
		tuitest.Cloud{Label: "Second", Home: "two", IDs: []string{"two-", "both-"}},
	}})
	h.Keys(":", "text:id two-7", "enter")
	h.MustShow("two-7: this id is Second's — p switches to it")
	h.Keys(":", "text:id one-7", "enter")
	h.MustShow("one-7: no one-7 in First")
	h.MustNotShow("has this form too")
	h.Keys(":", "text:id both-7", "enter")
	h.MustShow("both-7: no both-7 in First (an id of Second has this form too: p switches)")
	h.Keys("p", ":", "text:id one-7", "enter")
	h.MustShow("one-7: this id is First's — p switches to it")
}
