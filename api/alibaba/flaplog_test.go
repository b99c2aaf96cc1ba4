package alibaba_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// A connection that flapped shows the flap in its negotiation log: the
// lines agree with the state it had at each moment of the window.
func TestNegotiationLogShowsAFlap(t *testing.T) {
	var mu sync.Mutex
	now := fixedNow
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	r := newRig(t, emulator.Config{Now: clock}, vpcclient.Options{})
	ctx := context.Background()
	gw := bigGateway(t, r)
	page, err := r.client.Connections(ctx, hz, gw.ID, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	var single, dual *alibaba.Connection
	for i := range page.Items[6:] {
		c := &page.Items[6+i]
		if alibaba.ConnectionVerdict(*c) != alibaba.VerdictHealthy {
			continue
		}
		if c.DualTunnel() && dual == nil {
			dual = c
		} else if !c.DualTunnel() && single == nil {
			single = c
		}
	}
	if single == nil || dual == nil {
		t.Fatal("no healthy single- and dual-tunnel connections to flap")
	}
	down, up := fixedNow.Add(3*time.Minute), fixedNow.Add(6*time.Minute)
	for _, c := range []*alibaba.Connection{single, dual} {
		set(down)
		if _, err := r.emu.FlapConnection(hz, c.ID); err != nil {
			t.Fatal(err)
		}
		set(up)
		r.emu.FlapConnection(hz, c.ID)
	}
	set(fixedNow.Add(9 * time.Minute))
	for _, q := range []alibaba.LogQuery{
		{ConnectionID: single.ID},
		{ConnectionID: dual.ID, TunnelID: dual.TunnelOptions[0].ID},
	} {
		q.From, q.To = fixedNow, fixedNow.Add(9*time.Minute)
		logs, err := r.client.ConnectionLogs(ctx, hz, q, api.FirstPage(50))
		if err != nil {
			t.Fatal(err)
		}
		sawDown, sawUp := false, false
		for _, line := range logs.Items {
			at, err := time.Parse("2006-01-02 15:04:05", line[:19])
			if err != nil {
				t.Fatalf("line %q", line)
			}
			failing := alibaba.MatchLog(line) != nil
			switch {
			case strings.Contains(line, "IPsec-SA deleted"):
				sawDown = at.Equal(down)
			case strings.Contains(line, "IPsec-SA established") && at.Equal(up):
				sawUp = true
			case failing && (at.Before(down) || at.After(up)):
				t.Errorf("%s: a failure logged while it was up: %q", q.ConnectionID, line)
			}
		}
		if !sawDown || !sawUp {
			t.Errorf("%s %s: the flap at %s–%s is not in the log (down %v, up %v):\n%s", q.ConnectionID, q.TunnelID,
				down.Format("15:04:05"), up.Format("15:04:05"), sawDown, sawUp, strings.Join(logs.Items, "\n"))
		}
		failed := 0
		for _, line := range logs.Items {
			if m := alibaba.MatchLog(line); m != nil {
				failed++
			}
		}
		if failed == 0 {
			t.Errorf("%s: no failure logged while it was down", q.ConnectionID)
		}
	}
}

// The demo world starts with one flap in its history, so the negotiation
// log shows one before anything churns.
func TestDemoWorldStartsWithAFlapInItsLog(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	gw := bigGateway(t, r)
	page, err := r.client.Connections(ctx, hz, gw.ID, api.FirstPage(20))
	if err != nil {
		t.Fatal(err)
	}
	flapped := 0
	for _, c := range page.Items {
		if c.DualTunnel() {
			continue
		}
		q := alibaba.LogQuery{ConnectionID: c.ID, From: fixedNow.Add(-10 * time.Minute), To: fixedNow}
		logs, err := r.client.ConnectionLogs(ctx, hz, q, api.FirstPage(50))
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join(logs.Items, "\n")
		if strings.Contains(all, "IPsec-SA deleted") && strings.Contains(all, "IPsec-SA established") {
			flapped++
			if alibaba.ConnectionVerdict(c) != alibaba.VerdictHealthy {
				t.Errorf("%s flapped and is now %v; it should be back up", c.Name, alibaba.ConnectionVerdict(c))
			}
		}
	}
	if flapped != 1 {
		t.Errorf("%d connections show a flap, want 1", flapped)
	}
}
