package emulator

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
)

// pageWindow reads PageNumber (default 1) and PageSize (default 10, 1..max)
// and returns the slice bounds for n rows. A page past the end is empty.
//
// Both are an Integer on the reference pages (DescribeVpnConnections:
// "PageNumber Integer … Default value: 1"; "PageSize … Valid values: 1 to
// 50"): a value that is not a whole number within Integer's 32 bits, or
// below 1, is refused as an invalid parameter, in the IllegalParam.<name>
// form ListIpsecServers documents for NextToken. The bounds never
// multiply past what an int holds (PageNumber 9223372036854775807 once
// made a negative slice bound, a panic under the world lock).
func pageWindow(p url.Values, n, maxSize int) (number, size, lo, hi int, err *apiError) {
	if number, size, err = pageParams(p, maxSize); err != nil {
		return 0, 0, 0, 0, err
	}
	lo = n
	if number-1 < (n+size-1)/size { // (number-1)*size < n, without the product
		lo = (number - 1) * size
	}
	hi = min(lo+size, n)
	return number, size, lo, hi, nil
}

// pageParams reads PageNumber (default 1) and PageSize (default 10,
// 1..max), as pageWindow.
func pageParams(p url.Values, maxSize int) (number, size int, err *apiError) {
	number, size = 1, 10
	if v := p.Get("PageNumber"); v != "" {
		var ok bool
		if number, ok = integerParam(v, 1, 1<<31-1); !ok {
			return 0, 0, illegal("PageNumber")
		}
	}
	if v := p.Get("PageSize"); v != "" {
		var ok bool
		if size, ok = integerParam(v, 1, maxSize); !ok {
			return 0, 0, illegal("PageSize")
		}
	}
	return number, size, nil
}

// integerParam reads an Integer parameter within lo..hi.
func integerParam(v string, lo, hi int) (int, bool) {
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil || n < int64(lo) || n > int64(hi) {
		return 0, false
	}
	return int(n), true
}

// tokenWindow reads NextToken and MaxResults (default 10, 1..max). A token
// is opaque to clients; here it encodes the next offset and the filter it
// was issued for, so a token reused with another filter is refused.
func tokenWindow(p url.Values, scope string, n, maxSize int) (size, lo, hi int, next string, err *apiError) {
	size = 10
	if v := p.Get("MaxResults"); v != "" {
		var ok bool
		if size, ok = integerParam(v, 1, maxSize); !ok {
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
