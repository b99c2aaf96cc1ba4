package emulator_test

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
)

// A fault on an action the emulator does not serve matched no call and
// injected nothing; Start refuses it, before listening, with the closest
// action served.
func TestStartRefusesFaultsOnActionsNotServed(t *testing.T) {
	for spec, want := range map[string]string{
		"503:action=DescribeVpnGatewayz":           "DescribeVpnGateway or DescribeVpnGateways?",
		"forbidden:action=DescribeClientVpnRoutes": "it serves CreateSslVpnServer, DescribeCustomerGateways, DescribeMetricList",
	} {
		f, err := emulator.ParseFault(spec)
		if err != nil {
			t.Fatal(err)
		}
		e, err := emulator.Start("127.0.0.1:0", emulator.Config{Faults: []emulator.Fault{f}})
		if err == nil {
			e.Close()
			t.Errorf("%q accepted", spec)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want it to say %q", spec, err, want)
		}
	}
}

// Actions are what the emulator dispatches: each is answered (perhaps
// with a missing parameter), none is an unknown API, and a fault on one
// hits it.
func TestEveryActionServedTakesAFault(t *testing.T) {
	e := start(t)
	for _, a := range e.Actions() {
		if status, body := call(t, e, map[string]string{"Action": a}, nil); body["Code"] == "InvalidApi.NotFound" {
			t.Errorf("%s listed as served, answered %d %v", a, status, body)
		}
		f, err := emulator.ParseFault("forbidden:action=" + a)
		if err != nil {
			t.Fatal(err)
		}
		e.SetFaults(f)
		if status, body := call(t, e, map[string]string{"Action": a}, nil); status != 403 {
			t.Errorf("forbidden:action=%s: %d %v", a, status, body)
		}
		e.SetFaults()
	}
	if len(e.Actions()) < 10 {
		t.Errorf("Actions: %v", e.Actions())
	}
}
