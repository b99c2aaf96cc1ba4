package emulator

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DescribeCustomerGateways: the region's customer gateways, or the one
// CustomerGatewayId names ("If you do not specify a customer gateway ID,
// the system queries all customer gateways in the current region"), paged
// by PageNumber and PageSize (at most 50, default 10), in a wrapped
// CustomerGateways.CustomerGateway list (VPC API reference,
// DescribeCustomerGateways).
//
// Each is the device a seeded connection names: its IpAddress is the
// connection's RemoteId (the peer's identity defaults to the customer
// gateway's IP) and its Asn the connection's BGP peer ASN, so the two
// reads agree.

// customerGateway is one customer gateway as the service sends it.
type customerGateway struct {
	CustomerGatewayId string
	Name              string
	Description       string
	IpAddress         string
	Asn               int64  `json:",omitempty"`
	AuthKey           string `json:",omitempty"` // the BGP MD5 key: a secret
	CreateTime        int64
	ResourceGroupId   string `json:",omitempty"`
	Tags              struct{ Tag []tagItem }
}

func (s *Server) describeCustomerGateways(req *request) (any, *apiError) {
	list := s.world[req.region].cgws
	if id := req.params.Get("CustomerGatewayId"); id != "" {
		var kept []*customerGateway
		for _, g := range list {
			if g.CustomerGatewayId == id {
				kept = append(kept, g)
			}
		}
		list = kept
	}
	number, size, lo, hi, err := pageWindow(req.params, len(list), 50)
	if err != nil {
		return nil, err
	}
	return map[string]any{"PageNumber": number, "PageSize": size, "TotalCount": len(list),
		"CustomerGateways": map[string]any{"CustomerGateway": list[lo:hi]}}, nil
}

// addCustomerGateways gives every region the customer gateways its
// connections name, in the connections' order, each once.
func addCustomerGateways(world map[string]*regionData) {
	for _, r := range world {
		seen := map[string]bool{}
		for _, c := range r.allConnections() {
			for _, id := range c.peerIDs() {
				if !seen[id] {
					seen[id] = true
					r.cgws = append(r.cgws, peerOf(c, id))
				}
			}
		}
	}
}

// peerIDs are the customer gateways a connection and its tunnels name.
func (c *connection) peerIDs() []string {
	ids := []string{c.CustomerGatewayId}
	if c.TunnelOptionsSpecification != nil {
		for _, t := range c.TunnelOptionsSpecification.TunnelOptions {
			ids = append(ids, t.CustomerGatewayId)
		}
	}
	out := ids[:0]
	for _, id := range ids {
		if id != "" && !contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// peerOf is customer gateway id as connection c describes it: the device
// at its RemoteId, with its BGP peer ASN, made a day before it.
func peerOf(c *connection, id string) *customerGateway {
	asn, _ := strconv.ParseInt(c.VpnBgpConfig.PeerAsn, 10, 64)
	g := &customerGateway{CustomerGatewayId: id, Name: "cpe-" + strings.TrimPrefix(c.Name, "to-"),
		IpAddress: c.IkeConfig.RemoteId, Asn: asn, AuthKey: c.VpnBgpConfig.AuthKey,
		CreateTime: c.CreateTime - (24 * time.Hour).Milliseconds(), ResourceGroupId: c.ResourceGroupId}
	g.Tags.Tag = []tagItem{}
	return g
}

// scalePeers is how many customer gateways the scale gateway's
// connections share: a hub's worth, and a multiple of its BGP peer ASNs
// (65000 + j%500), so each device keeps one ASN. A customer gateway per
// connection would make the region's list as long as the connections.
const scalePeers = 1000

// scalePeer is the scale gateway's customer gateway k, the same on every
// run.
func scalePeer(now time.Time, k int) *customerGateway {
	b := &builder{region: "cn-hangzhou", now: now, rng: seeded(fmt.Sprint("scale-peer-", k)), code: "bp1"}
	g := &customerGateway{CustomerGatewayId: b.id("cgw"), Name: fmt.Sprintf("cpe-scale-%03d", k),
		IpAddress: b.ip(), Asn: int64(65000 + k%500), CreateTime: b.ago(500 * 24 * time.Hour)}
	g.Tags.Tag = []tagItem{}
	return g
}

// usePeer makes connection c end at customer gateway g, tunnels too.
func (c *connection) usePeer(g *customerGateway) {
	c.CustomerGatewayId, c.IkeConfig.RemoteId = g.CustomerGatewayId, g.IpAddress
	if c.TunnelOptionsSpecification != nil {
		for i := range c.TunnelOptionsSpecification.TunnelOptions {
			t := &c.TunnelOptionsSpecification.TunnelOptions[i]
			t.CustomerGatewayId, t.TunnelIkeConfig.RemoteId = g.CustomerGatewayId, g.IpAddress
		}
	}
}
