package vpcclient

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
)

// The SDK builds its http.Request without a context, so a call cannot be
// cancelled through it. callTransport closes that gap: each call puts a
// private header on its SDK request; the transport swaps the header for the
// call's context, so cancelling the context aborts the HTTP exchange itself.
// The header is not signed (RPC signatures cover parameters only) and is
// removed before anything leaves the process.
const callHeader = "X-Vpnscope-Call"

type callTransport struct {
	next  http.RoundTripper
	calls sync.Map // call id -> context.Context
	seq   atomic.Uint64
}

func newCallTransport(next http.RoundTripper) *callTransport {
	return &callTransport{next: next}
}

// register ties ctx to a fresh call id; release forgets it.
func (t *callTransport) register(ctx context.Context) (id string, release func()) {
	id = strconv.FormatUint(t.seq.Add(1), 10)
	t.calls.Store(id, ctx)
	return id, func() { t.calls.Delete(id) }
}

func (t *callTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	id := req.Header.Get(callHeader)
	if id == "" {
		return t.next.RoundTrip(req)
	}
	ctx := req.Context()
	if v, ok := t.calls.Load(id); ok {
		ctx = v.(context.Context)
	}
	out := req.Clone(ctx)
	out.Header.Del(callHeader)
	return t.next.RoundTrip(out)
}
