package alibaba_test

import (
	"strings"
	"testing"

	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/alibaba"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
)

// A service that answers a page of connections with far more rows than
// asked (the oversize fault: 4×) is not believed: each gateway with
// connections is rolled up as not read, unknown, and is an unknown finding
// saying why; no connection of the oversized pages is judged; only the
// gateways with no connection at all count as read. (A page of 200,000
// rows once ended the walk of prod-hz-core's 520 connections, and the
// summary said every gateway's connections were read.)
func TestScanCountsAnOversizedPageAsNotReadNeverHealthy(t *testing.T) {
	r := newRig(t, emulator.Config{}, vpcclient.Options{Retry: api.RetryPolicy{Attempts: 1}})
	r.emu.SetFaults(mustFault(t, "oversize:action=DescribeVpnConnections"))
	findings, events := collect(t, r.client, alibaba.ScanOptions{Regions: []string{"cn-hangzhou"}})
	read, failed := map[string]bool{}, map[string]bool{}
	for _, e := range events {
		if e.Checked == nil {
			continue
		}
		if e.Checked.Failed {
			failed[e.Checked.GatewayID] = true
			if v := e.Checked.Verdict(); v != alibaba.VerdictUnknown {
				t.Errorf("%s rolled up %v", e.Checked.GatewayID, v)
			}
		} else {
			read[e.Checked.GatewayID] = true
		}
	}
	unknown := map[string]bool{}
	for _, f := range findings {
		if f.Connection != nil {
			t.Errorf("a connection of an oversized page judged: %s", f.Key())
		}
		// Unknown, or a worse finding (a locked gateway) that keeps the
		// lead and says it too.
		said := f.Impact == api.Unknown || len(f.Also) > 0 && f.Also[len(f.Also)-1].Phase == "unreadable"
		if f.Resource == "gateway" && said && strings.Contains(f.Reason, "OversizedPage") {
			unknown[f.GatewayID] = true
		}
	}
	big := bigGateway(t, r)
	if !failed[big.ID] || !unknown[big.ID] || read[big.ID] {
		t.Errorf("prod-hz-core: not read %v, unknown finding %v, read %v", failed[big.ID], unknown[big.ID], read[big.ID])
	}
	for id := range failed {
		if !unknown[id] {
			t.Errorf("%s not read, and no finding says so", id)
		}
	}
	if len(failed) < 5 {
		t.Errorf("%d gateways not read; every one with a connection should be", len(failed))
	}
	for id := range read {
		p, err := r.client.Connections(t.Context(), hz, id, api.FirstPage(50))
		if e, ok := api.AsError(err); err == nil && len(p.Items) > 0 || ok && e.Code == "OversizedPage" {
			t.Errorf("%s counted as read, and has connections", id)
		}
	}
}
