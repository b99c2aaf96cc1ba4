package alibaba

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	tui "github.com/vpnscope/vpnscope/tui"
	"github.com/vpnscope/vpnscope/tui/tuitest"
	ui "github.com/vpnscope/vpnscope/tui/ui"
)

// openBeijingTunnels opens to-beijing-001's tunnels (tunnel 1's phase 2
// down, tunnel 2 up) on the emulator.
func openBeijingTunnels(t *testing.T, h *harness) {
	t.Helper()
	h.Keys("enter")
	h.MustShow("to-beijing-001")
	h.Keys("enter")
	h.MustShow("TUNNEL 1 (master)", "TUNNEL 2 (slave)")
}

// The view opens with a day of CloudMonitor history in one call per
// metric (three: state, in, out, both tunnels in each); + and - change the
// window, a call per metric and page each (7 days are two pages, 14 days
// three); the axis is in the viewer's zone; the end of the steps says so
// without a call.
func TestTunnelsHistoryIsOneCallPerMetricAndWindow(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Common().Loc = time.FixedZone("UTC+8", 8*3600)
	openBeijingTunnels(t, h)
	if n := h.emu.Calls("DescribeMetricList"); n != 3 {
		t.Fatalf("%d DescribeMetricList calls to open the view, want 3", n)
	}
	h.MustShow("Up/down 24h", "11-19 20:00", "11-20 20:00", "▶ carries it", "Traffic in", "Traffic out", "Traffic, last 15m")
	h.Keys("+")
	h.MustShow("Up/down 3d", "11-17 20:00")
	if n := h.emu.Calls("DescribeMetricList"); n != 6 {
		t.Errorf("%d calls after +, want 6", n)
	}
	h.Keys("+", "+")
	h.MustShow("Up/down 14d")
	if n := h.emu.Calls("DescribeMetricList"); n != 6+6+9 {
		t.Errorf("%d calls at 14 days, want 21 (7 d: 2 pages a metric, 14 d: 3)", n)
	}
	h.Keys("+")
	h.MustShow("as wide as it goes")
	if n := h.emu.Calls("DescribeMetricList"); n != 21 {
		t.Errorf("%d calls, want 21 (none past the widest)", n)
	}
	h.Keys("-")
	h.MustShow("Up/down 7d")
	h.Keys("?")
	h.MustShow("History (CloudMonitor)", "longer history", "shorter history")
}

// An answer for a window the view has left is dropped: the 24 h answer
// that comes after the 3 d one does not replace it; nothing waits on it.
func TestAStaleHistoryIsDropped(t *testing.T) {
	h := newHarness(t, 160, 48, emulator.Config{})
	h.Hold = func(m tea.Msg) bool { _, ok := m.(ui.ReadAnswer[alibaba.ConnectionMetrics]); return ok }
	openBeijingTunnels(t, h)
	h.MustShow("reading CloudMonitor…", "Phase 2 (IPsec)")
	h.Send(h.Held[0])
	h.MustShow("Up/down 24h", "11-19 12:00")
	h.Keys("+")
	h.MustShow("Up/down 3d", "reading CloudMonitor…")
	h.MustNotShow("11-19 12:00")
	if len(h.Held) != 2 {
		t.Fatalf("%d answers held, want 2", len(h.Held))
	}
	old, fresh := h.Held[0], h.Held[1]
	h.Hold = nil
	h.Send(fresh)
	h.MustShow("Up/down 3d", "11-17 12:00")
	h.Send(old)
	h.MustShow("Up/down 3d", "11-17 12:00")
	h.MustNotShow("11-19 12:00")
}

// A metric read that fails leaves the rest of the view and says what
// could not be read and the permission it takes.
func TestAFailedHistoryLeavesTheTunnelsView(t *testing.T) {
	for spec, says := range map[string]string{"forbidden": "Forbidden", "throttle": "Throttling", "malformed": "MalformedResponse"} {
		t.Run(spec, func(t *testing.T) {
			h := newHarnessWith(t, 160, 48, emulator.Config{Faults: []emulator.Fault{mustFault(t, spec+":action=DescribeMetricList")}},
				noRetry)
			openBeijingTunnels(t, h)
			h.MustShow("could not read (cms:DescribeMetricList)", says, "Phase 2 (IPsec)", "✗ down", "ipsec_sa_established")
			h.MustNotShow("Traffic, last")
			if spec == "forbidden" {
				h.MustShow("ask for RAM permission for cms:DescribeMetricList")
			}
		})
	}
}

// A metric read that hangs ends at the client's read timeout and says
// so; the rest of the view was there all along.
func TestAHungHistoryEndsAtTheReadTimeout(t *testing.T) {
	h := newHarnessWith(t, 160, 48, emulator.Config{Faults: []emulator.Fault{mustFault(t, "hang:action=DescribeMetricList")}},
		vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}, ReadTimeout: 100 * time.Millisecond})
	start := time.Now()
	openBeijingTunnels(t, h)
	h.MustShow("could not read (cms:DescribeMetricList)", "Phase 2 (IPsec)", "✗ down")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the view took %v: a hung read held it past its timeout", d)
	}
}

// The state line reads without colour, as blocks: tunnel 1, down all day,
// is ▁ to the end, tunnel 2 ▇; the goldens keep the colours (16) and their
// absence (NO_COLOR).
func TestTheTunnelsHistoryGoldenColourProfiles(t *testing.T) {
	for _, profile := range []struct {
		name string
		p    colorprofile.Profile
	}{{"16-colours", colorprofile.ANSI}, {"no-color", colorprofile.Ascii}} {
		for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
			t.Run(fmt.Sprintf("%s/%dx%d", profile.name, size.w, size.h), func(t *testing.T) {
				h := newHarness(t, size.w, size.h, emulator.Config{})
				h.Send(tea.ColorProfileMsg{Profile: profile.p})
				openBeijingTunnels(t, h)
				h.MustShow("Traffic, last 15m")
				var b bytes.Buffer
				w := &colorprofile.Writer{Forward: &b, Profile: profile.p}
				if _, err := w.WriteString(h.App.Render()); err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, b.Bytes())
				plain := ansi.Strip(b.String())
				if !strings.Contains(plain, strings.Repeat("▁", 20)) || !strings.Contains(plain, strings.Repeat("▇", 20)) {
					t.Errorf("the state lines are not readable as blocks:\n%s", plain)
				}
				if profile.p == colorprofile.Ascii && (bytes.Contains(b.Bytes(), []byte("[3")) || bytes.Contains(b.Bytes(), []byte(";3"))) {
					t.Errorf("a colour under NO_COLOR: %q", b.String())
				}
			})
		}
	}
}

// outageMetrics is a client whose CloudMonitor says tunnel 1 went down at
// 03:10 and has been down since, tunnel 2 up; the rest is the emulator's.
type outageMetrics struct {
	alibaba.Client
	calls int
}

func (o *outageMetrics) TunnelMetrics(_ context.Context, _ string, q alibaba.TunnelMetricsQuery) (alibaba.ConnectionMetrics, error) {
	o.calls++
	start, end, period := q.Window()
	out := alibaba.ConnectionMetrics{ConnectionID: q.ConnectionID}
	for k, id := range q.TunnelIDs {
		tm := alibaba.TunnelMetrics{TunnelID: id, State: alibaba.NewSeries(start, end, period),
			In: alibaba.NewSeries(start, end, period), Out: alibaba.NewSeries(start, end, period)}
		down := time.Date(2026, 11, 20, 3, 10, 0, 0, time.UTC)
		for i := range tm.State.Values {
			from := start.Add(time.Duration(i) * period)
			up := 1.0 // the share of the period tunnel 1 was up
			if k == 0 {
				up = min(max(float64(down.Sub(from))/float64(period), 0), 1)
			}
			tm.State.Values[i], tm.In.Values[i], tm.Out.Values[i] = up, up*1e6, up*2e6
		}
		out.Tunnels = append(out.Tunnels, tm)
	}
	return out, nil
}

// The outage's start is the service's, from the state metric's history,
// and labelled so, in the table and under the failing tunnel: one time,
// not when vpnscope first saw it. Down at 03:10 in 15-minute periods, the
// metric says down part of 03:00-03:15 and surely down since 03:15.
func TestTheOutageStartsWhenTheServiceSaysSo(t *testing.T) {
	_, client := startEmulator(t, emulator.Config{}, noRetry)
	fake := &outageMetrics{Client: client}
	h := &harness{Harness: tuitest.New(t, 160, 48, tuiConfig(fake))}
	openBeijingTunnels(t, h)
	if fake.calls != 1 {
		t.Fatalf("%d metric reads to open the view, want 1", fake.calls)
	}
	h.MustShow("down at least since 03:15")
	lines := ansi.Strip(strings.Join(h.tunnels().sc.Lines, "\n"))
	want := "failing now · down at least since 03:15 (8h45m ago) · the service's state metric (CloudMonitor)"
	if !strings.Contains(lines, want) {
		t.Errorf("no %q under the failing tunnel:\n%s", want, lines)
	}
	if strings.Contains(lines, "first seen by vpnscope") {
		t.Errorf("a second, later time for the same outage:\n%s", lines)
	}
}

// The state metric's outage: the run of periods down all along, back
// from the latest; one that fills the window began by its start at the
// latest; no data breaks the run; up now is no outage.
func TestStateOnsetIsTheStartOfTheLastRunDown(t *testing.T) {
	start := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	nan := math.NaN()
	for _, c := range []struct {
		values     []float64
		at         int
		before, ok bool
		name       string
	}{
		{[]float64{1, 1, 0.5, 0, 0}, 3, false, true, "down within period 2: surely from 3"},
		{[]float64{0, 0, 0.5}, 0, false, false, "down only within the latest period"},
		{[]float64{0, 0, 0}, 0, true, true, "down all window"},
		{[]float64{1, nan, 0, 0}, 2, true, true, "down after a gap: by then at the latest"},
		{[]float64{0, 0, 1}, 0, false, false, "up now"},
		{[]float64{nan, nan}, 0, false, false, "no data"},
	} {
		s := alibaba.Series{Start: start, Period: time.Minute, Values: c.values}
		at, before, ok := alibaba.StateOnset(s)
		if ok != c.ok || ok && (before != c.before || !at.Equal(start.Add(time.Duration(c.at)*time.Minute))) {
			t.Errorf("%s: %v %v %v, want point %d, before %v, ok %v", c.name, at, before, ok, c.at, c.before, c.ok)
		}
	}
}

// noRetry shows a fault at once: the first answer is the one shown.
var noRetry = vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}}

// tuiConfig is the app on client, as newHarness sets it up.
func tuiConfig(client alibaba.Client) tui.Config {
	return tui.Config{Providers: []ui.Provider{NewProvider(client, "cn-hangzhou", "http://emulator")},
		CredentialSource: "demo key", Demo: true}
}
