package aws

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The tunnels view's "what changed just before": one LookupEvents when the
// view opens, over the half hour before each tunnel's last state change,
// and a line for a change found there ("PSK changed 03:08 by alice, 2 min
// before the outage"). A read that fails says so in one line and leaves
// the rest of the view as it is.

// nearChanges is the view's read of CloudTrail.
type nearChanges struct {
	seq    int
	cancel context.CancelFunc
	items  []api.Change // newest first
	err    error
}

// nearChangesMsg answers connection connID's request seq.
type nearChangesMsg struct {
	connID string
	seq    int
	items  []api.Change
	err    error
}

// readNearChanges reads the window from half an hour before the earliest
// last state change to the latest: one page of CloudTrail's writes.
func (v *s2sTunnelsView) readNearChanges() tea.Cmd {
	var from, to time.Time
	for _, t := range v.conn.Tunnels {
		if t.LastStatusChange.IsZero() {
			continue
		}
		if from.IsZero() || t.LastStatusChange.Before(from) {
			from = t.LastStatusChange
		}
		if t.LastStatusChange.After(to) {
			to = t.LastStatusChange
		}
	}
	if from.IsZero() || !aws.ChangeResource(v.conn.ID) {
		return nil
	}
	n := &v.changes
	if n.cancel != nil {
		n.cancel()
	}
	ctx, cancel := context.WithCancel(v.c.Ctx)
	n.seq, n.cancel = v.c.NewID(), cancel
	q := api.ChangeQuery{ResourceID: v.conn.ID, Start: from.Add(-ui.ChangeNearWindow), End: to}
	client, region, seq, connID := v.c.client, v.c.Region, n.seq, v.conn.ID
	return func() tea.Msg {
		p, err := client.Changes(ctx, region, q, api.FirstPage(50))
		return nearChangesMsg{connID: connID, seq: seq, items: p.Items, err: err}
	}
}

// deliverNearChanges takes an answer if it is the one the view waits for.
func (v *s2sTunnelsView) deliverNearChanges(msg nearChangesMsg) {
	n := &v.changes
	if msg.connID != v.conn.ID || msg.seq != n.seq {
		return
	}
	n.items, n.err = msg.items, msg.err
	if n.cancel != nil {
		n.cancel()
		n.cancel = nil
	}
	v.sc.SetLines(v.lines())
}

// nearChangeLines are a line per tunnel with a change in the half hour
// before its last state change, or the line that says the trail could not
// be read.
func (v *s2sTunnelsView) nearChangeLines() []string {
	n, s, width := v.changes, v.c.Styles, v.sc.Width
	if n.err != nil {
		return []string{ui.Fit(" "+s.Warn.Render("? ")+"what changed before it: could not read CloudTrail: "+ui.ErrorLine(n.err), width)}
	}
	var out []string
	for i, t := range v.conn.Tunnels {
		x, ok := api.NearBefore(n.items, t.LastStatusChange, ui.ChangeNearWindow)
		if !ok {
			continue
		}
		text := fmt.Sprintf("tunnel %d: %s", i+1, ui.ChangeNear(x, t.LastStatusChange, !t.Up(), v.c.Loc, v.c.Now()))
		if hint := " (a: what changed)"; ansi.StringWidth(text+hint)+3 <= width {
			text += s.Dim.Render(hint)
		}
		out = append(out, ui.Fit(" "+s.Warn.Render("⚑ ")+text, width))
	}
	return out
}
