package emulator

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// The seeded Site-to-Site world: gateways of both kinds in every region,
// connections in every state, and tunnels in each way they work or fail.
// Each tunnel's telemetry, options and activity log tell one story: a
// tunnel down since 09:10 logs its failure from 09:10 on, and one that
// flapped logs the flap.

// Account is the account id the emulator's ARNs name.
const Account = "123456789012"

// telemetryTime is how the service writes lastStatusChange.
const telemetryTime = "2006-01-02T15:04:05.000Z"

// s2sWorld is every region's Site-to-Site records and the log groups.
type s2sWorld struct {
	vgws map[string][]*vpnGateway
	rtbs map[string][]*vpcRouteTable // the VPC route tables (routetables_world.go)
	// The transit gateways' attachments and route tables (transitgateways_world.go).
	tgwAttachments map[string][]*tgwAttachment
	tgwRouteTables map[string][]*tgwRouteTable
	tgws           map[string][]*transitGateway
	cgws           map[string][]*customerGateway
	conns          map[string][]*vpnConnection
	groups         map[string]map[string]*logGroup // region → name → group
}

// tunnelCase is how a tunnel is doing, and how it got there.
type tunnelCase int

const (
	stableUp         tunnelCase = iota
	upNoRoutes                  // IPsec up, BGP accepts nothing
	flappedUp                   // DPD timed out two hours ago, back ten minutes later
	cgwDeletedIKE               // the device deleted the IKE SA half an hour ago, then came back
	pskMismatchV2               // down: the keys differ (IKEv2)
	pskInvalidV1                // down: the keys differ (IKEv1)
	noProposalP1                // down: the device proposes 3DES
	noProposalP2V1              // phase 1 up, phase 2 "No proposal chosen" (IKEv1)
	childFailedV2               // phase 1 up, CHILD_SA fails (IKEv2)
	tsUnacceptable              // phase 1 up, traffic selectors refused
	peerDeadV2                  // DPD timed out, AWS restarts, the peer never answers
	peerDeadV1                  // IKEv1 peer declared dead, AWS waits (clear)
	authFailed                  // IKE_AUTH fails
	cgwDeletedChild             // the device deleted the phase 2 SA; phase 2 fails since
	neverUp                     // new: nothing has ever come up
	bgpBehindIPsec              // DOWN with IPSEC IS UP: IPsec up, BGP not established
	noProposalInitV2            // down: IKEv2 "No proposal chosen" in IKE_SA_INIT (phase 1 down)
)

type tunnelSpec struct {
	c     tunnelCase
	group string // log group name; "" means logging off
}

type connSpec struct {
	name          string
	state         string
	bgp           bool
	local, remote string // static connections' traffic selectors
	t1, t2        tunnelSpec
}

type gatewaySpec struct {
	name  string
	kind  string // vgw, tgw
	state string
	conns []connSpec
}

// Log groups of the world. missingGroup is named by a tunnel's options but
// does not exist (deleted since), as happens.
const (
	usGroup      = "/aws/vendedlogs/s2s-vpn"
	euGroup      = "/aws/vendedlogs/s2s-vpn-eu"
	sydGroup     = "/aws/vendedlogs/s2s-vpn-syd"
	missingGroup = "/aws/vendedlogs/partner-old"
)

func s2sSpecs() map[string][]gatewaySpec {
	on := func(c tunnelCase) tunnelSpec { return tunnelSpec{c: c, group: usGroup} }
	off := func(c tunnelCase) tunnelSpec { return tunnelSpec{c: c} }
	eu := func(c tunnelCase) tunnelSpec { return tunnelSpec{c: c, group: euGroup} }
	syd := func(c tunnelCase) tunnelSpec { return tunnelSpec{c: c, group: sydGroup} }
	return map[string][]gatewaySpec{
		"us-east-1": {
			{name: "prod-vgw", kind: "vgw", state: "available", conns: []connSpec{
				{name: "hq-primary", state: "available", bgp: true, t1: on(stableUp), t2: on(stableUp)},
				{name: "hq-backup", state: "available", bgp: true, t1: on(flappedUp), t2: on(pskMismatchV2)},
				{name: "branch-london", state: "available", local: "10.40.0.0/16", remote: "10.0.0.0/16", t1: on(noProposalP1), t2: off(pskInvalidV1)},
				{name: "branch-paris", state: "available", bgp: true, t1: off(upNoRoutes), t2: off(upNoRoutes)},
				{name: "dc-retiring", state: "deleting", bgp: true, t1: off(neverUp), t2: off(neverUp)},
			}},
			{name: "staging-vgw", kind: "vgw", state: "available", conns: []connSpec{
				{name: "lab-static", state: "available", local: "192.168.50.0/24", remote: "172.31.0.0/16", t1: on(tsUnacceptable), t2: on(childFailedV2)},
				{name: "lab-ikev1", state: "available", local: "192.168.60.0/24", remote: "172.31.0.0/16", t1: on(noProposalP2V1), t2: on(stableUp)},
				{name: "new-site", state: "pending", bgp: true, t1: off(neverUp), t2: off(neverUp)},
			}},
			{name: "old-vgw", kind: "vgw", state: "deleting"},
			{name: "core-tgw", kind: "tgw", state: "available", conns: []connSpec{
				{name: "colo-1", state: "available", bgp: true, t1: on(stableUp), t2: on(cgwDeletedIKE)},
				{name: "colo-2", state: "available", bgp: true, t1: on(peerDeadV2), t2: on(stableUp)},
				{name: "partner-x", state: "available", bgp: true, t1: on(authFailed), t2: tunnelSpec{c: peerDeadV1, group: missingGroup}},
				{name: "partner-gone", state: "deleted", bgp: true, t1: off(neverUp), t2: off(neverUp)},
			}},
		},
		"eu-west-1": {
			{name: "eu-tgw", kind: "tgw", state: "available", conns: []connSpec{
				{name: "eu-dc", state: "available", bgp: true, t1: eu(stableUp), t2: eu(flappedUp)},
				{name: "eu-branch", state: "available", bgp: true, t1: eu(cgwDeletedChild), t2: eu(stableUp)},
			}},
			{name: "eu-vgw", kind: "vgw", state: "available", conns: []connSpec{
				{name: "eu-static", state: "available", local: "10.60.0.0/16", remote: "10.16.0.0/16", t1: off(stableUp), t2: off(stableUp)},
			}},
		},
		"ap-southeast-2": {
			{name: "syd-vgw", kind: "vgw", state: "available", conns: []connSpec{
				{name: "syd-office", state: "available", bgp: true, t1: off(neverUp), t2: off(neverUp)},
			}},
			// Added last, so every other seeded value stays as it was.
			{name: "syd-vgw-2", kind: "vgw", state: "available", conns: []connSpec{
				// Both tunnels DOWN with IPsec up: BGP is what fails.
				{name: "syd-dc", state: "available", bgp: true, t1: syd(bgpBehindIPsec), t2: syd(bgpBehindIPsec)},
				// One tunnel down, the survivor up with no routes: nothing carries.
				{name: "syd-branch", state: "available", bgp: true, t1: syd(noProposalInitV2), t2: syd(upNoRoutes)},
				// A state word no AWS document names (VpnConnection.State is
				// pending | available | deleting | deleted), as a newer service
				// might send: its tunnels are fine, its health is unknown.
				{name: "syd-lab", state: "recovering", bgp: true, t1: syd(stableUp), t2: syd(stableUp)},
			}},
		},
	}
}

func buildS2S(now time.Time, endpoints map[string][]*endpoint, n uint64) *s2sWorld {
	b := &builder{rnd: rand.New(rand.NewPCG(2016+n, 9)), now: now}
	w := &s2sWorld{vgws: map[string][]*vpnGateway{}, tgws: map[string][]*transitGateway{}, cgws: map[string][]*customerGateway{},
		conns: map[string][]*vpnConnection{}, groups: map[string]map[string]*logGroup{}}
	specs := s2sSpecs()
	for _, region := range regionNames {
		w.groups[region] = map[string]*logGroup{}
		for _, gs := range specs[region] {
			gwID := w.addGateway(b, region, gs)
			for _, cs := range gs.conns {
				w.addConnection(b, region, gs.kind, gwID, cs)
			}
		}
		for _, e := range endpoints[region] {
			if e.Logging.Enabled && e.Logging.LogGroup != "" {
				w.group(region, e.Logging.LogGroup).add(clientVPNLog(b, e)...)
			}
		}
	}
	w.addRouteCases(now, n) // after the seeded world, so none of its ids change
	w.addTransitRoutes(now, n)
	w.addBGPLogs(now) // draws nothing: the world stays as it was
	for _, gs := range w.groups {
		for _, g := range gs {
			g.sort()
		}
	}
	return w
}

func (w *s2sWorld) group(region, name string) *logGroup {
	g := w.groups[region][name]
	if g == nil {
		g = &logGroup{name: name}
		w.groups[region][name] = g
	}
	return g
}

func (w *s2sWorld) addGateway(b *builder, region string, gs gatewaySpec) string {
	tags := []tag{{Key: "Name", Value: gs.name}, {Key: "team", Value: "netops"}}
	if gs.kind == "tgw" {
		g := &transitGateway{ID: b.id("tgw"), State: gs.state, OwnerID: Account, Description: gs.name + " transit gateway",
			CreationTime: b.now.Add(-time.Duration(900+b.rnd.IntN(3000)) * time.Hour).UTC().Format(telemetryTime),
			Options:      tgwOptions{AmazonSideAsn: 64512 + int64(len(w.tgws[region])), VpnEcmpSupport: "enable", DNSSupport: "enable"}, Tags: tags}
		g.Arn = "arn:aws:ec2:" + region + ":" + Account + ":transit-gateway/" + g.ID
		w.tgws[region] = append(w.tgws[region], g)
		return g.ID
	}
	g := &vpnGateway{ID: b.id("vgw"), State: gs.state, Type: "ipsec.1", AmazonSideAsn: 64512, Tags: tags}
	if gs.state == "available" {
		g.Attachments = []vpcAttachment{{VpcID: b.id("vpc"), State: "attached"}}
	}
	w.vgws[region] = append(w.vgws[region], g)
	return g.ID
}

func (w *s2sWorld) addConnection(b *builder, region, kind, gwID string, cs connSpec) {
	cgw := &customerGateway{ID: b.id("cgw"), State: "available", Type: "ipsec.1",
		IPAddress: fmt.Sprintf("198.51.100.%d", 10+len(w.cgws[region])*3+b.rnd.IntN(3)),
		BgpAsn:    fmt.Sprint(65000 + len(w.cgws[region])), DeviceName: cs.name + "-fw",
		Tags: []tag{{Key: "Name", Value: cs.name + "-cgw"}}}
	w.cgws[region] = append(w.cgws[region], cgw)
	c := &vpnConnection{ID: b.id("vpn"), State: cs.state, Type: "ipsec.1", Category: "VPN", CustomerGatewayID: cgw.ID,
		GatewayAssociationState: "associated", Tags: []tag{{Key: "Name", Value: cs.name}},
		Options: vpnOptions{StaticRoutesOnly: !cs.bgp, LocalIpv4NetworkCidr: firstNonEmpty(cs.local, "0.0.0.0/0"),
			RemoteIpv4NetworkCidr: firstNonEmpty(cs.remote, "0.0.0.0/0"), OutsideIPAddressType: "PublicIpv4", TunnelInsideIPVersion: "ipv4"}}
	if kind == "tgw" {
		c.TransitGatewayID = gwID
	} else {
		c.VpnGatewayID = gwID
	}
	if !cs.bgp && cs.local != "" { // a static connection without one has no static route
		c.Routes = []staticRoute{{DestinationCidrBlock: cs.local, Source: "Static", State: "available"}}
	}
	if cs.state == "deleted" || cs.state == "deleting" {
		c.GatewayAssociationState = "disassociating"
	}
	var keys []string
	for i, spec := range []tunnelSpec{cs.t1, cs.t2} {
		opt, tel, events := b.tunnel(region, c, cgw, i, spec, cs.bgp)
		c.Options.Tunnels = append(c.Options.Tunnels, opt)
		c.Telemetry = append(c.Telemetry, tel)
		keys = append(keys, opt.PreSharedKey)
		if spec.group != "" && spec.group != missingGroup {
			w.group(region, spec.group).add(events...)
		}
	}
	c.CustomerGatewayConfiguration = deviceConfiguration(c, cgw, keys)
	w.conns[region] = append(w.conns[region], c)
}

// deviceConfiguration is the generic device configuration AWS sends in
// customerGatewayConfiguration, shortened: what matters here is that it
// holds both keys in clear.
func deviceConfiguration(c *vpnConnection, cgw *customerGateway, keys []string) string {
	var s strings.Builder
	fmt.Fprintf(&s, `<?xml version="1.0" encoding="UTF-8"?><vpn_connection id="%s"><customer_gateway_id>%s</customer_gateway_id>`, c.ID, cgw.ID)
	for i, k := range keys {
		fmt.Fprintf(&s, `<ipsec_tunnel><vpn_gateway><tunnel_outside_address><ip_address>%s</ip_address></tunnel_outside_address></vpn_gateway><ike><pre_shared_key>%s</pre_shared_key></ike></ipsec_tunnel>`,
			c.Options.Tunnels[i].OutsideIPAddress, k)
	}
	s.WriteString("</vpn_connection>")
	return s.String()
}

func values(v ...string) []valueItem {
	out := make([]valueItem, len(v))
	for i, s := range v {
		out[i] = valueItem{Value: s}
	}
	return out
}

func numbers(v ...int) []numberItem {
	out := make([]numberItem, len(v))
	for i, n := range v {
		out[i] = numberItem{Value: n}
	}
	return out
}

func (b *builder) psk() string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._"
	out := make([]byte, 32)
	for i := range out {
		out[i] = chars[b.rnd.IntN(len(chars))]
	}
	out[0] = 'k' // the key may not start with 0
	return string(out)
}

// tunnel builds tunnel i of a connection: its options, its telemetry and
// its log, all from one case.
func (b *builder) tunnel(region string, c *vpnConnection, cgw *customerGateway, i int, spec tunnelSpec, bgp bool) (tunnelOption, telemetry, []logEvent) {
	ip := fmt.Sprintf("203.0.113.%d", 2+b.rnd.IntN(250))
	opt := tunnelOption{OutsideIPAddress: ip, TunnelInsideCidr: fmt.Sprintf("169.254.%d.%d/30", 10+b.rnd.IntN(200), 4*b.rnd.IntN(60)),
		PreSharedKey: b.psk(), Phase1LifetimeSeconds: 28800, Phase2LifetimeSeconds: 3600, RekeyMarginTimeSeconds: 540,
		RekeyFuzzPercentage: 100, ReplayWindowSize: 1024, DpdTimeoutSeconds: 30, DpdTimeoutAction: "clear", StartupAction: "add",
		IkeVersions: values("ikev2")}
	// Most tunnels narrow the proposals, as people do; some keep AWS's
	// defaults, which the service lists as nothing set.
	if i == 0 || spec.c == noProposalP1 {
		opt.Phase1Encryption, opt.Phase1Integrity, opt.Phase1DHGroups = values("AES256", "AES256-GCM-16"), values("SHA2-256", "SHA2-384"), numbers(14, 20, 21)
		opt.Phase2Encryption, opt.Phase2Integrity, opt.Phase2DHGroups = values("AES256", "AES256-GCM-16"), values("SHA2-256"), numbers(14, 20)
	}
	switch spec.c {
	case pskInvalidV1, noProposalP2V1, peerDeadV1:
		opt.IkeVersions = values("ikev1")
	case peerDeadV2:
		opt.DpdTimeoutAction, opt.StartupAction = "restart", "start"
	case noProposalP1:
		opt.IkeVersions = values("ikev1", "ikev2")
	}
	if spec.group != "" {
		opt.LogOptions.CloudWatch = cloudWatchLogOptions{LogEnabled: true, LogOutputFormat: "json",
			LogGroupArn: "arn:aws:logs:" + region + ":" + Account + ":log-group:" + spec.group + ":*"}
	}
	h := b.history(spec.c, cgw.IPAddress)
	if c.State == "pending" || c.State == "deleted" || c.State == "deleting" {
		h = tunnelHistory{up: false, since: 20 * time.Minute}
	}
	tel := telemetry{OutsideIPAddress: ip, Status: "DOWN", StatusMessage: "IPSEC IS DOWN",
		LastStatusChange: b.now.Add(-h.since).UTC().Format(telemetryTime)}
	if h.ipsecUp {
		// On a BGP connection a tunnel is DOWN until BGP is established
		// (TunnelState, monitoring-cloudwatch-vpn.html), IPsec up or not.
		tel.StatusMessage = "IPSEC IS UP"
	}
	tel.AcceptedRouteCount = count(0)
	if bgp {
		// What the device advertises, which the tunnel accepts while UP
		// (no random draw: the world's other values stay as they were).
		tel.advertised = 3 + len(ip)%5
	}
	if h.up {
		tel.Status = "UP"
		switch {
		case spec.c == upNoRoutes:
			tel.advertised, tel.StatusMessage = 0, "0 BGP ROUTES"
		case bgp:
			tel.advertised = 3 + b.rnd.IntN(10)
			tel.AcceptedRouteCount = count(tel.advertised)
			tel.StatusMessage = fmt.Sprintf("%d BGP ROUTES", tel.advertised)
		default:
			tel.StatusMessage = "IPSEC IS UP"
		}
	}
	tel.downs = pastDowns(b.now, h)
	if len(h.events) == 0 && !h.up {
		tel.metricsFrom = b.now.Add(-h.since) // new: no metric before it was made
	}
	stream := c.ID + "-" + ip
	events := make([]logEvent, 0, len(h.events))
	for _, e := range h.events {
		events = append(events, tunnelEvent(stream, b.now.Add(-e.ago), e.detail, e.p1, e.p2, true, spec.c == noProposalP1))
	}
	return opt, tel, events
}

// tunnelHistory is a tunnel's story: up or not, since when, and what its
// log said along the way (each event ago before now).
type tunnelHistory struct {
	up      bool
	ipsecUp bool // down with IPsec up: BGP is not established
	since   time.Duration
	events  []historyEvent
}

type historyEvent struct {
	ago            time.Duration
	detail, p1, p2 string
}

// logSpan is how far back a tunnel's log goes.
const logSpan = 24 * time.Hour

// The tunnel log's messages, as "Contents of Site-to-Site VPN logs" spells
// them.
const (
	msgDPDv2        = "AWS tunnel DPD timed out after 3 retransmits"
	msgDPDv1        = "Peer is not responsive - Declaring peer dead"
	msgDeleteIKE    = "AWS tunnel received DELETE for IKE_SA from CGW"
	msgDeleteChild  = "AWS tunnel received DELETE for Phase 2 SA with SPI: c1a2b3d4"
	msgPSKv1        = "AWS tunnel payload decryption was unsuccessful due to invalid Pre-shared Key"
	msgNoProposalP1 = "No Proposal Match Found by AWS"
	msgNoProposalP2 = `No Proposal Match Found. Notifying with "No proposal chosen"`
	msgChildFailed  = "AWS tunnel Phase 2 was unable to establish while keeping Phase 1"
	msgTS           = "AWS: Traffic Selector: TS_UNACCEPTABLE: received from responder"
	msgAuthFailed   = "AWS tunnel is sending AUTHENTICATION_FAILED as the response"
	msgCollision    = "AWS tunnel detected a (CHILD_REKEY) collision as CHILD_DELETE"
	msgRedundant    = "AWS tunnel (CHILD_SA) redundant SA is being deleted due to detected collision"
)

func (b *builder) history(c tunnelCase, cgwIP string) tunnelHistory {
	const est, down, nego, rekey = "Established", "Down", "Negotiating", "Rekeying"
	var h tunnelHistory
	id := 100 + b.rnd.IntN(800)
	// healthy adds the rekeys of an up tunnel between from and to ago.
	healthy := func(from, to time.Duration) {
		for at := from; at > to; at -= 50 * time.Minute {
			id++
			h.events = append(h.events,
				historyEvent{at, fmt.Sprintf("AWS tunnel is sending request (id=%d) for CREATE_CHILD_SA", id), est, rekey},
				historyEvent{at - 2*time.Second, fmt.Sprintf("AWS tunnel processed response (id=%d) for CREATE_CHILD_SA", id), est, est})
		}
	}
	// failing repeats a failure every step from since ago until now.
	failing := func(since, step time.Duration, detail, p1, p2 string) {
		for at := min(since, logSpan); at > 0; at -= step {
			h.events = append(h.events, historyEvent{at, detail, p1, p2})
		}
	}
	cameBack := func(at time.Duration) {
		id = 1
		h.events = append(h.events,
			historyEvent{at + 5*time.Second, "AWS tunnel processed request (id=0) for CREATE_CHILD_SA", nego, nego},
			historyEvent{at, "AWS tunnel is sending response (id=0) for CREATE_CHILD_SA", est, est})
	}
	switch c {
	case stableUp, upNoRoutes:
		h.up, h.since = true, 3*24*time.Hour
		healthy(logSpan, 0)
		h.events = append(h.events, historyEvent{7 * time.Hour, msgRedundant, est, est})
	case flappedUp:
		h.up, h.since = true, 110*time.Minute
		healthy(logSpan, 2*time.Hour)
		h.events = append(h.events, historyEvent{2 * time.Hour, msgDPDv2, down, down})
		cameBack(110 * time.Minute)
		healthy(100*time.Minute, 0)
	case cgwDeletedIKE:
		h.up, h.since = true, 25*time.Minute
		healthy(logSpan, 30*time.Minute)
		h.events = append(h.events, historyEvent{5 * time.Hour, msgCollision, est, est},
			historyEvent{30 * time.Minute, msgDeleteIKE, down, down})
		cameBack(25 * time.Minute)
	case pskMismatchV2:
		h.since = 6 * time.Hour
		healthy(logSpan, h.since)
		h.events = append(h.events, historyEvent{h.since + time.Minute, msgDeleteIKE, down, down})
		failing(h.since, 10*time.Minute, "AWS tunnel detected a pre-shared key mismatch with cgw: "+cgwIP, down, down)
	case pskInvalidV1:
		h.since = 2 * 24 * time.Hour
		failing(h.since, 10*time.Minute, msgPSKv1, down, down)
	case noProposalP1:
		h.since = 5 * time.Hour
		healthy(logSpan, h.since)
		h.events = append(h.events, historyEvent{h.since + time.Minute, msgDeleteIKE, down, down})
		failing(h.since, 10*time.Minute, msgNoProposalP1, down, down)
	case noProposalP2V1:
		h.since = 3 * time.Hour
		healthy(logSpan, h.since)
		failing(h.since, 10*time.Minute, msgNoProposalP2, est, down)
	case childFailedV2:
		h.since = 90 * time.Minute
		healthy(logSpan, h.since)
		failing(h.since, 10*time.Minute, msgChildFailed, est, down)
	case tsUnacceptable:
		h.since = 4 * time.Hour
		failing(h.since, 10*time.Minute, msgTS, est, down)
		failing(h.since-time.Second, 10*time.Minute, msgChildFailed, est, down)
	case peerDeadV2:
		h.since = 40 * time.Minute
		healthy(logSpan, h.since)
		h.events = append(h.events, historyEvent{h.since, msgDPDv2, down, down})
		failing(h.since-time.Minute, 5*time.Minute, "AWS tunnel Timeout: deleting un-established Phase 1 IKE_SA with cgw: "+cgwIP, nego, down)
	case peerDeadV1:
		h.since = 8 * time.Hour
		h.events = append(h.events, historyEvent{h.since, msgDPDv1, down, down})
	case authFailed:
		h.since = 26 * time.Hour
		failing(h.since, 10*time.Minute, msgAuthFailed, down, down)
	case cgwDeletedChild:
		h.since = 15 * time.Minute
		healthy(logSpan, h.since)
		h.events = append(h.events, historyEvent{h.since, msgDeleteChild, est, down})
		failing(h.since-time.Minute, 5*time.Minute, msgChildFailed, est, down)
	case neverUp:
		h.since = 20 * time.Minute
	case bgpBehindIPsec:
		// IPsec rekeys as usual all along; BGP went down 35 minutes ago,
		// which the tunnel activity log (IKE, IPsec, DPD) does not show.
		h.ipsecUp, h.since = true, 35*time.Minute
		healthy(logSpan, 0)
	case noProposalInitV2:
		// The device came back from a change with proposals AWS's IKEv2
		// does not share: IKE_SA_INIT fails, phase 1 never comes up.
		h.since = 50 * time.Minute
		healthy(logSpan, h.since)
		h.events = append(h.events, historyEvent{h.since + time.Minute, msgDeleteIKE, down, down})
		failing(h.since, 10*time.Minute, msgNoProposalP2, down, down)
	}
	return h
}
