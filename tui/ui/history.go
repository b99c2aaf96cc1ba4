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

// SinceCell is "down since 14:02" or "up since …" for a tunnel's row;
// "-" when the journal has nothing.
func (h TunnelHistory) SinceCell(loc *time.Location, now time.Time) string {
	if len(h.Records) == 0 {
		return "-"
	}
	last := h.Records[len(h.Records)-1]
	word := "up"
	if last.State != api.StateOK {
		word = "down"
		if last.State == "unknown" {
			word = "unknown"
		}
	}
	s := word + " since " + StampAgo(last.At, loc, now)
	if h.Flapping {
		s += " · flapping"
	}
	return s
}

// NamedHistory is one tunnel's history under the name the view gives it.
type NamedHistory struct {
	Name string // "Tunnel 1 tun-…", "Tunnel 2 203.0.113.5"
	TunnelHistory
}

// HistoryLines is the journal section of a tunnels view: each tunnel's
// last changes, newest first; err when this view's states could not be
// recorded.
func HistoryLines(c *Common, tunnels []NamedHistory, err error) []string {
	s := c.Styles
	out := []string{"", " " + s.Section.Render("History (as first seen by vpnscope, from the state journal)")}
	for _, t := range tunnels {
		out = append(out, fmt.Sprintf("   %s: %s", t.Name, t.SinceCell(c.Loc, c.Now())))
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
