package alibaba_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// FuzzValidatorAgreesWithTheEmulator: the validator never panics, and any
// spec it lets through (no blocker) is accepted by the emulator, whose
// checks are written independently, over the real SDK.
func FuzzValidatorAgreesWithTheEmulator(f *testing.F) {
	f.Add("office", "172.31.0.0/26", "10.0.0.0/8", "UDP", "AES-128-CBC", 1194, false, "", "")
	f.Add("", "192.168.240.0/20", "10.0.0.0/8,172.16.0.0/12", "", "", 0, true, "idaas-x", "cn-hangzhou")
	f.Add("https://x", "10.0.0.0/30", "10.0.0.0/7", "udp", "AES", 443, true, "", "")
	f.Add("n", "47.100.0.0/26", " 10.0.0.1/8 ", "TCP", "none", 65535, false, "", "")
	f.Add("x", " 172.31.0.0/26", "10.0.0.0/8 ", "UDP", "", 1, false, "", "")
	f.Add("dup", "172.31.0.0/26", "10.0.0.0/8,10.0.0.0/8", "UDP", "", 1194, false, "", "") // a repeat: both take it
	r := newRig(f, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
	gw := gatewayNamed(f, r, "staging-hz")
	facts := alibaba.FactsOf(gw, nil)
	f.Fuzz(func(t *testing.T, name, pool, locals, proto, cipher string, port int, mfa bool, idaas, idaasRegion string) {
		spec := alibaba.SSLServerSpec{GatewayID: gw.ID, Name: name, ClientIPPool: pool, Proto: proto, Cipher: cipher,
			Port: port, MFA: mfa, IDaaSInstanceID: idaas, IDaaSRegionID: idaasRegion}
		for _, l := range strings.Split(locals, ",") {
			if strings.TrimSpace(l) != "" {
				spec.LocalSubnets = append(spec.LocalSubnets, l)
			}
		}
		problems := alibaba.ValidateSSLServer(spec, facts)
		if problems.Blocking() {
			return
		}
		_, err := r.client.CreateSSLServer(context.Background(), hz, spec, "")
		r.emu.RemoveSSLServer(hz, gw.ID)
		if e, ok := api.AsError(err); ok && e.Code == "InvalidIDaaSInstanceId.NotFound" {
			return // whether an IDaaS instance exists only the service can know
		}
		if err != nil {
			t.Fatalf("the validator accepted %+v (warnings %+v) but the emulator refused it: %v", spec, problems, err)
		}
	})
}
