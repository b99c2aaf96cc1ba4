package api

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

type fixedAnswer struct {
	body   string
	length int64
}

func (a fixedAnswer) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, ContentLength: a.length, Body: io.NopCloser(strings.NewReader(a.body))}, nil
}

// An answer of exactly the bound is read whole; one byte more fails with
// AnswerTooLargeError, whether the length is said or not; a said length
// over the bound fails before anything is read.
func TestLimitAnswersReadsUpToTheBoundAndNotAByteMore(t *testing.T) {
	const limit = 1 << 20
	for _, c := range []struct {
		size   int
		length int64
		ok     bool
	}{{limit, -1, true}, {limit, limit, true}, {limit + 1, -1, false}, {10, limit + 1, false}, {0, -1, true}} {
		rt := LimitAnswers(fixedAnswer{strings.Repeat("x", c.size), c.length}, limit)
		req, _ := http.NewRequest("GET", "http://127.0.0.1/", nil)
		resp, err := rt.RoundTrip(req)
		var body []byte
		if err == nil {
			body, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		var tooLarge *AnswerTooLargeError
		switch {
		case c.ok && (err != nil || len(body) != c.size):
			t.Errorf("%d bytes (length %d): %d read, %v", c.size, c.length, len(body), err)
		case !c.ok && (!errors.As(err, &tooLarge) || tooLarge.Error() != "the answer was larger than 1 MB and is not believed"):
			t.Errorf("%d bytes (length %d): %v", c.size, c.length, err)
		}
	}
	if e := TransportError("DescribeVpnGateways", &AnswerTooLargeError{Limit: 8 << 20}); e.Code != "AnswerTooLarge" || e.Kind != KindServer || e.Retryable() {
		t.Errorf("as an Error: %+v", e)
	}
}
