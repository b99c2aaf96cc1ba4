package ui

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/vpnscope/vpnscope/api/journal"

	tea "charm.land/bubbletea/v2"

	"github.com/vpnscope/vpnscope/keymap"
)

// Common is the context every pane shares: keys, styles, clock and where
// we are; each provider's panes add their client to it. The root owns it and changes it only in Update.
type Common struct {
	Ctx    context.Context
	Keys   keymap.KeyMap
	Styles *Styles
	Now    func() time.Time
	Loc    *time.Location
	Region string
	// Account is the account browsed, in a run over several; its
	// findings and journal records carry it (account.go).
	Account Account
	// ReadOnly turns off what changes the cloud (--readonly).
	ReadOnly bool
	// Width and height are the body's size, for the panes a pane opens.
	Width, Height int
	// MaxInFlight bounds the problems scan's calls across the account.
	MaxInFlight int
	ids         *int // the last id NewID handed out, shared with InRegion's copies
	// After schedules a message: tea.Tick, replaced in tests so that no
	// test sleeps on a timer.
	After func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd
	// NewToken makes a ClientToken; tests make them predictable.
	NewToken func() string
	// Journal is the state journal, nil when off.
	Journal *journal.Journal
}

// NewID hands out list ids, so a result finds the list that asked for it
// and a list that was replaced drops its predecessor's results.
func (c *Common) NewID() int {
	if c.ids == nil {
		c.ids = new(int)
	}
	*c.ids++
	return *c.ids
}

// InRegion is c for panes that show another region than the app's (a
// problem opened from the overview, above it): that region, and the same
// clock, keys, journal and ids (an id is never handed out twice). Its size
// is the body's when it was made: the root sizes every pane it shows.
func (c *Common) InRegion(region string) *Common {
	if c.ids == nil {
		c.ids = new(int)
	}
	r := *c
	r.Region = region
	return &r
}

// NewClientToken makes an idempotency token for a call that creates
// something: a retry with the same token creates it once.
func NewClientToken() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
