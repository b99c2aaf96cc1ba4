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
type nearChanges = ui.LatestRead[[]api.Change]

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
	q := api.ChangeQuery{ResourceID: v.conn.ID, Start: from.Add(-ui.ChangeNearWindow), End: to}
	client, region := v.c.client, v.c.Region
	return v.changes.Read(v.c.Common, func(ctx context.Context) ([]api.Change, error) {
		p, err := client.Changes(ctx, region, q, api.FirstPage(50))
		return p.Items, err
	})
}

// nearChangeLines are a line per tunnel with a change in the half hour
// before its last state change, or the line that says the trail could not
// be read.
func (v *s2sTunnelsView) nearChangeLines() []string {
	n, s, width := v.changes, v.c.Styles, v.sc.Width
	if n.Err != nil {
		return []string{ui.Fit(" "+s.Warn.Render("? ")+"what changed before it: could not read CloudTrail: "+ui.ErrorLine(n.Err), width)}
	}
	var out []string
	for i, t := range v.conn.Tunnels {
		x, ok := api.NearBefore(n.Data, t.LastStatusChange, ui.ChangeNearWindow)
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
