package emulatorkit

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"
	"time"
)

// RequestLog writes one line per request: time, action, region, the
// parameters named when it was made (paging and ids, never a key, a
// signature or a token of the caller's), status, error code and duration.
// A nil RequestLog, or one on a nil writer, writes nothing.
type RequestLog struct {
	mu   sync.Mutex
	w    io.Writer
	keys []string
}

// NewRequestLog logs to w, showing the parameters keys.
func NewRequestLog(w io.Writer, keys ...string) *RequestLog {
	return &RequestLog{w: w, keys: keys}
}

// Write logs one request that started at start.
func (l *RequestLog) Write(start time.Time, action, region string, params url.Values, status int, code string) {
	if l == nil || l.w == nil {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %-36s %-15s", start.Format("15:04:05.000"), action, region)
	for _, k := range l.keys {
		if v := params.Get(k); v != "" {
			fmt.Fprintf(&b, " %s=%s", k, v)
		}
	}
	fmt.Fprintf(&b, " -> %d", status)
	if code != "" {
		b.WriteString(" " + code)
	}
	fmt.Fprintf(&b, " (%s)\n", time.Since(start).Round(time.Millisecond))
	l.mu.Lock()
	io.WriteString(l.w, b.String())
	l.mu.Unlock()
}
