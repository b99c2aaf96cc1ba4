package emulator

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"
)

// The seeded world: the same data on every run for the same clock, so
// tests and golden screens are stable. The reference pages' sample records
// are part of it, verbatim (see samples.go).

// Region ids and the letters their resource ids carry.
var regionSeeds = []struct {
	id, name, code string
	gateways       int    // generated branch gateways beyond the named ones
	english        string // LocalName with AcceptLanguage=en-US
}{
	{"cn-hangzhou", "华东1（杭州）", "bp1", 40, "China (Hangzhou)"},
	{"cn-shanghai", "华东2（上海）", "uf6", 5, "China (Shanghai)"},
	{"ap-southeast-1", "新加坡", "t4n", 3, "Singapore"},
	{"eu-central-1", "德国（法兰克福）", "gw8", 2, "Germany (Frankfurt)"},
	{"us-west-1", "美国（硅谷）", "rj9", 0, "US (Silicon Valley)"}, // an empty region
}

// englishName is a region's LocalName in English, as DescribeRegions
// gives it with AcceptLanguage=en-US.
func englishName(id string) string {
	for _, rs := range regionSeeds {
		if rs.id == id {
			return rs.english
		}
	}
	return ""
}

// Big gateway sizes: enough rows that paging is real.
const (
	bigConnections = 520
	bigSSLClients  = 320
)

var cities = []string{"beijing", "shenzhen", "chengdu", "wuhan", "xian", "nanjing", "suzhou", "tianjin",
	"qingdao", "xiamen", "hongkong", "singapore", "tokyo", "frankfurt", "london", "sydney"}

type builder struct {
	region string
	now    time.Time
	rng    *rand.Rand
	code   string
}

func seeded(s string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(s))
	return rand.New(rand.NewPCG(h.Sum64(), 0x5eed))
}

// id makes a resource id like vpn-bp1q8bgx4xnkm2ogj0u8s.
func (b *builder) id(prefix string) string {
	const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	var sb strings.Builder
	sb.WriteString(prefix)
	sb.WriteString("-")
	sb.WriteString(b.code)
	for range 18 {
		sb.WriteByte(alnum[b.rng.IntN(len(alnum))])
	}
	return sb.String()
}

func (b *builder) ip() string {
	return fmt.Sprintf("%d.%d.%d.%d", 39+b.rng.IntN(80), b.rng.IntN(256), b.rng.IntN(256), 1+b.rng.IntN(254))
}

func (b *builder) ago(max time.Duration) int64 {
	return b.now.Add(-time.Duration(b.rng.Int64N(int64(max)))).UnixMilli()
}

func (b *builder) secret(n int) string {
	const chars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
	s := make([]byte, n)
	for i := range s {
		s[i] = chars[b.rng.IntN(len(chars))]
	}
	return string(s)
}

// buildWorld makes every region's data as of now.
func buildWorld(now time.Time, scale int) map[string]*regionData {
	world := map[string]*regionData{}
	for _, rs := range regionSeeds {
		b := &builder{region: rs.id, now: now, rng: seeded(rs.id), code: rs.code}
		r := &regionData{
			info:        region{RegionId: rs.id, LocalName: rs.name, RegionEndpoint: "vpc." + rs.id + ".aliyuncs.com"},
			connections: map[string][]*connection{},
			clients:     map[string][]sslClient{},
		}
		b.populate(r, rs.gateways)
		world[rs.id] = r
	}
	addSamples(world, now)
	addTransitRouterConnections(world, now)
	seedFlap(world, now)
	seedKeyChangeOutages(world, now)
	addCustomerGateways(world)
	if scale > 0 {
		b := &builder{region: "cn-hangzhou", now: now, rng: seeded("scale"), code: "bp1"}
		g := b.gateway(world["cn-hangzhou"], gatewayPlan{name: "scale-test", status: "active", ipsec: true, dual: true, sslMax: 5}, 99)
		g.VpnGatewayId = ScaleGatewayID
		world["cn-hangzhou"].gateways = append(world["cn-hangzhou"].gateways, g)
		peers := make([]*customerGateway, scalePeers)
		for k := range peers {
			peers[k] = scalePeer(now, k)
		}
		world["cn-hangzhou"].cgws = append(world["cn-hangzhou"].cgws, peers...)
		world["cn-hangzhou"].scale = scaleGateway{gateway: g, count: scale, now: now, peers: peers}
	}
	return world
}

// seedFlap gives the first healthy single-tunnel connection of the first
// hangzhou gateway (past the one churn flaps) a flap in its history: its
// phase 2 went down 7 minutes before the data clock's start and came back
// 3 minutes later, so the demo's negotiation log shows one from the start.
func seedFlap(world map[string]*regionData, now time.Time) {
	r := world["cn-hangzhou"]
	if r == nil || len(r.gateways) == 0 {
		return
	}
	for i, c := range r.connections[r.gateways[0].VpnGatewayId] {
		if i > 3 && c.TunnelOptionsSpecification == nil && c.Status == "ipsec_sa_established" {
			c.recordStatus(now.Add(-7*time.Minute), "", c.Status, "ipsec_sa_not_established")
			c.recordStatus(now.Add(-4*time.Minute), "", "ipsec_sa_not_established", c.Status)
			return
		}
	}
}

// seedKeyChangeOutages gives each connection failing on a pre-shared key
// mismatch the outage its ActionTrail tells (actiontrail.go): up until
// the failure DiagnoseVpnConnections dates (failedAgo), after alice
// changed the key two minutes before; so the state metric, the
// negotiation log and the trail tell one story (issue 25). On a
// dual-tunnel connection the key was changed on tunnel 1.
func seedKeyChangeOutages(world map[string]*regionData, now time.Time) {
	for _, r := range world {
		for _, conns := range r.connections {
			for _, c := range conns {
				if c.failure == 0 || failureLogs[c.failure].code != "IkePskMismatch" {
					continue
				}
				if c.TunnelOptionsSpecification == nil {
					c.recordStatus(now.Add(-failedAgo), "", "ipsec_sa_established", c.Status)
					continue
				}
				if ts := c.TunnelOptionsSpecification.TunnelOptions; len(ts) > 0 {
					c.recordStatus(now.Add(-failedAgo), ts[0].TunnelId, "ipsec_sa_established", ts[0].Status)
				}
			}
		}
	}
}

// ScaleGatewayID is the gateway Config.ScaleConnections adds.
const ScaleGatewayID = "vpn-bp1scaletest00000000000"

// scaleGateway makes connection j of the scale gateway on demand: the same
// j always gives the same connection, and each has its own ids, addresses
// and keys, as a real account's would.
type scaleGateway struct {
	gateway *gateway
	count   int
	now     time.Time
	peers   []*customerGateway // shared by its connections, as a hub's are
}

func (s scaleGateway) connection(j int) *connection {
	b := &builder{region: "cn-hangzhou", now: s.now, rng: seeded(fmt.Sprint("scale-", j)), code: "bp1"}
	c := b.connection(s.gateway, gatewayPlan{dual: true, healthyPercent: 70}, j)
	c.usePeer(s.peers[j%len(s.peers)])
	return c
}

type gatewayPlan struct {
	name           string
	status         string
	business       string
	ipsec, ssl     bool
	dual           bool
	sslMax         int
	connections    int
	clients        int
	sslServer      bool
	ipsecServer    bool
	healthyPercent int // share of connections with both phases up
}

func (b *builder) populate(r *regionData, branches int) {
	var plans []gatewayPlan
	if r.info.RegionId == "cn-hangzhou" {
		plans = append(plans,
			gatewayPlan{name: "prod-hz-core", status: "active", ipsec: true, ssl: true, dual: true, sslMax: 500,
				connections: bigConnections, clients: bigSSLClients, sslServer: true, ipsecServer: true, healthyPercent: 70},
			gatewayPlan{name: "staging-hz", status: "active", ipsec: true, ssl: true, dual: true, sslMax: 10,
				connections: 12, healthyPercent: 50},
			gatewayPlan{name: "dr-hz-legacy", status: "active", ipsec: true, ssl: false, sslMax: 5,
				connections: 3, healthyPercent: 0},
			gatewayPlan{name: "hz-updating", status: "updating", ipsec: true, ssl: true, sslMax: 50, connections: 2, healthyPercent: 100},
			gatewayPlan{name: "hz-locked", status: "active", business: "FinancialLocked", ipsec: true, ssl: true, sslMax: 5, connections: 1},
			gatewayPlan{name: "hz-provisioning", status: "provisioning", ipsec: true, ssl: true, sslMax: 5},
			// Two gateways in one VPC: an SSL server on the second owns a
			// client pool that the first cannot reuse (IpConflict).
			gatewayPlan{name: "hz-shared-vpc-a", status: "active", ipsec: true, ssl: true, sslMax: 5},
			gatewayPlan{name: "hz-shared-vpc-b", status: "active", ipsec: true, ssl: true, sslMax: 5, sslServer: true},
		)
	} else if branches > 0 {
		plans = append(plans, gatewayPlan{name: r.info.RegionId + "-core", status: "active", ipsec: true, ssl: true,
			dual: true, sslMax: 20, connections: 8, clients: 6, sslServer: true, ipsecServer: true, healthyPercent: 60})
	}
	for i := range branches {
		plans = append(plans, gatewayPlan{
			name:   fmt.Sprintf("branch-%s-%02d", cities[i%len(cities)], i+1),
			status: "active", ipsec: i%7 != 3, ssl: i%3 == 0, dual: i%2 == 0, sslMax: []int{5, 10, 20, 50}[i%4],
			connections: b.rng.IntN(9), clients: b.rng.IntN(4), sslServer: i%6 == 0, ipsecServer: i%7 != 3,
			healthyPercent: 65,
		})
	}
	for i, p := range plans {
		g := b.gateway(r, p, i)
		if p.name == "hz-shared-vpc-b" {
			g.VpcId = r.gateways[len(r.gateways)-1].VpcId
		}
		r.gateways = append(r.gateways, g)
		if p.connections > 0 {
			conns := make([]*connection, p.connections)
			for j := range conns {
				conns[j] = b.connection(g, p, j)
			}
			r.connections[g.VpnGatewayId] = conns
		}
		if p.ssl && p.clients > 0 {
			clients := make([]sslClient, p.clients)
			for j := range clients {
				clients[j] = b.client(j)
			}
			// Clients connect to the gateway's SSL server: a gateway with
			// none has none (they are still drawn, so every id after them
			// stays what it was).
			if p.sslServer {
				r.clients[g.VpnGatewayId] = clients
			}
		}
		if p.sslServer && p.ssl {
			r.ssl = append(r.ssl, b.sslServer(r, g, len(r.clients[g.VpnGatewayId])))
		}
		if p.ipsecServer && p.ipsec {
			r.ipsec = append(r.ipsec, b.ipsecServer(r, g))
		}
	}
}

func (b *builder) gateway(r *regionData, p gatewayPlan, i int) *gateway {
	g := &gateway{
		VpnGatewayId: b.id("vpn"), Name: p.name, VpcId: b.id("vpc"), VSwitchId: b.id("vsw"),
		Status: p.status, BusinessStatus: "Normal", Spec: []string{"10M", "100M", "200M", "500M", "1000M"}[i%5],
		VpnType: "Normal", NetworkType: "public", ChargeType: "PrePay",
		InternetIp: b.ip(), IpsecVpn: onOff(p.ipsec), SslVpn: onOff(p.ssl), SslMaxConnections: p.sslMax,
		EnableBgp: true, AutoPropagate: i%2 == 0, ResourceGroupId: "rg-acfm" + b.secret(10),
		// Named gateways are the newest; branches were created over two years.
		CreateTime: b.now.Add(-time.Duration(i+1) * 97 * time.Hour).UnixMilli(),
	}
	g.EndTime = time.UnixMilli(g.CreateTime).AddDate(2, 0, 0).UnixMilli()
	// Not from the random stream, so every id stays what it was.
	g.Description = gatewayDescriptions[i%len(gatewayDescriptions)]
	if p.business != "" {
		g.BusinessStatus = p.business
	}
	if p.dual {
		g.DisasterRecoveryInternetIp = b.ip()
		g.DisasterRecoveryVSwitchId = b.id("vsw")
	}
	if p.ssl {
		g.SslVpnInternetIp = g.InternetIp
	}
	g.Tags.Tag = []tagItem{{Key: "env", Value: strings.SplitN(p.name, "-", 2)[0]}}
	return g
}

var algorithms = struct{ enc, auth, dh []string }{
	enc:  []string{"aes", "aes192", "aes256", "des", "3des"},
	auth: []string{"sha1", "md5", "sha256", "sha384", "sha512"},
	dh:   []string{"group1", "group2", "group5", "group14"},
}

func (b *builder) connection(g *gateway, p gatewayPlan, j int) *connection {
	c := &connection{
		VpnConnectionId: b.id("vco"), VpnGatewayId: g.VpnGatewayId, CustomerGatewayId: b.id("cgw"),
		State: "active", EnableNatTraversal: b.rng.IntN(10) != 0, EnableDpd: b.rng.IntN(12) != 0,
		EffectImmediately: b.rng.IntN(2) == 0, CreateTime: b.ago(400 * 24 * time.Hour),
		NetworkType: "public", Spec: "1000M", AttachType: "VPNGW",
		LocalSubnet:  fmt.Sprintf("10.%d.0.0/16", j%250),
		RemoteSubnet: fmt.Sprintf("192.168.%d.0/24", j%250),
	}
	c.Name = fmt.Sprintf("to-%s-%03d", cities[j%len(cities)], j+1)
	if j%41 == 7 {
		c.Name = fmt.Sprintf("上海办公室-主线-%d", j) // unicode names happen
	}
	if j%9 == 4 {
		c.RemoteSubnet += fmt.Sprintf(",172.%d.0.0/16", 16+j%16)
	}
	version := "ikev2"
	if j%3 == 0 {
		version = "ikev1"
	}
	c.IkeConfig = ikeConfig{
		IkeVersion: version, IkeMode: "main", IkeEncAlg: algorithms.enc[j%3], IkeAuthAlg: algorithms.auth[j%3],
		IkePfs: algorithms.dh[1+j%3], IkeLifetime: 86400, LocalId: g.InternetIp, RemoteId: b.ip(), Psk: b.secret(16),
	}
	if j%17 == 5 {
		c.IkeConfig.IkeMode = "aggressive"
		c.IkeConfig.LocalId = "vpn.example.com" // a non-IP id: wrong for IKEv1 main mode peers
	}
	c.IpsecConfig = ipsecConfig{IpsecEncAlg: c.IkeConfig.IkeEncAlg, IpsecAuthAlg: c.IkeConfig.IkeAuthAlg, IpsecPfs: c.IkeConfig.IkePfs, IpsecLifetime: 86400}
	status, failure := b.phaseStatus(p.healthyPercent)
	if status == "ike_sa_established" {
		failure = phase2Stall(c) // chosen from the connection, not drawn: every id after it stays
	}
	c.Status, c.failure = status, failure
	up := status == "ipsec_sa_established"
	if j%5 < 2 {
		c.VpnBgpConfig = bgpConfig{
			EnableBgp: "true", Status: okOr(up, "success", "false"),
			LocalBgpIp: fmt.Sprintf("169.254.%d.1", 10+j%200), PeerBgpIp: fmt.Sprintf("169.254.%d.2", 10+j%200),
			TunnelCidr: fmt.Sprintf("169.254.%d.0/30", 10+j%200),
			LocalAsn:   45104, PeerAsn: fmt.Sprint(65000 + j%500), AuthKey: b.secret(12),
		}
	}
	if j%2 == 0 {
		failed := !up || j%23 == 2 // a health check can fail with the tunnel up
		c.VcoHealthCheck = healthCheck{Enable: "true", Status: okOr(!failed, "success", "failed"),
			Sip: fmt.Sprintf("10.%d.0.50", j%250), Dip: fmt.Sprintf("192.168.%d.1", j%250), Interval: 3, Retry: 3, Policy: "revoke_route"}
	} else {
		c.VcoHealthCheck = healthCheck{Enable: "false"}
	}
	c.Tag.Tag = []tagItem{{Key: "site", Value: cities[j%len(cities)]}}
	if p.dual && j%2 == 0 {
		b.dualTunnel(g, c, j)
	}
	return c
}

// phaseStatus draws a status: healthyPercent of them fully up, the rest
// spread over the failure states, each failure with a log pattern.
func (b *builder) phaseStatus(healthyPercent int) (string, int) {
	if b.rng.IntN(100) < healthyPercent {
		return "ipsec_sa_established", 0
	}
	switch b.rng.IntN(3) {
	case 0:
		p1 := failuresOfPhase(1)
		return "ike_sa_not_established", p1[b.rng.IntN(len(p1))]
	case 1:
		p2 := failuresOfPhase(2)
		return "ipsec_sa_not_established", p2[b.rng.IntN(len(p2))]
	default:
		// Phase 1 up, phase 2 not: see phase2Stall.
		return "ike_sa_established", 0
	}
}

func (b *builder) dualTunnel(g *gateway, c *connection, j int) {
	c.EnableTunnelsBgp = c.VpnBgpConfig.EnableBgp == "true"
	mk := func(idx int, role, ip, status string) tunnelOptions {
		t := tunnelOptions{
			TunnelId: b.id("tun"), TunnelIndex: idx, Role: role, State: "active", Status: status,
			ZoneNo: fmt.Sprintf("%s-%c", b.region, 'h'+rune(idx)), InternetIp: ip, CustomerGatewayId: c.CustomerGatewayId,
			EnableDpd: fmt.Sprint(c.EnableDpd), EnableNatTraversal: fmt.Sprint(c.EnableNatTraversal),
			TunnelIkeConfig: tunnelIke{IkeVersion: c.IkeConfig.IkeVersion, IkeMode: c.IkeConfig.IkeMode, IkeEncAlg: c.IkeConfig.IkeEncAlg,
				IkeAuthAlg: c.IkeConfig.IkeAuthAlg, IkePfs: c.IkeConfig.IkePfs, IkeLifetime: "86400",
				LocalId: ip, RemoteId: c.IkeConfig.RemoteId, Psk: c.IkeConfig.Psk},
			TunnelIpsecConfig: tunnelIpsec{IpsecEncAlg: c.IpsecConfig.IpsecEncAlg, IpsecAuthAlg: c.IpsecConfig.IpsecAuthAlg,
				IpsecPfs: c.IpsecConfig.IpsecPfs, IpsecLifetime: "86400"},
		}
		if c.EnableTunnelsBgp {
			t.TunnelBgpConfig = tunnelBgp{BgpStatus: okOr(status == "ipsec_sa_established", "success", "false"),
				LocalAsn: "45104", PeerAsn: c.VpnBgpConfig.PeerAsn,
				LocalBgpIp: fmt.Sprintf("169.254.%d.%d", 10+j%200, 1+4*idx), PeerBgpIp: fmt.Sprintf("169.254.%d.%d", 10+j%200, 2+4*idx),
				TunnelCidr: fmt.Sprintf("169.254.%d.%d/30", 10+j%200, 4*idx)}
		}
		return t
	}
	// The slave tunnel is usually up; when the master is down it is the one
	// carrying traffic, so the connection is degraded rather than down.
	slaveStatus := "ipsec_sa_established"
	if j%10 == 6 {
		slaveStatus = "ike_sa_not_established"
	}
	master := mk(1, "master", g.InternetIp, c.Status)
	slave := mk(2, "slave", g.DisasterRecoveryInternetIp, slaveStatus)
	if j%8 == 2 {
		slave.TunnelIkeConfig.IkeEncAlg = "aes256" // the tunnels disagree
		slave.TunnelIpsecConfig.IpsecLifetime = "3600"
	}
	c.TunnelOptionsSpecification = &struct{ TunnelOptions []tunnelOptions }{[]tunnelOptions{master, slave}}
}

func (b *builder) client(j int) sslClient {
	cn := fmt.Sprintf("user%03d@corp.example.com", j+1)
	if j%4 == 3 {
		cn = "CN=vsc-" + b.code + b.secret(12)
	}
	return sslClient{
		CommonName: cn, Ip: b.ip(), Port: fmt.Sprint(1024 + b.rng.IntN(60000)),
		PrivateIp: fmt.Sprintf("10.250.%d.%d", j/60, 2+(j%60)*4), Status: "online",
		ConnectedTime: b.ago(10 * time.Hour), SendBytes: b.rng.Int64N(6 << 30), ReceiveBytes: b.rng.Int64N(900 << 20),
	}
}

func (b *builder) sslServer(r *regionData, g *gateway, conns int) *sslServer {
	pool := "10.250.0.0/16"
	if g.Name == "hz-shared-vpc-b" {
		pool = "10.88.0.0/16"
	}
	return &sslServer{
		SslVpnServerId: b.id("vss"), Name: g.Name + "-ssl", VpnGatewayId: g.VpnGatewayId, RegionId: r.info.RegionId,
		InternetIp: g.InternetIp, LocalSubnet: "10.0.0.0/8", ClientIpPool: pool,
		Cipher: "AES-128-CBC", Proto: "UDP", Port: 1194, Connections: conns, MaxConnections: g.SslMaxConnections,
		CreateTime: b.ago(200 * 24 * time.Hour),
	}
}

func (b *builder) ipsecServer(r *regionData, g *gateway) *ipsecServer {
	mfa := b.rng.IntN(3) == 0
	s := &ipsecServer{
		IpsecServerId: b.id("iss"), IpsecServerName: g.Name + "-c2s", VpnGatewayId: g.VpnGatewayId, RegionId: r.info.RegionId,
		InternetIp: g.InternetIp, OnlineClientCount: b.rng.IntN(g.SslMaxConnections + 1), MaxConnections: g.SslMaxConnections,
		ClientIpPool: fmt.Sprintf("10.%d.0.0/24", 200+b.rng.IntN(40)), LocalSubnet: "192.168.0.0/16,172.17.0.0/16",
		Psk: b.secret(16), PskEnabled: true, MultiFactorAuthEnabled: mfa,
		CreationTime:    time.UnixMilli(b.ago(300 * 24 * time.Hour)).UTC().Format(time.RFC3339),
		ResourceGroupId: g.ResourceGroupId,
		IkeConfig: ikeConfig{IkeVersion: "ikev2", IkeMode: "main", IkeEncAlg: "aes", IkeAuthAlg: "sha1", IkePfs: "group2",
			IkeLifetime: 86400, LocalId: g.InternetIp},
		IpsecConfig: ipsecConfig{IpsecEncAlg: "aes", IpsecAuthAlg: "sha1", IpsecPfs: "group2", IpsecLifetime: 86400},
	}
	if mfa {
		s.IDaaSInstanceId = "idaas-" + r.info.RegionId + "-" + b.secret(8)
	}
	return s
}

func onOff(on bool) string { return okOr(on, "enable", "disable") }

func okOr(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

// gatewayDescriptions are what people write in the console; some leave it
// empty.
var gatewayDescriptions = []string{
	"IDC core: all branch tunnels terminate here",
	"staging VPC ↔ office, owner: platform team",
	"",
	"legacy DR link, to be retired after migration",
	"",
	"branch office site-to-site (ticket NET-1042)",
	"SSL-VPN for remote staff; BGP to on-prem",
}
