package alibaba_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// pskMismatch finds a connection the service diagnoses with a pre-shared
// key mismatch, and when it says it failed.
func pskMismatch(t *testing.T, r rig) (alibaba.Connection, time.Time) {
	t.Helper()
	ctx := context.Background()
	gws, err := r.client.Gateways(ctx, "cn-hangzhou", api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gws.Items {
		conns, err := r.client.Connections(ctx, "cn-hangzhou", g.ID, api.FirstPage(50))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range conns.Items {
			if c.Status == "ipsec_sa_established" && !c.DualTunnel() {
				continue
			}
			ds, err := r.client.Diagnose(ctx, "cn-hangzhou", g.ID, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				if d.Code == "IkePskMismatch" {
					return c, d.FailedAt
				}
			}
		}
	}
	t.Fatal("no connection with a key mismatch in cn-hangzhou")
	return alibaba.Connection{}, time.Time{}
}

// A connection failing on a key mismatch: ActionTrail, read through the
// real SDK (services/actiontrail), says alice changed its key two minutes
// before the failure the service's diagnosis dates, newest first, the key
// masked and in no field; reads are left out by the service (EventRW).
func TestTheKeyChangeBeforeAnAlibabaFailureIsReadWithTheKeyMasked(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{})
	c, failed := pskMismatch(t, r)
	page, err := r.client.Changes(context.Background(), "cn-hangzhou", api.ChangeQuery{ResourceID: c.ID, Start: fixedNow.Add(-api.ChangeWindow), End: fixedNow}, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) < 1 {
		t.Fatalf("got %+v", page.Items)
	}
	first := page.Items[0]
	if first.Action != "ModifyVpnConnectionAttribute" || !first.Time.Equal(failed.Add(-2*time.Minute).Truncate(time.Second)) {
		t.Errorf("newest %s at %v, want ModifyVpnConnectionAttribute 2 min before %v", first.Action, first.Time, failed)
	}
	if first.Name != "alice" || first.SourceIP != "192.0.2.45" || !first.Touches("Psk") {
		t.Errorf("who %q from %q, params %v", first.Name, first.SourceIP, first.Params)
	}
	all := fmt.Sprintf("%+v", page)
	if key := c.IKE.PSK.Reveal(); key == "" || strings.Contains(all, key) {
		t.Errorf("the key (%d chars) is in the changes, or unread", len(key))
	}
	for _, ch := range page.Items {
		if strings.HasPrefix(ch.Action, "Describe") {
			t.Errorf("a read is listed as a change: %s", ch.Action)
		}
		for _, p := range ch.Params {
			if strings.HasSuffix(p.Key, "Psk") && p.Value != api.Mask {
				t.Errorf("%s %s = %q", ch.Action, p.Key, p.Value)
			}
		}
	}
}

// Refused, ActionTrail names the permission to grant.
func TestARefusedActionTrailNamesThePermission(t *testing.T) {
	f, err := emulator.ParseFault("forbidden:action=LookupEvents")
	if err != nil {
		t.Fatal(err)
	}
	r := newRig(t, emulator.Config{Faults: []emulator.Fault{f}}, vpcclient.Options{})
	_, err = r.client.Changes(context.Background(), "cn-hangzhou", api.ChangeQuery{ResourceID: "vco-1"}, api.FirstPage(20))
	e, ok := api.AsError(err)
	if !ok || e.Kind != api.KindPermission || !strings.Contains(e.Hint, "actiontrail:LookupEvents") {
		t.Fatalf("got %+v", err)
	}
}
