package ec2client_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/aws"
)

// bgpWindow reads tunnel t's BGP log over span through the real SDK, as
// the log view does: the query, this tunnel's streams, each event parsed.
func bgpWindow(t *testing.T, r rig, region string, c aws.VPNConnection, tun aws.Tunnel, span time.Duration) []aws.BGPLogEntry {
	t.Helper()
	q, why, ok := aws.BGPLogQuery(c, tun, fixedNow, span)
	if !ok {
		t.Fatalf("%s %s: %s", c.Name, tun.OutsideIP, why)
	}
	p, err := r.client.FilterLogEvents(context.Background(), region, q)
	if err != nil || p.More {
		t.Fatalf("%v, more %v", err, p.More)
	}
	var out []aws.BGPLogEntry
	for _, e := range p.Events {
		if aws.BGPLogStreamIsTunnels(c, tun, e.Stream) {
			out = append(out, aws.ParseBGPLog(e.Stream, e.Time, e.Message))
		}
	}
	return out
}

// A tunnel that flapped two hours ago: its BGP log, read through the SDK,
// has the session going down and coming back, the prefixes withdrawn and
// advertised again, as many as the tunnel accepts; in both output formats.
func TestBGPLogTellsTheFlap(t *testing.T) {
	r := newRig(t, "")
	for _, x := range []struct{ region, conn string }{{"us-east-1", "hq-backup"}, {"eu-west-1", "eu-dc"}} {
		c := connectionNamed(t, r, x.region, x.conn)
		tun := c.Tunnels[0]
		if x.region == "eu-west-1" {
			tun = c.Tunnels[1]
		}
		if !tun.Up() || !tun.BGPLogging || tun.BGPLogOutputFormat == "" {
			t.Fatalf("%s: %+v", x.conn, tun)
		}
		var sessions []string
		withdrawn, advertised := 0, 0
		for _, e := range bgpWindow(t, r, x.region, c, tun, 3*time.Hour) {
			switch {
			case e.Session != "":
				sessions = append(sessions, e.Session)
			case e.Route == "withdrawn" && e.Prefix != "":
				withdrawn++
			case e.Route == "advertised" && e.Prefix != "":
				advertised++
			default:
				t.Errorf("%s: not recognised: %+v", x.conn, e)
			}
			a, ok := aws.AnnotateBGPLog(e, c, tun)
			if !ok || a.Meaning == "" {
				t.Errorf("%s: no meaning for %+v", x.conn, e)
			}
		}
		routes, _ := tun.Routes()
		if strings.Join(sessions, ",") != "Down,Up" || withdrawn != advertised || advertised != routes {
			t.Errorf("%s (%s): sessions %v, %d withdrawn, %d advertised, %d accepted", x.conn, tun.BGPLogOutputFormat, sessions, withdrawn, advertised, routes)
		}
	}
}

// A BGP tunnel with the BGP log off says what turns it on.
func TestBGPLogOffSaysWhatTurnsItOn(t *testing.T) {
	r := newRig(t, "")
	c := connectionNamed(t, r, "us-east-1", "colo-2")
	tun := c.Tunnels[1]
	if tun.BGPLogging || !tun.Logging {
		t.Fatalf("colo-2's second tunnel: %+v", tun)
	}
	if _, why, ok := aws.BGPLogQuery(c, tun, fixedNow, time.Hour); ok || !strings.Contains(why, "BgpLogEnabled=true") {
		t.Errorf("ok %v: %q", ok, why)
	}
}
