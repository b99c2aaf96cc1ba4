package alibaba

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/vpnscope/vpnscope/api/alibaba"
)

// peer is a connection's customer gateway as the screens show it: the
// device's public IP and ASN (DescribeCustomerGateways), or that the read
// failed. The id stays in the details. Each row holds one by value, small:
// at 100,000 rows a pointer to a whole CustomerGateway each cost 11 MB,
// this 2.4 MB.
type peer struct {
	ip     string // empty: the region has no customer gateway with the id
	asn    uint32 // 0: none set; an ASN is 4 bytes (1 to 4,294,967,295)
	unread bool   // the read failed
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
func peerText(p peer, id string) string {
	switch {
	case id == "":
		return "-"
	case p.unread:
		return peerUnread
	case p.ip == "":
		return id
	case p.asn != 0:
		return fmt.Sprintf("%s AS%d", p.ip, p.asn)
	}
	return p.ip
}

// readPeers asks once for the customer gateways that conns name. On a
// failure every id maps to the failure, so each screen says why.
func readPeers(ctx context.Context, client alibaba.Client, region string, conns []alibaba.Connection) map[string]peer {
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
	out := make(map[string]peer, len(ids))
	gws, err := client.CustomerGateways(ctx, region, ids)
	if err != nil {
		for _, id := range ids {
			out[id] = peer{unread: true}
		}
		return out
	}
	for _, g := range gws {
		out[g.ID] = peer{ip: g.IP, asn: uint32(min(max(g.ASN, 0), math.MaxUint32))}
	}
	return out
}

// peerFields are the details' lines for the customer gateway id.
func peerFields(p peer, id string) (ip, asn string) {
	switch {
	case id == "":
		return "", ""
	case p.unread:
		return peerUnread, peerUnread
	case p.ip == "":
		return "not found in the region's customer gateways", ""
	case p.asn == 0:
		return p.ip, "none set"
	}
	return p.ip, fmt.Sprint(p.asn)
}
