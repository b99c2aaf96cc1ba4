package alibaba

import (
	"sync"

	"github.com/vpnscope/vpnscope/api/alibaba"
)

// rollupStore is each gateway's connection health as the last problems
// scan counted it, by gateway id, kept across regions. Alibaba Cloud's own
// P fills it in Update; the overview of every provider fills it from its
// relay, off the update loop, while the lists read it: hence the lock.
type rollupStore struct {
	mu sync.Mutex
	m  map[string]alibaba.GatewayRollup
}

func newRollupStore() *rollupStore { return &rollupStore{m: map[string]alibaba.GatewayRollup{}} }

func (s *rollupStore) put(r alibaba.GatewayRollup) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[r.GatewayID] = r
}

func (s *rollupStore) get(id string) (alibaba.GatewayRollup, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.m[id]
	return r, ok
}

func (s *rollupStore) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
