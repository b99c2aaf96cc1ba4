package alibaba_test

import (
	"context"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// Every failing tunnel of the big gateway has a service diagnosis with a
// code and reason, and a negotiation log in which the pattern table
// explains at least one line, with a cause of the phase that failed. A
// tunnel with phase 1 up and phase 2 not (ike_sa_established) is one: its
// log shows why phase 2 fails, not only phase 1's notices.
func TestFailingTunnelsHaveDiagnosisAndExplainedLogs(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	gw := bigGateway(t, r)
	p, err := r.client.Connections(ctx, hz, gw.ID, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	failing := 0
	for _, c := range p.Items {
		diags, err := r.client.Diagnose(ctx, hz, gw.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(diags) != len(c.Tunnels()) {
			t.Fatalf("%s: %d diagnosis records for %d tunnels", c.ID, len(diags), len(c.Tunnels()))
		}
		for i, tun := range c.Tunnels() {
			d := diags[i]
			if alibaba.TunnelUp(tun) {
				if d.Severity != "Normal" || d.Code != "" {
					t.Errorf("%s: healthy tunnel diagnosed %+v", tun.ID, d)
				}
				continue
			}
			failing++
			if d.Severity != "Critical" || d.Code == "" || d.Reason == "" || d.SourceLog == "" || d.FailedAt.IsZero() {
				t.Errorf("%s (%s): diagnosis %+v", tun.ID, tun.Status, d)
			}
			q := alibaba.LogQuery{ConnectionID: c.ID, From: fixedNow.Add(-10 * time.Minute), To: fixedNow}
			if c.DualTunnel() {
				q.TunnelID = tun.ID
			}
			logs, err := r.client.ConnectionLogs(ctx, hz, q, api.FirstPage(50))
			if err != nil {
				t.Fatal(err)
			}
			phase, _ := alibaba.Phases(tun.Status)
			wantPhase := 2
			if phase == alibaba.PhaseDown {
				wantPhase = 1
			}
			explained := false
			for _, line := range logs.Items {
				if m := alibaba.MatchLog(line); m != nil && (m.Phase == wantPhase || m.Phase == 0) {
					explained = true
				}
			}
			if !explained {
				t.Errorf("%s (%s): no log line explains phase %d: %q", tun.ID, tun.Status, wantPhase, logs.Items)
			}
		}
	}
	if failing < 10 {
		t.Fatalf("only %d failing tunnels in the first page: the fixture should have more", failing)
	}
}
