// Package journal is vpnscope's local memory of what it saw: one record
// per state change of a resource, so "down since 14:02" (first seen by
// vpnscope), "flapping" and a timeline survive a restart.
//
// Storage: an append-only file of JSON lines. Every run that sees states
// (the TUI, watch, `vpnscope problems` from cron) appends its changes with
// one write(2) on a file opened with O_APPEND, so two processes at once
// never overwrite or interleave each other (the kernel places each append
// at the end, whole) and neither ever waits for a lock another may hold
// forever; it needs no cgo, no server and works wherever Go does. A line
// cut short (a crash mid-write) or garbage is found when the file is read:
// the file is reported in one line, set aside, and its good records carried
// into a fresh one; it is never fatal. The size is bounded by rotation:
// past MaxBytes the file becomes journal.1.jsonl (read too) and the last
// state of each resource is carried into the new one. Records hold
// resource keys, state words and times only: never a message, a
// configuration or a secret.
//
// What it believes: only states seen. A resource that could not be read
// (the state "unknown") is not recorded, changes nothing and is not taken
// for fixed, so a failed read never restarts "since" nor counts towards
// flapping. Nor is a time more than MaxSkew after now (another machine's
// clock, an edited file: 2099): that record is left out.
//
// What it forgets: a resource not seen for Retention (14 days by
// default), when the file is next rotated, so what was deleted long ago
// stops taking room; one still seen is confirmed at most once a day (a
// record that repeats its state and time, with "seen").
//
// Its files are anyone's to replace: each one (the current, the rotated,
// the one records are carried into) is opened only when it is a regular
// file, without blocking, and read up to 16 times MaxBytes (files.go). A
// path that is not a regular file (a named pipe, /dev/zero) refuses the
// journal, in one line: the run goes on without one.
package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// Record is one state change of one resource.
type Record struct {
	At    time.Time `json:"t"`
	Key   string    `json:"k"`           // provider|region|kind|id
	State string    `json:"s"`           // "ok", or an impact word such as "traffic-down"
	Cause string    `json:"c,omitempty"` // the check that failed: "phase 1", "bgp", ...
	// Seen, on a record that repeats the last one (same state and time),
	// says the resource was still seen so then: not a change, it only
	// keeps the resource from being forgotten.
	Seen time.Time `json:"seen,omitzero"`
}

// OK is the state of a resource nothing is wrong with.
const OK = api.StateOK

// unknown is the verdict on a resource that could not be read: not a
// state. It is never recorded, and one found in a file is left out.
var unknown = api.Unknown.Word()

// MaxSkew is how far after now a record's time may be and still be
// believed: clocks of machines that share a home directory differ a
// little.
const MaxSkew = 5 * time.Minute

// seenEvery is how often a resource seen in the same state is confirmed
// in the file (Record.Seen), well inside Retention.
const seenEvery = 24 * time.Hour

// A resource is flapping when it changed state at least
// DefaultFlapChanges times in the last DefaultFlapWindow, by the journal
// or by the service's state metric where the journal has not watched.
const (
	DefaultFlapWindow  = 6 * time.Hour
	DefaultFlapChanges = 3
)

// Options tune a journal; zero values take the defaults.
type Options struct {
	// MaxBytes is the size past which the file is rotated (default 1 MiB;
	// the journal then takes at most about twice that).
	MaxBytes int64
	// FlapWindow and FlapChanges: a resource is flapping when it changed
	// state at least FlapChanges times in the last FlapWindow (default
	// DefaultFlapChanges in DefaultFlapWindow).
	FlapWindow  time.Duration
	FlapChanges int
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Name is the file's base name (default "journal"; the demo uses its
	// own so its resources never mix with an account's).
	Name string
	// Retention is how long a resource not seen is kept (default 14
	// days); it is dropped at the next rotation.
	Retention time.Duration
}

// Journal is one journal directory. Its methods are safe for concurrent
// use; other processes may append to the same files at the same time.
type Journal struct {
	dir string
	o   Options
	mu  sync.Mutex
	// history is every record read, by key, oldest first.
	history map[string][]Record
	// seen is when each key was last seen in any state.
	seen map[string]time.Time
	// read is the current file as far as it was read, so the next Observe
	// reads only what other processes appended since.
	read     os.FileInfo
	readUpTo int64
}

// DefaultDir is where the journal lives: $XDG_STATE_HOME/vpnscope, else
// the platform's equivalent (~/.local/state on Linux and the BSDs,
// ~/Library/Application Support on macOS, %LocalAppData% on Windows).
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "vpnscope"), nil
	}
	switch runtime.GOOS {
	case "darwin", "windows", "ios", "plan9":
		d, err := os.UserConfigDir()
		if runtime.GOOS == "windows" {
			if l := os.Getenv("LocalAppData"); l != "" {
				d, err = l, nil
			}
		}
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "vpnscope", "state"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "state", "vpnscope"), nil
}

// Open reads the journal in dir, creating the directory. A damaged file is
// set aside and reported in warning (one line); err is for a journal that
// cannot be used at all (the directory cannot be made): the caller goes on
// without one.
func Open(dir string, o Options) (j *Journal, warning string, err error) {
	if o.MaxBytes <= 0 {
		o.MaxBytes = 1 << 20
	}
	if o.FlapWindow <= 0 {
		o.FlapWindow = DefaultFlapWindow
	}
	if o.FlapChanges <= 0 {
		o.FlapChanges = DefaultFlapChanges
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Name == "" {
		o.Name = "journal"
	}
	if o.Retention <= 0 {
		o.Retention = 14 * 24 * time.Hour
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", fmt.Errorf("state journal: %w", err)
	}
	j = &Journal{dir: dir, o: o}
	if warning, err = j.load(); err != nil {
		return nil, "", fmt.Errorf("state journal: %w", err)
	}
	return j, warning, nil
}

// readLimit is the most of one file the journal reads: a file rotates
// past MaxBytes, so one 16 times larger is not a journal (or is one grown
// without bound) and is set aside unread.
func (j *Journal) readLimit() int64 { return 16 * j.o.MaxBytes }

func (j *Journal) path() string    { return filepath.Join(j.dir, j.o.Name+".jsonl") }
func (j *Journal) oldPath() string { return filepath.Join(j.dir, j.o.Name+".1.jsonl") }

// Path is the journal's current file.
func (j *Journal) Path() string { return j.path() }

// load reads both generations into history; a damaged one is set aside
// and its good records carried over. It returns the one-line warning; err
// is a path that is not a regular file: the journal is not used.
func (j *Journal) load() (warning string, err error) {
	var all []Record
	for _, p := range []string{j.oldPath(), j.path()} {
		b, err := readFile(p, j.readLimit())
		switch {
		case errors.Is(err, os.ErrNotExist):
			continue
		case errors.Is(err, errNotRegular):
			return "", err
		case errors.Is(err, errTooLarge):
			aside := j.asideName(p)
			if os.Rename(p, aside) == nil {
				warning = fmt.Sprintf("state journal %s is larger than %d KiB, which no journal reaches: set aside unread as %s", p, j.readLimit()>>10, filepath.Base(aside))
			} else {
				warning = fmt.Sprintf("state journal %s is larger than %d KiB; going on without its history", p, j.readLimit()>>10)
			}
			continue
		case err != nil:
			warning = fmt.Sprintf("state journal %s could not be read (%v); going on without its history", p, err)
			continue
		}
		recs, bad, _ := parse(b)
		if bad > 0 {
			aside := j.asideName(p)
			if err := os.Rename(p, aside); err == nil {
				warning = fmt.Sprintf("state journal %s was damaged (%d bad lines): set aside as %s, %d good records kept", p, bad, filepath.Base(aside), len(recs))
				_ = appendRecords(j.path(), recs)
			}
		}
		all = append(all, recs...)
	}
	j.history, j.seen = map[string][]Record{}, map[string]time.Time{}
	j.take(all)
	j.read, j.readUpTo = nil, 0
	if st, err := os.Stat(j.path()); err == nil {
		j.read, j.readUpTo = st, st.Size()
	}
	return warning, nil
}

func (j *Journal) asideName(p string) string {
	return fmt.Sprintf("%s.damaged-%d", p, j.o.Now().Unix())
}

// take adds records read from a file to history and seen. A time after
// now (past MaxSkew) is not believed, nor is the unknown verdict (older
// versions recorded it): neither is a state seen.
func (j *Journal) take(recs []Record) {
	late := j.o.Now().Add(MaxSkew)
	touched := map[string]bool{}
	for _, r := range recs {
		if r.State == unknown || r.At.After(late) {
			continue
		}
		if r.Seen.After(late) {
			r.Seen = time.Time{}
		}
		j.saw(r.Key, r.At)
		j.saw(r.Key, r.Seen)
		r.Seen = time.Time{} // history holds changes; seen holds sightings
		j.history[r.Key] = append(j.history[r.Key], r)
		touched[r.Key] = true
	}
	for k := range touched {
		h := j.history[k]
		sort.SliceStable(h, func(a, b int) bool { return h[a].At.Before(h[b].At) })
		j.history[k] = collapse(h)
	}
}

// saw notes key was seen at t, if that is later than it was known seen.
func (j *Journal) saw(key string, t time.Time) {
	if t.After(j.seen[key]) {
		j.seen[key] = t
	}
}

// refresh reads what was appended to the current file since it was last
// read; a file that was rotated, set aside or replaced is read afresh.
// err is a file that is no longer a regular one.
func (j *Journal) refresh() error {
	st, err := os.Stat(j.path())
	if err != nil || j.read == nil || !os.SameFile(st, j.read) || st.Size() < j.readUpTo || st.Size() > j.readLimit() {
		_, err := j.load()
		return err
	}
	if st.Size() == j.readUpTo {
		return nil
	}
	f, err := openFile(j.path(), os.O_RDONLY)
	if err != nil {
		_, err := j.load()
		return err
	}
	defer f.Close()
	b := make([]byte, st.Size()-j.readUpTo)
	n, _ := f.ReadAt(b, j.readUpTo)
	recs, bad, used := parse(b[:n])
	if bad > 0 {
		_, err := j.load() // sets the damaged file aside
		return err
	}
	j.take(recs)
	j.readUpTo += used
	return nil
}

// collapse drops records that repeat the state before them (two processes
// may both record the same change).
func collapse(h []Record) []Record {
	out := h[:0]
	for _, r := range h {
		if len(out) > 0 && out[len(out)-1].State == r.State {
			continue
		}
		out = append(out, r)
	}
	return out
}

// parse reads the whole lines of b; used is how many bytes they took. A
// last line without its newline is a write in progress (or cut by a
// crash): it is left for later, not counted bad.
func parse(b []byte) (recs []Record, bad int, used int64) {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			break
		}
		line := b[:i]
		b = b[i+1:]
		used += int64(i + 1)
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r Record
		if json.Unmarshal(line, &r) != nil || r.Key == "" || r.State == "" || r.At.IsZero() {
			bad++
			continue
		}
		// The file is anyone's to edit: what it says is text, never a
		// terminal sequence, by the time a screen shows it.
		r.Key, r.State, r.Cause = api.Printable(r.Key), api.Printable(r.State), api.Printable(r.Cause)
		recs = append(recs, r)
	}
	return recs, bad, used
}

// appendRecords writes records to p in one write(2) with O_APPEND.
func appendRecords(p string, recs []Record) error {
	if len(recs) == 0 {
		return nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	f, err := openFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE)
	if err != nil {
		return err
	}
	_, err = f.Write(buf.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Observation is the state a run saw one resource in: OK or an impact
// word, and the check that failed.
type Observation = api.ResourceState

// Observe records what a run saw. seen are the resources found broken (or
// fine); every resource the journal last knew as broken and that checked
// says was checked this run, but that is not in seen, is recorded as OK
// (it was fixed). checked nil means nothing else was checked. A resource
// seen unknown is neither: nothing is recorded for it, and it is not taken
// for fixed. Only changes are written (and, once a day, that a resource
// broken is still seen so). It first reads what other processes wrote
// since.
func (j *Journal) Observe(seen []Observation, checked func(key string) bool) error {
	return j.observe(seen, nil, checked)
}

// observe is Observe where the states of the keys in partial are only as
// bad as far as could be read (a part of the resource could not be): such
// a state is recorded when it is worse than the last one known, never
// when it is better, which is not known.
func (j *Journal) observe(seen []Observation, partial map[string]bool, checked func(key string) bool) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.refresh(); err != nil {
		return fmt.Errorf("state journal: %w", err)
	}
	now := j.o.Now().UTC()
	var out []Record
	in := map[string]bool{}
	for _, s := range seen {
		if in[s.Key] {
			continue // the first word on a resource wins
		}
		in[s.Key] = true
		if s.State == unknown {
			continue // not a state: since and flapping stand as they were
		}
		last, known := j.lastLocked(s.Key)
		switch {
		case known && last.State == s.State:
			if s.State != OK && now.Sub(j.seen[s.Key]) >= seenEvery {
				out = append(out, Record{At: last.At, Key: s.Key, State: last.State, Cause: last.Cause, Seen: now})
			}
		case !known && s.State == OK:
			// first seen fine: nothing to remember yet
		case known && partial[s.Key] && !worse(s.State, last.State):
			// better as far as was read: not known to be better
		default:
			out = append(out, Record{At: now, Key: s.Key, State: s.State, Cause: s.Cause})
		}
	}
	if checked != nil {
		for k := range j.history {
			if last, _ := j.lastLocked(k); !in[k] && last.State != OK && checked(k) {
				out = append(out, Record{At: now, Key: k, State: OK})
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Key < out[b].Key })
	if err := appendRecords(j.path(), out); err != nil {
		return fmt.Errorf("state journal: %w", err)
	}
	for _, r := range out {
		j.saw(r.Key, now)
		if r.Seen.IsZero() {
			j.history[r.Key] = append(j.history[r.Key], r)
		}
	}
	return j.rotateLocked()
}

// worse says state a is worse than b: impact words rank as api.Impact
// does, OK after them all. A word neither knows is not worse.
func worse(a, b string) bool {
	ra, rb := rank(a), rank(b)
	return ra >= 0 && rb >= 0 && ra < rb
}

func rank(state string) int {
	if state == OK {
		return int(api.Note) + 1
	}
	for i := api.TrafficDown; i <= api.Note; i++ {
		if w, _ := i.MarshalText(); string(w) == state {
			return int(i)
		}
	}
	return -1
}

// rotateLocked moves a file past MaxBytes aside as the old generation and
// carries each resource's last state (and the changes inside the flap
// window) into the new one; a resource not seen for Retention is not
// carried. A lock file made with O_EXCL keeps two processes from rotating
// at once; a stale one (a crash) expires.
func (j *Journal) rotateLocked() error {
	st, err := os.Stat(j.path())
	if err != nil || st.Size() <= j.o.MaxBytes {
		return nil
	}
	lock := filepath.Join(j.dir, j.o.Name+".rotating")
	// O_EXCL fails on anything already there (a pipe, a symlink): it never
	// opens what someone else put in its place.
	f, err := os.OpenFile(lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		if ls, serr := os.Lstat(lock); serr == nil && time.Since(ls.ModTime()) > time.Minute {
			os.Remove(lock)
		}
		return nil // another process rotates
	}
	f.Close()
	defer os.Remove(lock)
	st, err = os.Stat(j.path())
	if err != nil || st.Size() <= j.o.MaxBytes {
		return nil // rotated meanwhile
	}
	if err := os.Rename(j.path(), j.oldPath()); err != nil {
		return fmt.Errorf("state journal: %w", err)
	}
	if st.Size() > 2*j.o.MaxBytes {
		// Swollen past twice the bound, by what earlier rotations carried
		// (resources now forgotten) or one huge run: what matters in it is
		// carried below, and kept it would hold the journal past its
		// bound until the next rotation.
		os.Remove(j.oldPath())
	}
	cut := j.o.Now().Add(-j.o.FlapWindow)
	forget := j.o.Now().Add(-j.o.Retention)
	var keep []Record
	for k, h := range j.history {
		if j.seen[k].Before(forget) {
			delete(j.history, k) // not seen for Retention: most likely deleted
			delete(j.seen, k)
			continue
		}
		for i, r := range h {
			if i == len(h)-1 && r.State != OK || r.At.After(cut) {
				if i == len(h)-1 && j.seen[k].After(r.At) {
					r.Seen = j.seen[k] // when it was last seen is carried too
				}
				keep = append(keep, r)
			}
		}
	}
	sort.Slice(keep, func(a, b int) bool { return keep[a].At.Before(keep[b].At) })
	if err := appendRecords(j.path(), keep); err != nil {
		return fmt.Errorf("state journal: %w", err)
	}
	return nil
}

func (j *Journal) lastLocked(key string) (Record, bool) {
	h := j.history[key]
	if len(h) == 0 {
		return Record{}, false
	}
	return h[len(h)-1], true
}

// last is key's last record, the state the journal knows it in.
func (j *Journal) last(key string) (Record, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.lastLocked(key)
}

// Since is when vpnscope first saw key in its current state.
func (j *Journal) Since(key string) (time.Time, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	r, ok := j.lastLocked(key)
	return r.At, ok
}

// Flapping reports whether key changed state at least FlapChanges times in
// the last FlapWindow.
func (j *Journal) Flapping(key string) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	cut := j.o.Now().Add(-j.o.FlapWindow)
	n := 0
	for i, r := range j.history[key] {
		if i > 0 && r.At.After(cut) { // the first record is a first sighting, not a change
			n++
		}
	}
	return n >= j.o.FlapChanges
}

// Timeline is key's changes, oldest first.
func (j *Journal) Timeline(key string) []Record {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.history[key])
}
