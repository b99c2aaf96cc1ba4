package alibaba

import (
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	tuitest "github.com/vpnscope/vpnscope/tui/tuitest"
)

// Where the negotiation log shows a failure earlier than vpnscope first
// saw the tunnel down, the tunnels view says the log's time, labelled so,
// in its Since row and its History alike (issue 28): the service's
// diagnosis quotes the failing log line of 11:58:30, vpnscope first saw
// it at 12:00, when the program started.
func TestATunnelsOutageSaysTheLogsEarlierFailure(t *testing.T) {
	// CloudMonitor refused: its state metric (down all of the window) would
	// give an earlier time still; here the log is weighed against the journal.
	h := newHarness(t, 160, 60, emulator.Config{Faults: []emulator.Fault{mustFault(t, "forbidden:action=DescribeMetricList")}})
	h.Common().Journal = tuitest.NewJournal(t, tuitest.FixedNow).Open()
	h.Keys("enter", "j", "enter") // prod-hz-core › to-shenzhen-002: phase 1 fails
	h.MustShow("to-shenzhen-002", "Since                 down at least since 11:58 (1m ago) · in the negotiation log",
		"Tunnel 1 vco-bp14cwdd04smgbeiqdrs0: down at least since 11:58 (1m ago) · in the negotiation log")
	h.MustNotShow("since 12:00")
}
