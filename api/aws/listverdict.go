package aws

import (
	"time"

	"github.com/vpnscope/vpnscope/api"
)

// The verdicts a list shows: the finding the problems scan makes of the
// row's resource (ConnectionFinding, GatewayFinding), so a row's mark,
// colour and worst-first place are the problems view's, never a judgement
// of the list's own.

// VerdictOfConnection is c's finding as a list row shows it.
func VerdictOfConnection(region string, g VPNGateway, cgw CustomerGateway, c VPNConnection, now time.Time) api.Verdict {
	return api.VerdictOf(shared(ConnectionFinding(region, g, cgw, c, now)), StateLifecycle(c.State))
}

// VerdictOfGateway is g's own finding (its state) as a list row shows it;
// its connections are its rollup's (GatewayRollup).
func VerdictOfGateway(region string, g VPNGateway) api.Verdict {
	return api.VerdictOf(shared(GatewayFinding(region, g)), StateLifecycle(g.State))
}

// shared is f's api.Finding; nil for none.
func shared(f *Finding) *api.Finding {
	if f == nil {
		return nil
	}
	return &f.Finding
}
