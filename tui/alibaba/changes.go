package alibaba

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// openChanges opens what changed on a gateway or connection (id, in
// region) from ActionTrail: ui.ChangesPane, one LookupEvents a page.
func openChanges(c *common, region string, crumbs []string, id, name string) tea.Cmd {
	if !alibaba.ChangeResource(id) {
		return ui.Flash("a: ActionTrail is read for VPN gateways and IPsec connections")
	}
	client := c.client
	return ui.OpenChanges(c.Common, crumbs, id, name, "ActionTrail", func(ctx context.Context, q api.ChangeQuery, cur api.Cursor) (api.Page[api.Change], error) {
		return client.Changes(ctx, region, q, cur)
	})
}

// The tunnels view's "what changed just before": once the service's
// diagnosis dates a failing tunnel's failure (FailedTime), one LookupEvents
// over the half hour before it, and a line for a change found there. A
// read that fails says so in one line; the rest of the view stays.

// nearChanges is the tunnels view's read of ActionTrail.
type nearChanges = ui.LatestRead[[]api.Change]

// readNearChanges reads the half hour before the failures the diagnosis
// dates; nil when it dates none.
func (v *tunnelsView) readNearChanges() tea.Cmd {
	var from, to time.Time
	for _, t := range v.conn.Tunnels() {
		for _, o := range v.logOnset(t) {
			if from.IsZero() || o.At.Before(from) {
				from = o.At
			}
			if o.At.After(to) {
				to = o.At
			}
		}
	}
	if from.IsZero() || !alibaba.ChangeResource(v.conn.ID) {
		return nil
	}
	q := api.ChangeQuery{ResourceID: v.conn.ID, Start: from.Add(-ui.ChangeNearWindow), End: to}
	client, region := v.c.client, v.region
	return v.changes.Read(v.c.Common, func(ctx context.Context) ([]api.Change, error) {
		p, err := client.Changes(ctx, region, q, api.FirstPage(50))
		return p.Items, err
	})
}

// nearChangeLines say, per failing tunnel, the change in the half hour
// before the failure, or that ActionTrail could not be read.
func (v *tunnelsView) nearChangeLines() []string {
	n, s := v.changes, v.c.Styles
	if n.Err != nil {
		return []string{ui.Fit(" "+s.Warn.Render("? ")+"what changed before it: could not read ActionTrail: "+ui.ErrorLine(n.Err), v.width)}
	}
	var out []string
	for _, t := range v.conn.Tunnels() {
		for _, o := range v.logOnset(t) {
			x, ok := api.NearBefore(n.Data, o.At, ui.ChangeNearWindow)
			if !ok {
				continue
			}
			text := ui.ChangeNear(x, o.At, true, v.c.Loc, v.c.Now())
			if v.conn.DualTunnel() {
				text = fmt.Sprintf("tunnel %s: %s", t.ID, text)
			}
			if hint := " (a: what changed)"; ansi.StringWidth(text+hint)+3 <= v.width {
				text += s.Dim.Render(hint)
			}
			out = append(out, ui.Fit(" "+s.Warn.Render("⚑ ")+text, v.width))
		}
	}
	return out
}
