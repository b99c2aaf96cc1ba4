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

// numberedPage builds a api.Page for the PageNumber/PageSize style.
// Every page is made safe for the terminal here (api.ScrubStrings), so no
// list can forget it.
func numberedPage[T any](items []T, c api.Cursor, pageNumber, pageSize, total int) api.Page[T] {
	p := api.Page[T]{Items: api.Scrubbed(items), Total: total}
	if pageNumber < 1 {
		pageNumber = c.Number()
	}
	if pageSize < 1 {
		pageSize = clampSize(c.Size(), alibaba.MaxPageSize)
	}
	if pageNumber*pageSize < total && len(items) > 0 {
		p.More = true
		p.Next = api.NumberCursor(pageNumber+1, c.Size())
	}
	return p
}

// tokenPage builds a api.Page for the NextToken/MaxResults style.
func tokenPage[T any](items []T, c api.Cursor, next string, total int) api.Page[T] {
	p := api.Page[T]{Items: api.Scrubbed(items), Total: total}
	if next != "" {
		p.More = true
		p.Next = api.TokenCursor(next, c.Size())
	}
	return p
}
