package api

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// CallLog writes one line per HTTP exchange to w, for --debug-log: time,
// action, region, duration, HTTP status, error code and request id. It is
// built from CallRecords, which hold no key, signature, token or response
// body, so nothing secret can reach the file.
func CallLog(w io.Writer) func(CallRecord) {
	var mu sync.Mutex
	return func(r CallRecord) {
		code := r.Code
		if code == "" {
			code = "-"
		}
		reqID := r.RequestID
		if reqID == "" {
			reqID = "-"
		}
		line := fmt.Sprintf("%s %-26s region=%-15s %6dms status=%d code=%s request=%s\n",
			r.Start.UTC().Format(time.RFC3339Nano), r.Action, OrDash(r.Region), r.Duration.Milliseconds(), r.HTTPStatus, code, reqID)
		mu.Lock()
		io.WriteString(w, line)
		mu.Unlock()
	}
}

// CallRecord describes one HTTP exchange, without any secret.
type CallRecord struct {
	Start      time.Time
	Action     string
	Region     string
	Duration   time.Duration
	HTTPStatus int
	Code       string
	RequestID  string
}
