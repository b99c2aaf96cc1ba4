package ec2client_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api/aws"
)

// Alice's failed attempts, and why: the connection log answers what
// DescribeClientVpnConnections cannot.
func TestWhyCantAliceConnect(t *testing.T) {
	r := newRig(t, "")
	e := endpointNamed(t, r, "us-east-1", "corp-vpn")
	q, why, ok := aws.ConnectionLogQuery(e, "alice", fixedNow, aws.DefaultLogWindow)
	if !ok {
		t.Fatal(why)
	}
	p, err := r.client.FilterLogEvents(context.Background(), "us-east-1", q)
	if err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, ev := range aws.NewestFirst(p.Events) {
		entry, ok := aws.ParseConnectionLog(ev.Time, ev.Message)
		if !ok || !entry.MatchesWho("alice") {
			t.Errorf("not alice's: %q", ev.Message)
			continue
		}
		if entry.Failed() {
			failed++
			if m, _, ok := aws.ExplainFailureReason(entry.FailureReason); !ok || !strings.Contains(m, "authorization policy") {
				t.Errorf("reason %q: %q", entry.FailureReason, m)
			}
		}
	}
	if failed != 2 {
		t.Errorf("alice failed %d times in the hour, want 2", failed)
	}
	legacy := endpointNamed(t, r, "us-east-1", "legacy-office")
	if _, why, ok := aws.ConnectionLogQuery(legacy, "", fixedNow, time.Hour); ok || !strings.Contains(why, "ModifyClientVpnEndpoint") {
		t.Errorf("logging off: %q %v", why, ok)
	}
}

func TestTunnelLogQueryWhenLoggingIsOff(t *testing.T) {
	r := newRig(t, "")
	c := connectionNamed(t, r, "us-east-1", "branch-london")
	if _, _, ok := aws.TunnelLogQuery(c, c.Tunnels[0], fixedNow, time.Hour); !ok {
		t.Error("tunnel 1 logs")
	}
	if _, why, ok := aws.TunnelLogQuery(c, c.Tunnels[1], fixedNow, time.Hour); ok || !strings.Contains(why, "ModifyVpnTunnelOptions") {
		t.Errorf("tunnel 2 does not log: %q %v", why, ok)
	}
	events := aws.NewestFirst([]aws.LogEvent{{Time: fixedNow.Add(-time.Hour)}, {Time: fixedNow}, {Time: fixedNow.Add(-time.Minute)}})
	if !events[0].Time.Equal(fixedNow) || !events[2].Time.Equal(fixedNow.Add(-time.Hour)) {
		t.Errorf("newest first: %v", events)
	}
}

// A session eu-staff's authorization policy ended on a periodic
// evaluation is in its log as a connection-reset, read through the real
// SDK as a failure with its reason, not a routine end.
func TestAPolicyResetInTheLogIsAFailure(t *testing.T) {
	r := newRig(t, "")
	e := endpointNamed(t, r, "eu-west-1", "eu-staff")
	q, why, ok := aws.ConnectionLogQuery(e, "", fixedNow, time.Hour)
	if !ok {
		t.Fatal(why)
	}
	p, err := r.client.FilterLogEvents(context.Background(), "eu-west-1", q)
	if err != nil {
		t.Fatal(err)
	}
	resets := 0
	for _, ev := range p.Events {
		entry, ok := aws.ParseConnectionLog(ev.Time, ev.Message)
		if !ok || entry.Type != "connection-reset" {
			continue
		}
		resets++
		if m, _, ok := aws.ExplainEntry(entry); !entry.Failed() || !ok || !strings.Contains(m, "periodic") {
			t.Errorf("the reset: failed %v, %q", entry.Failed(), m)
		}
	}
	if resets != 1 {
		t.Errorf("%d resets in eu-staff's hour of log, want 1", resets)
	}
}
