package tuitest

import (
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/keymap"
	"github.com/vpnscope/vpnscope/tui/ui"
)

// ScanningCloud is a Cloud whose problems scan finds Findings, for the
// overview of every provider: each scan sends them one by one, then the
// whole scan as recorded. Enter on one opens its details, titled with the
// cloud and the region it opened in.
type ScanningCloud struct {
	Cloud
	Findings []api.Finding
	Scans    *atomic.Int64 // when set, counts the scans started
}

var (
	_ ui.Provider        = ScanningCloud{}
	_ ui.FindingsScanner = ScanningCloud{}
)

// Keys are the Cloud's, with P on.
func (p ScanningCloud) Keys(k *keymap.KeyMap, readOnly bool) {
	p.Cloud.Keys(k, readOnly)
	k.Global.Problems.SetEnabled(true)
}

func (p ScanningCloud) ScanFindings(c *ui.Common) <-chan ui.ScanUpdate {
	if p.Scans != nil {
		p.Scans.Add(1)
	}
	out := make(chan ui.ScanUpdate, len(p.Findings)+1)
	var all []ui.Found
	for i, f := range p.Findings {
		f.Provider, f.Account = p.Label, c.Account.Name
		found := ui.Found{Finding: f, What: f.Phase, Open: func(oc *ui.Common) tea.Cmd {
			return func() tea.Msg {
				return ui.PushMsg{Build: func() (ui.Pane, tea.Cmd) {
					d := ui.NewDetailView(oc, "Opened in "+p.Label+" "+f.Region, f.ResourceID, nil, oc.Width, oc.Height)
					return &d, nil
				}}
			}
		}}
		out <- ui.ScanUpdate{Found: []ui.Found{found}, Calls: i + 1}
		all = append(all, found)
	}
	out <- ui.ScanUpdate{Found: all, Calls: len(all), Done: true}
	close(out)
	return out
}
