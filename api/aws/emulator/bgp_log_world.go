package emulator

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"time"
)

// The BGP log of the seeded world: a BGP tunnel whose tunnel activity log
// is on logs BGP too (CloudWatchLogOptions BgpLogEnabled, BgpLogGroupArn,
// BgpLogOutputFormat: EC2 API reference, API_CloudWatchLogOptions.html),
// except bgpLogOff, which shows what a tunnel with it off says. Its
// events tell the tunnel's story as its telemetry and TunnelState do: the
// session goes down with each outage and comes back with the tunnel, the
// device's prefixes are withdrawn and advertised again, and a tunnel UP
// with 0 routes logs the withdrawals that emptied it.
//
// Its shape is not confirmed: the S2S VPN pages that list the BGP log's
// fields and its stream's name were not in the material we could read.
// The json format is the one BGP log AWS documents that we read, VPC Route
// Server's peer log (route-server-peer-logging.html: resource_arn,
// event_timestamp in ms, type BGPStatus | RouteStatus, status UP | DOWN |
// ADVERTISED | UPDATED | WITHDRAWN, message with prefix, asPath,
// nextHopIp); the text format is those words on a line. The stream is
// named as the tunnel log's ("VpnConnectionID and TunnelOutsideIPAddress",
// monitoring-logs.html), in a group of its own. api/aws reads neither
// name as given (bgp_log.go).

// bgpLogOff is the BGP tunnel whose BGP log is off (its tunnel log is on).
var bgpLogOff = struct {
	conn   string
	tunnel int
}{"colo-2", 1}

// bgpTextRegion writes its BGP logs in the text format.
const bgpTextRegion = "eu-west-1"

// bgpGroup is the BGP log group beside a tunnel log group.
func bgpGroup(tunnelGroup string) string { return tunnelGroup + "-bgp" }

// addBGPLogs turns the BGP log on for the world's BGP tunnels that log,
// and writes each one's story. It draws no random number: every other
// seeded value stays as it was.
func (w *s2sWorld) addBGPLogs(now time.Time) {
	for _, region := range regionNames {
		for ci, c := range w.conns[region] {
			if c.Options.StaticRoutesOnly {
				continue
			}
			for i := range c.Options.Tunnels {
				opt := &c.Options.Tunnels[i].LogOptions.CloudWatch
				group := logGroupName(opt.LogGroupArn)
				if !opt.LogEnabled || w.groups[region][group] == nil || nameTag(c.Tags) == bgpLogOff.conn && i == bgpLogOff.tunnel {
					continue
				}
				format := "json"
				if region == bgpTextRegion {
					format = "text"
				}
				opt.BgpLogEnabled, opt.BgpLogOutputFormat = true, format
				opt.BgpLogGroupArn = "arn:aws:logs:" + region + ":" + Account + ":log-group:" + bgpGroup(group) + ":*"
				w.group(region, bgpGroup(group)).add(bgpStory(now, region, c, ci, i, format, w.cgwASN(region, c.CustomerGatewayID))...)
			}
		}
	}
}

// bgpStory is tunnel i's BGP log over logSpan, from its telemetry and
// the outages its TunnelState history holds.
func bgpStory(now time.Time, region string, c *vpnConnection, ci, i int, format, asn string) []logEvent {
	tel, opt := c.Telemetry[i], c.Options.Tunnels[i]
	b := bgpLogWriter{stream: c.ID + "-" + opt.OutsideIPAddress, format: format,
		arn:     "arn:aws:ec2:" + region + ":" + Account + ":vpn-connection/" + c.ID,
		nextHop: cgwInsideAddress(opt.TunnelInsideCidr), asn: asn}
	prefixes := deviceBGPPrefixes(ci, tel.advertised)
	from := now.Add(-logSpan)
	changed, _ := time.Parse(telemetryTime, tel.LastStatusChange)
	downs := append([]span(nil), tel.downs...)
	if tel.Status != "UP" && (len(downs) == 0 || downs[len(downs)-1].from.Before(changed.Add(-time.Minute))) {
		downs = append(downs, span{from: changed, to: now}) // down since its last change, as TunnelState says
	}
	cameBack := time.Time{} // when the last outage ended, if it did
	for _, d := range downs {
		if d.from.After(from) {
			b.session(d.from, "DOWN")
			b.routes(d.from.Add(time.Second), "WITHDRAWN", prefixes)
		}
		if d.to.Before(now) && d.to.After(from) {
			cameBack = d.to
			b.session(d.to, "UP")
			b.routes(d.to.Add(2*time.Second), "ADVERTISED", prefixes)
		}
	}
	if tel.Status == "UP" {
		switch {
		case tel.advertised == 0:
			// UP with no route: the device stopped advertising what it had
			// (what "0 BGP ROUTES" means from AWS's side).
			b.routes(now.Add(-3*time.Hour), "WITHDRAWN", deviceBGPPrefixes(ci, 3))
		case !cameBack.IsZero() && changed.Sub(cameBack).Abs() < time.Minute:
			// The outage's end above is this UP.
		case changed.After(from):
			b.session(changed, "UP")
			b.routes(changed.Add(2*time.Second), "ADVERTISED", prefixes)
		default:
			// Up all along: a change on the device withdrew one prefix for
			// ten minutes six hours ago.
			last := prefixes[len(prefixes)-1:]
			b.routes(now.Add(-6*time.Hour), "WITHDRAWN", last)
			b.routes(now.Add(-6*time.Hour+10*time.Minute), "ADVERTISED", last)
		}
	}
	return b.events
}

// cgwASN is the customer gateway's ASN: the AS path of what it advertises.
func (w *s2sWorld) cgwASN(region, id string) string {
	for _, g := range w.cgws[region] {
		if g.ID == id {
			return g.BgpAsn
		}
	}
	return ""
}

// logBGPChange writes a tunnel's status change, as SetTunnelStatus makes
// it, to its BGP log when that is on: the session and the prefixes go
// with the tunnel.
func (w *s2sWorld) logBGPChange(region string, c *vpnConnection, t *telemetry, now time.Time) {
	ci := slices.Index(w.conns[region], c)
	i := -1
	for k := range c.Telemetry {
		if &c.Telemetry[k] == t {
			i = k
		}
	}
	if c.Options.StaticRoutesOnly || ci < 0 || i < 0 {
		return
	}
	opt := c.Options.Tunnels[i]
	cw := opt.LogOptions.CloudWatch
	g := w.groups[region][logGroupName(cw.BgpLogGroupArn)]
	if !cw.BgpLogEnabled || g == nil {
		return
	}
	b := bgpLogWriter{stream: c.ID + "-" + opt.OutsideIPAddress, format: cw.BgpLogOutputFormat,
		arn:     "arn:aws:ec2:" + region + ":" + Account + ":vpn-connection/" + c.ID,
		nextHop: cgwInsideAddress(opt.TunnelInsideCidr), asn: w.cgwASN(region, c.CustomerGatewayID)}
	if t.Status == "UP" {
		b.session(now, "UP")
		b.routes(now, "ADVERTISED", deviceBGPPrefixes(ci, t.advertised))
	} else {
		b.session(now, "DOWN")
		b.routes(now, "WITHDRAWN", deviceBGPPrefixes(ci, t.advertised))
	}
	g.add(b.events...)
}

// deviceBGPPrefixes are the n prefixes the device of the region's ci-th
// connection advertises: the same over both tunnels.
func deviceBGPPrefixes(ci, n int) []string {
	out := make([]string, n)
	for k := range out {
		out[k] = fmt.Sprintf("10.%d.%d.0/24", 100+ci%150, k)
	}
	return out
}

// cgwInsideAddress is the device's address in the tunnel's inside /30:
// the second host (AWS's is the first).
func cgwInsideAddress(cidr string) string {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return ""
	}
	return p.Masked().Addr().Next().Next().String()
}

type bgpLogWriter struct {
	stream, format, arn, nextHop, asn string
	events                            []logEvent
}

func (b *bgpLogWriter) session(at time.Time, status string) {
	b.write(at, "BGPStatus", status, nil)
}

func (b *bgpLogWriter) routes(at time.Time, status string, prefixes []string) {
	for _, p := range prefixes {
		b.write(at, "RouteStatus", status, map[string]any{"prefix": p, "asPath": b.asn, "nextHopIp": b.nextHop})
	}
}

func (b *bgpLogWriter) write(at time.Time, typ, status string, msg map[string]any) {
	line := ""
	if b.format == "text" {
		line = at.UTC().Format(time.RFC3339) + " " + typ + " " + status
		if msg != nil {
			line += fmt.Sprintf(" %s as-path %s next-hop %s", msg["prefix"], msg["asPath"], msg["nextHopIp"])
		}
	} else {
		raw, _ := json.Marshal(map[string]any{"resource_arn": b.arn, "event_timestamp": at.UnixMilli(), "type": typ,
			"status": status, "message": msg})
		line = string(raw)
	}
	b.events = append(b.events, logEvent{stream: b.stream, at: at.UnixMilli(), message: line})
}

// logGroupName is the name in a log group ARN.
func logGroupName(arn string) string {
	const marker = ":log-group:"
	for i := 0; i+len(marker) <= len(arn); i++ {
		if arn[i:i+len(marker)] == marker {
			name := arn[i+len(marker):]
			if n := len(name); n >= 2 && name[n-2:] == ":*" {
				name = name[:n-2]
			}
			return name
		}
	}
	return arn
}
