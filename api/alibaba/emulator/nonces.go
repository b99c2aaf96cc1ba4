package emulator

import (
	"math"
	"sync"
	"time"
)

// Replay protection: a SignatureNonce is accepted once. A timestamp is
// accepted 15 minutes either side of the clock, so one signed request can
// arrive twice up to 30 minutes apart: nonces are remembered that long.
const (
	nonceWindow = 30 * time.Minute
	// maxNonces bounds the memory (about 100 bytes a nonce): 145 requests a
	// second, sustained for the whole window. Beyond it the oldest nonces
	// are forgotten early; the emulator is a test double, not a boundary.
	maxNonces = 1 << 18
	// nonceGenerations split the window, so forgetting is dropping a whole
	// set when the clock moves past it: O(1) per request, never a scan.
	nonceGenerations = 4
)

// nonceGuard remembers nonces in time-bucketed sets: the newest set takes
// new nonces, and a set is dropped once all it holds is older than the
// window. A lookup checks every live set (generations+1 of them).
type nonceGuard struct {
	mu    sync.Mutex
	now   func() time.Time
	width time.Duration // window / generations
	max   int
	epoch int64 // which width-long span of time the newest set covers
	sets  [nonceGenerations + 1]map[string]struct{}
	n     int
}

func newNonceGuard(now func() time.Time, window time.Duration, max int) *nonceGuard {
	// The epoch is set by the first nonce, from whatever clock is in use.
	return &nonceGuard{now: now, width: window / nonceGenerations, max: max, epoch: math.MinInt64}
}

func (g *nonceGuard) epochOf(t time.Time) int64 { return t.UnixNano() / int64(g.width) }

func (g *nonceGuard) slot(epoch int64) *map[string]struct{} {
	return &g.sets[int(epoch%int64(len(g.sets)))]
}

// firstUse records nonce and reports whether it was new.
func (g *nonceGuard) firstUse(nonce string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.rotate(g.epochOf(g.now()))
	for _, set := range g.sets {
		if _, used := set[nonce]; used {
			return false
		}
	}
	if g.n >= g.max {
		g.forgetOldest()
	}
	cur := g.slot(g.epoch)
	if *cur == nil {
		*cur = map[string]struct{}{}
	}
	(*cur)[nonce] = struct{}{}
	g.n++
	return true
}

// rotate moves the newest set to epoch, dropping the sets that fall out of
// the window. A clock that steps back keeps filling the newest set.
func (g *nonceGuard) rotate(epoch int64) {
	if epoch <= g.epoch {
		return
	}
	if g.epoch == math.MinInt64 {
		g.epoch = epoch
		return
	}
	for e := g.epoch + 1; e <= epoch && e <= g.epoch+int64(len(g.sets)); e++ {
		g.drop(g.slot(e))
	}
	g.epoch = epoch
}

// forgetOldest drops the oldest set that holds anything.
func (g *nonceGuard) forgetOldest() {
	for e := g.epoch - int64(len(g.sets)) + 1; e <= g.epoch; e++ {
		if s := g.slot(e); len(*s) > 0 {
			g.drop(s)
			return
		}
	}
}

func (g *nonceGuard) drop(set *map[string]struct{}) {
	g.n -= len(*set)
	*set = nil
}

// len is how many nonces are remembered.
func (g *nonceGuard) len() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n
}
