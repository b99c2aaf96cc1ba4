package alibaba

import (
	"context"
	"fmt"
	"strings"

	"github.com/vpnscope/vpnscope/api"
)

// Finding a resource by id alone, with the fewest calls: Alibaba Cloud ids
// carry their region's code after the prefix (vpn-bp1… is cn-hangzhou), so
// the first call usually goes to the right region; a wrong guess costs one
// more, and only an unknown code makes it ask every region.

// RegionHint guesses the region of an id like vpn-bp1…, or "".
func RegionHint(id string) string {
	_, rest, ok := strings.Cut(id, "-")
	if !ok || len(rest) < 3 {
		return ""
	}
	return regionOfCode(rest[:3])
}

// IsID reports whether id has the form of an id Locate opens: vpn- (a
// gateway) or vco- (a connection), then lower-case letters and digits, the
// region's code first (vpn-bp1q8bgx4xnkx…, vco-bp10lz7aejumd…: the
// DescribeVpnConnections reference's examples).
func IsID(id string) bool {
	prefix, rest, ok := strings.Cut(id, "-")
	if !ok || (prefix != "vpn" && prefix != "vco") || len(rest) < 3 {
		return false
	}
	for _, r := range rest {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'z') {
			return false
		}
	}
	return true
}

// Located is where an id was found: its region and gateway, and the
// connection when the id is a connection's.
type Located struct {
	Region     string
	Gateway    Gateway
	Connection *Connection
	Calls      int
}

// Locate finds a gateway (vpn-…) or connection (vco-…) by id: in the
// region its id names, then the current one, then every other.
func Locate(ctx context.Context, c Client, id, current string) (Located, error) {
	var find func(region string) (Located, error)
	switch {
	case strings.HasPrefix(id, "vpn-"):
		find = func(region string) (Located, error) {
			g, err := c.Gateway(ctx, region, id)
			return Located{Region: region, Gateway: g, Calls: 1}, err
		}
	case strings.HasPrefix(id, "vco-"):
		find = func(region string) (Located, error) { return locateConnection(ctx, c, region, id) }
	default:
		return Located{}, fmt.Errorf("%q is not an id vpnscope can look up: give a gateway's (vpn-…) or a connection's (vco-…)", id)
	}
	calls := 0
	tried := map[string]bool{}
	try := func(region string) (Located, bool, error) {
		if region == "" || tried[region] {
			return Located{}, false, nil
		}
		tried[region] = true
		l, err := find(region)
		calls += l.Calls
		l.Calls = calls
		if err == nil {
			return l, true, nil
		}
		if e, ok := api.AsError(err); ok && (e.Kind == api.KindNotFound || e.Kind == api.KindInvalid) {
			return l, false, nil // not in this region
		}
		return l, false, err
	}
	for _, region := range []string{RegionHint(id), current} {
		if l, ok, err := try(region); ok || err != nil {
			return l, err
		}
	}
	regions, err := c.Regions(ctx)
	calls++
	if err != nil {
		return Located{Calls: calls}, err
	}
	for _, r := range regions {
		if l, ok, err := try(r.ID); ok || err != nil {
			return l, err
		}
	}
	return Located{Calls: calls}, fmt.Errorf("no %s in any region of this account", id)
}

// locateConnection asks one region for a connection by id, then for its
// gateway.
func locateConnection(ctx context.Context, c Client, region, id string) (Located, error) {
	conn, err := c.Connection(ctx, region, id)
	if err != nil {
		return Located{Calls: 1}, err
	}
	g, err := c.Gateway(ctx, region, conn.GatewayID)
	return Located{Region: region, Gateway: g, Connection: &conn, Calls: 2}, err
}
