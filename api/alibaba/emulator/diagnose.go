package emulator

import "fmt"

// DiagnoseVpnConnections: the service's own diagnosis, one record per
// connection (or per tunnel of a dual-tunnel connection), in a bare
// VpnConnections array. Failing tunnels get their failure's code, reason,
// mismatched parameters and a source log line.

func (s *Server) diagnoseVpnConnections(req *request) (any, *apiError) {
	r := s.world[req.region]
	gw := req.params.Get("VpnGatewayId")
	if gw == "" {
		return nil, missing("VpnGatewayId")
	}
	if r.gateway(gw) == nil {
		return nil, gatewayNotFound(404)
	}
	want := map[string]bool{}
	for n := 1; n <= 20; n++ {
		if id := req.params.Get(fmt.Sprintf("VpnConnectionIds.%d", n)); id != "" {
			want[id] = true
		}
	}
	records := []map[string]any{}
	for _, c := range r.connections[gw] {
		if len(want) > 0 && !want[c.VpnConnectionId] {
			continue
		}
		if c.TunnelOptionsSpecification == nil {
			records = append(records, s.diagnosis(c, "", c.Status, c.IkeConfig.LocalId, c.IkeConfig.RemoteId))
			continue
		}
		for _, t := range c.TunnelOptionsSpecification.TunnelOptions {
			records = append(records, s.diagnosis(c, t.TunnelId, t.Status, t.InternetIp, c.IkeConfig.RemoteId))
		}
	}
	number, size, lo, hi, err := pageWindow(req.params, len(records), 50)
	if err != nil {
		return nil, err
	}
	return map[string]any{"PageNumber": number, "PageSize": size, "TotalCount": len(records), "VpnConnections": records[lo:hi]}, nil
}

func (s *Server) diagnosis(c *connection, tunnelID, status, local, peer string) map[string]any {
	rec := map[string]any{"VpnConnectionId": c.VpnConnectionId, "Name": c.Name, "VpnGatewayId": c.VpnGatewayId,
		"Status": status, "Severity": "Normal"}
	if tunnelID != "" {
		rec["TunnelId"] = tunnelID
	}
	kind := failureOf(c, status) // ike_sa_established has one when its phase 2 fails
	if kind == 0 {
		return rec
	}
	f := failureLogs[kind]
	rec["Severity"] = "Critical"
	rec["FailedReasonCode"] = f.code
	rec["FailedReason"] = f.reason
	rec["FailedTime"] = s.cfg.Now().Add(-failedAgo).UnixMilli()
	rec["SourceLog"] = fmt.Sprintf(f.lines[0], local, peer)
	rec["MismatchLocalParam"] = f.local
	rec["MismatchRemoteParam"] = f.remote
	return rec
}
