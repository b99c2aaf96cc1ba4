package alibaba

import (
	"context"
	"fmt"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba"
)

// peer is a connection's customer gateway as the screens show it: the
// device's public IP and ASN (DescribeCustomerGateways), or why they are
// not known. The id stays in the details.
type peer struct {
	gw  alibaba.CustomerGateway
	err error // the read failed
}

// peerUnread is what stands where the IP and ASN would be when the read
// failed: the action to grant, never "-", which would read as "none".
const peerUnread = "could not read (vpc:DescribeCustomerGateways)"

// peerWait bounds how long a list waits for the customer gateways: their
// read failing slowly must not hold back the connections it annotates.
const peerWait = 5 * time.Second

// peerText is what a screen shows of the customer gateway id: "IP AS65010",
// the IP alone when it has no ASN, peerUnread when the read failed, and
// the id when the region has none with it (or it was not asked for).
func peerText(p *peer, id string) string {
	switch {
	case id == "":
		return "-"
	case p == nil || p.gw.IP == "":
		if p != nil && p.err != nil {
			return peerUnread
		}
		return id
	case p.gw.ASN != 0:
		return fmt.Sprintf("%s AS%d", p.gw.IP, p.gw.ASN)
	}
	return p.gw.IP
}

// readPeers asks once for the customer gateways that conns name. On a
// failure every id maps to the failure, so each screen says why.
func readPeers(ctx context.Context, client alibaba.Client, region string, conns []alibaba.Connection) map[string]*peer {
	var ids []string
	seen := map[string]bool{}
	for _, c := range conns {
		for _, id := range c.PeerIDs() {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, peerWait)
	defer cancel()
	out := make(map[string]*peer, len(ids))
	gws, err := client.CustomerGateways(ctx, region, ids)
	if err != nil {
		failed := &peer{err: err}
		for _, id := range ids {
			out[id] = failed
		}
		return out
	}
	for _, g := range gws {
		out[g.ID] = &peer{gw: g}
	}
	return out
}

// peerFields are the details' lines for the customer gateway id.
func peerFields(p *peer, id string) (ip, asn string) {
	switch {
	case id == "":
		return "", ""
	case p != nil && p.err != nil:
		return peerUnread, peerUnread
	case p == nil || p.gw.ID == "":
		return "not found in the region's customer gateways", ""
	case p.gw.ASN == 0:
		return p.gw.IP, "none set"
	}
	return p.gw.IP, fmt.Sprint(p.gw.ASN)
}
