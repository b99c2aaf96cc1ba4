package ui

// The overview of every provider (P with more than one configured): the
// root asks each provider that can scan for its findings in the shape
// every provider shares, and shows them in one list. Each provider keeps
// its own scan and its own journal recording; the root only merges.

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/vpnscope/vpnscope/api"
)

// Found is one finding of a provider's scan as the overview of every
// provider shows it: the finding every provider shares, its cause in a
// few words ("phase 2 down"), and how to open its resource.
type Found struct {
	api.Finding
	What string
	// Open opens the resource as the provider's own overview does, in the
	// finding's region, above what is in front. Its command answers with
	// one message (a PushMsg, or a FlashMsg saying why not); any lookup
	// it needs runs in the command, never in Update.
	Open func(c *Common) tea.Cmd
}

// ScanUpdate is what a provider's scan found since its last update.
type ScanUpdate struct {
	Found []Found
	Calls int // API calls made so far
	// Done: every region was read and the journal written (nil Journal:
	// not written). Found is then the whole scan, each finding with its
	// since and flapping from the journal; what the overview holds of this
	// provider and is not in it was fixed.
	Done       bool
	JournalErr error // the scan could not be recorded
}

// FindingsScanner is a provider whose problems scan the overview of every
// provider can run: ScanFindings starts it in every region, within
// c.MaxInFlight calls, and streams what it finds until c.Ctx ends or the
// scan does; the channel is closed after the last update. A scan cut
// short (its context ended) sends no Done and records nothing, or what it
// did not reach would count as fixed in the journal.
type FindingsScanner interface {
	ScanFindings(c *Common) <-chan ScanUpdate
}

// SendUpdate hands u to the overview unless ctx ended first (the overview
// was left or rescanned): a scan never waits on a reader that is gone.
func SendUpdate(ctx context.Context, out chan<- ScanUpdate, u ScanUpdate) bool {
	select {
	case out <- u:
		return true
	case <-ctx.Done():
		return false
	}
}

// ScanStep is what the overview needs of one event of a provider's scan.
type ScanStep[F any] struct {
	Findings []F
	Calls    int  // calls made so far
	Done     bool // the scan's last event
	// Failed is a region not read whole (nothing there is taken as
	// fixed); "" when the event says of none.
	Failed string
}

// RelayScan streams a provider's scan to the overview: each event's new
// findings (a resource found twice is shown once) as they come, then, when
// every region was read, the whole scan recorded in the state journal
// under provider in the account browsed (each finding and its connection's tunnels; the regions
// that failed left as they were) and the last update saying whether the
// journal took it. A scan cut short sends no Done and records nothing, or
// what it did not reach would count as fixed.
func RelayScan[E, F any, P interface {
	*F
	api.Recordable
	Key() string
}](c *Common, provider string, events <-chan E, step func(E) ScanStep[F], found func([]F) []Found) <-chan ScanUpdate {
	out := make(chan ScanUpdate, 16)
	ctx, j, account := c.Ctx, c.Journal, c.Account // c is the app's: read it here, not in the goroutine
	go func() {
		defer close(out)
		var all []F
		var failed []string
		seen := map[string]bool{}
		calls, done := 0, false
		for e := range events {
			s := step(e)
			calls, done = max(calls, s.Calls), done || s.Done
			if s.Failed != "" {
				failed = append(failed, s.Failed)
			}
			StampAccount[F, P](s.Findings, account)
			var fresh []F
			for _, f := range s.Findings {
				if k := P(&f).Key(); !seen[k] {
					seen[k] = true
					fresh = append(fresh, f)
				}
			}
			all = append(all, fresh...)
			if len(fresh) > 0 && !SendUpdate(ctx, out, ScanUpdate{Found: found(fresh), Calls: calls}) {
				return
			}
		}
		if !done || ctx.Err() != nil {
			return
		}
		_, err := RecordScan[F, P](j, provider, account, all, failed)
		SendUpdate(ctx, out, ScanUpdate{Found: found(all), Calls: calls, Done: true, JournalErr: err})
	}()
	return out
}
