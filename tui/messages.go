package tui

import (
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// Results are in the past tense, intents in the imperative. Every result
// names the list and request it answers; a list drops any other.

// pageLoadedMsg is one page for list `list`, answering request `seq`.
type pageLoadedMsg[T any] struct {
	list int
	seq  int
	page api.Page[T]
	err  error
	// placed pages were fetched out of order (see listjump.go): their rows
	// go at row at, not after the last loaded one.
	placed bool
	at     int
}

// clearFlashMsg removes status-line note `id` unless a newer one
// replaced it.
type clearFlashMsg struct{ id int }

// retryNoticeMsg says a call is waiting to be retried.
type retryNoticeMsg api.RetryNotice

// regionsLoadedMsg answers the region picker.
type regionsLoadedMsg struct {
	seq     int
	regions []api.Region
	err     error
}

// tickMsg drives watch mode; gen tells ticks of an earlier watch apart.
type tickMsg struct{ gen int }

// sslServerLoadedMsg answers a gateway view's side call for its SSL server
// (nil when the gateway has none).
type sslServerLoadedMsg struct {
	seq    int
	server *alibaba.SSLServer
	err    error
}
