package emulator_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// bgpEvent is one BGP log event as the emulator writes its json format.
type bgpEvent struct {
	At      time.Time
	Type    string
	Status  string
	Prefix  string
	Message string
}

func bgpEvents(t *testing.T, s sdks, region, group, stream string) []bgpEvent {
	t.Helper()
	var out []bgpEvent
	p := cloudwatchlogs.NewFilterLogEventsPaginator(s.logs, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: awssdk.String(group),
		LogStreamNames: []string{stream}})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background(), logsIn(region))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Events {
			m := awssdk.ToString(e.Message)
			ev := bgpEvent{At: time.UnixMilli(awssdk.ToInt64(e.Timestamp)).UTC(), Message: m}
			var j struct {
				Type, Status string
				Message      *struct{ Prefix string }
			}
			if json.Unmarshal([]byte(m), &j) == nil {
				ev.Type, ev.Status = j.Type, j.Status
				if j.Message != nil {
					ev.Prefix = j.Message.Prefix
				}
			} else if f := strings.Fields(m); len(f) >= 3 { // the text format: time, type, status, prefix…
				ev.Type, ev.Status = f[1], f[2]
				if len(f) >= 4 {
					ev.Prefix = f[3]
				}
			}
			out = append(out, ev)
		}
	}
	return out
}

// Each BGP tunnel that logs BGP tells in its BGP log the story its
// telemetry tells: the session down with each outage and up when it came
// back, the prefixes withdrawn and advertised with it, as many advertised
// since the last UP as the tunnel accepts; one BGP tunnel has it off.
func TestBGPLogsAgreeWithTelemetry(t *testing.T) {
	s := start(t, "")
	on, off, flaps, text := 0, 0, 0, 0
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-southeast-2"} {
		for _, c := range connections(t, s, region) {
			for i, o := range c.Options.TunnelOptions {
				cw := o.LogOptions.CloudWatchLogOptions
				if awssdk.ToBool(c.Options.StaticRoutesOnly) {
					if awssdk.ToBool(cw.BgpLogEnabled) {
						t.Errorf("%s: a static connection logs BGP", awssdk.ToString(c.VpnConnectionId))
					}
					continue
				}
				if !awssdk.ToBool(cw.BgpLogEnabled) {
					if awssdk.ToBool(cw.LogEnabled) && !strings.Contains(awssdk.ToString(cw.LogGroupArn), "partner-old") {
						off++
					}
					continue
				}
				on++
				arn := awssdk.ToString(cw.BgpLogGroupArn)
				group := strings.TrimSuffix(arn[strings.Index(arn, ":log-group:")+11:], ":*")
				tel := c.VgwTelemetry[i]
				stream := awssdk.ToString(c.VpnConnectionId) + "-" + awssdk.ToString(tel.OutsideIpAddress)
				events := bgpEvents(t, s, region, group, stream)
				if f := awssdk.ToString(cw.BgpLogOutputFormat); f == "text" {
					text++
				} else if f != "json" {
					t.Errorf("%s: BGP log format %q", stream, f)
				}
				changed := tel.LastStatusChange.UTC()
				var lastSession *bgpEvent
				advertised := 0
				for k, e := range events {
					switch {
					case e.Type == "BGPStatus":
						lastSession, advertised = &events[k], 0
						if e.Status == "DOWN" && tel.Status == types.TelemetryStatusUp && e.At.After(changed) {
							t.Errorf("%s is UP since %s but its session went down at %s", stream, changed, e.At)
						}
						if e.Status == "UP" && k > 0 && tel.Status == types.TelemetryStatusUp {
							flaps++
						}
					case e.Status == "ADVERTISED":
						advertised++
					case e.Status == "WITHDRAWN":
						advertised--
					}
				}
				if lastSession == nil {
					continue
				}
				want := "DOWN"
				if tel.Status == types.TelemetryStatusUp {
					want = "UP"
					if got := int(awssdk.ToInt32(tel.AcceptedRouteCount)); advertised != got {
						t.Errorf("%s accepts %d routes, its BGP log advertised %d since the session came up", stream, got, advertised)
					}
				}
				if lastSession.Status != want {
					t.Errorf("%s is %s, its BGP log's last session event is %s", stream, tel.Status, lastSession.Status)
				}
			}
		}
	}
	if on < 8 || off != 1 || flaps < 2 || text == 0 {
		t.Errorf("BGP log on for %d tunnels, off for %d logged BGP tunnels (want 1), %d flaps, %d in text", on, off, flaps, text)
	}
}

// A tunnel the emulator takes down and brings back while running logs the
// change in its BGP log too: what a watched BGP log shows.
func TestBGPLogFollowsALiveStatusChange(t *testing.T) {
	s := start(t, "")
	var c types.VpnConnection
	for _, x := range connections(t, s, "us-east-1") {
		if name(x.Tags) == "hq-primary" {
			c = x
		}
	}
	cw := c.Options.TunnelOptions[0].LogOptions.CloudWatchLogOptions
	arn := awssdk.ToString(cw.BgpLogGroupArn)
	group := strings.TrimSuffix(arn[strings.Index(arn, ":log-group:")+11:], ":*")
	stream := awssdk.ToString(c.VpnConnectionId) + "-" + awssdk.ToString(c.VgwTelemetry[0].OutsideIpAddress)
	before := len(bgpEvents(t, s, "us-east-1", group, stream))
	if err := s.emu.SetTunnelStatus("us-east-1", "hq-primary", 0, "DOWN", "IPSEC IS DOWN"); err != nil {
		t.Fatal(err)
	}
	events := bgpEvents(t, s, "us-east-1", group, stream)
	added := events[before:]
	routes := int(awssdk.ToInt32(c.VgwTelemetry[0].AcceptedRouteCount))
	if len(added) != 1+routes || added[0].Type != "BGPStatus" || added[0].Status != "DOWN" {
		t.Fatalf("after going down, %d routes: %+v", routes, added)
	}
	for _, e := range added[1:] {
		if e.Status != "WITHDRAWN" || e.Prefix == "" {
			t.Errorf("not a withdrawal: %+v", e)
		}
	}
}
