package emulator

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
)

// pageWindow reads PageNumber (default 1) and PageSize (default 10, 1..max)
// and returns the slice bounds for n rows.
func pageWindow(p url.Values, n, maxSize int) (number, size, lo, hi int, err *apiError) {
	number, size = 1, 10
	if v := p.Get("PageNumber"); v != "" {
		number, _ = strconv.Atoi(v)
		if number < 1 {
			return 0, 0, 0, 0, illegal("PageNumber")
		}
	}
	if v := p.Get("PageSize"); v != "" {
		size, _ = strconv.Atoi(v)
		if size < 1 || size > maxSize {
			return 0, 0, 0, 0, illegal("PageSize")
		}
	}
	lo = min((number-1)*size, n)
	hi = min(lo+size, n)
	return number, size, lo, hi, nil
}

// tokenWindow reads NextToken and MaxResults (default 10, 1..max). A token
// is opaque to clients; here it encodes the next offset and the filter it
// was issued for, so a token reused with another filter is refused.
func tokenWindow(p url.Values, scope string, n, maxSize int) (size, lo, hi int, next string, err *apiError) {
	size = 10
	if v := p.Get("MaxResults"); v != "" {
		size, _ = strconv.Atoi(v)
		if size < 1 || size > maxSize {
			return 0, 0, 0, "", illegal("MaxResults")
		}
	}
	if tok := p.Get("NextToken"); tok != "" {
		off, ok := decodeToken(tok, scope)
		if !ok || off > n {
			return 0, 0, 0, "", illegal("NextToken")
		}
		lo = off
	}
	hi = min(lo+size, n)
	if hi < n {
		next = encodeToken(hi, scope)
	}
	return size, lo, hi, next, nil
}

func encodeToken(offset int, scope string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(offset) + "|" + scope))
}

func decodeToken(tok, scope string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, false
	}
	off, s, ok := strings.Cut(string(b), "|")
	if !ok || s != scope {
		return 0, false
	}
	n, err := strconv.Atoi(off)
	return n, err == nil && n >= 0
}
