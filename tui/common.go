package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/keymap"
)

// common is the context every pane shares: the client, keys, styles,
// clock and where we are. The root owns it and changes it only in Update.
type common struct {
	ctx    context.Context
	client alibaba.Client
	aws    aws.Client // the AWS provider's client, when set up
	keys   keymap.KeyMap
	styles *Styles
	now    func() time.Time
	loc    *time.Location
	region string
	// readOnly turns off what changes the cloud (--readonly).
	readOnly bool
	// width and height are the body's size, for the panes a pane opens.
	width, height int
	// maxInFlight bounds the problems scan's calls across the account.
	maxInFlight int
	nextID      int
	// after schedules a message: tea.Tick, replaced in tests so that no
	// test sleeps on a timer.
	after func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd
	// newToken makes a ClientToken; tests make them predictable.
	newToken func() string
}

// newID hands out list ids, so a result finds the list that asked for it
// and a list that was replaced drops its predecessor's results.
func (c *common) newID() int {
	c.nextID++
	return c.nextID
}
