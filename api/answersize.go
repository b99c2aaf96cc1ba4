package api

import (
	"fmt"
	"io"
	"net/http"
)

// An answer is read only up to a bound well above any real one, so a
// broken or hostile endpoint cannot make vpnscope read without end: a
// 300 MB DescribeVpnGateways answer was once read whole, and pages of
// 200,000 rows took 3.3 GB. What is over the bound is not believed: the
// call fails, and what it would have said is unknown.

// AnswerTooLargeError is an answer whose body was larger than Limit bytes.
type AnswerTooLargeError struct{ Limit int64 }

func (e *AnswerTooLargeError) Error() string {
	return fmt.Sprintf("the answer was larger than %d MB and is not believed", e.Limit>>20)
}

// LimitAnswers bounds the body of every answer next gives to limit bytes:
// one that says it is longer is refused before it is read, and reading
// past the bound fails with an *AnswerTooLargeError instead of going on,
// so the SDK reading the body never holds more than limit bytes of it.
func LimitAnswers(next http.RoundTripper, limit int64) http.RoundTripper {
	return answerLimit{next: next, limit: limit}
}

type answerLimit struct {
	next  http.RoundTripper
	limit int64
}

func (t answerLimit) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.limit {
		resp.Body.Close()
		return nil, &AnswerTooLargeError{Limit: t.limit}
	}
	resp.Body = &boundedBody{body: resp.Body, left: t.limit, limit: t.limit}
	return resp, nil
}

// boundedBody reads a body up to its limit, then fails if more follows.
type boundedBody struct {
	body  io.ReadCloser
	left  int64
	limit int64
	err   error // once over the limit
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.left <= 0 {
		// At the bound: the answer is within it only if nothing follows.
		var one [1]byte
		n, err := b.body.Read(one[:])
		if n > 0 {
			b.err = &AnswerTooLargeError{Limit: b.limit}
			return 0, b.err
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.body.Read(p)
	b.left -= int64(n)
	return n, err
}

// Close closes the body unread: the rest of an oversized answer is never
// drained.
func (b *boundedBody) Close() error { return b.body.Close() }

// OversizedPage is the error for a page that holds more rows than were
// asked for (PageSize, MaxResults): the service's fault, or not the
// service. None of its rows is believed, so a walk keeps the pages read
// before it and stops there, and what the list holds past them is unknown
// (a page of 200,000 rows where 50 were asked once ended a walk that said
// it was complete, 470 connections short).
func OversizedPage(action string, rows, asked int, requestID string) *Error {
	return ProviderError(action, KindServer, 200, "OversizedPage",
		fmt.Sprintf("the answer held %d rows where at most %d were asked for, and is not believed", rows, asked), requestID,
		"the endpoint ignored the page size: check that --endpoint (or a proxy before it) is the service")
}
