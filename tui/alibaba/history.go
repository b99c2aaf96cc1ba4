package alibaba

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/journal"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// What the state journal remembers of a connection's tunnels: each
// tunnel's changes (first seen by vpnscope) and whether it flaps. The
// tunnels view records what it sees and reads the history back in one
// command, off the update loop.

// tunnelHistory is one tunnel's remembered changes, oldest first.
type tunnelHistory struct {
	records  []journal.Record
	flapping bool
}

// historyLoadedMsg is the journal's answer for connection connID.
type historyLoadedMsg struct {
	connID  string
	tunnels map[string]tunnelHistory // by tunnel id
	err     error
}

// recordTunnels records the tunnels' states as seen now and reads their
// history; nil without a journal.
func recordTunnels(j *journal.Journal, region string, c alibaba.Connection) tea.Cmd {
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		states := alibaba.TunnelStates(region, c)
		err := j.Observe(states, nil)
		out := map[string]tunnelHistory{}
		for i, t := range c.Tunnels() {
			key := states[i].Key
			out[t.ID] = tunnelHistory{records: j.Timeline(key), flapping: j.Flapping(key)}
		}
		return historyLoadedMsg{connID: c.ID, tunnels: out, err: err}
	}
}

// sinceCell is "down since 14:02" or "up since …" for a tunnel's table row.
func (h tunnelHistory) sinceCell(loc *time.Location, now time.Time) string {
	if len(h.records) == 0 {
		return "-"
	}
	last := h.records[len(h.records)-1]
	word := "up"
	if last.State != api.StateOK {
		word = "down"
		if last.State == "unknown" {
			word = "unknown"
		}
	}
	s := word + " since " + ui.StampAgo(last.At, loc, now)
	if h.flapping {
		s += " · flapping"
	}
	return s
}

// historyLines is the journal section of the tunnels view: each tunnel's
// last changes, newest first.
func (v *tunnelsView) historyLines() []string {
	if v.history == nil {
		return nil
	}
	s := v.c.Styles
	out := []string{"", " " + s.Section.Render("History (as first seen by vpnscope, from the state journal)")}
	for i, t := range v.conn.Tunnels() {
		h := v.history[t.ID]
		head := fmt.Sprintf("   Tunnel %d %s: %s", i+1, t.ID, h.sinceCell(v.c.Loc, v.c.Now()))
		out = append(out, head)
		shown := 0
		for _, r := range slices.Backward(h.records) {
			if shown == 5 {
				out = append(out, s.Dim.Render(fmt.Sprintf("     … %d earlier", len(h.records)-shown)))
				break
			}
			what := r.State
			if r.Cause != "" {
				what += " (" + r.Cause + ")"
			}
			out = append(out, s.Dim.Render("     "+r.At.In(v.c.Loc).Format("Jan 2 15:04:05")+"  ")+what)
			shown++
		}
	}
	if v.historyErr != nil {
		out = append(out, s.Warn.Render("   not recorded: "+ui.ErrorLine(v.historyErr)))
	}
	return out
}

// findingsRecordedMsg carries, for scan seq, when the journal first saw
// each finding in its state and whether it flaps.
type findingsRecordedMsg struct {
	seq  int
	seen map[string]findingHistory
	err  error
}

type findingHistory struct {
	since    *time.Time
	flapping bool
}

// recordFindings records a finished scan's findings and the tunnels of
// their connections; a resource of a region that was read whole and is no
// longer a finding is recorded fixed. nil without a journal.
func recordFindings(j *journal.Journal, seq int, findings []alibaba.Finding, failed []alibaba.RegionError) tea.Cmd {
	if j == nil {
		return nil
	}
	bad := map[string]bool{}
	for _, f := range failed {
		bad[f.Region] = true
	}
	return func() tea.Msg {
		var seen []journal.Observation
		for _, f := range findings {
			seen = append(seen, f.AsState())
			if f.Connection != nil {
				seen = append(seen, alibaba.TunnelStates(f.Region, *f.Connection)...)
			}
		}
		err := j.Observe(seen, func(key string) bool {
			provider, rest, _ := strings.Cut(key, "|")
			region, _, _ := strings.Cut(rest, "|")
			return provider == "alibaba" && !bad[region] && !bad[""]
		})
		out := map[string]findingHistory{}
		for _, f := range findings {
			h := findingHistory{flapping: j.Flapping(f.Key())}
			if t, ok := j.Since(f.Key()); ok {
				h.since = &t
			}
			out[f.Key()] = h
		}
		return findingsRecordedMsg{seq: seq, seen: out, err: err}
	}
}

// findingSince is the SINCE cell (ui.SinceCell).
func findingSince(f alibaba.Finding, c *common) string {
	return ui.SinceCell(f.Since, f.Flapping, c.Loc, c.Now())
}
