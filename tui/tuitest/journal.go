package tuitest

import (
	"sync"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/journal"
)

// Journal is a state journal in a test's own directory on a clock the
// test moves: Open it again for "a new program", Advance for "later".
type Journal struct {
	t   testing.TB
	dir string
	mu  sync.Mutex
	at  time.Time
}

// NewJournal is a journal whose clock starts at at.
func NewJournal(t testing.TB, at time.Time) *Journal {
	return &Journal{t: t, dir: t.TempDir(), at: at}
}

// Open opens the journal as a program starting now would.
func (j *Journal) Open() *journal.Journal {
	j.t.Helper()
	jj, warning, err := journal.Open(j.dir, journal.Options{Now: j.now})
	if err != nil || warning != "" {
		j.t.Fatalf("journal: %v %q", err, warning)
	}
	return jj
}

// Advance moves the journal's clock on by d.
func (j *Journal) Advance(d time.Duration) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.at = j.at.Add(d)
}

func (j *Journal) now() time.Time {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.at
}
