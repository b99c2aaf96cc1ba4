package alibaba

import (
	"context"
	"testing"

	"github.com/vpnscope/vpnscope/api"
)

// lockedWorld is a Client with one gateway locked for an overdue payment
// whose only connection still reports both phases up.
type lockedWorld struct{ Client }

func (lockedWorld) Gateways(context.Context, string, api.Cursor) (api.Page[Gateway], error) {
	return api.Page[Gateway]{Items: []Gateway{{ID: "vpn-1", Name: "locked", Status: "active", BusinessStatus: "FinancialLocked"}}, Total: 1}, nil
}

func (lockedWorld) Connections(_ context.Context, _, gatewayID string, _ api.Cursor) (api.Page[Connection], error) {
	if gatewayID != "" {
		return api.Page[Connection]{}, nil // the scan asks for the region's list
	}
	return api.Page[Connection]{Items: []Connection{{ID: "vco-1", GatewayID: "vpn-1", State: "active", Status: StatusIPsecEstablished}}, Total: 1}, nil
}

func (lockedWorld) IPsecServers(context.Context, string, string, api.Cursor) (api.Page[IPsecServer], error) {
	return api.Page[IPsecServer]{}, nil
}

// A connection on a locked gateway is traffic down for the lock, and its
// gateway's rollup counts it down, as its finding says, whatever its
// tunnels still report.
func TestScanCountsAConnectionOnALockedGatewayDown(t *testing.T) {
	events := make(chan ScanEvent)
	go Scan(context.Background(), lockedWorld{}, ScanOptions{Regions: []string{"r"}}, events)
	var conn *Finding
	var roll *GatewayRollup
	for e := range events {
		for i := range e.Findings {
			if e.Findings[i].Resource == "connection" {
				conn = &e.Findings[i]
			}
		}
		if e.Checked != nil {
			roll = e.Checked
		}
	}
	if conn == nil || conn.Impact != api.TrafficDown || conn.State != "locked" {
		t.Fatalf("the connection's finding: %+v", conn)
	}
	if roll == nil || roll.Down != 1 || roll.Verdict() != VerdictDown {
		t.Fatalf("the rollup: %+v", roll)
	}
}
