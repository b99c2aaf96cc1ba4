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

// The emulator tells one story of a key change (issue 25): the connection
// alice changed the pre-shared key of is up in CloudMonitor's state metric
// all day until its last period, and the change in ActionTrail comes before
// the outage, not after it has long been going on.
func TestAKeyChangeComesJustBeforeTheOutageTheMetricShows(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	ctx := context.Background()
	gw := gatewayNamed(t, r, "hz-locked")
	page, err := r.client.Connections(ctx, hz, gw.ID, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range page.Items {
		changes, err := r.client.Changes(ctx, hz, api.ChangeQuery{ResourceID: c.ID, Start: fixedNow.Add(-time.Hour), End: fixedNow}, api.FirstPage(50))
		if err != nil {
			t.Fatal(err)
		}
		var keyChange time.Time
		for _, ch := range changes.Items {
			if ch.Action == "ModifyVpnConnectionAttribute" {
				keyChange = ch.Time
			}
		}
		if keyChange.IsZero() {
			continue
		}
		var ids []string
		for _, tn := range c.Tunnels() {
			if !tn.Synthetic {
				ids = append(ids, tn.ID)
			}
		}
		m, err := r.client.TunnelMetrics(ctx, hz, alibaba.TunnelMetricsQuery{ConnectionID: c.ID, TunnelIDs: ids, End: fixedNow, Span: 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		state := m.Tunnels[0].State
		v, last := state.Latest()
		if last < 1 || v >= 1 || state.Values[last-1] != 1 {
			t.Errorf("%s: the state metric ends %v after %v; want up until the last period, which the outage cuts", c.Name, v, state.Values[max(last-1, 0)])
		}
		if onset := state.Start.Add(time.Duration(last) * state.Period); keyChange.Before(onset) || keyChange.After(fixedNow) {
			t.Errorf("%s: the key changed at %s, outside the outage's period (from %s)", c.Name, keyChange, onset)
		}
		return
	}
	t.Fatal("no connection of hz-locked has a key change in the last hour")
}
