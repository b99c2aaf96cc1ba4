package ec2client

import (
	"context"
	"fmt"
	"net/http"

	"github.com/aws/smithy-go/middleware"
	"github.com/vpnscope/vpnscope/api"
)

// A NextToken list read whole, as the route path's EC2 actions are
// (DescribeRouteTables, DescribeTransitGatewayAttachments,
// GetTransitGatewayAttachmentPropagations): a call a page of up to size
// rows, each page held to what was asked (checkLimit), a token the
// service repeats taken as the end, and at most maxPages pages, past which
// the service is not believed.

// answerPage is what one answer gives: its rows, mapped, the next token, and
// the answer's metadata for checkLimit.
type answerPage[T any] struct {
	rows []T
	next *string
	meta middleware.Metadata
}

// allPages reads action's pages through send, which sends one with the
// token it is given (nil first).
func allPages[T any](ctx context.Context, c *Client, action string, size, maxPages int, what string,
	send func(token *string) (answerPage[T], error)) ([]T, error) {
	var items []T
	var token *string
	for range maxPages {
		var p answerPage[T]
		err := c.call(ctx, action, func() (err error) {
			p, err = send(token)
			return err
		})
		if err == nil {
			err = checkLimit(action, len(p.rows), size, p.meta)
		}
		if err != nil {
			return nil, err
		}
		items = append(items, p.rows...)
		if deref(p.next) == "" || deref(p.next) == deref(token) {
			return api.Scrubbed(items), nil
		}
		token = p.next
	}
	return nil, api.ProviderError(action, api.KindServer, http.StatusOK, "TooManyPages",
		fmt.Sprintf("the service kept paging past %d pages of %d %s", maxPages, size, what), "",
		"check that --endpoint (or a proxy before it) is the service")
}
