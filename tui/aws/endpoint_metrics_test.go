package aws

import (
	"math"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	"github.com/vpnscope/vpnscope/api/fault"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// The endpoint view opens with a day of AWS/ClientVPN history in one
// GetMetricData call: connections, authentication failures, traffic and
// corp-vpn's CRL three days from expiry; + and - change the window with
// one call each, the window in the viewer's zone, and the end of the
// steps says so without a call.
func TestTheEndpointHistoryIsOneCallAViewAndAWindow(t *testing.T) {
	h, emu := newAWSHarness(t, 160, 48, false)
	h.MustShow("corp-vpn")
	h.Keys("enter")
	h.MustShow("connections", "auth failures", "26 in 24h", "traffic in", "traffic out", "CRL days left", "◐ 3 days",
		"24h: 11-19 12:00 – 11-20 12:00", "user001")
	if n := emu.Calls("GetMetricData"); n != 1 {
		t.Fatalf("%d GetMetricData calls to open the endpoint, want 1", n)
	}
	h.Keys("r")
	h.MustShow("24h: 11-19 12:00", "user001")
	if n := emu.Calls("GetMetricData"); n != 2 {
		t.Errorf("%d calls after r, want 2", n)
	}
	h.Keys("+")
	h.MustShow("3d: 11-17 12:00")
	if n := emu.Calls("GetMetricData"); n != 3 {
		t.Errorf("%d calls after +, want 3", n)
	}
	h.Keys("+", "+", "+")
	h.MustShow("as wide as it goes")
	if n := emu.Calls("GetMetricData"); n != 5 {
		t.Errorf("%d calls, want 5 (none past the widest)", n)
	}
	h.Keys("-")
	h.MustShow("7d: 11-13")
	h.Keys("?")
	h.MustShow("longer history", "shorter history")
}

// An answer for a window the view has left is dropped: the 24 h answer
// that comes after the 3 d one does not replace it.
func TestAStaleEndpointHistoryIsDropped(t *testing.T) {
	h, _ := newAWSHarness(t, 160, 48, false)
	h.Hold = func(m tea.Msg) bool { _, ok := m.(ui.ReadAnswer[aws.EndpointMetrics]); return ok }
	h.MustShow("corp-vpn")
	h.Keys("enter")
	h.MustShow("reading CloudWatch (AWS/ClientVPN)…", "user001") // nothing waits on it
	h.Send(h.Held[0])
	h.MustShow("24h: 11-19 12:00")
	h.Keys("+")
	h.MustShow("history 3d: reading CloudWatch") // not the 24 h lines under the 3 d label
	h.MustNotShow("11-19 12:00")
	if len(h.Held) != 2 {
		t.Fatalf("%d answers held, want 2", len(h.Held))
	}
	old, fresh := h.Held[0], h.Held[1]
	h.Hold = nil
	h.Send(fresh)
	h.MustShow("3d: 11-17 12:00")
	h.Send(old)
	h.MustShow("3d: 11-17 12:00")
	h.MustNotShow("11-19 12:00")
}

// A metric read that fails leaves the rest of the endpoint view (its
// verdict, its connections) and says what could not be read and the
// permission it takes.
func TestAFailedEndpointHistoryLeavesTheView(t *testing.T) {
	for spec, says := range map[string]string{"forbidden": "AccessDenied", "throttle": "Throttling", "malformed": "MalformedResponse"} {
		t.Run(spec, func(t *testing.T) {
			h, emu := newAWSHarness(t, 160, 48, false)
			f, err := fault.Parse(spec + ":action=GetMetricData")
			if err != nil {
				t.Fatal(err)
			}
			emu.SetFaults(f)
			h.MustShow("corp-vpn")
			h.Keys("enter")
			h.MustShow("could not read CloudWatch (cloudwatch:GetMetricData)", says, "✓ nothing stops clients", "user001")
			h.MustNotShow("CRL days left")
		})
	}
}

// The CRL's mark follows its finding: expired says so, a week off warns,
// further off is only its days, and no point is no data, never fine.
func TestTheCRLCellSaysWhatItsFindingSays(t *testing.T) {
	start := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	v := endpointView{c: &common{Common: &ui.Common{Styles: ui.NewStyles(true)}}, ep: aws.Endpoint{ID: "cvpn-endpoint-1"}}
	for _, c := range []struct {
		points []float64
		want   string
	}{
		{[]float64{1, 0, -1}, "✗ expired"},
		{[]float64{1, 0.5}, "◐ < 1 day"},
		{[]float64{9, 6}, "◐ 6 days"},
		{[]float64{41, 40}, "40 days"},
		{[]float64{math.NaN(), math.NaN()}, "no data"},
	} {
		s := api.NewSeries(start, start.Add(time.Duration(len(c.points))*time.Hour), time.Hour)
		copy(s.Values, c.points)
		if got := ansi.Strip(v.crlWords(aws.EndpointMetrics{CRLDays: s})); got != c.want {
			t.Errorf("%v: %q, want %q", c.points, got, c.want)
		}
	}
}

// On a short screen the history gives its rows to the list; on 80x24 it
// takes three and the list keeps the rest.
func TestTheEndpointHistoryGivesWayOnAShortScreen(t *testing.T) {
	h, _ := newAWSHarness(t, 80, 12, false)
	h.MustShow("corp-vpn")
	h.Keys("enter")
	h.MustShow("user001")
	h.MustNotShow("CRL days left", "reading CloudWatch")
	if strings.Count(h.Screen(), "\n") > 12 {
		t.Errorf("the screen is taller than 12 rows:\n%s", h.Screen())
	}
}
