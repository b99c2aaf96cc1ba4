// Package api is what every provider shares: pages and cursors, the Error
// every call returns (with its kind and a hint), retries with backoff,
// secrets that never print, the debug call log, regions and tags. Each
// provider lives in its own package below it (alibaba, aws) with its own
// client and emulator; a third would sit beside them.
package api

// The service pages in two styles: PageNumber/PageSize with TotalCount
// (most Describe actions) and NextToken/MaxResults (the List actions). A
// Cursor hides which one an action uses: the caller asks for FirstPage(n),
// then passes each page's Next until More is false.

// Cursor says which page to fetch next. It keeps the page size it started
// with, because page N of a page-number list only means the same rows while
// the size stays the same.
type Cursor struct {
	size   int
	number int    // page-number style: the page to fetch, from 1
	token  string // token style: the token from the previous page
}

// FirstPage asks for the first page of size rows. Each action clamps size to
// its own limits (1..50 for page numbers, 1..20 for tokens).
func FirstPage(size int) Cursor { return Cursor{size: size, number: 1} }

// Size is the page size the cursor asks for, before clamping.
func (c Cursor) Size() int { return c.size }

// Number is the page a page-number cursor asks for (from 1), or 0.
func (c Cursor) Number() int { return c.number }

// Token is the token a token cursor carries, or "".
func (c Cursor) Token() string { return c.token }

// NumberCursor and TokenCursor build the Next cursor of a page, for Client
// implementations outside this package (another provider, a test fake).
func NumberCursor(number, size int) Cursor { return Cursor{size: size, number: number} }

// TokenCursor: see NumberCursor.
func TokenCursor(token string, size int) Cursor { return Cursor{size: size, token: token} }

// IsFirst reports whether c asks for the first page.
func (c Cursor) IsFirst() bool { return c.number <= 1 && c.token == "" }

// Page is one page of a list.
type Page[T any] struct {
	Items []T
	// Next fetches the page after this one; valid only when More.
	Next Cursor
	More bool
	// Total is the service's count of all rows, or -1 when it gives none.
	Total int
}

// MaxTotal is the largest row count a list's total is believed at: the
// lists are built for 100,000 rows (the design's memory budget), and no
// list of one gateway or region holds more.
const MaxTotal = 100_000

// BelievedTotal is a service's row count as a Page's Total: -1 (unknown)
// when it is negative or past MaxTotal. A total sizes a jump to the end of
// a list and a scan's plan of pages; a hostile TotalCount of 2^62 would
// size them without bound.
func BelievedTotal(n int) int {
	if n < 0 || n > MaxTotal {
		return -1
	}
	return n
}
