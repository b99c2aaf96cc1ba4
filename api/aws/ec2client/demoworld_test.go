package ec2client_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// An endpoint whose verdict is that it blocks every client has no client
// connected and none that moved a byte: the demo must not show traffic
// through an endpoint it says nothing gets through. Every endpoint of the
// seeded world is judged through the real client, so the check follows
// the verdict, not a name.
func TestAnEndpointThatBlocksEveryClientHasNoTraffic(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	blocking := 0
	for _, region := range []string{"us-east-1", "eu-west-1"} {
		eps, err := r.client.Endpoints(ctx, region, api.FirstPage(100))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range eps.Items {
			n, err1 := r.client.TargetNetworks(ctx, region, e.ID, api.FirstPage(100))
			rt, err2 := r.client.Routes(ctx, region, e.ID, api.FirstPage(100))
			ru, err3 := r.client.AuthorizationRules(ctx, region, e.ID, api.FirstPage(100))
			if err1 != nil || err2 != nil || err3 != nil {
				t.Fatal(err1, err2, err3)
			}
			blocks := false
			for _, a := range aws.Troubleshoot(e, n.Items, rt.Items, ru.Items) {
				blocks = blocks || a.Blocking
			}
			if !blocks {
				continue
			}
			blocking++
			conns, err := r.client.Connections(ctx, region, e.ID, aws.ConnectionFilter{}, api.FirstPage(1000))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range conns.Items {
				if c.Status == "active" || c.IngressBytes != 0 || c.EgressBytes != 0 {
					t.Errorf("%s blocks every client, yet %s is %s with %d bytes in, %d out",
						e.Name, c.Username, c.Status, c.IngressBytes, c.EgressBytes)
				}
			}
		}
	}
	if blocking == 0 {
		t.Fatal("no endpoint blocks every client: the check checked nothing")
	}
}

// A stuck connection's meaning does not repeat its status message, which
// the details show beside it: the advice is given once.
func TestAStuckConnectionsAdviceIsGivenOnce(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	e := endpointNamed(t, r, "us-east-1", "corp-vpn")
	conns, err := r.client.Connections(ctx, "us-east-1", e.ID, aws.ConnectionFilter{}, api.FirstPage(1000))
	if err != nil {
		t.Fatal(err)
	}
	stuck := 0
	for _, c := range conns.Items {
		if c.Status != "failed-to-terminate" {
			continue
		}
		stuck++
		why := aws.ExplainConnection(c)
		if c.StatusMessage != "" && strings.Contains(why, c.StatusMessage) {
			t.Errorf("%s: the meaning %q repeats the status message %q", c.ID, why, c.StatusMessage)
		}
		if !strings.Contains(why, "terminate it again") {
			t.Errorf("%s: the meaning %q says nothing to do", c.ID, why)
		}
	}
	if stuck == 0 {
		t.Fatal("no stuck connection: the check checked nothing")
	}
}
