package ec2client_test

import (
	"context"
	"sort"
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
	says(lab, "Route to 192.168.0.0/16 goes through 1 of the 2 associated subnets", false)
	legacy := advise("legacy-office")
	says(legacy, "Connection logging is off", false)
	says(legacy, "overlaps the VPC", true)
}

// A verdict on missing lists says what it could not check and never that
// nothing stops clients (issue 16, defect 2).
func TestJudgeSaysWhatItCouldNotCheck(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	e := endpointNamed(t, r, "us-east-1", "corp-vpn")
	n, _ := r.client.TargetNetworks(ctx, "us-east-1", e.ID, api.FirstPage(100))
	rt, _ := r.client.Routes(ctx, "us-east-1", e.ID, api.FirstPage(100))
	ru, _ := r.client.AuthorizationRules(ctx, "us-east-1", e.ID, api.FirstPage(100))
	full := aws.Judge(e, aws.Lists{Networks: n.Items, Routes: rt.Items, Rules: ru.Items, NetworksRead: true, RoutesRead: true, RulesRead: true})
	if !full.Healthy() {
		t.Errorf("corp-vpn, all read: %+v", full)
	}
	partial := aws.Judge(e, aws.Lists{Networks: n.Items, Rules: ru.Items, NetworksRead: true, RulesRead: true})
	if partial.Healthy() || strings.Join(partial.Unchecked, ",") != "its routes" {
		t.Errorf("corp-vpn without its routes: %+v", partial)
	}
	lab := endpointNamed(t, r, "us-east-1", "lab")
	if v := aws.Judge(lab, aws.Lists{}); len(v.Advice) != 0 || len(v.Unchecked) != 3 {
		t.Errorf("lab with nothing read: advice built on nothing: %+v", v)
	}
	pending := endpointNamed(t, r, "us-east-1", "contractors")
	if v := aws.Judge(pending, aws.Lists{}); len(v.Advice) == 0 || !v.Advice[0].Blocking {
		t.Errorf("contractors' own state still tells: %+v", v)
	}
}

// Worst first puts the stuck connections first (issue 16, defect 3).
func TestConnectionRankWorstFirst(t *testing.T) {
	order := []string{"terminated", "active", "failed-to-terminate", "terminating"}
	sort.SliceStable(order, func(i, j int) bool { return aws.ConnectionRank(order[i]) < aws.ConnectionRank(order[j]) })
	if strings.Join(order, ",") != "failed-to-terminate,terminating,active,terminated" {
		t.Errorf("worst first: %v", order)
	}
	if aws.ConnectionRank("something-new") != 0 {
		t.Error("an unknown status must not sort as fine")
	}
}
