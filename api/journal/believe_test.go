package journal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

const gw = "alibaba|cn-hangzhou|gateway|vpn-1"

// A resource that could not be read is not in a new state: fine, then
// unknown, then fine again keeps the first since, writes nothing for the
// unknown run, and five alternations are no flap (they were).
func TestAnUnreadableRunIsNotAChange(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j := open(t, dir, Options{Now: c.now})
	note := []Observation{{Key: gw, State: "note", Cause: "status"}}
	must(t, j.Observe(note, all))
	since, _ := j.Since(gw)
	size := func() int64 { st, _ := os.Stat(j.Path()); return st.Size() }
	written := size()
	for range 5 {
		c.add(time.Minute)
		must(t, j.Observe([]Observation{{Key: gw, State: unknown, Cause: "unreadable"}}, all))
		c.add(time.Minute)
		must(t, j.Observe(note, all))
	}
	if s, _ := j.Since(gw); !s.Equal(since) || j.Flapping(gw) || size() != written {
		t.Errorf("since %v (want %v), flapping %v, journal grew %d bytes", s, since, j.Flapping(gw), size()-written)
	}
	// Unknown where the journal knew it broken is not "fixed" either,
	// though its region was checked.
	must(t, j.Observe([]Observation{{Key: gw, State: unknown}}, all))
	if tl := j.Timeline(gw); len(tl) != 1 || tl[0].State != "note" {
		t.Errorf("timeline %+v", tl)
	}
	// What an older vpnscope wrote ("unknown" records) is not believed.
	c.add(time.Hour)
	f, _ := os.OpenFile(j.Path(), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"t":"2026-12-01T15:00:00Z","k":"` + gw + `","s":"unknown","c":"unreadable"}` + "\n" +
		`{"t":"2026-12-01T15:01:00Z","k":"` + gw + `","s":"note","c":"status"}` + "\n")
	f.Close()
	again := open(t, dir, Options{Now: c.now})
	if s, _ := again.Since(gw); !s.Equal(since) {
		t.Errorf("an old unknown record restarted since: %v, want %v", s, since)
	}
}

// A finding some of whose inputs could not be read (it has a Reason) is
// only as bad as was seen: an endpoint down that reads as degraded while
// its target networks cannot be read is not taken as better, so its since
// stands when it reads as down again; it gets no since of another state.
func TestAPartlyReadFindingIsNotTakenAsBetter(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j := open(t, t.TempDir(), Options{Now: c.now})
	endpoint := func(impact api.Impact, reason string) *api.Finding {
		return &api.Finding{Provider: "aws", Region: "us-east-1", Resource: "client-vpn-endpoint", ResourceID: "cvpn-endpoint-1",
			Impact: impact, Cause: api.Cause{Phase: "configuration"}, Reason: reason}
	}
	down := endpoint(api.TrafficDown, "")
	must(t, RecordFindings(j, "aws", []*api.Finding{down}, nil, RegionsChecked(nil, nil)))
	since := *down.Since
	c.add(time.Minute)
	partly := endpoint(api.Degraded, "UnauthorizedOperation: DescribeClientVpnTargetNetworks")
	must(t, RecordFindings(j, "aws", []*api.Finding{partly}, nil, RegionsChecked(nil, nil)))
	if partly.Since != nil {
		t.Errorf("degraded, partly read, got the since of down: %v", partly.Since)
	}
	c.add(time.Minute)
	down = endpoint(api.TrafficDown, "")
	must(t, RecordFindings(j, "aws", []*api.Finding{down}, nil, RegionsChecked(nil, nil)))
	if !down.Since.Equal(since) || down.Flapping {
		t.Errorf("down since %v (want %v), flapping %v: %+v", down.Since, since, down.Flapping, j.Timeline(down.Key()))
	}
	// Worse than known, though partly read, is seen: it is recorded.
	c.add(time.Minute)
	note := endpoint(api.Note, "")
	must(t, RecordFindings(j, "aws", []*api.Finding{note}, nil, RegionsChecked(nil, nil)))
	c.add(time.Minute)
	worse := endpoint(api.Degraded, "UnauthorizedOperation: DescribeClientVpnTargetNetworks")
	must(t, RecordFindings(j, "aws", []*api.Finding{worse}, nil, RegionsChecked(nil, nil)))
	if worse.Since == nil || !worse.Since.Equal(c.now()) {
		t.Errorf("worse than known, partly read: since %v, want now", worse.Since)
	}
}

// A time after now (past a few minutes of clock skew) is not believed: a
// record dated 2099 gives no "since 2099", and the state seen now is
// recorded with now.
func TestTimesInTheFutureAreNotBelieved(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	lines := `{"t":"2099-12-06T00:00:00Z","k":"` + tun + `","s":"traffic-down","c":"phase 1"}` + "\n" +
		`{"t":"2026-12-01T14:03:00Z","k":"` + gw + `","s":"note","c":"status"}` + "\n"
	must(t, os.WriteFile(filepath.Join(dir, "journal.jsonl"), []byte(lines), 0o600))
	j := open(t, dir, Options{Now: func() time.Time { return now }})
	if s, ok := j.Since(tun); ok {
		t.Errorf("believed since %v", s)
	}
	// Three minutes ahead is a clock a little fast: believed.
	if s, ok := j.Since(gw); !ok || s.Format("15:04") != "14:03" {
		t.Errorf("a clock 3 minutes fast: since %v %v", s, ok)
	}
	must(t, j.Observe([]Observation{{Key: tun, State: "traffic-down", Cause: "phase 1"}}, nil))
	again := open(t, dir, Options{Now: func() time.Time { return now }})
	if s, _ := again.Since(tun); !s.Equal(now) {
		t.Errorf("since %v, want now (%v)", s, now)
	}
	if b, _ := os.ReadFile(again.Path()); strings.Count(string(b), tun) != 2 {
		t.Errorf("the state seen now was not recorded:\n%s", b)
	}
}
