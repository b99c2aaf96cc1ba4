package emulator

import (
	"cmp"
	"encoding/base64"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A connection's life on an endpoint: listed in the order it was made, new
// ones after the rest, so a NextToken can name the last one a page showed
// and a walk sees each connection at most once however the list changes.
// Ended connections are reported for an hour, as the service does, and at
// most maxEnded of them, so churn cannot grow the world without bound.

// endedFor is how long the service lists a terminated connection.
const endedFor = 60 * time.Minute

// maxEnded bounds the ended connections an endpoint keeps: fast churn
// ends more in an hour than anyone pages through (at --churn 10ms, 1,000
// is the last 10 seconds).
const maxEnded = 1000

// add appends c as the endpoint's newest connection.
func (e *endpoint) add(c *connection) {
	e.lastSeq++
	c.seq = e.lastSeq
	e.connections = append(e.connections, c)
}

// end marks c terminated at the data clock's at, with why.
func (e *endpoint) end(c *connection, at time.Time, why string) {
	c.Status = status{Code: "terminated", Message: why}
	c.EndTime = at.UTC().Format(connectionTime)
	c.endedAt = at
	e.ended = append(e.ended, c)
}

// expire forgets the connections that ended over an hour before now, and
// the oldest ended beyond maxEnded. e.ended is in the order they ended, so
// this looks at the oldest only, and rebuilds the list only when one goes.
func (e *endpoint) expire(now time.Time) {
	n := 0
	for n < len(e.ended) && (len(e.ended)-n > maxEnded || !now.Before(e.ended[n].endedAt.Add(endedFor))) {
		e.ended[n].expired = true
		n++
	}
	if n == 0 {
		return
	}
	e.ended = slices.Delete(e.ended, 0, n)
	e.connections = slices.DeleteFunc(e.connections, func(c *connection) bool { return c.expired })
}

// nextClientIP is the next address the endpoint gives a client from its
// client CIDR: the service assigns ClientIp from that range. The network
// address and the first host are skipped; the range wraps when used up.
func (e *endpoint) nextClientIP() string {
	p, err := netip.ParsePrefix(e.ClientCidrBlock)
	if err != nil || !p.Addr().Is4() {
		return ""
	}
	size := uint32(1) << (32 - p.Bits())
	e.hosts++
	b := p.Masked().Addr().As4()
	base := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	ip := base + 2 + uint32(e.hosts-1)%max(size-3, 1)
	return netip.AddrFrom4([4]byte{byte(ip >> 24), byte(ip >> 16), byte(ip >> 8), byte(ip)}).String()
}

// pageAfter is the page of list (in the order connections were made) that
// MaxResults and NextToken ask for. The token is the sequence number of the
// last connection shown, so what was added or dropped since does not shift
// the rest of the walk.
func pageAfter(req *request, list []*connection) ([]*connection, string, *apiError) {
	size, err := maxResults(req)
	if err != nil {
		return nil, "", err
	}
	lo := 0
	if t := req.params.Get("NextToken"); t != "" {
		raw, decErr := base64.RawURLEncoding.DecodeString(t)
		rest, ok := strings.CutPrefix(string(raw), "after:")
		after, convErr := strconv.ParseUint(rest, 10, 64)
		if decErr != nil || !ok || convErr != nil {
			return nil, "", errf(400, "InvalidParameterValue", "The token '%s' is invalid.", t)
		}
		lo, _ = slices.BinarySearchFunc(list, after+1, func(c *connection, seq uint64) int {
			return cmp.Compare(c.seq, seq)
		})
	}
	hi := min(lo+size, len(list))
	next := ""
	if hi < len(list) {
		next = base64.RawURLEncoding.EncodeToString([]byte("after:" + strconv.FormatUint(list[hi-1].seq, 10)))
	}
	return list[lo:hi], next, nil
}
