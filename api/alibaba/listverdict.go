package alibaba

import "github.com/vpnscope/vpnscope/api"

// The verdicts a list shows: the finding the problems scan makes of the
// row's resource (ConnectionFinding, GatewayFinding), so a row's mark,
// colour and worst-first place are the problems view's, never a judgement
// of the list's own.

// VerdictOfConnection is c's finding as a list row shows it, on gateway g
// (whose lock stops it, as the scan says).
func VerdictOfConnection(region string, g Gateway, c Connection) api.Verdict {
	st, _ := connectionState(c.State)
	return api.VerdictOf(shared(ConnectionFinding(region, g, c)), st.lifecycle)
}

// VerdictOfGateway is g's own finding (its lock, its state) as a list row
// shows it; its connections are its rollup's.
func VerdictOfGateway(region string, g Gateway) api.Verdict {
	return api.VerdictOf(shared(GatewayFinding(region, g)), gatewayLifecycle(g.Status))
}

// shared is f's api.Finding; nil for none.
func shared(f *Finding) *api.Finding {
	if f == nil {
		return nil
	}
	return &f.Finding
}
