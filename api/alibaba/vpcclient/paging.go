package vpcclient

import (
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// The service pages in two styles: PageNumber/PageSize with TotalCount
// (most Describe actions) and NextToken/MaxResults (the List actions);
// api.Cursor hides which one an action uses.

func clampSize(size, max int) int {
	switch {
	case size < 1:
		return 10
	case size > max:
		return max
	}
	return size
}

// numberedPage builds a api.Page for the PageNumber/PageSize style, from
// the page c asked for, not the numbers the answer echoes (a hostile one
// could point the next page anywhere). Every page is made safe for the
// terminal here (api.ScrubStrings), so no list can forget it.
//
// A total past belief (api.BelievedTotal) is unknown: then a full page
// says more may follow, and the walk ends at the first page that is not.
func numberedPage[T any](items []T, c api.Cursor, total int) api.Page[T] {
	p := api.Page[T]{Items: api.Scrubbed(items), Total: api.BelievedTotal(total)}
	number, size := max(c.Number(), 1), askedSize(c)
	more := len(items) == size
	if p.Total >= 0 {
		more = number*size < p.Total
	}
	if more && len(items) > 0 {
		p.More = true
		p.Next = api.NumberCursor(number+1, c.Size())
	}
	return p
}

// askedSize is the PageSize a cursor asks for.
func askedSize(c api.Cursor) int { return clampSize(c.Size(), alibaba.MaxPageSize) }

// checkRows refuses a page with more rows than asked (api.OversizedPage).
func checkRows(action string, rows, asked int, requestID string) error {
	if rows > asked {
		return api.OversizedPage(action, rows, asked, requestID)
	}
	return nil
}

// tokenPage builds a api.Page for the NextToken/MaxResults style.
func tokenPage[T any](items []T, c api.Cursor, next string, total int) api.Page[T] {
	p := api.Page[T]{Items: api.Scrubbed(items), Total: api.BelievedTotal(total)}
	if next != "" {
		p.More = true
		p.Next = api.TokenCursor(next, c.Size())
	}
	return p
}
