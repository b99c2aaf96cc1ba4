package aws

import (
	"strings"
	"testing"
	"time"

	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// One outage shows one time on the tunnels view, the earliest anything
// gives, said with its source (issue 28): branch-london's tunnel 1 went
// down before vpnscope first saw it, so its problem line and its History
// both say the service's last status change (07:00), not the journal's
// later first sight; a tunnel vpnscope saw down before its last status
// change moved says the journal's time, labelled so.
func TestATunnelsOutageShowsOneTimeWithItsSource(t *testing.T) {
	for _, tc := range []struct {
		name      string
		firstSeen time.Time
		want      string
	}{
		{"the service's time is earlier", tuitest.FixedNow.Add(2 * time.Hour), "at least since 07:00 (5h00m ago) · last status change (AWS)"},
		{"the journal's time is earlier", tuitest.FixedNow.Add(-6 * time.Hour), "at least since 06:00 (6h00m ago) · first seen by vpnscope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, _ := newAWSHarness(t, 160, 80, false)
			h.Common().Journal = tuitest.NewJournal(t, tc.firstSeen).Open()
			h.Keys(":", "text:gateways", "enter", "enter", "/", "text:branch-london", "enter", "enter")
			h.MustShow("Tunnels · branch-london", "✗ Tunnel 203.0.113.237 is down · "+tc.want,
				"Tunnel 1 203.0.113.237: down "+tc.want)
			other := map[bool]string{true: "14:00", false: "07:00"}[tc.firstSeen.After(tuitest.FixedNow)]
			for _, line := range strings.Split(h.Screen(), "\n") {
				if strings.Contains(line, "since "+other) || strings.Contains(line, "203.0.113.237") && strings.Count(line, "since") > 1 {
					t.Errorf("a second since for the outage: %q", line)
				}
			}
		})
	}
}
