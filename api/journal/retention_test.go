package journal

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// What is gone is forgotten: 40,000 resources broken once and never seen
// again (a region no longer scanned, deleted connections) were carried
// into every rotation, so each run rewrote 4 MB; once not seen for the
// retention (14 days) they are dropped and the journal returns under its
// bound. A resource still down and seen every few days keeps its since
// through it all: being seen is what keeps it.
func TestResourcesNotSeenForTheRetentionAreForgotten(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	live := Observation{Key: "aws|us-east-1|connection|vpn-live", State: "traffic-down", Cause: "phase 1"}
	seen := []Observation{live}
	for i := range 40000 {
		seen = append(seen, Observation{Key: fmt.Sprintf("alibaba|cn-qingdao|connection|vco-gone%021d", i), State: "traffic-down", Cause: "phase 1"})
	}
	must(t, open(t, dir, Options{Now: c.now}).Observe(seen, nil))
	since := c.now()
	size := func() (total int64) {
		files, _ := filepath.Glob(filepath.Join(dir, "journal*"))
		for _, p := range files {
			st, _ := os.Stat(p)
			total += st.Size()
		}
		return total
	}
	if size() < 4<<20 {
		t.Fatalf("the gone resources take %d bytes, want the 4 MB of the report", size())
	}
	for day := 5; day <= 30; day += 5 {
		c.add(5 * 24 * time.Hour)
		j := open(t, dir, Options{Now: c.now}) // a cron run every five days
		must(t, j.Observe([]Observation{live}, nil))
		if day < 14 && len(j.Timeline(seen[1].Key)) != 1 {
			t.Fatalf("day %d: a resource not seen for %d days is already forgotten", day, day)
		}
	}
	if n := size(); n > 1<<20 {
		t.Errorf("after 30 days the journal takes %d bytes, past its 1 MiB bound", n)
	}
	j := open(t, dir, Options{Now: c.now})
	if tl := j.Timeline(seen[1].Key); len(tl) != 0 {
		t.Errorf("a resource not seen for 30 days is still remembered: %+v", tl)
	}
	if s, ok := j.Since(live.Key); !ok || !s.Equal(since) || len(j.Timeline(live.Key)) != 1 || j.Flapping(live.Key) {
		t.Errorf("the resource seen all along: since %v %v (want %v), timeline %+v", s, ok, since, j.Timeline(live.Key))
	}
	// Later runs rewrite nothing: the file only grows by what changes.
	before := size()
	c.add(time.Hour)
	must(t, j.Observe([]Observation{live}, nil))
	if after := size(); after != before {
		t.Errorf("a run that changed nothing took the journal from %d to %d bytes", before, after)
	}
}

// That a resource is still seen is written at most once a day, as a
// record that repeats its state and time: a reader of the file sees no
// change in it.
func TestStillSeenIsWrittenOnceADayAndIsNoChange(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	j := open(t, dir, Options{Now: c.now})
	down := []Observation{{Key: tun, State: "traffic-down", Cause: "phase 1"}}
	for range 3 * 24 {
		must(t, j.Observe(down, nil))
		c.add(time.Hour)
	}
	b, _ := os.ReadFile(j.Path())
	if n := strings.Count(string(b), "\n"); n != 3 {
		t.Errorf("%d lines for three days down, want the change and two days' sightings:\n%s", n, b)
	}
	again := open(t, dir, Options{Now: c.now})
	if tl := again.Timeline(tun); len(tl) != 1 || again.Flapping(tun) || tl[0].At.Format("Jan 2 15:04") != "Dec 1 00:00" {
		t.Errorf("timeline %+v", tl)
	}
}
