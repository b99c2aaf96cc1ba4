package aws

import (
	"strings"
	"testing"
	"time"
)

var bgpAt = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func TestBGPLogReadsRouteServersDocumentedShape(t *testing.T) {
	for _, c := range []struct {
		line, session, route, prefix string
		at                           time.Time
	}{
		{`{"resource_arn":"arn:x","event_timestamp":1746643490000,"type":"BGPStatus","status":"UP","message":null}`,
			"Up", "", "", time.UnixMilli(1746643490000).UTC()},
		{`{"event_timestamp":1746643490000,"type":"BGPStatus","status":"DOWN"}`, "Down", "", "", time.UnixMilli(1746643490000).UTC()},
		{`{"event_timestamp":1746643505367,"type":"RouteStatus","status":"ADVERTISED","message":{"prefix":"10.24.34.0/32","asPath":"65000","med":100,"nextHopIp":"10.24.34.1"}}`,
			"", "advertised", "10.24.34.0/32", time.UnixMilli(1746643505367).UTC()},
		{`{"event_timestamp":1746643505,"type":"RouteStatus","status":"WITHDRAWN","message":{"prefix":"10.1.0.0/16"}}`,
			"", "withdrawn", "10.1.0.0/16", time.Unix(1746643505, 0).UTC()},
	} {
		e := ParseBGPLog("s", bgpAt, c.line)
		if e.Session != c.session || e.Route != c.route || e.Prefix != c.prefix || !e.Time.Equal(c.at) {
			t.Errorf("%s: got session %q route %q prefix %q at %s", c.line, e.Session, e.Route, e.Prefix, e.Time)
		}
		if e.Detail == "" || strings.HasPrefix(e.Detail, "{") {
			t.Errorf("%s: the detail should say it in words, got %q", c.line, e.Detail)
		}
	}
}

func TestBGPLogRecognisesEventsByTheirWordsWhenTheNamesDiffer(t *testing.T) {
	for _, c := range []struct{ line, session, route, prefix string }{
		{"BGP peer 169.254.10.1 state changed from Active to Established", "Established", "", ""},
		{"BGP session to neighbor 169.254.10.1 went down: hold timer expired", "Down", "", ""},
		{`{"bgp_state":"IDLE","details":"BGP notification received: hold timer expired"}`, "Idle", "", ""},
		{"Prefix 10.50.0.0/16 withdrawn by peer 169.254.10.1", "", "withdrawn", "10.50.0.0/16"},
		{`{"event":"announce","nlri":"192.168.8.0/22"}`, "", "advertised", "192.168.8.0/22"},
	} {
		e := ParseBGPLog("s", bgpAt, c.line)
		if e.Session != c.session || e.Route != c.route || e.Prefix != c.prefix {
			t.Errorf("%s: got session %q route %q prefix %q", c.line, e.Session, e.Route, e.Prefix)
		}
	}
}

func TestBGPLogLeavesWhatItDoesNotRecogniseWhole(t *testing.T) {
	for _, line := range []string{
		"keepalive sent",
		"the customer is active on the console", // "active", not a state: no session word in the line
		"route table 10.0.0.0/8 is large",       // a prefix without a verb
	} {
		e := ParseBGPLog("s", bgpAt, line)
		if e.Session != "" || e.Route != "" || e.Detail != line {
			t.Errorf("%q: got session %q route %q detail %q", line, e.Session, e.Route, e.Detail)
		}
	}
}

func TestBGPLogQuerySaysWhatTurnsItOnWhenOff(t *testing.T) {
	c := VPNConnection{ID: "vpn-1", Tunnels: []Tunnel{{OutsideIP: "203.0.113.5", Logging: true, LogGroupARN: "arn:g"}}}
	_, why, ok := BGPLogQuery(c, c.Tunnels[0], bgpAt, time.Hour)
	if ok || !strings.Contains(why, "BgpLogEnabled=true") || !strings.Contains(why, "ModifyVpnTunnelOptions") {
		t.Fatalf("got ok %v, %q", ok, why)
	}
	c.Tunnels[0].BGPLogging, c.Tunnels[0].BGPLogGroupARN = true, "arn:aws:logs:us-east-1:1:log-group:bgp:*"
	q, _, ok := BGPLogQuery(c, c.Tunnels[0], bgpAt, time.Hour)
	if !ok || q.Group != c.Tunnels[0].BGPLogGroupARN || q.StreamPrefix != "vpn-1" || !q.Start.Equal(bgpAt.Add(-time.Hour)) {
		t.Fatalf("got %+v", q)
	}
}

func TestBGPLogStreamsOfTheOtherTunnelAndOfTheTunnelLogAreNotThisTunnels(t *testing.T) {
	const shared = "arn:aws:logs:us-east-1:1:log-group:/vpn:*"
	c := VPNConnection{ID: "vpn-1", Tunnels: []Tunnel{
		{OutsideIP: "203.0.113.5", Logging: true, LogGroupARN: shared, BGPLogging: true, BGPLogGroupARN: shared},
		{OutsideIP: "203.0.113.50", Logging: true, LogGroupARN: shared}}}
	for stream, want := range map[string]bool{
		"vpn-1-203.0.113.5-bgp":  true,
		"vpn-1-bgp":              true, // names no tunnel: kept
		"vpn-1-203.0.113.50-bgp": false,
		"vpn-1-203.0.113.5":      false, // the tunnel activity log's stream, in the same group
	} {
		if got := BGPLogStreamIsTunnels(c, c.Tunnels[0], stream); got != want {
			t.Errorf("%s: got %v, want %v", stream, got, want)
		}
	}
	// In a group of its own, the BGP log may name its stream as the tunnel
	// log does: it is this tunnel's.
	c.Tunnels[0].BGPLogGroupARN = "arn:aws:logs:us-east-1:1:log-group:/vpn-bgp:*"
	if !BGPLogStreamIsTunnels(c, c.Tunnels[0], "vpn-1-203.0.113.5") {
		t.Error("a BGP group of its own: the stream named like the tunnel log's should be kept")
	}
}

// A BGP tunnel that is down with IPsec up, or up with no route, says in
// its checks to read its BGP log, or what turns it on.
func TestABGPTunnelsChecksNameItsBGPLog(t *testing.T) {
	c := VPNConnection{ID: "vpn-1", GatewayKind: KindVGW}
	for _, tun := range []Tunnel{
		{OutsideIP: "203.0.113.5", Status: "DOWN", StatusMessage: "IPSEC IS UP"},
		{OutsideIP: "203.0.113.6", Status: "UP", StatusMessage: "0 BGP ROUTES", AcceptedRoutes: Known(0)},
	} {
		c.Tunnels = []Tunnel{tun}
		a, ok := ExplainTunnel(c, CustomerGateway{ASN: "65010"}, tun)
		if !ok || !strings.Contains(strings.Join(a.Checks, "\n"), "BgpLogEnabled=true") {
			t.Errorf("%s, BGP log off: %v", tun.OutsideIP, a.Checks)
		}
		tun.BGPLogging, tun.BGPLogGroupARN = true, "arn:aws:logs:us-east-1:1:log-group:/vpn-bgp:*"
		a, _ = ExplainTunnel(c, CustomerGateway{ASN: "65010"}, tun)
		if !strings.Contains(strings.Join(a.Checks, "\n"), "read the BGP log (l, then b) in /vpn-bgp") {
			t.Errorf("%s, BGP log on: %v", tun.OutsideIP, a.Checks)
		}
	}
}

// Whatever a BGP log holds, reading it neither panics nor loses the line:
// what is not recognised stays whole, and a route is only a route with a
// prefix or a documented route status.
func FuzzParseBGPLog(f *testing.F) {
	for _, s := range []string{
		`{"event_timestamp":1746643505367,"type":"RouteStatus","status":"ADVERTISED","message":{"prefix":"10.24.34.0/32"}}`,
		`{"type":"BGPStatus","status":"DOWN","message":null}`,
		"BGP state changed from Active to Established", "Prefix 10.50.0.0/16 withdrawn", `{"a":[1,"x",{"b":null}]}`, "", "\x1b[31mred",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		e := ParseBGPLog("s", bgpAt, line)
		if e.Session == "" && e.Route == "" && strings.TrimSpace(line) != "" && e.Detail == "" {
			t.Errorf("%q: not recognised, and the detail is empty", line)
		}
		if e.Session != "" && e.Route != "" {
			t.Errorf("%q: both a session and a route change: %+v", line, e)
		}
	})
}

// A deeply nested event is read in one walk (the first reader walked each
// level twice: 2^depth).
func TestADeeplyNestedBGPEventIsReadQuickly(t *testing.T) {
	line := strings.Repeat(`{"a":`, 60) + `"BGP session down"` + strings.Repeat(`}`, 60)
	done := make(chan BGPLogEntry, 1)
	go func() { done <- ParseBGPLog("s", bgpAt, line) }()
	select {
	case e := <-done:
		if e.Session != "Down" {
			t.Errorf("got %+v", e)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a 60-deep event still being read after 2 s")
	}
}
