package aws

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/vpnscope/vpnscope/api"
)

// Locate finds an AWS id (vgw-, tgw-, vpn-, cvpn-endpoint-,
// cvpn-connection-) in whatever region it lives, for :id. It asks the
// region on screen first (one call for every kind but a client
// connection), then every other region at once, and stops at the first
// that has it. A vpn- comes with what its tunnels view shows beside it:
// its customer gateway (the device's IP and ASN) and its gateway's name,
// read at once in its region: three calls in two round trips, two when the
// client still holds the region's customer gateways.

// Located is what an id turned out to be, and where.
type Located struct {
	Region     string
	Gateway    *VPNGateway    // vgw-, tgw-, and a vpn-'s gateway when it could be read
	Connection *VPNConnection // vpn-: open it on its tunnels
	Endpoint   *Endpoint      // cvpn-endpoint-, and a client connection's endpoint
	Client     *Connection    // cvpn-connection-
	// CustomerGateway is a vpn-'s customer gateway: nil when it has none,
	// with ReadErr set when its read failed.
	CustomerGateway *CustomerGateway
}

// LocateClient is what Locate reads.
type LocateClient interface {
	Regions(ctx context.Context) ([]api.Region, error)
	VirtualPrivateGateways(ctx context.Context, region string, ids []string) ([]VPNGateway, error)
	TransitGateways(ctx context.Context, region string, ids []string) ([]VPNGateway, error)
	VPNConnections(ctx context.Context, region string, f VPNConnectionFilter) ([]VPNConnection, error)
	CustomerGateways(ctx context.Context, region string, ids []string) ([]CustomerGateway, error)
	Endpoints(ctx context.Context, region string, cur api.Cursor) (api.Page[Endpoint], error)
	Connections(ctx context.Context, region, endpointID string, f ConnectionFilter, cur api.Cursor) (api.Page[Connection], error)
}

// IDKind names what an id's prefix says it is, or "" for an id vpnscope
// does not open.
func IDKind(id string) string {
	for _, p := range []string{"cvpn-endpoint-", "cvpn-connection-", "vgw-", "tgw-", "vpn-"} {
		if strings.HasPrefix(id, p) && len(id) > len(p) {
			return strings.TrimSuffix(p, "-")
		}
	}
	return ""
}

// IsID reports whether id has the form of an id Locate opens: its prefix,
// then 8 or 17 hexadecimal digits, as EC2 assigns them ("a resource
// identifier … followed by a hyphen and a unique combination of letters
// and numbers", 8 characters before 2016, 17 since, e.g.
// i-1234567890abcdef0: EC2 User Guide, Resource IDs,
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html).
// Locate still asks for any id with the prefix; this only tells an AWS id
// from another cloud's with the same prefix (vpn-).
func IsID(id string) bool {
	kind := IDKind(id)
	if kind == "" {
		return false
	}
	rest := id[len(kind)+1:]
	if len(rest) != 8 && len(rest) != 17 {
		return false
	}
	for _, r := range rest {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}

var errNotHere = errors.New("not in this region")

// Locate finds id, trying first before the other regions.
func Locate(ctx context.Context, c LocateClient, id, first string) (Located, error) {
	kind := IDKind(id)
	if kind == "" {
		// Locate's own words, not a service's answer: no action, no code
		// ("NotFound … · Locate" hid the message and named no call); the
		// id is the caller's, said before them.
		return Located{}, &api.Error{Kind: api.KindInvalid, Message: "not an AWS id vpnscope opens",
			Hint: "give a vgw-, tgw-, vpn-, cvpn-endpoint- or cvpn-connection- id"}
	}
	if first != "" {
		l, err := locateIn(ctx, c, kind, id, first)
		if err == nil {
			return besides(ctx, c, l), nil
		}
		if !errors.Is(err, errNotHere) {
			return Located{}, err
		}
	}
	regions, err := c.Regions(ctx)
	if err != nil {
		return Located{}, err
	}
	search, cancel := context.WithCancel(ctx) // cancelled once one region has it
	defer cancel()
	var (
		mu     sync.Mutex
		found  *Located
		failed []string
		wg     sync.WaitGroup
	)
	for _, r := range regions {
		if r.ID == first {
			continue
		}
		wg.Go(func() {
			l, err := locateIn(search, c, kind, id, r.ID)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil && found == nil:
				found = &l
				cancel()
			case err != nil && !errors.Is(err, errNotHere) && found == nil && search.Err() == nil:
				failed = append(failed, r.ID+": "+err.Error())
			}
		})
	}
	wg.Wait()
	if found != nil {
		return besides(ctx, c, *found), nil
	}
	msg := fmt.Sprintf("no %s has this id in any enabled region", kind)
	if len(failed) > 0 {
		msg += " that could be read (" + strings.Join(failed, "; ") + ")"
	}
	return Located{}, &api.Error{Kind: api.KindNotFound, Message: msg, Hint: "check the id; it may have been deleted"}
}

// locateIn looks for id in one region; errNotHere when it is not there.
func locateIn(ctx context.Context, c LocateClient, kind, id, region string) (Located, error) {
	l := Located{Region: region}
	notFound := func(err error) bool { e, ok := api.AsError(err); return ok && e.Kind == api.KindNotFound }
	switch kind {
	case "vgw", "tgw":
		read := c.VirtualPrivateGateways
		if kind == "tgw" {
			read = c.TransitGateways
		}
		gws, err := read(ctx, region, []string{id})
		switch {
		case notFound(err) || err == nil && len(gws) == 0:
			return l, errNotHere
		case err != nil:
			return l, err
		}
		l.Gateway = &gws[0]
	case "vpn":
		conns, err := c.VPNConnections(ctx, region, VPNConnectionFilter{ConnectionIDs: []string{id}})
		switch {
		case notFound(err) || err == nil && len(conns) == 0:
			return l, errNotHere
		case err != nil:
			return l, err
		}
		l.Connection = &conns[0]
	case "cvpn-endpoint", "cvpn-connection":
		for cur := api.FirstPage(1000); ; {
			page, err := c.Endpoints(ctx, region, cur)
			if err != nil {
				return l, err
			}
			for _, e := range page.Items {
				if kind == "cvpn-endpoint" && e.ID == id {
					l.Endpoint = &e
					return l, nil
				}
				if kind == "cvpn-connection" {
					got, err := c.Connections(ctx, region, e.ID, ConnectionFilter{ConnectionID: id}, api.FirstPage(5))
					if err == nil && len(got.Items) > 0 {
						l.Endpoint, l.Client = &e, &got.Items[0]
						return l, nil
					}
				}
			}
			if !page.More {
				return l, errNotHere
			}
			cur = page.Next
		}
	}
	return l, nil
}

// besides adds what a located connection's tunnels view shows beside it:
// its customer gateway and its gateway, read at once. A gateway that
// cannot be read is left out (the view shows its id), a customer gateway
// kept with its error (the view says it could not be read); the
// connection still opens.
func besides(ctx context.Context, c LocateClient, l Located) Located {
	conn := l.Connection
	if conn == nil {
		return l
	}
	var wg sync.WaitGroup
	if conn.CustomerGatewayID != "" {
		wg.Go(func() {
			cgws, err := c.CustomerGateways(ctx, l.Region, []string{conn.CustomerGatewayID})
			switch {
			case err != nil:
				unread := UnreadCustomerGateway(conn.CustomerGatewayID, err)
				l.CustomerGateway = &unread
			case len(cgws) > 0:
				l.CustomerGateway = &cgws[0]
			}
		})
	}
	if conn.GatewayID != "" {
		wg.Go(func() {
			read := c.VirtualPrivateGateways
			if conn.GatewayKind == KindTGW {
				read = c.TransitGateways
			}
			gws, err := read(ctx, l.Region, []string{conn.GatewayID})
			if err == nil && len(gws) > 0 {
				l.Gateway = &gws[0]
			}
		})
	}
	wg.Wait()
	return l
}
