package tui

import (
	"github.com/vpnscope/vpnscope/api"
)

// clearFlashMsg removes status-line note `id` unless a newer one
// replaced it.
type clearFlashMsg struct{ id int }

// RetryNoticeMsg says a call is waiting to be retried.
type RetryNoticeMsg api.RetryNotice

// regionsLoadedMsg answers the region picker.
type regionsLoadedMsg struct {
	seq     int
	regions []api.Region
	err     error
}

// tickMsg drives watch mode; gen tells ticks of an earlier watch apart.
type tickMsg struct{ gen int }
