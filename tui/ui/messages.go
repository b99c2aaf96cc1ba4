package ui

import (
	"github.com/vpnscope/vpnscope/api"
)

// Results are in the past tense, intents in the imperative. Every result
// names the list and request it answers; a list drops any other.

// PageLoadedMsg is one page for list `list`, answering request `seq`.
type PageLoadedMsg[T any] struct {
	list int
	seq  int
	page api.Page[T]
	err  error
	// placed pages were fetched out of order (see listjump.go): their rows
	// go at row at, not after the last loaded one.
	placed bool
	at     int
}

var _ ListMsg = PageLoadedMsg[struct{}]{}

func (m PageLoadedMsg[T]) ListID() int { return m.list }
