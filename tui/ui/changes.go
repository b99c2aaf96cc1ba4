package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"
)

// ChangesPane is "what changed" on a resource, for every provider: the
// write events of its audit trail (CloudTrail, ActionTrail), newest first,
// who made each, when, the action and from where, a window of 90 days
// read a page at a time as the cursor nears the end. d shows a change's
// request parameters, secrets masked by api.MaskParams before they get
// here. A read that fails leaves what was read and says why.
type ChangesPane struct {
	ListBase[api.Change]
	crumbs []string
}

// What the root asks of it beyond what ListBase answers.
var _ Pane = (*ChangesPane)(nil)

// ChangesSource is what the pane reads: a provider's page of changes of
// one resource in a window.
type ChangesSource func(ctx context.Context, q api.ChangeQuery, cur api.Cursor) (api.Page[api.Change], error)

// changesPage is the trails' page size: LookupEvents takes 1 to 50
// (CloudTrail API Reference, LookupEvents: MaxResults; ActionTrail
// LookupEvents: MaxResults).
const changesPage = 50

// OpenChanges pushes the changes of resource id (named name, of the trail
// called trail: "CloudTrail") read from src, the window ending now.
func OpenChanges(c *Common, crumbs []string, id, name, trail string, src ChangesSource) tea.Cmd {
	now := c.Now()
	q := api.ChangeQuery{ResourceID: id, Start: now.Add(-api.ChangeWindow), End: now}
	loc := c.Loc
	spec := &ListSpec[api.Change]{
		Noun:    "changes",
		MaxPage: changesPage,
		ID:      func(x api.Change) string { return x.ID },
		Text: func(x api.Change) string {
			return strings.Join([]string{x.Action, x.Who, x.Name, x.SourceIP, ChangeWhat(x, id)}, " ")
		},
		Fetch: func(ctx context.Context, cur api.Cursor) (api.Page[api.Change], error) { return src(ctx, q, cur) },
		Empty: func() string {
			return fmt.Sprintf("No change to %s in %s's last %d days (reads are not changes).", OrDash(name), trail,
				int(api.ChangeWindow.Hours()/24))
		},
		Detail: func(x api.Change) (string, string, []Field) {
			return x.Action + " on " + OrDash(name), x.ID, changeFields(x, loc)
		},
		Columns: []Column[api.Change]{
			{Title: "WHEN", Width: 16, Cell: func(x api.Change) string { return Stamp(x.Time, loc) }},
			{Title: "ACTION", Width: 22, Max: 36, Cell: func(x api.Change) string { return x.Action }},
			{Title: "WHO", Width: 12, Max: 32, Cell: func(x api.Change) string { return OrDash(x.Name) }},
			{Title: "FROM", Width: 15, Cell: func(x api.Change) string { return OrDash(x.SourceIP) }},
			{Title: "WHAT", Min: 10, Cell: func(x api.Change) string { return OrDash(ChangeWhat(x, id)) }},
		},
	}
	p := &ChangesPane{ListBase: ListBase[api.Change]{List: NewPagedList(c, spec)}, crumbs: slices.Concat(crumbs, []string{"what changed"})}
	p.SetSize(c.Width, c.Height)
	return Push(p, p.List.Start())
}

func (p *ChangesPane) Handle(msg tea.Msg) tea.Cmd { return p.List.Handle(msg) }
func (p *ChangesPane) Crumbs() []string           { return p.crumbs }
func (p *ChangesPane) Hints(k keymap.KeyMap) []key.Binding {
	return []key.Binding{k.List.Details, k.List.Filter, k.Global.Refresh, k.Global.Back, k.Global.Help}
}

// ChangeWhat is a change's parameters in a line: each one's name (its
// last part) and value, but the resource's own id, which every one of
// them names.
func ChangeWhat(x api.Change, id string) string {
	var parts []string
	for _, p := range x.Params {
		if p.Value == id {
			continue
		}
		parts = append(parts, p.Key[strings.LastIndexByte(p.Key, '.')+1:]+"="+p.Value)
	}
	return strings.Join(parts, " ")
}

func changeFields(x api.Change, loc *time.Location) []Field {
	fields := []Field{{Label: "When", Value: Stamp(x.Time, loc)}, {Label: "Action", Value: x.Action},
		{Label: "Who", Value: x.Who}, {Label: "Source IP", Value: x.SourceIP}, {Label: "Service", Value: x.Service},
		{Label: "Event", Value: x.ID}, Section("Request parameters (secrets masked)")}
	for _, p := range x.Params {
		fields = append(fields, Field{Label: p.Key, Value: p.Value})
	}
	return fields
}

// ChangeNear is the line that says a change came shortly before a
// tunnel's last state change: "PSK changed 03:08 by alice, 2 min before
// the outage". down says whether the tunnel is down since then.
func ChangeNear(x api.Change, at time.Time, down bool, loc *time.Location, now time.Time) string {
	what := x.Action
	if x.Touches("PreSharedKey", "Psk") {
		what = "PSK changed"
	}
	after := "the outage"
	if !down {
		after = "its last state change"
	}
	gap := at.Sub(x.Time).Round(time.Minute)
	ago := fmt.Sprintf("%d min", int(gap.Minutes()))
	if gap < time.Minute {
		ago = "under a minute"
	}
	return fmt.Sprintf("%s %s by %s, %s before %s", what, StampAgo(x.Time, loc, now), OrDash(x.Name), ago, after)
}

// ChangeNearWindow is how long before a state change a change is said to
// be near it.
const ChangeNearWindow = 30 * time.Minute
