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

func clampSize(size, max int) int {
	switch {
	case size < 1:
		return 10
	case size > max:
		return max
	}
	return size
}

// numberedPage builds a Page for the PageNumber/PageSize style.
func numberedPage[T any](items []T, c Cursor, pageNumber, pageSize, total int) Page[T] {
	p := Page[T]{Items: items, Total: total}
	if pageNumber < 1 {
		pageNumber = c.number
	}
	if pageSize < 1 {
		pageSize = clampSize(c.size, maxPageSize)
	}
	if pageNumber*pageSize < total && len(items) > 0 {
		p.More = true
		p.Next = Cursor{size: c.size, number: pageNumber + 1}
	}
	return p
}

// tokenPage builds a Page for the NextToken/MaxResults style.
func tokenPage[T any](items []T, c Cursor, next string, total int) Page[T] {
	p := Page[T]{Items: items, Total: total}
	if next != "" {
		p.More = true
		p.Next = Cursor{size: c.size, token: next}
	}
	return p
}

const (
	maxPageSize  = 50 // PageSize limit of the Describe actions
	maxResultCap = 20 // MaxResults limit of ListIpsecServers
)
