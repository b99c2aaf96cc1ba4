package ui

import (
	"fmt"
	"slices"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/journal"
)

// TunnelHistory is what the state journal remembers of one tunnel: its
// changes as vpnscope first saw them, oldest first, and whether it flaps.
type TunnelHistory struct {
	Records  []journal.Record
	Flapping bool
}

// ReadHistory records a connection's tunnel states (seen now) in j and
// reads each one's history back, by the name its view knows the tunnel
// by (names[i] is states[i]'s); for a command, off the update loop.
func ReadHistory(j *journal.Journal, states []api.ResourceState, names []string) (map[string]TunnelHistory, error) {
	err := j.Observe(states, nil)
	out := map[string]TunnelHistory{}
	for i, s := range states[:min(len(states), len(names))] {
		out[names[i]] = TunnelHistory{Records: j.Timeline(s.Key), Flapping: j.Flapping(s.Key)}
	}
	return out, err
}

// SinceCell is a tunnel's one "since": "up since 14:02" from the journal;
// for a tunnel that is not up, the earliest time anything gives for the
// outage, the journal's first sight or others (the service's last status
// change, the negotiation log), with its source: "down at least since
// 14:02 (3h05m ago) · first seen by vpnscope". "-" when nothing says.
func (h TunnelHistory) SinceCell(loc *time.Location, now time.Time, others ...api.Onset) string {
	var s string
	switch last, ok := h.last(); {
	case ok && last.State == api.StateOK:
		s = "up since " + StampAgo(last.At, loc, now)
	default:
		word, onsets := "down", others
		if ok {
			onsets = append([]api.Onset{{At: last.At, Source: api.OnsetJournal}}, others...)
			if last.State == "unknown" {
				word = "unknown"
			}
		}
		o, found := api.Earliest(onsets...)
		if !found {
			return "-"
		}
		s = OnsetLine(word, o, loc, now)
	}
	if h.Flapping {
		s += " · flapping"
	}
	return s
}

// last is the journal's last record of the tunnel.
func (h TunnelHistory) last() (journal.Record, bool) {
	if len(h.Records) == 0 {
		return journal.Record{}, false
	}
	return h.Records[len(h.Records)-1], true
}

// OnsetLine says one outage's time, on every screen alike: "down at least
// since 14:02 (3h05m ago) · last status change (AWS)". At least: each
// source says only that it was so by then.
func OnsetLine(state string, o api.Onset, loc *time.Location, now time.Time) string {
	return state + " at least since " + StampAgo(o.At, loc, now) + " (" + api.AgeWords(now, o.At) + ") · " + o.Source
}

// NamedHistory is one tunnel's history under the name the view gives it.
type NamedHistory struct {
	Name string // "Tunnel 1 tun-…", "Tunnel 2 203.0.113.5"
	TunnelHistory
	// Others are what else says when its outage began (SinceCell).
	Others []api.Onset
}

// HistoryLines is the journal section of a tunnels view: each tunnel's
// last changes, newest first; err when this view's states could not be
// recorded.
func HistoryLines(c *Common, tunnels []NamedHistory, err error) []string {
	s := c.Styles
	out := []string{"", " " + s.Section.Render("History (the changes vpnscope saw; each time says its source)")}
	for _, t := range tunnels {
		out = append(out, fmt.Sprintf("   %s: %s", t.Name, t.SinceCell(c.Loc, c.Now(), t.Others...)))
		shown := 0
		for _, r := range slices.Backward(t.Records) {
			if shown == 5 {
				out = append(out, s.Dim.Render(fmt.Sprintf("     … %d earlier", len(t.Records)-shown)))
				break
			}
			what := r.State
			if r.Cause != "" {
				what += " (" + r.Cause + ")"
			}
			out = append(out, s.Dim.Render("     "+r.At.In(c.Loc).Format("Jan 2 15:04:05")+"  ")+what)
			shown++
		}
	}
	if err != nil {
		for _, l := range WrapProse("not recorded: "+ErrorLine(err), c.Width-4, "  ") {
			out = append(out, s.Warn.Render("   "+l))
		}
	}
	return out
}
