package emulatorkit

import "sync"

// Counter counts requests by action, and how many are answered at once, so
// tests can check how many calls a screen made and a client's concurrency
// bound. Its own lock, so counting never waits for the world.
type Counter struct {
	mu               sync.Mutex
	calls            map[string]int
	inFlight, peakIn int
}

// Begin counts one request of action (signed or not, faulted or not);
// call the returned func when it has been answered.
func (c *Counter) Begin(action string) (end func()) {
	c.mu.Lock()
	if c.calls == nil {
		c.calls = map[string]int{}
	}
	c.calls[action]++
	c.inFlight++
	c.peakIn = max(c.peakIn, c.inFlight)
	c.mu.Unlock()
	return func() {
		c.mu.Lock()
		c.inFlight--
		c.mu.Unlock()
	}
}

// Calls is how many requests named action arrived; "" counts them all.
func (c *Counter) Calls(action string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if action != "" {
		return c.calls[action]
	}
	n := 0
	for _, k := range c.calls {
		n += k
	}
	return n
}

// PeakInFlight is the most requests answered at once.
func (c *Counter) PeakInFlight() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.peakIn
}
