package emulatorkit

import (
	"encoding/hex"
	"math/rand/v2"
	"sync"
)

// RequestIDs issues request ids shaped like the services' (a UUID), from
// a seeded sequence, so runs and golden screens are reproducible.
type RequestIDs struct {
	mu  sync.Mutex
	rnd *rand.Rand
}

// NewRequestIDs starts the sequence.
func NewRequestIDs() *RequestIDs { return &RequestIDs{rnd: rand.New(rand.NewPCG(7, 11))} }

// Next is the next id, in lower case.
func (g *RequestIDs) Next() string {
	var b [16]byte
	g.mu.Lock()
	for i := range b {
		b[i] = byte(g.rnd.UintN(256))
	}
	g.mu.Unlock()
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
