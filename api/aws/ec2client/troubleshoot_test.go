package ec2client_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
)

// Each troubleshooting case of the emulator's world is explained, through
// the real client; a healthy endpoint gets no advice.
func TestTroubleshootEachCase(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	advise := func(name string) []aws.Advice {
		e := endpointNamed(t, r, "us-east-1", name)
		n, err1 := r.client.TargetNetworks(ctx, "us-east-1", e.ID, api.FirstPage(100))
		rt, err2 := r.client.Routes(ctx, "us-east-1", e.ID, api.FirstPage(100))
		ru, err3 := r.client.AuthorizationRules(ctx, "us-east-1", e.ID, api.FirstPage(100))
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatal(err1, err2, err3)
		}
		return aws.Troubleshoot(e, n.Items, rt.Items, ru.Items)
	}
	says := func(advice []aws.Advice, want string, blocking bool) {
		t.Helper()
		for _, a := range advice {
			if strings.Contains(a.Problem, want) && a.Blocking == blocking && a.Check != "" {
				return
			}
		}
		t.Errorf("no advice %q (blocking %v) in %+v", want, blocking, advice)
	}
	if a := advise("corp-vpn"); len(a) != 0 {
		t.Errorf("a healthy endpoint got advice: %+v", a)
	}
	says(advise("contractors"), "No target network is associated", true)
	lab := advise("lab")
	says(lab, "Route to 192.168.0.0/16 has no authorization rule", false)
	says(lab, "Route to 0.0.0.0/0 is failed", false)
	legacy := advise("legacy-office")
	says(legacy, "Connection logging is off", false)
	says(legacy, "overlaps the VPC", true)
}
