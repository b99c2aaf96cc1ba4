package journal

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func open(t *testing.T, dir string, o Options) *Journal {
	t.Helper()
	j, warning, err := Open(dir, o)
	if err != nil || warning != "" {
		t.Fatalf("open: %v %q", err, warning)
	}
	return j
}

const tun = "alibaba|cn-hangzhou|tunnel|tun-1"

func all(string) bool { return true }

// A tunnel that went down at 14:02 and came back at 14:09 shows both
// changes, with their times, to the next process; "since" is when the
// current state was first seen, and three changes in the window flap.
func TestDownSinceAndFlapsSurviveARestart(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j := open(t, dir, Options{Now: c.now})
	if err := j.Observe(nil, all); err != nil { // all fine: nothing to write
		t.Fatal(err)
	}
	if _, err := os.Stat(j.Path()); !os.IsNotExist(err) {
		t.Fatalf("a healthy run wrote a journal: %v", err)
	}
	c.add(2 * time.Minute)
	down := []Observation{{Key: tun, State: "redundancy-lost", Cause: "phase 1"}}
	must(t, j.Observe(down, all))
	c.add(3 * time.Minute)
	must(t, j.Observe(down, all)) // still down: no new record
	c.add(4 * time.Minute)
	must(t, j.Observe(nil, all)) // fixed

	again := open(t, dir, Options{Now: c.now})
	tl := again.Timeline(tun)
	if len(tl) != 2 || tl[0].State != "redundancy-lost" || tl[0].At.Format("15:04") != "14:02" || tl[1].State != OK || tl[1].At.Format("15:04") != "14:09" {
		t.Fatalf("timeline after a restart: %+v", tl)
	}
	if again.Flapping(tun) {
		t.Error("one down and up is not a flap")
	}
	c.add(time.Minute)
	must(t, again.Observe(down, all))
	if s, _ := again.Since(tun); s.Format("15:04") != "14:10" {
		t.Errorf("down since %s, want 14:10", s.Format("15:04"))
	}
	c.add(time.Minute)
	must(t, again.Observe(nil, all))
	if !again.Flapping(tun) {
		t.Errorf("down, up, down, up in 9 minutes is a flap: %+v", again.Timeline(tun))
	}
	c.add(7 * time.Hour)
	if again.Flapping(tun) {
		t.Error("still flapping 7 hours later")
	}
}

// A resource in a part of the account that could not be checked is not
// taken for fixed.
func TestUncheckedIsNotFixed(t *testing.T) {
	j := open(t, t.TempDir(), Options{})
	must(t, j.Observe([]Observation{{Key: tun, State: "traffic-down"}}, all))
	must(t, j.Observe(nil, func(string) bool { return false }))
	if tl := j.Timeline(tun); len(tl) != 1 {
		t.Fatalf("an unchecked resource was recorded: %+v", tl)
	}
}

// Two writers at once, as goroutines with their own Journal (two
// processes' worth of state): every record of both is there, whole.
func TestTwoWritersAtOnce(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			j := open(t, dir, Options{})
			for i := range 200 {
				key := fmt.Sprintf("alibaba|r|connection|w%d-%d", w, i)
				if err := j.Observe([]Observation{{Key: key, State: "traffic-down", Cause: "phase 1"}}, nil); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	checkAll(t, dir, 2, 200)
}

// The same with two processes: the test binary runs itself twice.
func TestTwoProcessesAtOnce(t *testing.T) {
	if dir := os.Getenv("JOURNAL_WRITER_DIR"); dir != "" {
		w, _ := strconv.Atoi(os.Getenv("JOURNAL_WRITER"))
		j, _, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 200 {
			must(t, j.Observe([]Observation{{Key: fmt.Sprintf("alibaba|r|connection|w%d-%d", w, i), State: "traffic-down"}}, nil))
		}
		return
	}
	dir := t.TempDir()
	var cmds []*exec.Cmd
	for w := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestTwoProcessesAtOnce$")
		cmd.Env = append(os.Environ(), "JOURNAL_WRITER_DIR="+dir, "JOURNAL_WRITER="+strconv.Itoa(w))
		must(t, cmd.Start())
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("a writer failed: %v", err)
		}
	}
	checkAll(t, dir, 2, 200)
}

func checkAll(t *testing.T, dir string, writers, each int) {
	t.Helper()
	j := open(t, dir, Options{}) // a bad line would be a warning here
	for w := range writers {
		for i := range each {
			if tl := j.Timeline(fmt.Sprintf("alibaba|r|connection|w%d-%d", w, i)); len(tl) != 1 {
				t.Fatalf("writer %d record %d: %+v", w, i, tl)
			}
		}
	}
}

// A damaged journal is reported in one line and set aside; its good
// records are kept, and the next run starts clean.
func TestDamagedJournalIsSetAside(t *testing.T) {
	dir := t.TempDir()
	j := open(t, dir, Options{})
	must(t, j.Observe([]Observation{{Key: tun, State: "traffic-down"}}, nil))
	f, err := os.OpenFile(j.Path(), os.O_APPEND|os.O_WRONLY, 0)
	must(t, err)
	f.WriteString("{\"t\":\"2026-12-01T14:0\x00garbage\n\xff\xfe not json\n")
	f.Close()

	j2, warning, err := Open(dir, Options{})
	if err != nil || j2 == nil {
		t.Fatalf("a damaged journal is fatal: %v", err)
	}
	if warning == "" || strings.Contains(warning, "\n") || !strings.Contains(warning, "set aside") || !strings.Contains(warning, "2 bad lines") {
		t.Fatalf("warning %q", warning)
	}
	if tl := j2.Timeline(tun); len(tl) != 1 {
		t.Errorf("the good record was lost: %+v", tl)
	}
	aside, _ := filepath.Glob(filepath.Join(dir, "journal.jsonl.damaged-*"))
	if len(aside) != 1 {
		t.Errorf("set aside: %v", aside)
	}
	if _, warning, _ := Open(dir, Options{}); warning != "" {
		t.Errorf("still damaged after setting aside: %q", warning)
	}
	// A line cut short at the end is a write in progress, not damage.
	f, _ = os.OpenFile(j.Path(), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"t":"2026-12-01T14:02:00Z","k":"x`)
	f.Close()
	if _, warning, _ := Open(dir, Options{}); warning != "" {
		t.Errorf("an unfinished last line is damage: %q", warning)
	}
}

// The journal stays bounded: past MaxBytes it rotates, keeping each
// resource's last broken state, so "since" survives compaction.
func TestJournalStaysBounded(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	j := open(t, dir, Options{MaxBytes: 4 << 10, FlapWindow: time.Hour, Now: c.now})
	must(t, j.Observe([]Observation{{Key: tun, State: "traffic-down"}}, nil))
	since, _ := j.Since(tun)
	for i := range 600 {
		c.add(time.Minute)
		state := []string{"degraded", OK}[i%2]
		must(t, j.Observe([]Observation{{Key: "alibaba|r|connection|flappy", State: state}}, nil))
	}
	var total int64
	files, _ := filepath.Glob(filepath.Join(dir, "journal*"))
	for _, p := range files {
		st, _ := os.Stat(p)
		total += st.Size()
	}
	if total > 3*(4<<10) {
		t.Errorf("journal takes %d bytes for a bound of 4 KiB (%v)", total, files)
	}
	again := open(t, dir, Options{Now: c.now})
	if s, ok := again.Since(tun); !ok || !s.Equal(since) {
		t.Errorf("down since %v after rotations, want %v", s, since)
	}
}

// Records hold keys, states and times: nothing a finding's message or a
// configuration could carry.
func TestRecordsHoldNoMoreThanStates(t *testing.T) {
	j := open(t, t.TempDir(), Options{})
	must(t, j.Observe([]Observation{{Key: tun, State: "traffic-down", Cause: "phase 1"}}, nil))
	b, _ := os.ReadFile(j.Path())
	var fields []string
	for _, f := range strings.Split(strings.Trim(string(b), "{}\n"), ",") {
		k, _, _ := strings.Cut(f, ":")
		fields = append(fields, k)
	}
	if strings.Join(fields, " ") != `"t" "k" "s" "c"` {
		t.Errorf("record fields %v in %s", fields, b)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkObserveFullJournal is one run's Observe on a journal at its
// 1 MiB bound (it rereads what other processes wrote first).
func BenchmarkObserveFullJournal(b *testing.B) {
	dir := b.TempDir()
	j, _, _ := Open(dir, Options{MaxBytes: 1 << 30})
	var seen []Observation
	for i := range 12000 {
		seen = append(seen, Observation{Key: fmt.Sprintf("alibaba|cn-hangzhou|connection|vco-bp1%021d", i), State: "traffic-down", Cause: "phase 1"})
	}
	if err := j.Observe(seen, nil); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(j.Path())
	for b.Loop() {
		if err := j.Observe(seen[:350], nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Size())/(1<<20), "MiB")
}

// A line anyone could have written into the file: its state and cause
// reach the tunnels view's history as text, never as a terminal sequence
// (a title change and blink reached the screen).
func TestJournalTextIsNeverATerminalSequence(t *testing.T) {
	dir := t.TempDir()
	line := `{"t":"2026-12-01T14:02:00Z","k":"` + tun + `","s":"ok\u001b]2;PWN\u0007\u001b[5mBLINK","c":"x\u001b[31mred"}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "journal.jsonl"), []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	j := open(t, dir, Options{})
	got := j.Timeline(tun)
	if len(got) != 1 {
		t.Fatalf("timeline %v", got)
	}
	for _, s := range []string{got[0].State, got[0].Cause} {
		if strings.ContainsAny(s, "\x1b\x07") || !strings.Contains(s, "␛") {
			t.Errorf("%q reaches the screen as it was written", s)
		}
	}
}
