package alibaba

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/journal"

	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// What the state journal remembers of a connection's tunnels: each
// tunnel's changes (first seen by vpnscope) and whether it flaps. The
// tunnels view records what it sees and reads the history back in one
// command, off the update loop.

// historyLoadedMsg is the journal's answer for connection connID.
type historyLoadedMsg struct {
	connID  string
	tunnels map[string]ui.TunnelHistory // by tunnel id
	err     error
}

// recordTunnels records the tunnels' states as seen now and reads their
// history; nil without a journal.
func recordTunnels(j *journal.Journal, region string, account ui.Account, c alibaba.Connection) tea.Cmd {
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		var ids []string
		for _, t := range c.Tunnels() {
			ids = append(ids, t.ID)
		}
		out, err := ui.ReadHistory(j, ui.InAccountStates(alibaba.TunnelStates(region, c), account), ids)
		return historyLoadedMsg{connID: c.ID, tunnels: out, err: err}
	}
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
// their connections as vpnscope problems does (journal.RecordFindings); a
// resource of a region that was read whole and is no longer a finding is
// recorded fixed. nil without a journal.
func recordFindings(j *journal.Journal, account ui.Account, seq int, findings []alibaba.Finding, failed []alibaba.RegionError) tea.Cmd {
	if j == nil {
		return nil
	}
	var bad []string
	for _, f := range failed {
		bad = append(bad, f.Region)
	}
	return func() tea.Msg {
		shared, err := ui.RecordScan(j, "alibaba", account, findings, bad)
		out := map[string]findingHistory{}
		for _, f := range shared {
			out[f.Key()] = findingHistory{since: f.Since, flapping: f.Flapping}
		}
		return findingsRecordedMsg{seq: seq, seen: out, err: err}
	}
}
