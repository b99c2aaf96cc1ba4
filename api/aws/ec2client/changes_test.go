package ec2client_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/fault"
)

func paramOf(c api.Change, key string) (string, bool) {
	for _, p := range c.Params {
		if p.Key == key {
			return p.Value, true
		}
	}
	return "", false
}

// hq-backup's tunnel 2 is down for a pre-shared key mismatch since its last
// change: CloudTrail, read through the real SDK, says alice changed that
// tunnel's key two minutes before, from her IP, newest first, the key
// masked and nowhere in what is returned; vpnscope's own Describe calls on
// it are reads, not changes.
func TestTheKeyChangeJustBeforeAnOutageIsReadNewestFirstWithTheKeyMasked(t *testing.T) {
	r := newRig(t, "")
	c := connectionNamed(t, r, "us-east-1", "hq-backup")
	before := r.emu.Calls("LookupEvents")
	page, err := r.client.Changes(context.Background(), "us-east-1", api.ChangeQuery{ResourceID: c.ID}, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	if n := r.emu.Calls("LookupEvents") - before; n != 1 {
		t.Errorf("%d calls for one page, want 1", n)
	}
	if len(page.Items) < 3 {
		t.Fatalf("got %+v", page.Items)
	}
	first := page.Items[0]
	if first.Action != "ModifyVpnTunnelOptions" || !first.Time.Equal(c.Tunnels[1].LastStatusChange.Add(-2*time.Minute)) {
		t.Errorf("newest change %s at %v, want ModifyVpnTunnelOptions 2 min before %v", first.Action, first.Time, c.Tunnels[1].LastStatusChange)
	}
	if first.Who != "arn:aws:iam::123456789012:user/alice" || first.Name != "alice" || first.SourceIP != "192.0.2.45" {
		t.Errorf("who %q (%q) from %q", first.Who, first.Name, first.SourceIP)
	}
	if v, ok := paramOf(first, "TunnelOptions.PreSharedKey"); !ok || v != api.Mask {
		t.Errorf("PreSharedKey %q (%v), want the mask; params %v", v, ok, first.Params)
	}
	if v, _ := paramOf(first, "VpnTunnelOutsideIpAddress"); v != c.Tunnels[1].OutsideIP {
		t.Errorf("tunnel %q, want %s", v, c.Tunnels[1].OutsideIP)
	}
	all := fmt.Sprintf("%+v", page)
	for i, tun := range c.Tunnels {
		if strings.Contains(all, tun.PreSharedKey.Reveal()) {
			t.Errorf("tunnel %d's key is in the changes", i+1)
		}
	}
	for i, ch := range page.Items {
		if strings.HasPrefix(ch.Action, "Describe") {
			t.Errorf("a read is listed as a change: %s", ch.Action)
		}
		if i > 0 && ch.Time.After(page.Items[i-1].Time) {
			t.Errorf("not newest first at %d: %v after %v", i, ch.Time, page.Items[i-1].Time)
		}
	}
	created := page.Items[len(page.Items)-1]
	if created.Action != "CreateVpnConnection" || created.Name != "terraform-deployer/tf-deploy" {
		t.Errorf("oldest: %s by %s, want CreateVpnConnection by the deployment role", created.Action, created.Name)
	}
	if v, _ := paramOf(created, "Options.TunnelOptions.2.PreSharedKey"); v != api.Mask {
		t.Errorf("a key in a list of tunnels: %q, want the mask", v)
	}
}

// A window is read a page at a time: pages of one change, followed by
// their tokens, give the changes one page of fifty gives, in order.
func TestChangesPageByToken(t *testing.T) {
	r := newRig(t, "")
	c := connectionNamed(t, r, "us-east-1", "hq-backup")
	q := api.ChangeQuery{ResourceID: c.ID, Start: fixedNow.Add(-api.ChangeWindow), End: fixedNow}
	whole, err := r.client.Changes(context.Background(), "us-east-1", q, api.FirstPage(50))
	if err != nil {
		t.Fatal(err)
	}
	var paged []string
	cur := api.FirstPage(1)
	for range 20 {
		p, err := r.client.Changes(context.Background(), "us-east-1", q, cur)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range p.Items {
			paged = append(paged, ch.ID)
		}
		if !p.More {
			break
		}
		cur = p.Next
	}
	var want []string
	for _, ch := range whole.Items {
		want = append(want, ch.ID)
	}
	if !slices.Equal(paged, want) {
		t.Errorf("paged %v, want %v", paged, want)
	}
}

// A lookup that fails says so, of its kind: refused names the permission
// to grant (cloudtrail:LookupEvents); a broken answer is an error, never an
// empty history; no error carries a key.
func TestChangesFaults(t *testing.T) {
	r := newRig(t, "")
	c := connectionNamed(t, r, "us-east-1", "hq-backup")
	q := api.ChangeQuery{ResourceID: c.ID}
	for spec, want := range map[string]api.Kind{"throttle": api.KindThrottled, "503": api.KindServer, "500": api.KindServer,
		"malformed": api.KindServer, "truncate": api.KindServer, "forbidden": api.KindPermission, "oversize": api.KindServer} {
		f, err := fault.Parse(spec + ":action=LookupEvents")
		if err != nil {
			t.Fatal(err)
		}
		r.emu.SetFaults(f)
		_, err = r.client.Changes(context.Background(), "us-east-1", q, api.FirstPage(20))
		e, ok := api.AsError(err)
		if !ok || e.Kind != want {
			t.Errorf("%s: got %+v, want kind %v", spec, err, want)
			continue
		}
		if spec == "forbidden" && !strings.Contains(e.Hint, "cloudtrail:LookupEvents") {
			t.Errorf("forbidden: hint %q", e.Hint)
		}
		for _, tun := range c.Tunnels {
			if strings.Contains(fmt.Sprintf("%v %+v", err, e), tun.PreSharedKey.Reveal()) {
				t.Errorf("%s: the error carries a key", spec)
			}
		}
	}
}
